#include "api/yearly_plans_api.h"

#include <algorithm>

#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using planning::Task;
using planning::YearlyPlan;

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Unit names on today's tree, looked up once per reply.
class UnitNames {
 public:
  explicit UnitNames(const units::UnitTree& units) : units_(units) {}
  const std::string& Of(const std::string& code) {
    auto it = names_.find(code);
    if (it != names_.end()) return it->second;
    auto u = units_.Find(code, base::Date::Today());
    return names_[code] = u.ok() ? u->name : "";
  }

 private:
  const units::UnitTree& units_;
  std::map<std::string, std::string> names_;
};

std::vector<std::string> TaskSteps(planning::YearlyPlans& plans, const access::Subject& subject,
                                   const YearlyPlan& plan, const Task& task) {
  std::vector<std::string> out;
  const auto plan_steps = plans.StepsFor(subject, plan);
  if (std::find(plan_steps.begin(), plan_steps.end(), "update") != plan_steps.end())
    out.push_back("update");
  if (plan.status == "issued" && plans.Reports(subject, task)) out.push_back("progress");
  return out;
}

json TaskJson(const Task& t, UnitNames& names, const std::vector<std::string>& steps) {
  json reports = json::array();
  for (const auto& r : t.reports) {
    reports.push_back({{"version", r.version},
                       {"status", r.status},
                       {"note", OrNull(r.note)},
                       {"evidence", OrNull(r.evidence)},
                       {"evidence_file", OrNull(r.evidence_file)},
                       {"evidence_link", OrNull(r.evidence_link)},
                       {"at", r.at},
                       {"reported_by", r.by}});
  }
  return {{"id", t.id},
          {"plan", t.plan_id},
          {"title", t.title},
          {"description", t.description},
          {"assignee_unit", t.assignee_unit},
          {"assignee_unit_name", names.Of(t.assignee_unit)},
          {"lead_agency", OrNull(t.lead_agency)},
          {"cooperating", t.cooperating},
          {"deadline", t.deadline.ToString()},
          {"targets", t.targets},
          {"progress", t.progress},
          {"is_overdue", t.is_overdue},
          {"version", t.version},
          {"reports", reports},
          {"steps", steps},
          {"created_at", t.created_at},
          {"created_by", t.created_by},
          {"updated_at", t.updated_at},
          {"updated_by", t.updated_by}};
}

json CountsJson(const YearlyPlan& p) {
  json c = {{"tasks", p.tasks.size()},
            {"not_started", 0},
            {"in_progress", 0},
            {"done", 0},
            {"overdue", 0}};
  for (const auto& t : p.tasks) {
    c[t.progress] = c[t.progress].get<int>() + 1;
    if (t.is_overdue) c["overdue"] = c["overdue"].get<int>() + 1;
  }
  return c;
}

json HeaderJson(const YearlyPlan& p, UnitNames& names) {
  return {{"id", p.id},
          {"unit", p.unit_code},
          {"unit_name", names.Of(p.unit_code)},
          {"year", p.year},
          {"document_number", OrNull(p.document_number)},
          {"document_date", p.document_date ? json(p.document_date->ToString()) : json(nullptr)},
          {"title", p.title},
          {"plan", p.programme_plan},
          {"status", p.status},
          {"issued_at", OrNull(p.issued_at)},
          {"issued_by", OrNull(p.issued_by)},
          {"version", p.version},
          {"created_at", p.created_at},
          {"created_by", p.created_by},
          {"updated_at", p.updated_at},
          {"updated_by", p.updated_by},
          {"counts", CountsJson(p)}};
}

json PlanJson(planning::YearlyPlans& plans, const access::Subject& subject, const YearlyPlan& p,
              UnitNames& names) {
  json out = HeaderJson(p, names);
  json tasks = json::array();
  for (const auto& t : p.tasks)
    tasks.push_back(TaskJson(t, names, TaskSteps(plans, subject, p, t)));
  out["tasks"] = std::move(tasks);
  out["steps"] = plans.StepsFor(subject, p);
  return out;
}

// The reply of a plan write: the plan, or the error (a stale version with the plan as it is now).
http::Response PlanReply(int status, Call& call, planning::YearlyPlans& plans,
                         const units::UnitTree& units, const base::Result<YearlyPlan>& r) {
  UnitNames names(units);
  if (r.ok()) return JsonResponse(status, PlanJson(plans, call.subject(), *r, names));
  if (r.status().machine_code() != "stale_version") return ErrorResponse(r.status());
  auto current = plans.Get(call.subject(), call.request.path_params.at("id"));
  if (!current.ok()) return ErrorResponse(current.status());
  return StaleResponse(r.status(), PlanJson(plans, call.subject(), *current, names));
}

