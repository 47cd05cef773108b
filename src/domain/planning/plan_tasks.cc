// The tasks of yearly plans: adding and changing them, the assignees' progress reports, and the
// task lists across plans. YearlyPlans' contract is in yearly_plans.h.
#include <algorithm>
#include <set>

#include "base/id.h"
#include "base/text.h"
#include "domain/planning/yearly_plans.h"
#include "domain/planning/yearly_plans_internal.h"

namespace pcmd::planning {

using base::Result;
using base::Status;

namespace {

constexpr std::size_t kMaxFileIdChars = 64;

std::optional<std::string> OrNull(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

bool IsProgress(const std::string& s) {
  return s == "not_started" || s == "in_progress" || s == "done";
}

// The task's stored fields from a NewTask (already checked).
void Fill(Task& t, const NewTask& in) {
  t.title = std::string(base::TrimAscii(in.title));
  t.description = std::string(base::TrimAscii(in.description));
  t.assignee_unit = in.assignee_unit;
  t.lead_agency = std::string(base::TrimAscii(in.lead_agency));
  t.cooperating.clear();
  for (const auto& c : in.cooperating) t.cooperating.emplace_back(base::TrimAscii(c));
  t.targets = in.targets;
  t.deadline = *in.deadline;
}

store::Params TaskValues(const Task& t) {
  return {t.title,
          OrNull(t.description),
          t.assignee_unit,
          OrNull(t.lead_agency),
          OrNull(internal::JoinLines(t.cooperating)),
          t.deadline.ToString(),
          OrNull(internal::JoinLines(t.targets)),
          t.progress,
          t.version,
          t.updated_at,
          t.updated_by};
}

Task* FindTask(std::vector<Task>& tasks, const std::string& id) {
  auto it = std::find_if(tasks.begin(), tasks.end(), [&](const Task& t) { return t.id == id; });
  return it == tasks.end() ? nullptr : &*it;
}

}  // namespace

bool YearlyPlans::Reports(const access::Subject& subject, const Task& task) const {
  return policy_.Allows(subject, access::Action::kUpdate,
                        {access::Resource::kPlanTask, task.assignee_unit, {}});
}

void YearlyPlans::CheckTask(base::Validation& v, const YearlyPlan& plan,
                            const NewTask& task) const {
  internal::CheckText(v, "title", task.title, kMaxTitleChars, true, "tên nhiệm vụ");
  internal::CheckText(v, "description", task.description, kMaxTextChars, false, "nội dung");
  internal::CheckText(v, "lead_agency", task.lead_agency, kMaxAgencyChars, false,
                      "cơ quan chủ trì");
  if (task.cooperating.size() > kMaxCooperating) {
    v.Add("cooperating", "too_many",
          "Tối đa " + std::to_string(kMaxCooperating) + " cơ quan phối hợp",
          "at most " + std::to_string(kMaxCooperating) + " cooperating agencies");
  }
  for (std::size_t i = 0; i < task.cooperating.size() && i < kMaxCooperating; ++i) {
    internal::CheckText(v, "cooperating[" + std::to_string(i) + "]", task.cooperating[i],
                        kMaxAgencyChars, true, "cơ quan phối hợp");
  }
  if (task.targets.size() > kMaxTargets) {
    v.Add("targets", "too_many", "Tối đa " + std::to_string(kMaxTargets) + " chỉ tiêu",
          "at most " + std::to_string(kMaxTargets) + " targets");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < task.targets.size(); ++i) {
    if (!seen.insert(task.targets[i]).second) {
      v.Add("targets[" + std::to_string(i) + "]", "duplicate", "Chỉ tiêu bị lặp",
            "the target is listed twice");
    }
  }
  if (!task.deadline) {
    v.Add("deadline", "required", "Cần thời hạn hoàn thành", "deadline is required");
  } else if (task.deadline->year() < plan.year - 1 || task.deadline->year() > plan.year + 1) {
    v.Add("deadline", "outside_year", "Thời hạn phải trong năm của kế hoạch (hoặc năm liền kề)",
          "deadline must fall in the plan's year or the years next to it");
  }
  if (task.assignee_unit.empty()) {
    v.Add("assignee_unit", "required", "Cần đơn vị được giao nhiệm vụ",
          "assignee_unit is required");
    return;
  }
  auto below = units_.CodesBelow(plan.unit_code);
  if (!below.ok() || !std::binary_search(below->begin(), below->end(), task.assignee_unit)) {
    if (!units_.Find(task.assignee_unit, today_()).ok() &&
        !units_.Find(task.assignee_unit, base::Date::FromCivil(plan.year, 1, 1)).ok()) {
      v.Add("assignee_unit", "not_found", "Không có đơn vị với mã này", "no unit with this code");
    } else {
      v.Add("assignee_unit", "not_below",
            "Đơn vị được giao phải là đơn vị ban hành kế hoạch hoặc đơn vị trực thuộc",
            "the assignee unit must be the plan's unit or a unit below it");
    }
  }
}

Result<Task> YearlyPlans::AddTask(const access::Subject& subject, const store::Actor& actor,
                                  const std::string& plan_id, const NewTask& input) {
  Task task;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto stored, internal::ReadPlan(tx, plan_id));
    if (!stored) return internal::PlanNotFound();
    auto plan = Seen(subject, std::move(*stored));
    if (!plan) return internal::PlanNotFound();
    if (!Manages(subject, *plan)) return internal::Forbidden();
    base::Validation v;
    CheckTask(v, *plan, input);
    PCMD_RETURN_IF_ERROR(v.ToStatus());
    Fill(task, input);
    task.id = base::NewUuid();
    task.plan_id = plan_id;
    task.version = 1;
    task.created_at = task.updated_at = base::NowIsoUtc();
    task.created_by = task.updated_by = actor.id;
    store::Params params = {task.id, task.plan_id, task.created_at, task.created_by};
    const store::Params values = TaskValues(task);
    params.insert(params.end(), values.begin(), values.end());
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO plan_tasks (id, plan_id, created_at, created_by, title, "
                "description, assignee_unit, lead_agency, cooperating, deadline, targets, "
                "progress, version, updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6, :7, "
                ":8, :9, :10, :11, :12, :13, :14, :15)",
                params)
            .status());
    return tx.AppendChange("plan_task", task.id, "create");
  }));
  std::vector<Task> one = {task};
  MarkOverdue(one);
  return one.front();
}

