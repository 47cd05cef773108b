// Yearly plans: reading rows, creating, listing, changing and issuing plans (the tasks and their
// progress are in plan_tasks.cc). YearlyPlans' contract is in yearly_plans.h.
#include "domain/planning/yearly_plans.h"

#include <algorithm>

#include "base/id.h"
#include "base/text.h"
#include "domain/planning/yearly_plans_internal.h"

namespace pcmd::planning {

using base::Result;
using base::Status;

namespace internal {
namespace {

constexpr const char* kPlanCols =
    "id, unit_code, plan_year, document_number, document_date, title, programme_plan, status, "
    "issued_at, issued_by, version, created_at, created_by, updated_at, updated_by";

constexpr const char* kTaskCols =
    "id, plan_id, title, description, assignee_unit, lead_agency, cooperating, deadline, targets, "
    "progress, version, created_at, created_by, updated_at, updated_by";

std::string Opt(const store::Row& r, std::size_t i) { return r.OptText(i).value_or(""); }

bool HasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += '\n';
    out += items[i];
  }
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

Result<std::vector<Task>> ReadTasks(store::Transaction& tx, const std::string& plan_id) {
  PCMD_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kTaskCols +
                   " FROM plan_tasks WHERE plan_id = :1 ORDER BY deadline, created_at, id",
               {plan_id}));
  std::vector<Task> out;
  for (const auto& r : rows) {
    Task t;
    t.id = r.Text(0);
    t.plan_id = r.Text(1);
    t.title = r.Text(2);
    t.description = Opt(r, 3);
    t.assignee_unit = r.Text(4);
    t.lead_agency = Opt(r, 5);
    t.cooperating = SplitLines(Opt(r, 6));
    PCMD_ASSIGN_OR_RETURN(t.deadline, base::Date::Parse(r.Text(7)));
    t.targets = SplitLines(Opt(r, 8));
    t.progress = r.Text(9);
    t.version = r.Int(10);
    t.created_at = r.Text(11);
    t.created_by = r.Text(12);
    t.updated_at = r.Text(13);
    t.updated_by = r.Text(14);
    out.push_back(std::move(t));
  }
  PCMD_ASSIGN_OR_RETURN(
      store::Rows reports,
      tx.Query("SELECT r.task_id, r.version, r.status, r.note, r.evidence, r.evidence_file, "
               "r.evidence_link, r.at, r.actor FROM plan_task_reports r JOIN plan_tasks t ON "
               "t.id = r.task_id WHERE t.plan_id = :1 ORDER BY r.task_id, r.version",
               {plan_id}));
  for (const auto& r : reports) {
    auto it =
        std::find_if(out.begin(), out.end(), [&](const Task& t) { return t.id == r.Text(0); });
    if (it == out.end()) continue;
    it->reports.push_back(
        {r.Int(1), r.Text(2), Opt(r, 3), Opt(r, 4), Opt(r, 5), Opt(r, 6), r.Text(7), r.Text(8)});
  }
  return out;
}

Result<std::optional<YearlyPlan>> ReadPlan(store::Transaction& tx, const std::string& id) {
  PCMD_ASSIGN_OR_RETURN(
      store::Rows rows,
      tx.Query(std::string("SELECT ") + kPlanCols + " FROM yearly_plans WHERE id = :1", {id}));
  if (rows.empty()) return std::optional<YearlyPlan>();
  const store::Row& r = rows[0];
  YearlyPlan p;
  p.id = r.Text(0);
  p.unit_code = r.Text(1);
  p.year = static_cast<int>(r.Int(2));
  p.document_number = Opt(r, 3);
  if (auto d = r.OptText(4)) {
    PCMD_ASSIGN_OR_RETURN(base::Date date, base::Date::Parse(*d));
    p.document_date = date;
  }
  p.title = r.Text(5);
  p.programme_plan = r.Text(6);
  p.status = r.Text(7);
  p.issued_at = Opt(r, 8);
  p.issued_by = Opt(r, 9);
  p.version = r.Int(10);
  p.created_at = r.Text(11);
  p.created_by = r.Text(12);
  p.updated_at = r.Text(13);
  p.updated_by = r.Text(14);
  PCMD_ASSIGN_OR_RETURN(p.tasks, ReadTasks(tx, p.id));
  return std::optional<YearlyPlan>(std::move(p));
}

Status PlanNotFound() {
  return base::NotFound("no such yearly plan")
      .WithVi("Không tìm thấy kế hoạch năm")
      .WithMachineCode("not_found");
}

