#include "domain/enforcement/tip_store.h"

#include "domain/enforcement/tip_store_internal.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "base/id.h"
#include "base/text.h"
#include "domain/records/period_locks.h"
#include "domain/records/record_store.h"

namespace pcmd::enforcement {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

// ---- counts -----------------------------------------------------------------------------

void TipCounts::Add(const Tip& tip) {
  ++received;
  if (!tip.verified_at.empty()) {
    ++verified;
  }
  if (!tip.classified_at.empty()) {
    ++classified;
  }
  switch (tip.timeliness) {
    case Timeliness::kOnTime:
      ++handled;
      ++handled_on_time;
      break;
    case Timeliness::kLate:
      ++handled;
      ++handled_late;
      break;
    case Timeliness::kOverdue:
      ++open;
      ++overdue;
      break;
    case Timeliness::kDueSoon:
      ++open;
      ++due_soon;
      break;
    case Timeliness::kNotDue: ++open; break;
  }
}

// ---- the store --------------------------------------------------------------------------

void TipStore::Annotate(Tip& tip, Date today) const {
  std::optional<Date> handled_on;
  if (!tip.handled_at.empty()) {
    handled_on = LocalDateOf(tip.handled_at);
  }
  tip.timeliness = TimelinessOf(tip.deadline, handled_on, today);
  tip.days_left = tip.deadline.days() - today.days();
}

Result<std::vector<std::string>> TipStore::UnitsInScope(
    const access::Subject& subject, const std::optional<std::string>& unit) const {
  return units_.CodesBelow(subject.unit_code, unit);
}

// Checks the references of a tip's subject: an establishment the caller reads, a unit that
// exists on the received date.
Status TipStore::CheckSubject(const access::Subject& subject, const Tip& tip,
                              base::Validation& v) const {
  if (!tip.subject_unit.empty() && !units_.Find(tip.subject_unit, tip.received_on).ok()) {
    v.Add("subject_unit", "not_found", "Không có đơn vị với mã này vào ngày tiếp nhận",
          "no unit with that code on the received date");
  }
  if (tip.establishment_id.empty()) {
    return Status::Ok();
  }
  std::optional<Row> row;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query("SELECT type, unit_code, deleted_at FROM records WHERE id = :1",
                                   {tip.establishment_id}));
    if (!rows.empty()) row = rows[0];
    return Status::Ok();
  }));
  if (!row || row->Text(0) != "establishment" || !row->IsNull(2) ||
      !policy_.Allows(subject, Action::kRead, {Resource::kEstablishment, row->Text(1), {}})) {
    v.Add("establishment_id", "not_found", "Không tìm thấy cơ sở kinh doanh dịch vụ này",
          "no such establishment");
  }
  return Status::Ok();
}

Result<std::vector<access::Account>> TipStore::AssignableAccounts(const access::Subject& subject,
                                                                  const std::string& unit) const {
  std::vector<access::Account> out;
  // Only for units the caller works in: nobody learns who works elsewhere.
  if (!MayManage(policy_, subject, unit)) return out;
  PCMD_ASSIGN_OR_RETURN(auto accounts, accounts_.ListSystem());
  Tip probe;
  probe.unit_code = unit;
  for (const auto& a : accounts) {
    if (CheckAssignee(probe, a.id).ok()) out.push_back(a);
  }
  return out;
}

Status TipStore::CheckAssignee(const Tip& tip, const std::string& assignee) const {
  PCMD_ASSIGN_OR_RETURN(auto accounts, accounts_.ListSystem());
  const access::Account* found = nullptr;
  for (const auto& a : accounts) {
    if (a.id == assignee) {
      found = &a;
    }
  }
  if (!found) {
    return base::Validation::Fail("assignee", "not_found", "Không tìm thấy tài khoản được giao",
                                  "no such account");
  }
  if (found->is_disabled) {
    return base::Validation::Fail("assignee", "disabled", "Tài khoản được giao đã bị khóa",
                                  "the account is disabled");
  }
  using access::Role;
  const Role r = found->role;
  if (r != Role::kInspector && r != Role::kDistrictOfficer && r != Role::kProvinceOfficer &&
      r != Role::kIntakeOfficer) {
    return base::Validation::Fail(
        "assignee", "invalid_role",
        "Chỉ giao cho kiểm tra viên, cán bộ tiếp nhận, cán bộ huyện hoặc cán bộ Sở",
        "only inspectors, intake, district or province officers handle tips");
  }
  // The assignee must reach the tip once it is assigned: the tip's unit is the account's
  // unit or below it.
  const access::Subject as{found->id, found->role, found->unit_code};
  if (!policy_.Allows(as, Action::kRead, {Resource::kTip, tip.unit_code, {found->id}})) {
    return base::Validation::Fail(
        "assignee", "out_of_scope",
        "Người được giao phải thuộc đơn vị của tin hoặc cấp trên của đơn vị đó",
        "the account's unit must be the tip's unit or above it");
  }
  return Status::Ok();
}