// The reply of a task write: the task, or the error (a stale version with the task as it is now).
http::Response TaskReply(int status, Call& call, planning::YearlyPlans& plans,
                         const units::UnitTree& units, const base::Result<Task>& r) {
  UnitNames names(units);
  const std::string& id = call.request.path_params.at("id");
  if (!r.ok() && r.status().machine_code() != "stale_version") return ErrorResponse(r.status());
  auto plan = plans.Get(call.subject(), id);
  if (!plan.ok()) return ErrorResponse(plan.status());
  const std::string task_id = r.ok() ? r->id : call.request.path_params.at("task");
  auto it = std::find_if(plan->tasks.begin(), plan->tasks.end(),
                         [&](const Task& t) { return t.id == task_id; });
  if (it == plan->tasks.end()) {
    if (!r.ok()) return ErrorResponse(r.status());
    return JsonResponse(status, TaskJson(*r, names, {}));
  }
  json body = TaskJson(r.ok() ? *r : *it, names, TaskSteps(plans, call.subject(), *plan, *it));
  if (!r.ok()) return StaleResponse(r.status(), body);
  return JsonResponse(status, body);
}

// Checks the linked targets against the programme plan `programme`'s targets.
void CheckTargets(BodyReader& reader, const analytics::IndicatorEngine& engine,
                  const std::string& programme, const std::vector<std::string>& targets) {
  const plan::Plan* p = engine.FindPlan(programme);
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const bool known = p && std::any_of(p->targets.begin(), p->targets.end(),
                                        [&](const plan::Target& t) { return t.id == targets[i]; });
    if (!known) {
      reader.AddError("targets[" + std::to_string(i) + "]", "not_found",
                      "Không có chỉ tiêu với mã này trong kế hoạch " + programme,
                      "no target with this code in plan " + programme);
    }
  }
}

// A task's fields from a body (all optional here; the module says which are required).
planning::TaskChange ReadTaskFields(BodyReader& r) {
  planning::TaskChange c;
  c.title = r.String("title", false, planning::kMaxTitleChars);
  c.description = r.String("description", false, planning::kMaxTextChars);
  c.assignee_unit = r.String("assignee_unit", false, 20);
  c.lead_agency = r.String("lead_agency", false, planning::kMaxAgencyChars);
  c.cooperating = r.StringList("cooperating", false);
  c.targets = r.StringList("targets", false);
  c.deadline = r.Date("deadline", false);
  return c;
}

std::optional<int> Year(BodyReader& r) {
  auto y = r.Int("year", false);
  if (!y) return std::nullopt;
  return static_cast<int>(std::clamp<std::int64_t>(*y, -1, 100000));
}

}  // namespace

