#include "domain/reporting/report_rounds.h"

#include <algorithm>
#include <set>

#include "base/id.h"
#include "base/text.h"
#include "domain/reporting/report_rounds_internal.h"
#include "domain/reporting/round_documents.h"

namespace pcmd::reporting {

using base::Result;
using base::Status;

namespace internal {
namespace {

constexpr const char* kRoundCols =
    "id, name, kind, period, unit_code, reporting_level, due_on, plan_id, tree_on, version, "
    "created_at, created_by, "
    "updated_at, updated_by";

constexpr const char* kReportCols =
    "status, results, difficulties, proposals, return_comment, snapshot, version, is_late, "
    "created_at, created_by, "
    "updated_at, updated_by, first_submitted_at, submitted_at, submitted_by, returned_at, "
    "returned_by, approved_at, "
    "approved_by";

std::string Opt(const store::Row& r, std::size_t i) { return r.OptText(i).value_or(""); }

}  // namespace

Result<std::optional<Round>> ReadRound(store::Transaction& tx, const std::string& id) {
  PCMD_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kRoundCols + " FROM report_rounds WHERE id = :1", {id}));
  if (rows.empty()) return std::optional<Round>();
  const store::Row& r = rows[0];
  Round round;
  round.id = r.Text(0);
  round.name = r.Text(1);
  round.kind = r.Text(2);
  PCMD_ASSIGN_OR_RETURN(round.period, RoundPeriod::Parse(r.Text(3)));
  round.unit_code = r.Text(4);
  round.level = r.OptText(5);
  PCMD_ASSIGN_OR_RETURN(round.due_on, base::Date::Parse(r.Text(6)));
  round.plan_id = r.Text(7);
  if (auto t = r.OptText(8)) {
    PCMD_ASSIGN_OR_RETURN(base::Date tree_on, base::Date::Parse(*t));
    round.tree_on = tree_on;
  }
  round.version = r.Int(9);
  round.created_at = r.Text(10);
  round.created_by = r.Text(11);
  round.updated_at = r.Text(12);
  round.updated_by = r.Text(13);
  PCMD_ASSIGN_OR_RETURN(
      store::Rows units,
      tx.Query("SELECT unit_code FROM report_round_units WHERE round_id = :1 ORDER BY unit_code",
               {id}));
  for (const auto& u : units) round.units.push_back(u.Text(0));
  return std::optional<Round>(std::move(round));
}

Result<UnitReport> ReadReport(store::Transaction& tx, const std::string& round_id,
                              const std::string& unit) {
  UnitReport rep;
  rep.round_id = round_id;
  rep.unit_code = unit;
  PCMD_ASSIGN_OR_RETURN(store::Rows rows,
                        tx.Query(std::string("SELECT ") + kReportCols +
                                     " FROM unit_reports WHERE round_id = :1 AND unit_code = :2",
                                 {round_id, unit}));
  if (rows.empty()) return rep;
  const store::Row& r = rows[0];
  rep.status = r.Text(0);
  rep.results = r.Text(1);
  rep.difficulties = r.Text(2);
  rep.proposals = r.Text(3);
  rep.return_comment = Opt(r, 4);
  rep.snapshot = Opt(r, 5);
  rep.version = r.Int(6);
  rep.is_late = r.Int(7) != 0;
  rep.created_at = r.Text(8);
  rep.created_by = r.Text(9);
  rep.updated_at = r.Text(10);
  rep.updated_by = r.Text(11);
  rep.first_submitted_at = Opt(r, 12);
  rep.submitted_at = Opt(r, 13);
  rep.submitted_by = Opt(r, 14);
  rep.returned_at = Opt(r, 15);
  rep.returned_by = Opt(r, 16);
  rep.approved_at = Opt(r, 17);
  rep.approved_by = Opt(r, 18);
  PCMD_ASSIGN_OR_RETURN(
      store::Rows events,
      tx.Query(
          "SELECT version, action, at, actor, comment FROM unit_report_events WHERE round_id = :1 "
          "AND unit_code = :2 ORDER BY version",
          {round_id, unit}));
  for (const auto& e : events)
    rep.history.push_back({e.Int(0), e.Text(1), e.Text(2), e.Text(3), Opt(e, 4)});
  return rep;
}

Status RoundNotFound() {
  return base::NotFound("no such reporting round")
      .WithVi("Không tìm thấy đợt báo cáo")
      .WithMachineCode("not_found");
}

