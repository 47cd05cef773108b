#include "domain/enforcement/inspection_plans.h"

#include <set>

#include <nlohmann/json.hpp>

#include "base/id.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/records/record_store.h"

namespace pcmd::enforcement {

using base::Result;
using base::Status;
using nlohmann::json;

namespace {

std::string TeamsText(const std::vector<PlanTeam>& teams) {
  json out = json::array();
  for (const auto& t : teams) {
    out.push_back({{"id", t.id}, {"monthly_capacity", t.monthly_capacity}, {"districts", t.districts}});
  }
  return out.dump();
}

std::vector<PlanTeam> TeamsOf(const std::string& text) {
  std::vector<PlanTeam> out;
  for (const auto& t : json::parse(text, nullptr, false)) {
    PlanTeam team;
    team.id = t.value("id", "");
    team.monthly_capacity = t.value("monthly_capacity", std::array<int, 12>{});
    team.districts = t.value("districts", std::vector<std::string>{});
    out.push_back(std::move(team));
  }
  return out;
}

std::string ItemsText(const std::vector<PlanItem>& items) {
  json out = json::array();
  for (const auto& i : items) {
    out.push_back({{"establishment_id", i.establishment_id}, {"district", i.district}, {"team_id", i.team_id},
                   {"month", i.month}, {"reasons", i.reasons}});
  }
  return out.dump();
}

std::vector<PlanItem> ItemsOf(const std::string& text) {
  std::vector<PlanItem> out;
  for (const auto& i : json::parse(text, nullptr, false)) {
    out.push_back({i.value("establishment_id", ""), i.value("district", ""), i.value("team_id", ""),
                   i.value("month", 0), i.value("reasons", std::vector<std::string>{})});
  }
  return out;
}

constexpr const char* kCols =
    "id, unit_code, year, first_month, status, teams, items, version, created_at, created_by, updated_at, "
    "updated_by, approved_at, approved_by";

StoredPlan FromRow(const store::Row& r) {
  StoredPlan p;
  p.id = r.Text(0);
  p.unit_code = r.Text(1);
  p.year = static_cast<int>(r.Int(2));
  p.first_month = static_cast<int>(r.Int(3));
  p.status = r.Text(4);
  p.teams = TeamsOf(r.Text(5));
  p.items = ItemsOf(r.Text(6));
  p.version = r.Int(7);
  p.created_at = r.Text(8);
  p.created_by = r.Text(9);
  p.updated_at = r.Text(10);
  p.updated_by = r.Text(11);
  p.approved_at = r.OptText(12).value_or("");
  p.approved_by = r.OptText(13).value_or("");
  return p;
}

Status NotFoundPlan() { return base::NotFound("no such plan").WithVi("Không tìm thấy kế hoạch"); }

Status Stale() {
  return base::Conflict("the plan was changed by someone else; reload it")
      .WithVi("Kế hoạch đã được người khác sửa; hãy tải lại")
      .WithMachineCode("stale_version");
}

}  // namespace

namespace {

// The refusal of a plan write: a role that never plans is forbidden; a unit outside the
// caller's reach is a field error, as for record creates.
Status RefuseWrite(const access::Subject& subject) {
  if (access::Policy::ScopeOf(subject.role, access::Resource::kInspection, access::Action::kCreate) !=
          access::Scope::kSubtree) {
    return base::PermissionDenied("your role may not plan inspections").WithMachineCode("forbidden");
  }
  return base::Validation::Fail("unit", "out_of_scope", "Chỉ được lập kế hoạch cho đơn vị thuộc phạm vi của mình",
                                "the unit must be your unit or a unit below it");
}

}  // namespace

bool InspectionPlans::May(const access::Subject& subject, access::Action action, const std::string& unit) const {
  // Reading: a plan concerns everyone of the unit who inspects (inspectors have the
  // "assigned" scope over inspections: the plan counts as theirs). Changing: no one is assigned.
  const std::vector<std::string> assignees =
      action == access::Action::kRead ? std::vector<std::string>{subject.account_id} : std::vector<std::string>{};
  return policy_.Allows(subject, action, {access::Resource::kInspection, unit, assignees});
}

Result<InspectionPlan> InspectionPlans::Propose(const access::Subject& subject, const std::string& unit,
                                                PlanInput input) const {
  if (!May(subject, access::Action::kCreate, unit)) return RefuseWrite(subject);
  PCMD_ASSIGN_OR_RETURN(auto statuses, establishments_.Statuses(subject, unit, input.year));
  input.establishments.clear();
  for (const auto& s : statuses) {
    if (s.is_closed) continue;
    int last_before = 0;
    for (int y : s.inspected_years) {
      if (y < input.year) last_before = y;
    }
    input.establishments.push_back({s.id, s.district_code, s.risk_score, s.open_tips, last_before,
                                    s.is_inspected_this_year});
  }
  return ProposeInspectionPlan(input);
}

Status InspectionPlans::CheckItems(const access::Subject& subject, const StoredPlan& plan) const {
  base::Validation v;
  if (plan.year < 2000 || plan.year > 2100) v.Add("year", "out_of_range", "Năm phải từ 2000 đến 2100", "year must be 2000..2100");
  std::set<std::string> teams;
  for (std::size_t i = 0; i < plan.teams.size(); ++i) {
    if (plan.teams[i].id.empty() || !teams.insert(plan.teams[i].id).second) {
      v.Add("teams[" + std::to_string(i) + "].id", "invalid", "Mã đoàn trống hoặc bị lặp", "team id empty or repeated");
    }
  }
  PCMD_ASSIGN_OR_RETURN(auto statuses, establishments_.Statuses(subject, plan.unit_code, plan.year));
  std::set<std::string> known;
  for (const auto& s : statuses) known.insert(s.id);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const PlanItem& item = plan.items[i];
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!known.count(item.establishment_id)) {
      v.Add(at + ".establishment_id", "not_found", "Cơ sở không thuộc đơn vị của kế hoạch",
            "the establishment is not one of the plan's unit");
    } else if (!seen.insert(item.establishment_id).second) {
      v.Add(at + ".establishment_id", "duplicate", "Cơ sở đã có trong kế hoạch", "the establishment is planned twice");
    }
    if (item.month < plan.first_month || item.month > 12) {
      v.Add(at + ".month", "out_of_range", "Tháng phải từ " + std::to_string(plan.first_month) + " đến 12",
            "month must be from " + std::to_string(plan.first_month) + " to 12");
    }
    if (!teams.count(item.team_id)) {
      v.Add(at + ".team_id", "not_found", "Đoàn kiểm tra không có trong kế hoạch", "no such team in the plan");
    }
  }
  return v.ToStatus();
}

