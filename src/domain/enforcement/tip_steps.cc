// TipStore's handling steps (accept, assign, verify, handle, close, ... as tip_workflow.h allows
// them, each with its deadline rules) and a tip's history of them; the rest of the store is
// tip_store.cc.
#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include "base/id.h"
#include "base/text.h"
#include "domain/enforcement/tip_store.h"
#include "domain/enforcement/tip_store_internal.h"
#include "domain/records/period_locks.h"
#include "domain/records/record_store.h"

namespace pcmd::enforcement {

using namespace internal;  // NOLINT(google-build-using-namespace): this module's own helpers

Result<Tip> TipStore::Step(const access::Subject& subject, const store::Actor& actor,
                           const std::string& id, const TipStepInput& in) {
  PCMD_ASSIGN_OR_RETURN(Tip current, Get(subject, id));
  if (in.step == TipStep::kHandle) {
    if (!policy_.Allows(subject, Action::kUpdate,
                        {Resource::kTip, current.unit_code, AssigneesOf(current)})) {
      return OnlyAssignedHandling();
    }
  } else if (!MayManage(policy_, subject, current.unit_code)) {
    return OnlyAssignedHandling();
  }
  // The fields each step needs.
  base::Validation v;
  switch (in.step) {
    case TipStep::kVerify: break;
    case TipStep::kClassify:
      CheckCode(v, code_lists_, "kind", "tip_kind", in.kind, "Loại tin", "kind");
      break;
    case TipStep::kAssign:
      if (in.assignee.empty()) {
        v.Add("assignee", "required", "Người được giao là bắt buộc", "assignee is required");
      }
      break;
    case TipStep::kHandle:
      if (in.note.empty()) {
        v.Add("note", "required", "Kết quả xử lý là bắt buộc",
              "note (the result of the handling) is required");
      }
      break;
    case TipStep::kClose:
      CheckCode(v, code_lists_, "outcome", "tip_outcome", in.outcome, "Kết quả giải quyết",
                "outcome");
      break;
    case TipStep::kTransfer:
      if (in.agency.empty()) {
        v.Add("agency", "required", "Cơ quan tiếp nhận là bắt buộc", "agency is required");
      } else {
        CheckText(v, "agency", in.agency, kMaxAgency, "Cơ quan tiếp nhận", "agency");
      }
      break;
    case TipStep::kExtend:
      if (in.days <= 0) {
        v.Add("days", "required", "Số ngày gia hạn phải lớn hơn 0", "days must be more than 0");
      }
      if (in.note.empty()) {
        v.Add("note", "required", "Lý do gia hạn là bắt buộc", "note (the reason) is required");
      }
      break;
  }
  CheckText(v, "note", in.note, kMaxNote, "Ghi chú", "note");
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  PCMD_ASSIGN_OR_RETURN(TipStatus next_status, NextTipStatus(current.status, in.step, in.outcome));
  if (in.version != current.version) {
    return Stale();
  }
  if (in.step == TipStep::kAssign) {
    PCMD_RETURN_IF_ERROR(CheckAssignee(current, in.assignee));
  }
  if (in.step == TipStep::kHandle && !in.inspection_id.empty()) {
    std::optional<Row> row;
    PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(Rows rows,
                            tx.Query("SELECT type, unit_code, deleted_at, data FROM records "
                                     "WHERE id = :1",
                                     {in.inspection_id}));
      if (!rows.empty()) row = rows[0];
      return Status::Ok();
    }));
    bool visible = row && row->Text(0) == "inspection" && row->IsNull(2);
    if (visible) {
      std::vector<std::string> members;
      const records::Values values = records::DecodeValues(row->Text(3));
      if (auto it = values.find("members"); it != values.end()) {
        if (const auto* l = std::get_if<std::vector<std::string>>(&it->second)) {
          members = *l;
        }
      }
      if (access::Policy::ScopeOf(subject.role, Resource::kInspection, Action::kRead) !=
          Scope::kNone) {
        visible =
            policy_.Allows(subject, Action::kRead, {Resource::kInspection, row->Text(1), members});
      } else {
        // Roles that do not read inspections (intake officers) may name one of their units.
        PCMD_ASSIGN_OR_RETURN(auto units, UnitsInScope(subject, std::nullopt));
        visible = std::binary_search(units.begin(), units.end(), row->Text(1));
      }
    }
    if (!visible) {
      return base::Validation::Fail("inspection_id", "not_found",
                                    "Không tìm thấy cuộc kiểm tra này", "no such inspection");
    }
  }
  const std::string now = now_();
  const Date today = LocalDateOf(now);
  Tip next = current;
  next.status = next_status;
  next.version = current.version + 1;
  next.updated_at = now;
  next.updated_by = actor.id;
  TipEvent e;
  e.step = std::string(TipStepId(in.step));
  e.at = now;
  e.by = actor.id;
  e.note = in.note;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    switch (in.step) {
      case TipStep::kVerify: next.verified_at = now; break;
      case TipStep::kClassify: {
        next.classified_at = now;
        e.kind = in.kind;
        if (in.kind != current.kind) {
          next.kind = in.kind;
          PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, in.kind));
          next.deadline_days = rule.days;
          next.deadline = TipDeadline(next.received_on, next.deadline_days, next.extended_days);
        }
        break;
      }
      case TipStep::kAssign:
        next.assignee = in.assignee;
        next.assigned_at = now;
        e.assignee = in.assignee;
        break;
      case TipStep::kHandle:
        next.handled_at = now;
        if (!in.inspection_id.empty()) {
          next.inspection_id = in.inspection_id;
        }
        break;
      case TipStep::kClose:
        next.closed_at = now;
        next.outcome = in.outcome;
        if (next.handled_at.empty()) {
          next.handled_at = now;  // withdrawn while open
        }
        e.outcome = in.outcome;
        break;
      case TipStep::kTransfer:
        next.transferred_to = in.agency;
        next.outcome = std::string(kTransferredOutcome);
        next.handled_at = now;  // a transfer counts as handled on its date
        next.closed_at = now;
        e.agency = in.agency;
        e.outcome = next.outcome;
        break;
      case TipStep::kExtend: {
        PCMD_ASSIGN_OR_RETURN(TipDeadlineRule rule, RuleOf(tx, current.kind));
        if (current.extensions >= rule.max_extensions) {
          return base::FailedPrecondition("the tip was extended as often as its kind allows")
              .WithVi("Tin đã được gia hạn đủ số lần cho phép đối với loại tin này")
              .WithMachineCode("extension_limit");
        }
        if (today > current.deadline) {
          return base::FailedPrecondition(
                     "the deadline has passed; an extension is decided before it")
              .WithVi("Đã quá hạn giải quyết; việc gia hạn phải quyết định trước khi hết hạn")
              .WithMachineCode("deadline_passed");
        }
        if (in.days > rule.max_extension_days) {
          return base::Validation::Fail("days", "out_of_range",
                                        "Mỗi lần gia hạn không quá " +
                                            std::to_string(rule.max_extension_days) +
                                            " ngày đối với loại tin này",
                                        "an extension of this kind adds at most " +
                                            std::to_string(rule.max_extension_days) + " days");
        }
        next.extended_days = current.extended_days + in.days;
        next.extensions = current.extensions + 1;
        next.deadline = TipDeadline(next.received_on, next.deadline_days, next.extended_days);
        e.days = in.days;
        e.legal_basis = rule.basis_vi;
        break;
      }
    }
    PCMD_RETURN_IF_ERROR(UpdateTip(tx, next, in.version));
    PCMD_RETURN_IF_ERROR(AppendEvent(tx, id, e));
    return tx.AppendChange("tip", id, TipStepId(in.step));
  });
  if (!s.ok()) {
    return s;
  }
  Annotate(next, Today());
  return next;
}

Result<std::vector<TipEvent>> TipStore::History(const access::Subject& subject,
                                                const std::string& id) const {
  std::optional<Tip> tip;
  std::vector<TipEvent> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(tip, Load(tx, id));
    if (!tip) return Status::Ok();
    PCMD_ASSIGN_OR_RETURN(
        Rows rows, tx.Query("SELECT seq, step, at, by_account, note, assignee, kind, outcome, "
                            "agency, days, legal_basis FROM tip_events WHERE tip_id = :1 "
                            "ORDER BY seq",
                            {id}));
    for (const auto& r : rows) {
      TipEvent e;
      e.seq = r.Int(0);
      e.step = r.Text(1);
      e.at = r.Text(2);
      e.by = r.Text(3);
      e.note = r.Text(4);
      e.assignee = r.Text(5);
      e.kind = r.Text(6);
      e.outcome = r.Text(7);
      e.agency = r.Text(8);
      e.days = static_cast<int>(r.Int(9));
      e.legal_basis = r.Text(10);
      out.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  if (!tip || !policy_.Allows(subject, Action::kRead,
                              {Resource::kTip, tip->unit_code, AssigneesOf(*tip)})) {
    return NotFoundTip();
  }
  return out;
}

}  // namespace pcmd::enforcement