void AddYearlyPlanRoutes(http::Router& router, Guard& guard, planning::YearlyPlans& plans,
                         const analytics::IndicatorEngine& engine, const units::UnitTree& units) {
  guard.Add(
      router, "POST", "/api/yearly-plans", "yearly_plan:create",
      [&plans, &engine, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        planning::NewPlan in;
        in.unit_code = reader->String("unit", true, 20).value_or("");
        in.title = reader->String("title", false, planning::kMaxTitleChars).value_or("");
        in.year = Year(*reader);
        in.document_number =
            reader->String("document_number", false, planning::kMaxNumberChars).value_or("");
        in.document_date = reader->Date("document_date", false);
        const auto plan = reader->String("plan", false, 64);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        if (plan && !engine.FindPlan(*plan)) {
          return ErrorResponse(base::Validation::Fail(
              "plan", "not_found", "Không có kế hoạch với mã này", "no plan with this id"));
        }
        in.programme_plan = plan.value_or(engine.plans().empty() ? "" : engine.plans().front().id);
        auto created = plans.Create(call.subject(), call.actor, in);
        if (!created.ok()) return ErrorResponse(created.status());
        UnitNames names(units);
        return JsonResponse(201, PlanJson(plans, call.subject(), *created, names));
      },
      "Draft a yearly plan (kế hoạch năm) of the caller's unit", "planning");
  guard.Add(
      router, "GET", "/api/yearly-plans", "yearly_plan:read",
      [&plans, &units](Call& call) {
        QueryParams q(call.request);
        const auto year = q.Int("year", planning::kMinYear, planning::kMaxYear);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto all = plans.List(call.subject(), year);
        if (!all.ok()) return ErrorResponse(all.status());
        UnitNames names(units);
        json items = json::array();
        for (const auto& p : *all) {
          json item = HeaderJson(p, names);
          item["steps"] = plans.StepsFor(call.subject(), p);
          items.push_back(std::move(item));
        }
        return JsonResponse(200, {{"items", items}, {"total", items.size()}});
      },
      "The yearly plans the caller makes or has tasks in, newest year first, with the counts of "
      "their tasks",
      "planning");
  guard.Add(
      router, "GET", "/api/yearly-plans/{id}", "yearly_plan:read",
      [&plans, &units](Call& call) {
        auto plan = plans.Get(call.subject(), call.request.path_params.at("id"));
        if (!plan.ok()) return ErrorResponse(plan.status());
        UnitNames names(units);
        return JsonResponse(200, PlanJson(plans, call.subject(), *plan, names));
      },
      "A yearly plan with the tasks the caller sees, their progress and what it may do",
      "planning");
  guard.Add(
      router, "PATCH", "/api/yearly-plans/{id}", "yearly_plan:update",
      [&plans, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const std::int64_t version = reader->Int("version", true).value_or(-1);
        planning::PlanChange change;
        change.title = reader->String("title", false, planning::kMaxTitleChars);
        change.document_number =
            reader->String("document_number", false, planning::kMaxNumberChars);
        change.year = Year(*reader);
        if (reader->Has("document_date"))
          change.document_date = reader->Date("document_date", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto r = plans.Update(call.subject(), call.actor, call.request.path_params.at("id"),
                              version, change);
        return PlanReply(200, call, plans, units, r);
      },
      "Change a draft plan's header (send its version)", "planning");
  guard.Add(
      router, "POST", "/api/yearly-plans/{id}/issue", "yearly_plan:update",
      [&plans, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const std::int64_t version = reader->Int("version", true).value_or(-1);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto r =
            plans.Issue(call.subject(), call.actor, call.request.path_params.at("id"), version);
        return PlanReply(200, call, plans, units, r);
      },
      "Issue a draft plan (ban hành): needs its document number and date and a task", "planning");
  guard.Add(
      router, "POST", "/api/yearly-plans/{id}/tasks", "yearly_plan:update",
      [&plans, &engine, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        planning::TaskChange f = ReadTaskFields(*reader);
        auto plan = plans.Get(call.subject(), call.request.path_params.at("id"));
        if (!plan.ok()) return ErrorResponse(plan.status());
        if (f.targets) CheckTargets(*reader, engine, plan->programme_plan, *f.targets);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        planning::NewTask in{f.title.value_or(""),
                             f.description.value_or(""),
                             f.assignee_unit.value_or(""),
                             f.lead_agency.value_or(""),
                             f.cooperating.value_or(std::vector<std::string>{}),
                             f.targets.value_or(std::vector<std::string>{}),
                             f.deadline};
        auto r = plans.AddTask(call.subject(), call.actor, plan->id, in);
        return TaskReply(201, call, plans, units, r);
      },
      "Add a task to a plan: the unit it is assigned to, agencies, deadline, linked targets",
      "planning");
  guard.Add(
      router, "PATCH", "/api/yearly-plans/{id}/tasks/{task}", "yearly_plan:update",
      [&plans, &engine, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const std::int64_t version = reader->Int("version", true).value_or(-1);
        planning::TaskChange f = ReadTaskFields(*reader);
        // A plan the caller does not see answers as a task it does not see (the module's miss).
        auto plan = plans.Get(call.subject(), call.request.path_params.at("id"));
        if (plan.ok() && f.targets) CheckTargets(*reader, engine, plan->programme_plan, *f.targets);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto r = plans.UpdateTask(call.subject(), call.actor, call.request.path_params.at("id"),
                                  call.request.path_params.at("task"), version, f);
        return TaskReply(200, call, plans, units, r);
      },
      "Change a task of a draft plan (send its version)", "planning");
  guard.Add(
      router, "POST", "/api/yearly-plans/{id}/tasks/{task}/progress", "plan_task:update",
      [&plans, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        const std::int64_t version = reader->Int("version", true).value_or(-1);
        planning::NewProgress in;
        in.status = reader->String("status", true, 20).value_or("");
        in.note = reader->String("note", false, planning::kMaxTextChars).value_or("");
        in.evidence = reader->String("evidence", false, planning::kMaxTextChars).value_or("");
        in.evidence_file = reader->String("evidence_file", false, 64).value_or("");
        in.evidence_link =
            reader->String("evidence_link", false, planning::kMaxLinkChars).value_or("");
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        auto r = plans.ReportProgress(call.subject(), call.actor, call.request.path_params.at("id"),
                                      call.request.path_params.at("task"), version, in);
        return TaskReply(200, call, plans, units, r);
      },
      "The assignee unit reports progress on a task of an issued plan (done needs evidence)",
      "planning");
  guard.Add(
      router, "GET", "/api/plan-tasks", "plan_task:read",
      [&plans, &units](Call& call) {
        QueryParams q(call.request);
        planning::TaskQuery query;
        query.assignee = q.Text("assignee", 20);
        if (auto o = q.Enum("overdue", {"true", "false"})) query.is_overdue = *o == "true";
        query.plan_id = q.Text("plan", 64);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto tasks = plans.Tasks(call.subject(), query);
        if (!tasks.ok()) return ErrorResponse(tasks.status());
        UnitNames names(units);
        json items = json::array();
        for (const auto& t : *tasks) {
          std::vector<std::string> steps;
          if (plans.Reports(call.subject(), t.task)) steps.push_back("progress");
          json item = TaskJson(t.task, names, steps);
          item["plan_unit"] = t.plan_unit;
          item["plan_unit_name"] = names.Of(t.plan_unit);
          item["plan_title"] = t.plan_title;
          item["plan_number"] = OrNull(t.plan_number);
          item["plan_year"] = t.plan_year;
          items.push_back(std::move(item));
        }
        return JsonResponse(200, {{"items", items}, {"total", items.size()}});
      },
      "Tasks of issued plans the caller reads (assigned to its units, or of plans it reads), by "
      "deadline; overdue=true for those past their deadline and not done",
      "planning");
}

}  // namespace pcmd::api