Status TaskNotFound() {
  return base::NotFound("no such task")
      .WithVi("Không tìm thấy nhiệm vụ")
      .WithMachineCode("not_found");
}

Status Forbidden() {
  return base::PermissionDenied("your role may not do this to this plan or task")
      .WithVi("Bạn không được phép thực hiện thao tác này với kế hoạch hoặc nhiệm vụ")
      .WithMachineCode("forbidden");
}

Status Stale(const std::string& what) {
  return base::Conflict("the " + what + " was changed by someone else; reload it")
      .WithVi(what == "task" ? "Nhiệm vụ đã được người khác thay đổi; hãy tải lại"
                             : "Kế hoạch đã được người khác thay đổi; hãy tải lại")
      .WithMachineCode("stale_version");
}

Status NotWhile(const std::string& action, const std::string& status) {
  return base::FailedPrecondition(action + " is not allowed while the plan is " + status)
      .WithVi(status == "issued" ? "Không thể thực hiện khi kế hoạch đã ban hành"
                                 : "Không thể thực hiện khi kế hoạch chưa ban hành")
      .WithMachineCode("invalid_transition");
}

std::string CheckText(base::Validation& v, const std::string& field, const std::string& text,
                      std::size_t max_chars, bool required, const std::string& label_vi) {
  std::string out(base::TrimAscii(text));
  if (!base::IsValidUtf8(out) || HasControl(out)) {
    v.Add(field, "invalid_value", label_vi + " không phải văn bản hợp lệ",
          field + " is not valid text (UTF-8, no control characters)");
  } else if (out.empty() && required) {
    v.Add(field, "required", "Cần nhập " + label_vi, field + " is required");
  } else if (base::Utf8Length(out) > max_chars) {
    v.Add(field, "too_long", label_vi + " dài tối đa " + std::to_string(max_chars) + " ký tự",
          field + " must be at most " + std::to_string(max_chars) + " characters");
  }
  return out;
}

}  // namespace internal