Result<Task> YearlyPlans::UpdateTask(const access::Subject& subject, const store::Actor& actor,
                                     const std::string& plan_id, const std::string& task_id,
                                     std::int64_t version, const TaskChange& change) {
  Task task;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto stored, internal::ReadPlan(tx, plan_id));
    if (!stored) return internal::TaskNotFound();
    auto plan = Seen(subject, std::move(*stored));
    if (!plan) return internal::TaskNotFound();
    Task* found = FindTask(plan->tasks, task_id);
    if (!found) return internal::TaskNotFound();
    task = *found;
    if (!Manages(subject, *plan)) return internal::Forbidden();
    if (task.version != version) return internal::Stale("task");
    if (plan->status != "draft") return internal::NotWhile("changing a task", plan->status);
    NewTask merged{change.title.value_or(task.title),
                   change.description.value_or(task.description),
                   change.assignee_unit.value_or(task.assignee_unit),
                   change.lead_agency.value_or(task.lead_agency),
                   change.cooperating.value_or(task.cooperating),
                   change.targets.value_or(task.targets),
                   change.deadline ? change.deadline : std::optional<base::Date>(task.deadline)};
    base::Validation v;
    CheckTask(v, *plan, merged);
    PCMD_RETURN_IF_ERROR(v.ToStatus());
    Fill(task, merged);
    task.version = version + 1;
    task.updated_at = base::NowIsoUtc();
    task.updated_by = actor.id;
    store::Params params = TaskValues(task);
    params.insert(params.end(), {task_id, version});
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE plan_tasks SET title = :1, description = :2, assignee_unit = :3, "
                "lead_agency = :4, cooperating = :5, deadline = :6, targets = :7, progress = :8, "
                "version = :9, updated_at = :10, updated_by = :11 WHERE id = :12 AND version = :13",
                params));
    if (changed == 0) return internal::Stale("task");
    return tx.AppendChange("plan_task", task_id, "update");
  }));
  std::vector<Task> one = {task};
  MarkOverdue(one);
  return one.front();
}