Status ReportNotFound() {
  return base::NotFound("no such report")
      .WithVi("Không tìm thấy báo cáo")
      .WithMachineCode("not_found");
}

Status Forbidden() {
  return base::PermissionDenied("your role may not do this to this report")
      .WithVi("Bạn không được phép thực hiện thao tác này với báo cáo")
      .WithMachineCode("forbidden");
}

Status Stale() {
  return base::Conflict("the report was changed by someone else; reload it")
      .WithVi("Báo cáo đã được người khác thay đổi; hãy tải lại")
      .WithMachineCode("stale_version");
}

}  // namespace internal

namespace {

// The units valid on `day`: code -> (parent code, level).
Result<std::map<std::string, std::pair<std::string, std::string>>> TreeOn(
    const units::UnitTree& units, base::Date day) {
  PCMD_ASSIGN_OR_RETURN(units::UnitPage page, units.List({.date = day, .limit = 10'000'000}));
  std::map<std::string, std::pair<std::string, std::string>> out;
  for (const auto& u : page.items) out[u.code] = {u.parent_code.value_or(""), u.level};
  return out;
}

bool IsBelow(const std::map<std::string, std::pair<std::string, std::string>>& tree,
             const std::string& unit, const std::string& ancestor) {
  auto it = tree.find(unit);
  for (int depth = 0; it != tree.end() && depth < 16; ++depth) {
    const std::string& parent = it->second.first;
    if (parent == ancestor) return true;
    it = tree.find(parent);
  }
  return false;
}

}  // namespace

bool ReportRounds::ReadsReport(const access::Subject& subject, const std::string& unit) const {
  return policy_.Allows(subject, access::Action::kRead, {access::Resource::kReport, unit, {}});
}

bool ReportRounds::Decides(const access::Subject& subject, const Round& round) const {
  return policy_.Allows(subject, access::Action::kUpdate,
                        {access::Resource::kReportRound, round.unit_code, {}});
}

bool ReportRounds::Sees(const access::Subject& subject, const Round& round) const {
  if (policy_.Allows(subject, access::Action::kRead,
                     {access::Resource::kReportRound, round.unit_code, {}})) {
    return true;
  }
  return std::any_of(round.units.begin(), round.units.end(),
                     [&](const std::string& u) { return ReadsReport(subject, u); });
}

Result<std::vector<std::string>> ReportRounds::UnitsOf(const NewRound& input,
                                                       const RoundPeriod& period,
                                                       base::Validation& v) const {
  std::vector<std::string> out;
  if (input.level.has_value() == input.units.has_value()) {
    v.Add("units", "required",
          "Cần chọn một trong hai: cấp đơn vị phải báo cáo (level) hoặc danh sách đơn vị (units)",
          "give either the level of the units that must report or their codes, not both");
    return out;
  }
  PCMD_ASSIGN_OR_RETURN(auto tree, TreeOn(units_, period.last));
  auto own = tree.find(input.unit_code);
  if (own == tree.end()) return out;  // the unit's own error is reported already
  if (input.level) {
    if (units::LevelRank(*input.level) <= units::LevelRank(own->second.second)) {
      v.Add("level", "invalid_value",
            "Cấp phải báo cáo phải thấp hơn cấp của đơn vị tổ chức đợt báo cáo",
            "level must be below the level of the round's unit");
      return out;
    }
    for (const auto& [code, node] : tree) {
      if (node.second == *input.level && IsBelow(tree, code, input.unit_code)) out.push_back(code);
    }
    if (out.empty()) {
      v.Add("level", "not_found", "Không có đơn vị nào ở cấp này thuộc đơn vị tổ chức vào cuối kỳ",
            "no unit of that level lies below the round's unit on the period's last day");
    }
    return out;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < input.units->size(); ++i) {
    const std::string& code = (*input.units)[i];
    const std::string at = "units[" + std::to_string(i) + "]";
    if (!tree.count(code)) {
      v.Add(at, "not_found", "Không có đơn vị với mã này vào cuối kỳ",
            "no unit with this code on the period's last day");
    } else if (!IsBelow(tree, code, input.unit_code)) {
      v.Add(at, "not_below", "Đơn vị phải báo cáo phải thuộc đơn vị tổ chức đợt báo cáo",
            "the unit must lie below the round's unit");
    } else if (!seen.insert(code).second) {
      v.Add(at, "duplicate", "Đơn vị bị lặp", "the unit is listed twice");
    } else {
      out.push_back(code);
    }
  }
  if (input.units->empty())
    v.Add("units", "required", "Cần ít nhất một đơn vị phải báo cáo",
          "at least one unit must report");
  std::sort(out.begin(), out.end());
  return out;
}

