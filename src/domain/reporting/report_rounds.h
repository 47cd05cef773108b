#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/reporting/round_period.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::reporting {

inline constexpr std::size_t kMaxNameChars = 300;
inline constexpr std::size_t kMaxSectionChars = 20000;  // each narrative section, in code points
inline constexpr std::size_t kMaxCommentChars = 2000;

// A reporting round (đợt báo cáo, activity A9): a unit (the province) asks the units below it
// for their report on a period by a due date. The units that must report are fixed when the round
// is made: the codes given, or every unit of `level` below the round's unit on the period's last
// day.
struct Round {
  std::string id;
  std::string name;  // Vietnamese, e.g. "Báo cáo 6 tháng đầu năm 2025"
  std::string kind;  // six_month, year, final_review
  RoundPeriod period;
  std::string unit_code;             // who runs it, approves and returns
  std::optional<std::string> level;  // when the units were chosen by level
  std::vector<std::string> units;    // the units that must report, sorted
  base::Date due_on;
  std::string plan_id;  // whose targets pre-fill the reports
  std::optional<base::Date>
      tree_on;  // the tree the values are read on (none: the engine's default)
  std::int64_t version = 0;
  std::string created_at, created_by, updated_at, updated_by;
};

struct NewRound {
  std::string name, kind, period, unit_code;
  std::optional<std::string> level;               // either a level …
  std::optional<std::vector<std::string>> units;  // … or the codes (not both)
  std::optional<base::Date> due_on;
  std::string plan_id;
  std::optional<base::Date> tree_on;
};

// One step of a report's life: its version after the step, what was done, when, by whom, and the
// comment of a return.
struct ReportEvent {
  std::int64_t version = 0;
  std::string action;  // save, submit, return, approve, unlock
  std::string at, actor;
  std::string comment;
};

// A unit's report in a round. Statuses: "missing" (nothing saved: not stored, version 0) →
// "draft" → "submitted" → "returned" (with the comment of the level above; the unit edits and
// submits again) → "approved". Narrative sections change only while missing, draft or returned.
// At each submission the indicator values are frozen in `snapshot` (JSON made by the caller).
// Timeliness is judged on the first submission (a return after the due date makes no unit late).
struct UnitReport {
  std::string round_id, unit_code;
  std::string status = "missing";
  std::string results, difficulties, proposals;  // kết quả, khó khăn, kiến nghị
  std::string return_comment;                    // the last return's
  std::string snapshot;                          // JSON text; empty until submitted
  std::int64_t version = 0;
  bool is_late = false;  // first submitted after the due date (Vietnam's calendar day)
  std::string created_at, created_by, updated_at, updated_by;
  std::string first_submitted_at, submitted_at, submitted_by, returned_at, returned_by, approved_at,
      approved_by;
  std::vector<ReportEvent> history;  // oldest first

  // Is the snapshot what a reader sees (submitted, approved), rather than live values?
  bool is_frozen() const { return status == "submitted" || status == "approved"; }
};

// The narrative sections of a save; each replaces the stored one (absent: empty).
struct Sections {
  std::string results, difficulties, proposals;
};

// Where one unit of a round stands.
struct UnitProgress {
  std::string unit_code;
  std::string status;  // missing, draft, submitted, returned, approved
  bool is_late = false;
  std::string first_submitted_at, approved_at;
};

// Completeness and timeliness of a round over the units the reader may see.
struct Completeness {
  std::vector<UnitProgress> units;
  // expected, missing, draft, submitted, returned, approved (by status); on_time, late (of those
  // ever submitted); overdue (not submitted yet and past the due date)
  std::map<std::string, std::int64_t> counts;
};

// ReportRounds keeps the rounds and the units' reports (tables report_rounds, report_round_units,
// unit_reports, unit_report_events; migration 600). Access goes through the one policy:
// - a round is made by whoever may create `report_round` at its unit (province officers), for
//   units strictly below it; it is seen by whoever reads `report_round` at its unit, or reads the
//   `report` of one of the units that must report (lists filter; others kNotFound);
// - a report is read with `report` read at its unit; saved and submitted with `report` write, which
//   the policy gives only at the account's own unit; returned and approved with `report_round`
//   write at the round's unit (the level above). A reader who may not do the step gets
//   kPermissionDenied ("forbidden"); one who may not read the report, kNotFound.
// Approval locks the report's records until an unlock (see Approve, Unlock).
// Failures: field errors (kInvalidArgument), kConflict "stale_version" for a version that is not
// the stored one, kFailedPrecondition "invalid_transition" for a step the status does not allow.
// Every write goes to the change log and audit log (entities "report_round", "unit_report" with id
// "<round>/<unit>") in its transaction. Thread-safe.
class ReportRounds {
 public:
  ReportRounds(store::Database& db, const units::UnitTree& units, const access::Policy& policy,
               std::function<base::Date()> today = base::Date::Today)
      : db_(db), units_(units), policy_(policy), today_(std::move(today)) {}