Result<Task> YearlyPlans::ReportProgress(const access::Subject& subject, const store::Actor& actor,
                                         const std::string& plan_id, const std::string& task_id,
                                         std::int64_t version, const NewProgress& input) {
  base::Validation v;
  ProgressReport report;
  report.status = input.status;
  if (input.status.empty()) {
    v.Add("status", "required", "Cần tình trạng thực hiện", "status is required");
  } else if (!IsProgress(input.status)) {
    v.Add("status", "invalid_value",
          "Tình trạng: not_started (chưa thực hiện), in_progress (đang thực hiện) hoặc done (hoàn "
          "thành)",
          "status must be not_started, in_progress or done");
  }
  report.note = internal::CheckText(v, "note", input.note, kMaxTextChars, false, "ghi chú");
  report.evidence =
      internal::CheckText(v, "evidence", input.evidence, kMaxTextChars, false, "minh chứng");
  report.evidence_file = internal::CheckText(v, "evidence_file", input.evidence_file,
                                             kMaxFileIdChars, false, "tệp minh chứng");
  report.evidence_link = internal::CheckText(v, "evidence_link", input.evidence_link, kMaxLinkChars,
                                             false, "đường dẫn minh chứng");
  if (!report.evidence_link.empty() && report.evidence_link.rfind("https://", 0) != 0 &&
      report.evidence_link.rfind("http://", 0) != 0) {
    v.Add("evidence_link", "invalid_value", "Đường dẫn minh chứng phải bắt đầu bằng http(s)://",
          "evidence_link must start with http:// or https://");
  }
  if (input.status == "done" && report.evidence.empty() && report.evidence_file.empty() &&
      report.evidence_link.empty()) {
    v.Add("evidence", "required", "Cần minh chứng khi báo cáo hoàn thành",
          "evidence (text, file or link) is required to report a task done");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  Task task;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto stored, internal::ReadPlan(tx, plan_id));
    if (!stored) return internal::TaskNotFound();
    auto plan = Seen(subject, std::move(*stored));
    if (!plan) return internal::TaskNotFound();
    Task* found = FindTask(plan->tasks, task_id);
    if (!found) return internal::TaskNotFound();
    task = *found;
    if (!Reports(subject, task)) return internal::Forbidden();
    if (task.version != version) return internal::Stale("task");
    if (plan->status != "issued") return internal::NotWhile("reporting progress", plan->status);
    report.at = base::NowIsoUtc();
    report.by = actor.id;
    report.version = version + 1;
    task.progress = report.status;
    task.version = report.version;
    task.updated_at = report.at;
    task.updated_by = actor.id;
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE plan_tasks SET progress = :1, version = :2, updated_at = :3, updated_by = "
                ":4 WHERE id = :5 AND version = :6",
                {task.progress, task.version, task.updated_at, task.updated_by, task_id, version}));
    if (changed == 0) return internal::Stale("task");
    PCMD_RETURN_IF_ERROR(
        tx.Exec(
              "INSERT INTO plan_task_reports (task_id, version, status, note, evidence, "
              "evidence_file, evidence_link, at, actor) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, "
              ":9)",
              {task_id, report.version, report.status, OrNull(report.note), OrNull(report.evidence),
               OrNull(report.evidence_file), OrNull(report.evidence_link), report.at, report.by})
            .status());
    task.reports.push_back(report);
    return tx.AppendChange("plan_task", task_id, "progress");
  }));
  std::vector<Task> one = {task};
  MarkOverdue(one);
  return one.front();
}

Result<std::vector<TaskOfPlan>> YearlyPlans::Tasks(const access::Subject& subject,
                                                   const TaskQuery& query) const {
  std::vector<TaskOfPlan> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        store::Rows ids,
        tx.Query(
            "SELECT id FROM yearly_plans WHERE status = 'issued' ORDER BY plan_year DESC, id"));
    for (const auto& row : ids) {
      if (query.plan_id && row.Text(0) != *query.plan_id) continue;
      PCMD_ASSIGN_OR_RETURN(auto stored, internal::ReadPlan(tx, row.Text(0)));
      if (!stored) continue;
      auto plan = Seen(subject, std::move(*stored));
      if (!plan) continue;
      for (auto& t : plan->tasks) {
        if (query.assignee && t.assignee_unit != *query.assignee) continue;
        if (query.is_overdue && t.is_overdue != *query.is_overdue) continue;
        out.push_back(
            {std::move(t), plan->unit_code, plan->title, plan->document_number, plan->year});
      }
    }
    return Status::Ok();
  }));
  std::stable_sort(out.begin(), out.end(), [](const TaskOfPlan& a, const TaskOfPlan& b) {
    return a.task.deadline < b.task.deadline;
  });
  return out;
}

}  // namespace pcmd::planning