Result<Round> ReportRounds::Create(const access::Subject& subject, const store::Actor& actor,
                                   const NewRound& input) {
  if (access::Policy::ScopeOf(subject.role, access::Resource::kReportRound,
                              access::Action::kCreate) == access::Scope::kNone) {
    return base::PermissionDenied("your role may not run reporting rounds")
        .WithVi("Vai trò của bạn không được tổ chức đợt báo cáo")
        .WithMachineCode("forbidden");
  }
  base::Validation v;
  Round round;
  round.name = std::string(base::TrimAscii(input.name));
  if (round.name.empty()) {
    v.Add("name", "required", "Cần tên đợt báo cáo", "name is required");
  } else if (base::Utf8Length(round.name) > kMaxNameChars) {
    v.Add("name", "too_long",
          "Tên đợt báo cáo dài tối đa " + std::to_string(kMaxNameChars) + " ký tự",
          "name must be at most " + std::to_string(kMaxNameChars) + " characters");
  }
  round.kind = input.kind;
  if (!IsRoundKind(input.kind)) {
    v.Add("kind", "invalid_value",
          "Loại đợt báo cáo: six_month (6 tháng), year (năm) hoặc final_review (tổng kết)",
          "kind must be six_month, year or final_review");
  }
  auto period = RoundPeriod::Parse(input.period);
  if (!period.ok()) {
    for (const auto& f : period.status().fields())
      v.Add(f.field, f.code, f.message_vi, f.message_en);
  } else if (IsRoundKind(input.kind)) {
    if (Status s = CheckKindCoversPeriod(input.kind, *period); !s.ok()) {
      for (const auto& f : s.fields()) v.Add(f.field, f.code, f.message_vi, f.message_en);
    }
  }
  round.unit_code = input.unit_code;
  bool is_unit_known = false;
  if (!policy_.Allows(subject, access::Action::kCreate,
                      {access::Resource::kReportRound, input.unit_code, {}})) {
    v.Add("unit", "out_of_scope", "Chỉ được tổ chức đợt báo cáo cho đơn vị của mình",
          "the round's unit must be your unit or a unit below it");
  } else if (period.ok() && !units_.Find(input.unit_code, period->last).ok()) {
    v.Add("unit", "not_found", "Không có đơn vị với mã này vào cuối kỳ",
          "no unit with this code on the period's last day");
  } else {
    is_unit_known = period.ok();
  }
  if (!input.due_on) {
    v.Add("due_on", "required", "Cần hạn nộp báo cáo", "due_on is required");
  } else if (period.ok() && *input.due_on < period->first) {
    v.Add("due_on", "before_period", "Hạn nộp không được trước ngày đầu kỳ báo cáo",
          "due_on must not be before the period's first day");
  }
  if (input.plan_id.empty())
    v.Add("plan", "required", "Cần kế hoạch có chỉ tiêu của báo cáo", "plan is required");
  if (is_unit_known) {
    PCMD_ASSIGN_OR_RETURN(round.units, UnitsOf(input, *period, v));
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  round.id = base::NewUuid();
  round.period = *period;
  round.level = input.level;
  round.due_on = *input.due_on;
  round.plan_id = input.plan_id;
  round.tree_on = input.tree_on;
  round.version = 1;
  round.created_at = round.updated_at = base::NowIsoUtc();
  round.created_by = round.updated_by = actor.id;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(
        tx.Exec(
              "INSERT INTO report_rounds (id, name, kind, period, period_from, period_to, "
              "unit_code, reporting_level, "
              "due_on, plan_id, tree_on, version, created_at, created_by, updated_at, updated_by) "
              "VALUES (:1, :2, :3, "
              ":4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, :16)",
              {round.id, round.name, round.kind, round.period.id, round.period.first.ToString(),
               round.period.last.ToString(), round.unit_code, round.level, round.due_on.ToString(),
               round.plan_id,
               round.tree_on ? std::optional<std::string>(round.tree_on->ToString()) : std::nullopt,
               round.version, round.created_at, round.created_by, round.updated_at,
               round.updated_by})
            .status());
    for (const auto& u : round.units) {
      PCMD_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO report_round_units (round_id, unit_code) VALUES (:1, :2)",
                  {round.id, u})
              .status());
    }
    return tx.AppendChange("report_round", round.id, "create");
  }));
  return round;
}