Result<Tip> TipStore::Prepare(const access::Subject& subject, const NewTip& in) const {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kCreate);
  if (scope != Scope::kSubtree && scope != Scope::kAll) {
    return base::PermissionDenied("your role may not create tips")
        .WithVi("Vai trò của bạn không được phép tiếp nhận tin")
        .WithMachineCode("forbidden");
  }
  if (in.denouncer && access::Policy::ScopeOf(subject.role, Resource::kDenouncer,
                                              Action::kCreate) == Scope::kNone) {
    return Status(base::StatusCode::kPermissionDenied,
                  "your role may not record a denouncer's identity")
        .WithVi("Vai trò của bạn không được ghi thông tin người tố giác")
        .WithMachineCode("forbidden")
        .WithField({"denouncer", "forbidden",
                    "Vai trò của bạn không được ghi thông tin người tố giác",
                    "your role may not record a denouncer's identity"});
  }
  const Date today = Today();
  base::Validation v;
  Tip t;
  if (in.id && !base::IsUuid(*in.id)) {
    v.Add("id", "invalid_format", "Mã tin phải là UUID", "id must be a UUID");
  }
  t.id = in.id ? *in.id : base::NewUuid();
  for (auto& c : t.id) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto instant = ParseInstant(in.received_at);
  if (in.received_at.empty()) {
    v.Add("received_at", "required", "Thời điểm tiếp nhận là bắt buộc", "received_at is required");
  } else if (!instant.ok()) {
    v.Add("received_at", "invalid_format", "Thời điểm tiếp nhận " + instant.status().message_vi(),
          "received_at " + instant.status().message());
  } else if (instant->local_date > today) {
    v.Add("received_at", "in_future", "Thời điểm tiếp nhận không được ở tương lai",
          "received_at must not be in the future");
  } else {
    t.received_at = instant->iso_utc;
    t.received_on = instant->local_date;
  }
  const Date unit_date = instant.ok() ? instant->local_date : today;
  t.unit_code = in.unit_code;
  if (in.unit_code.empty()) {
    v.Add("unit", "required", "Đơn vị là bắt buộc", "unit is required");
  } else if (!units_.Find(in.unit_code, unit_date).ok()) {
    v.Add("unit", "not_found", "Không có đơn vị với mã này vào ngày tiếp nhận",
          "no unit with that code on the received date");
  } else if (!policy_.Allows(subject, Action::kCreate, {Resource::kTip, in.unit_code, {}})) {
    return base::Validation::Fail("unit", "out_of_scope",
                                  "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
                                  "the unit must be your unit or a unit below it");
  }
  t.channel = in.channel;
  t.kind = in.kind;
  CheckCode(v, code_lists_, "channel", "tip_channel", in.channel, "Hình thức tiếp nhận", "channel");
  CheckCode(v, code_lists_, "kind", "tip_kind", in.kind, "Loại tin", "kind");
  t.content = in.content;
  if (in.content.empty()) {
    v.Add("content", "required", "Nội dung là bắt buộc", "content is required");
  } else {
    CheckText(v, "content", in.content, kMaxContent, "Nội dung", "content");
  }
  t.place = in.place;
  CheckText(v, "place", in.place, kMaxPlace, "Địa điểm", "place");
  t.subject_unit = in.subject_unit;
  t.establishment_id = in.establishment_id;
  t.is_anonymous = in.is_anonymous;
  if (in.denouncer && in.is_anonymous) {
    v.Add("denouncer", "not_allowed", "Tin nặc danh không có thông tin người tố giác",
          "an anonymous tip has no identity");
  } else if (in.denouncer) {
    ValidateDenouncer(*in.denouncer, "denouncer.", v);
  }
  PCMD_RETURN_IF_ERROR(CheckSubject(subject, t, v));
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  return t;
}