  // The plan id is the caller's to check (the loaded plans are not this module's).
  base::Result<Round> Create(const access::Subject& subject, const store::Actor& actor,
                             const NewRound& input);
  // The rounds the subject sees, newest period first.
  base::Result<std::vector<Round>> List(const access::Subject& subject) const;
  base::Result<Round> Get(const access::Subject& subject, const std::string& id) const;
  // The units of `round` whose reports the subject reads, with where each stands.
  base::Result<Completeness> CompletenessOf(const access::Subject& subject,
                                            const Round& round) const;

  // The report of `unit` in the round ("missing" when nothing is saved), with its history.
  base::Result<UnitReport> GetReport(const access::Subject& subject, const std::string& round_id,
                                     const std::string& unit) const;
  // The steps the subject may take on the report now: of save, submit, return, approve.
  std::vector<std::string> StepsFor(const access::Subject& subject, const Round& round,
                                    const UnitReport& report) const;
  // Replaces the sections; `version` is the report's (0 while missing).
  base::Result<UnitReport> Save(const access::Subject& subject, const store::Actor& actor,
                                const std::string& round_id, const std::string& unit,
                                std::int64_t version, const Sections& sections);
  // Submits the report with the values to freeze (JSON); `results` must not be empty.
  base::Result<UnitReport> Submit(const access::Subject& subject, const store::Actor& actor,
                                  const std::string& round_id, const std::string& unit,
                                  std::int64_t version, const std::string& snapshot);
  // Returns a submitted report to its unit with a comment (required).
  base::Result<UnitReport> Return(const access::Subject& subject, const store::Actor& actor,
                                  const std::string& round_id, const std::string& unit,
                                  std::int64_t version, const std::string& comment);
  // Approves a submitted report, which locks the records of the unit and the units below it dated
  // in the round's period (records/period_locks.h) in the same transaction.
  base::Result<UnitReport> Approve(const access::Subject& subject, const store::Actor& actor,
                                   const std::string& round_id, const std::string& unit,
                                   std::int64_t version);
  // Unlocks an approved report, by whoever may approve it, with a reason (required): the lock is
  // lifted and the report goes back to "returned" with the reason as its comment, so that the unit
  // corrects its records and submits again; a new approval locks again.
  base::Result<UnitReport> Unlock(const access::Subject& subject, const store::Actor& actor,
                                  const std::string& round_id, const std::string& unit,
                                  std::int64_t version, const std::string& comment);

 private:
  // The units that must report, from the codes or the level (on the period's last day).
  base::Result<std::vector<std::string>> UnitsOf(const NewRound& input, const RoundPeriod& period,
                                                 base::Validation& v) const;
  bool Sees(const access::Subject& subject, const Round& round) const;
  bool ReadsReport(const access::Subject& subject, const std::string& unit) const;
  bool Decides(const access::Subject& subject, const Round& round) const;
  // A step on one report inside a write transaction: reads the round and the report, checks access
  // with `may` (false: forbidden to a reader, not found to others), the version and the status
  // (`from`), then lets `change` fill the new state; stores it and the event.
  using Change = std::function<base::Status(store::Transaction&, const Round&, UnitReport&)>;
  base::Result<UnitReport> Step(const access::Subject& subject, const store::Actor& actor,
                                const std::string& round_id, const std::string& unit,
                                std::int64_t version, const std::string& action,
                                const std::vector<std::string>& from,
                                const std::function<bool(const Round&)>& may,
                                const std::string& comment, const Change& change);

  store::Database& db_;
  const units::UnitTree& units_;
  const access::Policy& policy_;
  std::function<base::Date()> today_;
};

// The tables of this module.
std::vector<store::Migration> ReportingMigrations();

}  // namespace pcmd::reporting