Result<StoredPlan> InspectionPlans::Create(const access::Subject& subject, const store::Actor& actor, StoredPlan plan) {
  if (!May(subject, access::Action::kCreate, plan.unit_code)) return RefuseWrite(subject);
  if (plan.first_month < 1 || plan.first_month > 12) {
    return base::Validation::Fail("first_month", "out_of_range", "Tháng bắt đầu phải từ 1 đến 12",
                                  "first_month must be 1..12");
  }
  PCMD_RETURN_IF_ERROR(CheckItems(subject, plan));
  plan.id = base::NewUuid();
  plan.status = "draft";
  plan.version = 1;
  plan.created_at = plan.updated_at = base::NowIsoUtc();
  plan.created_by = plan.updated_by = actor.id;
  plan.approved_at.clear();
  plan.approved_by.clear();
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO inspection_plans (id, unit_code, year, first_month, status, teams, items, "
                                 "version, created_at, created_by, updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, "
                                 ":6, :7, :8, :9, :10, :11, :12)",
                                 {plan.id, plan.unit_code, plan.year, plan.first_month, plan.status,
                                  TeamsText(plan.teams), ItemsText(plan.items), plan.version, plan.created_at,
                                  plan.created_by, plan.updated_at, plan.updated_by})
                             .status());
    return tx.AppendChange("inspection_plan", plan.id, "create");
  }));
  return plan;
}

Result<StoredPlan> InspectionPlans::Get(const access::Subject& subject, const std::string& id) const {
  std::optional<StoredPlan> plan;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string("SELECT ") + kCols +
                                                         " FROM inspection_plans WHERE id = :1",
                                                     {id}));
    if (!rows.empty()) plan = FromRow(rows[0]);
    return Status::Ok();
  }));
  if (!plan || !May(subject, access::Action::kRead, plan->unit_code)) return NotFoundPlan();
  return std::move(*plan);
}

Result<std::vector<StoredPlan>> InspectionPlans::List(const access::Subject& subject,
                                                      const std::optional<std::string>& unit,
                                                      std::optional<int> year) const {
  std::vector<StoredPlan> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(std::string("SELECT ") + kCols +
                                                         " FROM inspection_plans ORDER BY year DESC, unit_code, created_at"));
    for (const auto& r : rows) {
      StoredPlan p = FromRow(r);
      if (unit && p.unit_code != *unit) continue;
      if (year && p.year != *year) continue;
      if (May(subject, access::Action::kRead, p.unit_code)) out.push_back(std::move(p));
    }
    return Status::Ok();
  }));
  return out;
}