Status TipStore::StoreNew(Transaction& tx, const store::Actor& actor, const NewTip& in, Tip& t,
                          const std::vector<std::string>& covering, bool* created) const {
  const std::string now = now_();
  t.status = TipStatus::kReceived;
  t.version = 1;
  t.created_at = t.updated_at = now;
  t.created_by = t.updated_by = actor.id;
  PCMD_ASSIGN_OR_RETURN(auto existing, Load(tx, t.id));
  if (existing) {
    bool same = !existing->is_deleted && existing->unit_code == t.unit_code &&
                existing->channel == t.channel && existing->kind == t.kind &&
                existing->received_at == t.received_at &&
                existing->establishment_id == t.establishment_id && existing->place == t.place &&
                existing->subject_unit == t.subject_unit && existing->content == t.content &&
                existing->is_anonymous == t.is_anonymous;
    if (same) {
      PCMD_ASSIGN_OR_RETURN(
          Rows ids, tx.Query("SELECT sealed FROM tip_denouncers WHERE tip_id = :1", {t.id}));
      if (ids.empty() != !in.denouncer.has_value()) {
        same = false;
      } else if (!ids.empty()) {
        auto plain = box_.Unseal(ids[0].Text(0), kDenouncerContext);
        same = plain.ok() && *plain == EncodeDenouncer(*in.denouncer);
      }
    }
    if (!same) {
      return base::Conflict("a different tip already has this id")
          .WithVi("Mã tin đã được dùng cho một tin khác")
          .WithMachineCode("id_conflict");
    }
    t = *existing;  // the same tip sent again
    return Status::Ok();
  }
  PCMD_RETURN_IF_ERROR(records::CheckPeriodOpen(tx, covering, t.received_on, "received_at"));
  PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, t.kind));
  t.deadline_days = rule.days;
  t.deadline = TipDeadline(t.received_on, t.deadline_days, 0);
  PCMD_RETURN_IF_ERROR(InsertTip(tx, t));
  TipEvent e;
  e.step = "receive";
  e.at = t.received_at;
  e.by = actor.id;
  e.kind = t.kind;
  PCMD_RETURN_IF_ERROR(AppendEvent(tx, t.id, e));
  PCMD_RETURN_IF_ERROR(tx.AppendChange("tip", t.id, "create"));
  if (in.denouncer) {
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO tip_denouncers (tip_id, sealed, created_at, created_by, "
                "updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6)",
                {t.id, box_.Seal(EncodeDenouncer(*in.denouncer), kDenouncerContext), now,
                 actor.id, now, actor.id})
            .status());
    PCMD_RETURN_IF_ERROR(tx.AppendChange("tip_denouncer", t.id, "create"));
  }
  *created = true;
  return Status::Ok();
}

Result<Tip> TipStore::Create(const access::Subject& subject, const store::Actor& actor,
                             const NewTip& in, bool* created) {
  *created = false;
  PCMD_ASSIGN_OR_RETURN(Tip t, Prepare(subject, in));
  PCMD_ASSIGN_OR_RETURN(auto covering, records::CoveringUnits(units_, t.unit_code, t.received_on));
  PCMD_RETURN_IF_ERROR(db_.Write(
      actor, [&](Transaction& tx) -> Status { return StoreNew(tx, actor, in, t, covering, created); }));
  Annotate(t, Today());
  return t;
}

Result<TipImportReport> TipStore::Import(const access::Subject& subject, const store::Actor& actor,
                                         const std::vector<TipImportRow>& rows, bool valid_only) {
  TipImportReport report;
  std::vector<std::pair<const TipImportRow*, Tip>> good;
  for (const auto& row : rows) {
    auto prepared = Prepare(subject, row.tip);
    if (prepared.ok()) {
      good.emplace_back(&row, std::move(prepared).value());
      continue;
    }
    if (prepared.status().code() == base::StatusCode::kPermissionDenied) return prepared.status();
    ++report.rejected;
    if (prepared.status().fields().empty()) {
      report.problems.push_back({row.line, "", prepared.status().machine_code(), prepared.status().message_vi(),
                                 prepared.status().message()});
    }
    for (const auto& f : prepared.status().fields()) {
      report.problems.push_back({row.line, f.field, f.code, f.message_vi, f.message_en});
    }
  }
  if ((!valid_only && !report.problems.empty()) || good.empty()) return report;
  std::vector<std::vector<std::string>> covering;
  for (const auto& [row, tip] : good) {
    PCMD_ASSIGN_OR_RETURN(auto units, records::CoveringUnits(units_, tip.unit_code, tip.received_on));
    covering.push_back(std::move(units));
  }
  int failed_line = 0;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    for (std::size_t i = 0; i < good.size(); ++i) {
      auto& [row, tip] = good[i];
      bool created = false;
      failed_line = row->line;
      PCMD_RETURN_IF_ERROR(StoreNew(tx, actor, row->tip, tip, covering[i], &created));
      ++(created ? report.created : report.unchanged);
    }
    return Status::Ok();
  });
  if (!s.ok() && s.code() == base::StatusCode::kConflict) {
    // One transaction: nothing of the file is stored.
    report.created = report.unchanged = 0;
    ++report.rejected;
    report.problems.push_back({failed_line, "id", s.machine_code(), s.message_vi(), s.message()});
    return report;
  }
  PCMD_RETURN_IF_ERROR(s);
  report.stored = true;
  return report;
}

