#include "domain/enforcement/tip_store_internal.h"

#include "base/text.h"

namespace pcmd::enforcement::internal {

const char* const kCols =
    "id, unit_code, channel, kind, received_at, received_on, establishment_id, place, "
    "subject_unit, "
    "content, is_anonymous, status, assignee, deadline_days, extended_days, extensions, deadline, "
    "verified_at, classified_at, assigned_at, handled_at, closed_at, outcome, transferred_to, "
    "inspection_id, version, created_at, updated_at, created_by, updated_by, deleted_at";

Tip FromRow(const Row& r) {
  Tip t;
  t.id = r.Text(0);
  t.unit_code = r.Text(1);
  t.channel = r.Text(2);
  t.kind = r.Text(3);
  t.received_at = r.Text(4);
  t.received_on = Date::Parse(r.Text(5)).value_or(Date());
  t.establishment_id = r.Text(6);
  t.place = r.Text(7);
  t.subject_unit = r.Text(8);
  t.content = r.Text(9);
  t.is_anonymous = r.Int(10) != 0;
  t.status = ParseTipStatus(r.Text(11)).value_or(TipStatus::kReceived);
  t.assignee = r.Text(12);
  t.deadline_days = static_cast<int>(r.Int(13));
  t.extended_days = static_cast<int>(r.Int(14));
  t.extensions = static_cast<int>(r.Int(15));
  t.deadline = Date::Parse(r.Text(16)).value_or(Date());
  t.verified_at = r.Text(17);
  t.classified_at = r.Text(18);
  t.assigned_at = r.Text(19);
  t.handled_at = r.Text(20);
  t.closed_at = r.Text(21);
  t.outcome = r.Text(22);
  t.transferred_to = r.Text(23);
  t.inspection_id = r.Text(24);
  t.version = r.Int(25);
  t.created_at = r.Text(26);
  t.updated_at = r.Text(27);
  t.created_by = r.Text(28);
  t.updated_by = r.Text(29);
  t.is_deleted = !r.IsNull(30);
  return t;
}

Status NotFoundTip() {
  return base::NotFound("no such tip")
      .WithVi("Không tìm thấy tin báo")
      .WithMachineCode("not_found");
}

Status Stale() {
  return base::Conflict("the tip was changed by someone else; reload it")
      .WithVi("Tin đã được người khác sửa; hãy tải lại")
      .WithMachineCode("stale_version");
}

Status OnlyAssignedHandling() {
  return base::PermissionDenied("your role may only record the handling of tips assigned to you")
      .WithVi("Vai trò của bạn chỉ được ghi kết quả xử lý tin được giao cho mình")
      .WithMachineCode("forbidden");
}

std::vector<std::string> AssigneesOf(const Tip& t) {
  if (t.assignee.empty()) {
    return {};
  }
  return {t.assignee};
}

// May the subject change tips of this unit itself (create, edit, delete, run the steps)?
// Roles whose write scope is "assigned" only record the handling of their tips.
bool MayManage(const access::Policy& policy, const access::Subject& subject,
               const std::string& unit) {
  const Scope scope = access::Policy::ScopeOf(subject.role, Resource::kTip, Action::kUpdate);
  if (scope != Scope::kSubtree && scope != Scope::kAll) {
    return false;
  }
  return policy.Allows(subject, Action::kUpdate, {Resource::kTip, unit, {}});
}

Status InsertTip(Transaction& tx, const Tip& t) {
  return tx
      .Exec(std::string("INSERT INTO tips (") + kCols +
                ") VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, :12, :13, :14, :15, "
                ":16, :17, :18, :19, :20, :21, :22, :23, :24, :25, :26, :27, :28, :29, :30, NULL)",
            {t.id,
             t.unit_code,
             t.channel,
             t.kind,
             t.received_at,
             t.received_on.ToString(),
             t.establishment_id,
             t.place,
             t.subject_unit,
             t.content,
             t.is_anonymous ? 1 : 0,
             TipStatusId(t.status),
             t.assignee,
             t.deadline_days,
             t.extended_days,
             t.extensions,
             t.deadline.ToString(),
             t.verified_at,
             t.classified_at,
             t.assigned_at,
             t.handled_at,
             t.closed_at,
             t.outcome,
             t.transferred_to,
             t.inspection_id,
             t.version,
             t.created_at,
             t.updated_at,
             t.created_by,
             t.updated_by})
      .status();
}

// Stores `next` over the version `expected`; kConflict "stale_version" when it moved.
Status UpdateTip(Transaction& tx, const Tip& next, std::int64_t expected, bool is_delete) {
  PCMD_ASSIGN_OR_RETURN(
      std::int64_t changed,
      tx.Exec(std::string(
                  "UPDATE tips SET channel = :1, kind = :2, establishment_id = :3, place = :4, "
                  "subject_unit = :5, content = :6, status = :7, assignee = :8, "
                  "deadline_days = :9, extended_days = :10, extensions = :11, deadline = :12, "
                  "verified_at = :13, classified_at = :14, assigned_at = :15, handled_at = :16, "
                  "closed_at = :17, outcome = :18, transferred_to = :19, inspection_id = :20, "
                  "version = :21, updated_at = :22, updated_by = :23") +
                  (is_delete ? ", deleted_at = :24" : "") +
                  " WHERE id = :25 AND version = :26 AND deleted_at IS NULL",
              [&] {
                // Placeholders are bound in the order they appear: deleted_at's value, when
                // present, comes between updated_by's and id's.
                store::Params p = {next.channel, next.kind, next.establishment_id, next.place, next.subject_unit,
                                   next.content, TipStatusId(next.status), next.assignee, next.deadline_days,
                                   next.extended_days, next.extensions, next.deadline.ToString(), next.verified_at,
                                   next.classified_at, next.assigned_at, next.handled_at, next.closed_at, next.outcome,
                                   next.transferred_to, next.inspection_id, next.version, next.updated_at,
                                   next.updated_by};
                if (is_delete) p.emplace_back(next.updated_at);
                p.emplace_back(next.id);
                p.emplace_back(expected);
                return p;
              }()));
  if (changed == 0) {
    return Stale();
  }
  return Status::Ok();
}

Status AppendEvent(Transaction& tx, const std::string& tip_id, const TipEvent& e) {
  PCMD_ASSIGN_OR_RETURN(
      Rows rows,
      tx.Query("SELECT COALESCE(MAX(seq), 0) FROM tip_events WHERE tip_id = :1", {tip_id}));
  const std::int64_t seq = (rows.empty() ? 0 : rows[0].Int(0)) + 1;
  return tx
      .Exec(
          "INSERT INTO tip_events (tip_id, seq, step, at, by_account, note, assignee, kind, "
          "outcome, agency, days, legal_basis) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, "
          ":11, :12)",
          {tip_id, seq, e.step, e.at, e.by, e.note, e.assignee, e.kind, e.outcome, e.agency, e.days,
           e.legal_basis})
      .status();
}

Result<std::optional<Tip>> Load(Transaction& tx, const std::string& id) {
  PCMD_ASSIGN_OR_RETURN(
      Rows rows, tx.Query(std::string("SELECT ") + kCols + " FROM tips WHERE id = :1", {id}));
  if (rows.empty()) {
    return std::optional<Tip>();
  }
  return std::optional<Tip>(FromRow(rows[0]));
}

// The rule of a kind: the stored one, else the default.
Result<TipDeadlineRule> RuleOf(Transaction& tx, const std::string& kind) {
  TipDeadlineRule rule = DefaultTipDeadlineRule(kind);
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT days, max_extensions, max_extension_days FROM "
                                            "tip_deadline_rules WHERE kind = :1",
                                            {kind}));
  if (!rows.empty()) {
    rule.days = static_cast<int>(rows[0].Int(0));
    rule.max_extensions = static_cast<int>(rows[0].Int(1));
    rule.max_extension_days = static_cast<int>(rows[0].Int(2));
  }
  return rule;
}

void CheckText(base::Validation& v, const std::string& field, const std::string& text,
               std::size_t max, const std::string& label_vi, const std::string& label_en) {
  if (!base::IsValidUtf8(text) || base::Utf8Length(text) > max) {
    v.Add(field, "too_long", label_vi + " dài tối đa " + std::to_string(max) + " ký tự",
          label_en + " must be at most " + std::to_string(max) + " characters");
  }
}

void CheckCode(base::Validation& v, const records::CodeLists& codes, const std::string& field,
               const std::string& list, const std::string& code, const std::string& label_vi,
               const std::string& label_en) {
  if (code.empty()) {
    v.Add(field, "required", label_vi + " là bắt buộc", label_en + " is required");
    return;
  }
  auto active = codes.IsActive(list, code);
  if (!active.ok() || !*active) {
    v.Add(field, "invalid_code", label_vi + ": mã không có trong danh mục " + list,
          label_en + ": not a code of the list " + list);
  }
}

}  // namespace pcmd::enforcement::internal