namespace {

void CheckYear(base::Validation& v, std::optional<int> year) {
  if (!year) {
    v.Add("year", "required", "Cần năm của kế hoạch", "year is required");
  } else if (*year < kMinYear || *year > kMaxYear) {
    v.Add(
        "year", "invalid_value",
        "Năm của kế hoạch phải từ " + std::to_string(kMinYear) + " đến " + std::to_string(kMaxYear),
        "year must be between " + std::to_string(kMinYear) + " and " + std::to_string(kMaxYear));
  }
}

std::optional<std::string> OrNull(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

std::optional<std::string> DateOrNull(const std::optional<base::Date>& d) {
  return d ? std::optional<std::string>(d->ToString()) : std::nullopt;
}

}  // namespace

bool YearlyPlans::ReadsPlan(const access::Subject& subject, const std::string& unit) const {
  return policy_.Allows(subject, access::Action::kRead, {access::Resource::kYearlyPlan, unit, {}});
}

bool YearlyPlans::ReadsTask(const access::Subject& subject, const std::string& unit) const {
  return policy_.Allows(subject, access::Action::kRead, {access::Resource::kPlanTask, unit, {}});
}

bool YearlyPlans::Manages(const access::Subject& subject, const YearlyPlan& plan) const {
  return policy_.Allows(subject, access::Action::kUpdate,
                        {access::Resource::kYearlyPlan, plan.unit_code, {}});
}

void YearlyPlans::MarkOverdue(std::vector<Task>& tasks) const {
  const base::Date today = today_();
  for (auto& t : tasks) t.is_overdue = t.progress != "done" && t.deadline < today;
}

std::optional<YearlyPlan> YearlyPlans::Seen(const access::Subject& subject, YearlyPlan plan) const {
  MarkOverdue(plan.tasks);
  if (ReadsPlan(subject, plan.unit_code)) return plan;
  if (plan.status != "issued") return std::nullopt;
  std::erase_if(plan.tasks, [&](const Task& t) { return !ReadsTask(subject, t.assignee_unit); });
  if (plan.tasks.empty()) return std::nullopt;
  return plan;
}

std::vector<std::string> YearlyPlans::StepsFor(const access::Subject& subject,
                                               const YearlyPlan& plan) const {
  if (!Manages(subject, plan)) return {};
  if (plan.status == "draft") return {"update", "issue", "add_task"};
  return {"add_task"};
}

Result<YearlyPlan> YearlyPlans::Create(const access::Subject& subject, const store::Actor& actor,
                                       const NewPlan& input) {
  if (access::Policy::ScopeOf(subject.role, access::Resource::kYearlyPlan,
                              access::Action::kCreate) == access::Scope::kNone) {
    return base::PermissionDenied("your role may not make yearly plans")
        .WithVi("Vai trò của bạn không được lập kế hoạch năm")
        .WithMachineCode("forbidden");
  }
  base::Validation v;
  YearlyPlan plan;
  plan.title = internal::CheckText(v, "title", input.title, kMaxTitleChars, true, "tên kế hoạch");
  plan.document_number = internal::CheckText(v, "document_number", input.document_number,
                                             kMaxNumberChars, false, "số hiệu văn bản");
  CheckYear(v, input.year);
  if (input.unit_code.empty()) {
    v.Add("unit", "required", "Cần đơn vị ban hành kế hoạch", "unit is required");
  } else if (!policy_.Allows(subject, access::Action::kCreate,
                             {access::Resource::kYearlyPlan, input.unit_code, {}})) {
    v.Add("unit", "out_of_scope", "Chỉ được lập kế hoạch năm của đơn vị mình",
          "the plan's unit must be your own unit");
  } else if (!units_.Find(input.unit_code, today_()).ok() &&
             !(input.year &&
               units_.Find(input.unit_code, base::Date::FromCivil(*input.year, 1, 1)).ok())) {
    v.Add("unit", "not_found", "Không có đơn vị với mã này", "no unit with this code");
  }
  if (input.programme_plan.empty())
    v.Add("plan", "required", "Cần kế hoạch có chỉ tiêu", "plan is required");
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  plan.id = base::NewUuid();
  plan.unit_code = input.unit_code;
  plan.year = *input.year;
  plan.document_date = input.document_date;
  plan.programme_plan = input.programme_plan;
  plan.version = 1;
  plan.created_at = plan.updated_at = base::NowIsoUtc();
  plan.created_by = plan.updated_by = actor.id;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO yearly_plans (id, unit_code, plan_year, document_number, "
                "document_date, title, programme_plan, status, version, created_at, created_by, "
                "updated_at, updated_by) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11, "
                ":12, :13)",
                {plan.id, plan.unit_code, plan.year, OrNull(plan.document_number),
                 DateOrNull(plan.document_date), plan.title, plan.programme_plan, plan.status,
                 plan.version, plan.created_at, plan.created_by, plan.updated_at, plan.updated_by})
            .status());
    return tx.AppendChange("yearly_plan", plan.id, "create");
  }));
  return plan;
}

Result<std::vector<YearlyPlan>> YearlyPlans::List(const access::Subject& subject,
                                                  std::optional<int> year) const {
  std::vector<YearlyPlan> out;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(
        store::Rows ids,
        tx.Query("SELECT id FROM yearly_plans ORDER BY plan_year DESC, unit_code, created_at, id"));
    for (const auto& row : ids) {
      PCMD_ASSIGN_OR_RETURN(auto plan, internal::ReadPlan(tx, row.Text(0)));
      if (!plan || (year && plan->year != *year)) continue;
      if (auto seen = Seen(subject, std::move(*plan))) out.push_back(std::move(*seen));
    }
    return Status::Ok();
  }));
  return out;
}

Result<YearlyPlan> YearlyPlans::Get(const access::Subject& subject, const std::string& id) const {
  std::optional<YearlyPlan> plan;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(plan, internal::ReadPlan(tx, id));
    return Status::Ok();
  }));
  if (!plan) return internal::PlanNotFound();
  auto seen = Seen(subject, std::move(*plan));
  if (!seen) return internal::PlanNotFound();
  return std::move(*seen);
}