Result<Tip> TipStore::Get(const access::Subject& subject, const std::string& id) const {
  std::optional<Tip> tip;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(tip, Load(tx, id));
    return Status::Ok();
  }));
  if (!tip || tip->is_deleted ||
      !policy_.Allows(subject, Action::kRead,
                      {Resource::kTip, tip->unit_code, AssigneesOf(*tip)})) {
    return NotFoundTip();
  }
  Annotate(*tip, Today());
  return *tip;
}

Result<TipPage> TipStore::List(const access::Subject& subject, const TipQuery& q) const {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kRead);
  if (scope == Scope::kNone) {
    return base::PermissionDenied("your role may not read tips");
  }
  std::string where = " FROM tips WHERE deleted_at IS NULL";
  store::Params p;
  if (subject.unit_code != "VN" || q.unit) {
    PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, q.unit));
    if (units.empty()) {
      return TipPage{};
    }
    where += " AND unit_code IN (";
    for (std::size_t i = 0; i < units.size(); ++i) {
      where += (i ? ", :u" : ":u") + std::to_string(i);
      p.emplace_back(units[i]);
    }
    where += ")";
  }
  if (scope == Scope::kAssigned) {
    where += " AND assignee = :me";
    p.emplace_back(subject.account_id);
  }
  if (q.from) {
    where += " AND received_on >= :f";
    p.emplace_back(q.from->ToString());
  }
  if (q.to) {
    where += " AND received_on <= :t";
    p.emplace_back(q.to->ToString());
  }
  if (q.status) {
    where += " AND status = :s";
    p.emplace_back(*q.status);
  }
  if (q.kind) {
    where += " AND kind = :k";
    p.emplace_back(*q.kind);
  }
  if (q.assignee) {
    where += " AND assignee = :a";
    p.emplace_back(*q.assignee);
  }
  const Date today = Today();
  if (q.due == "overdue") {
    where += std::string(" AND status IN ") + kOpenStatuses + " AND deadline < :d";
    p.emplace_back(today.ToString());
  } else if (q.due == "due_soon") {
    where +=
        std::string(" AND status IN ") + kOpenStatuses + " AND deadline >= :d1 AND deadline <= :d2";
    p.emplace_back(today.ToString());
    p.emplace_back(today.AddDays(kTipDueSoonDays).ToString());
  }
  TipPage page;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows count, tx.Query("SELECT COUNT(*)" + where, p));
    page.total = count.empty() ? 0 : count[0].Int(0);
    store::Params pp = p;
    pp.emplace_back(q.limit);
    pp.emplace_back(q.offset);
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT ") + kCols + where +
                                       " ORDER BY received_at DESC, id LIMIT :l OFFSET :o",
                                   pp));
    for (const auto& r : rows) {
      Tip t = FromRow(r);
      Annotate(t, today);
      page.items.push_back(std::move(t));
    }
    return Status::Ok();
  }));
  return page;
}