Result<StoredPlan> InspectionPlans::Update(const access::Subject& subject, const store::Actor& actor,
                                           const std::string& id, std::int64_t version, std::vector<PlanTeam> teams,
                                           std::vector<PlanItem> items) {
  PCMD_ASSIGN_OR_RETURN(StoredPlan plan, Get(subject, id));
  if (!May(subject, access::Action::kUpdate, plan.unit_code)) return NotFoundPlan();
  if (plan.status != "draft") {
    return base::FailedPrecondition("an approved plan does not change").WithVi("Kế hoạch đã phê duyệt không sửa được");
  }
  plan.teams = std::move(teams);
  plan.items = std::move(items);
  PCMD_RETURN_IF_ERROR(CheckItems(subject, plan));
  plan.updated_at = base::NowIsoUtc();
  plan.updated_by = actor.id;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("UPDATE inspection_plans SET teams = :1, items = :2, version = :3, updated_at = :4, "
                                  "updated_by = :5 WHERE id = :6 AND version = :7 AND status = 'draft'",
                                  {TeamsText(plan.teams), ItemsText(plan.items), version + 1, plan.updated_at,
                                   plan.updated_by, id, version}));
    if (changed == 0) return Stale();
    return tx.AppendChange("inspection_plan", id, "update");
  }));
  plan.version = version + 1;
  return plan;
}

Result<StoredPlan> InspectionPlans::Approve(const access::Subject& subject, const store::Actor& actor,
                                            const std::string& id, std::int64_t version) {
  PCMD_ASSIGN_OR_RETURN(StoredPlan plan, Get(subject, id));
  if (!May(subject, access::Action::kUpdate, plan.unit_code)) return NotFoundPlan();
  if (plan.status != "draft") {
    return base::FailedPrecondition("the plan is approved already").WithVi("Kế hoạch đã được phê duyệt");
  }
  plan.status = "approved";
  plan.approved_at = plan.updated_at = base::NowIsoUtc();
  plan.approved_by = plan.updated_by = actor.id;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                          tx.Exec("UPDATE inspection_plans SET status = 'approved', version = :1, updated_at = :2, "
                                  "updated_by = :3, approved_at = :4, approved_by = :5 WHERE id = :6 AND version = :7 "
                                  "AND status = 'draft'",
                                  {version + 1, plan.updated_at, plan.updated_by, plan.approved_at, plan.approved_by,
                                   id, version}));
    if (changed == 0) return Stale();
    return tx.AppendChange("inspection_plan", id, "approve");
  }));
  plan.version = version + 1;
  return plan;
}

Result<PlanProgress> InspectionPlans::Progress(const access::Subject& subject, const StoredPlan& plan,
                                               CalendarDate today) const {
  (void)subject;  // the plan was read with the subject's access; done inspections are facts of the plan
  std::vector<DoneInspection> done;
  const std::string from = std::to_string(plan.year) + "-01-01", to = std::to_string(plan.year) + "-12-31";
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(store::Rows rows,
                          tx.Query("SELECT record_date, data FROM records WHERE type = :1 AND deleted_at IS NULL AND "
                                   "record_date >= :2 AND record_date <= :3",
                                   {Inspection().id, from, to}));
    for (const auto& r : rows) {
      const records::Values values = records::DecodeValues(r.Text(1));
      auto it = values.find("establishment");
      if (it == values.end() || !std::holds_alternative<std::string>(it->second)) continue;
      const std::string date = r.Text(0);
      done.push_back({std::get<std::string>(it->second),
                      {std::atoi(date.substr(0, 4).c_str()), std::atoi(date.substr(5, 2).c_str()),
                       std::atoi(date.substr(8, 2).c_str())}});
    }
    return Status::Ok();
  }));
  return TrackPlanProgress(plan.year, plan.items, done, today);
}

std::vector<store::Migration> InspectionPlanMigrations() {
  return {{411, "inspection_plans",
           "CREATE TABLE inspection_plans (id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, year INTEGER NOT NULL, "
           "first_month INTEGER NOT NULL, status TEXT NOT NULL, teams TEXT NOT NULL, items TEXT NOT NULL, "
           "version BIGINT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL, "
           "updated_by TEXT NOT NULL, approved_at TEXT, approved_by TEXT);\n"
           "CREATE INDEX inspection_plans_unit_year ON inspection_plans (unit_code, year)",
           ""}};
}

}  // namespace pcmd::enforcement
