#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::planning {

inline constexpr std::size_t kMaxTitleChars = 500;
inline constexpr std::size_t kMaxNumberChars = 50;   // số hiệu, e.g. "45/KH-UBND"
inline constexpr std::size_t kMaxTextChars = 5000;   // a task's description, a report's note
inline constexpr std::size_t kMaxAgencyChars = 300;  // an agency's name
inline constexpr std::size_t kMaxCooperating = 30;   // cooperating agencies of one task
inline constexpr std::size_t kMaxTargets = 30;       // linked target codes of one task
inline constexpr std::size_t kMaxLinkChars = 1000;   // an evidence link
inline constexpr int kMinYear = 2000, kMaxYear = 2100;

// One progress report of a task by its assignee: the status it reports, a note, and the evidence
// (text, a record file's id or a link), with the task's version after it.
struct ProgressReport {
  std::int64_t version = 0;
  std::string status;  // not_started, in_progress, done
  std::string note, evidence, evidence_file, evidence_link;
  std::string at, by;
};

// A task of a yearly plan (nhiệm vụ): what is to be done, by which unit (with an optional lead
// agency and cooperating agencies as free text), by when, towards which targets of the programme
// plan; its progress is the last report's status.
struct Task {
  std::string id, plan_id;
  std::string title, description;
  std::string assignee_unit;             // the plan's unit or a unit below it
  std::string lead_agency;               // chủ trì; "" when the unit itself leads
  std::vector<std::string> cooperating;  // phối hợp
  base::Date deadline;
  std::vector<std::string> targets;      // codes of the programme plan's targets (T1…T14)
  std::string progress = "not_started";  // not_started, in_progress, done
  std::vector<ProgressReport> reports;   // oldest first
  bool is_overdue = false;               // deadline passed (Vietnam's day) and not done
  std::int64_t version = 0;
  std::string created_at, created_by, updated_at, updated_by;
};

// A yearly plan (kế hoạch năm) of a unit: the document (number, date), title and year, and its
// tasks. Statuses: "draft" (header and tasks editable) → "issued" (ban hành: the header is fixed,
// tasks may still be added by the issuing unit, assignees report progress).
struct YearlyPlan {
  std::string id;
  std::string unit_code;  // the issuing unit: province, district or commune
  int year = 0;
  std::string document_number;              // "" until known; required to issue
  std::optional<base::Date> document_date;  // required to issue
  std::string title;
  std::string programme_plan;  // the programme plan whose targets tasks link to
  std::string status = "draft";
  std::string issued_at, issued_by;
  std::int64_t version = 0;
  std::string created_at, created_by, updated_at, updated_by;
  std::vector<Task> tasks;  // those the reader sees, by deadline
};

struct NewPlan {
  std::string unit_code, title, programme_plan;
  std::optional<int> year;
  std::string document_number;
  std::optional<base::Date> document_date;
};

// A change of a draft plan's header: each given field replaces the stored one.
struct PlanChange {
  std::optional<std::string> title, document_number;
  std::optional<int> year;
  std::optional<std::optional<base::Date>> document_date;  // a null clears it
};

struct NewTask {
  std::string title, description, assignee_unit, lead_agency;
  std::vector<std::string> cooperating, targets;
  std::optional<base::Date> deadline;
};

// A change of a task (draft plans only): each given field replaces the stored one.
struct TaskChange {
  std::optional<std::string> title, description, assignee_unit, lead_agency;
  std::optional<std::vector<std::string>> cooperating, targets;
  std::optional<base::Date> deadline;
};

struct NewProgress {
  std::string status, note, evidence, evidence_file, evidence_link;
};

// Which tasks a task list returns (of issued plans only).
struct TaskQuery {
  std::optional<std::string> assignee;  // exactly this assignee unit
  std::optional<bool> is_overdue;
  std::optional<std::string> plan_id;
};

// A task with its plan's header, for the task lists.
struct TaskOfPlan {
  Task task;
  std::string plan_unit, plan_title, plan_number;
  int plan_year = 0;
};