Result<Tip> TipStore::Update(const access::Subject& subject, const store::Actor& actor,
                             const std::string& id, const TipPatch& patch) {
  PCMD_ASSIGN_OR_RETURN(Tip current, Get(subject, id));
  if (!MayManage(policy_, subject, current.unit_code)) {
    return base::PermissionDenied("your role may not change tips")
        .WithVi("Vai trò của bạn không được sửa tin")
        .WithMachineCode("forbidden");
  }
  if (current.status != TipStatus::kReceived && current.status != TipStatus::kVerified) {
    return base::FailedPrecondition("a tip can be changed only before it is classified")
        .WithVi("Chỉ sửa được tin trước khi phân loại")
        .WithMachineCode("invalid_transition");
  }
  if (patch.version != current.version) {
    return Stale();
  }
  Tip next = current;
  base::Validation v;
  if (patch.channel) {
    next.channel = *patch.channel;
    CheckCode(v, code_lists_, "channel", "tip_channel", next.channel, "Hình thức tiếp nhận",
              "channel");
  }
  if (patch.kind) {
    next.kind = *patch.kind;
    CheckCode(v, code_lists_, "kind", "tip_kind", next.kind, "Loại tin", "kind");
  }
  if (patch.content) {
    next.content = *patch.content;
    if (next.content.empty()) {
      v.Add("content", "required", "Nội dung là bắt buộc", "content is required");
    } else {
      CheckText(v, "content", next.content, kMaxContent, "Nội dung", "content");
    }
  }
  if (patch.place) {
    next.place = *patch.place;
    CheckText(v, "place", next.place, kMaxPlace, "Địa điểm", "place");
  }
  if (patch.subject_unit) {
    next.subject_unit = *patch.subject_unit;
  }
  if (patch.establishment_id) {
    next.establishment_id = *patch.establishment_id;
  }
  Tip check = next;
  if (check.subject_unit == current.subject_unit) {
    check.subject_unit.clear();
  }
  if (check.establishment_id == current.establishment_id) {
    check.establishment_id.clear();
  }
  PCMD_RETURN_IF_ERROR(CheckSubject(subject, check, v));
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  const std::string now = now_();
  next.version = current.version + 1;
  next.updated_at = now;
  next.updated_by = actor.id;
  PCMD_ASSIGN_OR_RETURN(auto covering_before,
                        records::CoveringUnits(units_, current.unit_code, current.received_on));
  PCMD_ASSIGN_OR_RETURN(auto covering_after,
                        records::CoveringUnits(units_, next.unit_code, next.received_on));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(
        records::CheckPeriodOpen(tx, covering_before, current.received_on, "received_at"));
    PCMD_RETURN_IF_ERROR(
        records::CheckPeriodOpen(tx, covering_after, next.received_on, "received_at"));
    if (next.kind != current.kind) {
      PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, next.kind));
      next.deadline_days = rule.days;
      next.deadline = TipDeadline(next.received_on, next.deadline_days, next.extended_days);
    }
    PCMD_RETURN_IF_ERROR(UpdateTip(tx, next, patch.version));
    TipEvent e;
    e.step = "edit";
    e.at = now;
    e.by = actor.id;
    if (next.kind != current.kind) {
      e.kind = next.kind;
    }
    PCMD_RETURN_IF_ERROR(AppendEvent(tx, id, e));
    return tx.AppendChange("tip", id, "update");
  });
  if (!s.ok()) {
    return s;
  }
  Annotate(next, Today());
  return next;
}

Result<Tip> TipStore::Delete(const access::Subject& subject, const store::Actor& actor,
                             const std::string& id, std::int64_t version) {
  PCMD_ASSIGN_OR_RETURN(Tip current, Get(subject, id));
  if (!MayManage(policy_, subject, current.unit_code)) {
    return base::PermissionDenied("your role may not delete tips")
        .WithVi("Vai trò của bạn không được xóa tin")
        .WithMachineCode("forbidden");
  }
  Tip gone = current;
  const std::string now = now_();
  gone.version = current.version + 1;
  gone.updated_at = now;
  gone.updated_by = actor.id;
  gone.is_deleted = true;
  PCMD_ASSIGN_OR_RETURN(auto covering,
                        records::CoveringUnits(units_, current.unit_code, current.received_on));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(records::CheckPeriodOpen(tx, covering, current.received_on, "received_at"));
    PCMD_RETURN_IF_ERROR(UpdateTip(tx, gone, version, /*is_delete=*/true));
    TipEvent e;
    e.step = "delete";
    e.at = now;
    e.by = actor.id;
    PCMD_RETURN_IF_ERROR(AppendEvent(tx, id, e));
    return tx.AppendChange("tip", id, "delete");
  });
  if (!s.ok()) {
    return s;
  }
  Annotate(gone, Today());
  return gone;
}

}  // namespace pcmd::enforcement