Result<YearlyPlan> YearlyPlans::Step(const access::Subject& subject, const store::Actor& actor,
                                     const std::string& id, std::int64_t version,
                                     const std::string& action, const Change& change) {
  YearlyPlan plan;
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](store::Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(auto stored, internal::ReadPlan(tx, id));
    if (!stored) return internal::PlanNotFound();
    auto seen = Seen(subject, std::move(*stored));
    if (!seen) return internal::PlanNotFound();
    plan = std::move(*seen);
    if (!Manages(subject, plan)) return internal::Forbidden();
    if (plan.version != version) return internal::Stale("plan");
    if (plan.status != "draft") return internal::NotWhile(action, plan.status);
    PCMD_RETURN_IF_ERROR(change(plan));
    plan.updated_at = base::NowIsoUtc();
    plan.updated_by = actor.id;
    plan.version = version + 1;
    PCMD_ASSIGN_OR_RETURN(
        std::int64_t changed,
        tx.Exec("UPDATE yearly_plans SET plan_year = :1, document_number = :2, document_date = "
                ":3, title = :4, status = :5, issued_at = :6, issued_by = :7, version = :8, "
                "updated_at = :9, updated_by = :10 WHERE id = :11 AND version = :12",
                {plan.year, OrNull(plan.document_number), DateOrNull(plan.document_date),
                 plan.title, plan.status, OrNull(plan.issued_at), OrNull(plan.issued_by),
                 plan.version, plan.updated_at, plan.updated_by, id, version}));
    if (changed == 0) return internal::Stale("plan");
    return tx.AppendChange("yearly_plan", id, action);
  }));
  return plan;
}

Result<YearlyPlan> YearlyPlans::Update(const access::Subject& subject, const store::Actor& actor,
                                       const std::string& id, std::int64_t version,
                                       const PlanChange& change) {
  base::Validation v;
  std::string title, number;
  if (change.title)
    title = internal::CheckText(v, "title", *change.title, kMaxTitleChars, true, "tên kế hoạch");
  if (change.document_number) {
    number = internal::CheckText(v, "document_number", *change.document_number, kMaxNumberChars,
                                 false, "số hiệu văn bản");
  }
  if (change.year) CheckYear(v, change.year);
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  return Step(subject, actor, id, version, "update", [&](YearlyPlan& p) {
    if (change.title) p.title = title;
    if (change.document_number) p.document_number = number;
    if (change.year) p.year = *change.year;
    if (change.document_date) p.document_date = *change.document_date;
    return Status::Ok();
  });
}

Result<YearlyPlan> YearlyPlans::Issue(const access::Subject& subject, const store::Actor& actor,
                                      const std::string& id, std::int64_t version) {
  return Step(subject, actor, id, version, "issue", [&](YearlyPlan& p) {
    base::Validation v;
    if (p.document_number.empty()) {
      v.Add("document_number", "required", "Cần số hiệu văn bản trước khi ban hành",
            "document_number is required to issue the plan");
    }
    if (!p.document_date) {
      v.Add("document_date", "required", "Cần ngày ban hành văn bản",
            "document_date is required to issue the plan");
    }
    if (p.tasks.empty()) {
      v.Add("tasks", "required", "Kế hoạch cần ít nhất một nhiệm vụ trước khi ban hành",
            "the plan needs at least one task to be issued");
    }
    PCMD_RETURN_IF_ERROR(v.ToStatus());
    p.status = "issued";
    p.issued_at = base::NowIsoUtc();
    p.issued_by = actor.id;
    return Status::Ok();
  });
}

std::vector<store::Migration> PlanningMigrations() {
  return {{700, "yearly_plans_and_tasks",
           "CREATE TABLE yearly_plans (id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, plan_year "
           "INTEGER NOT NULL, document_number TEXT, document_date TEXT, title TEXT NOT NULL, "
           "programme_plan TEXT NOT NULL, status TEXT NOT NULL, issued_at TEXT, issued_by TEXT, "
           "version BIGINT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL, "
           "updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);\n"
           "CREATE INDEX yearly_plans_unit ON yearly_plans (unit_code, plan_year);\n"
           "CREATE TABLE plan_tasks (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES "
           "yearly_plans (id), title TEXT NOT NULL, description TEXT, assignee_unit TEXT NOT "
           "NULL, lead_agency TEXT, cooperating TEXT, deadline TEXT NOT NULL, targets TEXT, "
           "progress TEXT NOT NULL, version BIGINT NOT NULL, created_at TEXT NOT NULL, created_by "
           "TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);\n"
           "CREATE INDEX plan_tasks_plan ON plan_tasks (plan_id, deadline);\n"
           "CREATE INDEX plan_tasks_assignee ON plan_tasks (assignee_unit, deadline);\n"
           "CREATE TABLE plan_task_reports (task_id TEXT NOT NULL REFERENCES plan_tasks (id), "
           "version BIGINT NOT NULL, status TEXT NOT NULL, note TEXT, evidence TEXT, "
           "evidence_file TEXT, evidence_link TEXT, at TEXT NOT NULL, actor TEXT NOT NULL, "
           "PRIMARY KEY (task_id, version))",
           ""}};
}

}  // namespace pcmd::planning