// YearlyPlans keeps the units' yearly plans and their tasks (activity A9; tables yearly_plans,
// plan_tasks, plan_task_reports; migration 700). Access goes through the one policy:
// - a plan is made, changed, issued and given tasks by whoever may create / update `yearly_plan`
//   at its unit (the unit's own officers); it is read with `yearly_plan` read at its unit (the
//   officers of the unit and above, viewers), every task with it;
// - once issued, a task is also read by whoever reads `plan_task` at its assignee unit (the
//   assignee's officers and those above them), who then sees the plan's header and those tasks
//   only; its progress is reported with `plan_task` update at the assignee unit (its own officers).
// A caller who sees the plan but may not do a step gets kPermissionDenied ("forbidden"); one who
// does not see it, kNotFound. Failures: field errors (kInvalidArgument, naming the field),
// kConflict "stale_version" for a version that is not the stored one, kFailedPrecondition
// "invalid_transition" for a step the plan's status does not allow. The programme plan's target
// codes are the caller's to check (the loaded plans are not this module's). Every write goes to
// the change log and audit log (entities "yearly_plan", "plan_task") in its transaction.
// Thread-safe.
class YearlyPlans {
 public:
  YearlyPlans(store::Database& db, const units::UnitTree& units, const access::Policy& policy,
              std::function<base::Date()> today = base::Date::Today)
      : db_(db), units_(units), policy_(policy), today_(std::move(today)) {}

  base::Result<YearlyPlan> Create(const access::Subject& subject, const store::Actor& actor,
                                  const NewPlan& input);
  // The plans the subject sees, newest year first (with the tasks it sees).
  base::Result<std::vector<YearlyPlan>> List(const access::Subject& subject,
                                             std::optional<int> year = std::nullopt) const;
  base::Result<YearlyPlan> Get(const access::Subject& subject, const std::string& id) const;
  // Changes a draft plan's header; `version` is the plan's.
  base::Result<YearlyPlan> Update(const access::Subject& subject, const store::Actor& actor,
                                  const std::string& id, std::int64_t version,
                                  const PlanChange& change);
  // Issues a draft plan that has a document number and date and at least one task.
  base::Result<YearlyPlan> Issue(const access::Subject& subject, const store::Actor& actor,
                                 const std::string& id, std::int64_t version);
  // The steps the subject may take on the plan now: of update, issue, add_task.
  std::vector<std::string> StepsFor(const access::Subject& subject, const YearlyPlan& plan) const;

  // Adds a task (draft or issued plan).
  base::Result<Task> AddTask(const access::Subject& subject, const store::Actor& actor,
                             const std::string& plan_id, const NewTask& input);
  // Changes a task of a draft plan; `version` is the task's.
  base::Result<Task> UpdateTask(const access::Subject& subject, const store::Actor& actor,
                                const std::string& plan_id, const std::string& task_id,
                                std::int64_t version, const TaskChange& change);
  // The assignee reports progress on a task of an issued plan; `version` is the task's. "done"
  // needs evidence (text, file or link).
  base::Result<Task> ReportProgress(const access::Subject& subject, const store::Actor& actor,
                                    const std::string& plan_id, const std::string& task_id,
                                    std::int64_t version, const NewProgress& input);
  // May the subject report progress on this task?
  bool Reports(const access::Subject& subject, const Task& task) const;
  // The tasks of issued plans the subject reads, by deadline.
  base::Result<std::vector<TaskOfPlan>> Tasks(const access::Subject& subject,
                                              const TaskQuery& query) const;

 private:
  bool ReadsPlan(const access::Subject& subject, const std::string& unit) const;
  bool ReadsTask(const access::Subject& subject, const std::string& unit) const;
  bool Manages(const access::Subject& subject, const YearlyPlan& plan) const;
  // The plan as the subject sees it (tasks filtered), or none when it does not see it.
  std::optional<YearlyPlan> Seen(const access::Subject& subject, YearlyPlan plan) const;
  // The task's field errors, its assignee checked against the plan's unit and year.
  void CheckTask(base::Validation& v, const YearlyPlan& plan, const NewTask& task) const;
  // A change of a plan inside a write transaction: reads it, checks that the subject sees and
  // manages it, the version and the status, then lets `change` fill the new header.
  using Change = std::function<base::Status(YearlyPlan&)>;
  base::Result<YearlyPlan> Step(const access::Subject& subject, const store::Actor& actor,
                                const std::string& id, std::int64_t version,
                                const std::string& action, const Change& change);
  // Marks is_overdue on each task by today's date.
  void MarkOverdue(std::vector<Task>& tasks) const;

  store::Database& db_;
  const units::UnitTree& units_;
  const access::Policy& policy_;
  std::function<base::Date()> today_;
};

// The tables of this module.
std::vector<store::Migration> PlanningMigrations();

}  // namespace pcmd::planning