Result<std::vector<Round>> ReportRounds::List(const access::Subject& subject) const {
  std::vector<Round> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        store::Rows ids,
        tx.Query("SELECT id FROM report_rounds ORDER BY period_to DESC, created_at DESC, id"));
    for (const auto& row : ids) {
      PCMD_ASSIGN_OR_RETURN(auto round, internal::ReadRound(tx, row.Text(0)));
      if (round && Sees(subject, *round)) out.push_back(std::move(*round));
    }
    return Status::Ok();
  }));
  return out;
}

Result<Round> ReportRounds::Get(const access::Subject& subject, const std::string& id) const {
  std::optional<Round> round;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(round, internal::ReadRound(tx, id));
    return Status::Ok();
  }));
  if (!round || !Sees(subject, *round)) return internal::RoundNotFound();
  return std::move(*round);
}

Result<Completeness> ReportRounds::CompletenessOf(const access::Subject& subject,
                                                  const Round& round) const {
  std::map<std::string, UnitProgress> stored;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        store::Rows rows,
        tx.Query(
            "SELECT unit_code, status, is_late, first_submitted_at, approved_at FROM unit_reports "
            "WHERE round_id = :1",
            {round.id}));
    for (const auto& r : rows) {
      stored[r.Text(0)] = {r.Text(0), r.Text(1), r.Int(2) != 0, r.OptText(3).value_or(""),
                           r.OptText(4).value_or("")};
    }
    return Status::Ok();
  }));
  Completeness c;
  for (const char* k : {"expected", "missing", "draft", "submitted", "returned", "approved",
                        "on_time", "late", "overdue"}) {
    c.counts[k] = 0;
  }
  const bool past_due = today_() > round.due_on;
  for (const auto& u : round.units) {
    if (!ReadsReport(subject, u)) continue;
    auto it = stored.find(u);
    UnitProgress p = it == stored.end() ? UnitProgress{u, "missing"} : it->second;
    ++c.counts["expected"];
    ++c.counts[p.status];
    if (!p.first_submitted_at.empty()) {
      ++c.counts[p.is_late ? "late" : "on_time"];
    } else if (past_due) {
      ++c.counts["overdue"];
    }
    c.units.push_back(std::move(p));
  }
  return c;
}

std::vector<store::Migration> ReportingMigrations() {
  return {{600, "reporting_rounds_and_unit_reports",
           "CREATE TABLE report_rounds (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT "
           "NULL, period TEXT NOT NULL, "
           "period_from TEXT NOT NULL, period_to TEXT NOT NULL, unit_code TEXT NOT NULL, "
           "reporting_level TEXT, "
           "due_on TEXT NOT NULL, plan_id TEXT NOT NULL, tree_on TEXT, version BIGINT NOT NULL, "
           "created_at TEXT NOT NULL, "
           "created_by TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);\n"
           "CREATE INDEX report_rounds_unit ON report_rounds (unit_code, period_to);\n"
           "CREATE TABLE report_round_units (round_id TEXT NOT NULL REFERENCES report_rounds (id), "
           "unit_code TEXT NOT NULL, PRIMARY KEY (round_id, unit_code));\n"
           "CREATE TABLE unit_reports (round_id TEXT NOT NULL REFERENCES report_rounds (id), "
           "unit_code TEXT NOT NULL, "
           "status TEXT NOT NULL, results TEXT NOT NULL, difficulties TEXT NOT NULL, proposals "
           "TEXT NOT NULL, "
           "return_comment TEXT, snapshot TEXT, version BIGINT NOT NULL, is_late INTEGER NOT NULL, "
           "created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL, "
           "updated_by TEXT NOT NULL, "
           "first_submitted_at TEXT, submitted_at TEXT, submitted_by TEXT, returned_at TEXT, "
           "returned_by TEXT, "
           "approved_at TEXT, approved_by TEXT, PRIMARY KEY (round_id, unit_code));\n"
           "CREATE TABLE unit_report_events (round_id TEXT NOT NULL, unit_code TEXT NOT NULL, "
           "version BIGINT NOT NULL, "
           "action TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, comment TEXT, "
           "PRIMARY KEY (round_id, unit_code, version))",
           ""},
          RoundDocumentMigration()};
}

}  // namespace pcmd::reporting
