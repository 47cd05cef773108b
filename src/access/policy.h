#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/role.h"

namespace pcmd::access {

// What a request acts on. Record types of later areas are listed already, so that the
// two worlds are kept apart from the first route that reaches them.
enum class Resource {
  kUnit,               // administrative units (reference data)
  kRole,               // the list of roles
  kAccount,            // user accounts
  kAudit,              // the audit log
  kProgrammeRecord,    // communication, press, outreach, district plans, pilot models, trainings
  kEstablishment,      // prone establishments
  kInspection,         // inspections and inspection plans (enforcement world)
  kTip,                // tips, denunciations, complaints (enforcement world)
  kDenouncer,          // a denouncer's identity (intake officers only)
  kCrimeStatistic,     // counts of prostitution-related cases
  kClient,             // pseudonymous clients and their support records (support world)
  kClientContact,      // a client's identifying contact fields (assigned worker only)
  kPeerGroup,          // peer groups, self-help groups, clubs (support world)
  kConsentRegister,    // consent and incident registers without content (dpo)
  kAggregate,          // indicators, dashboards: suppressed aggregates
  kReport,             // a unit's periodic report in a reporting round (aggregates only)
  kReportRound,        // reporting rounds and the decisions on their reports (return, approve)
  kCodeList,           // editable code lists (reading them needs only a session)
  kYearlyPlan,         // yearly plans of a unit (kế hoạch năm) and their tasks, as the issuer
  kPlanTask,           // the tasks of issued yearly plans as their assignee unit (progress)
};

enum class Action { kRead, kCreate, kUpdate, kDelete, kExport };

std::optional<Resource> ParseResource(std::string_view id);
std::optional<Action> ParseAction(std::string_view id);
std::string_view ResourceId(Resource r);
std::string_view ActionId(Action a);

// Who asks: an account with its role and unit. "VN" as unit means the whole country.
struct Subject {
  std::string account_id;
  Role role = Role::kViewer;
  std::string unit_code;
};

// What is asked about: the record's type, its unit, and the accounts it is assigned to.
struct Target {
  Resource resource;
  std::optional<std::string> unit_code;  // none for type-level checks (lists, creates)
  std::vector<std::string> assignees;    // accounts a client, tip or inspection is assigned to
};

// How far a role reaches into a resource.
enum class Scope {
  kNone,      // denied
  kAll,       // every record (reference data)
  kSubtree,   // records of the subject's unit and the units below it
  kAssigned,  // records of the subtree that are assigned to the subject
  kOwnUnit,   // records of the subject's own unit only, not of the units below it
};

// Answers "is `ancestor` this unit or above it?"; supplied by UnitScope.
class UnitContainment {
 public:
  virtual ~UnitContainment() = default;
  virtual bool Contains(const std::string& ancestor, const std::string& unit) const = 0;
  // Is there a unit with this code (in any version)? "VN" exists.
  virtual bool Exists(const std::string& unit) const = 0;
};

// The one policy function of pcmd. Deny by default: a (role, resource, action) that the
// table in policy.cc does not grant is denied, before any unit is looked at; a granted
// one is then limited to the scope the table gives. Enforcement roles never reach the
// support world and support roles never reach tips, denouncers or inspections.
class Policy {
 public:
  explicit Policy(const UnitContainment& units) : units_(units) {}

  // The scope of a role over a resource for an action (kNone when not granted).
  static Scope ScopeOf(Role role, Resource resource, Action action);

  // May `subject` do `action` to `target`? A type-level target (no unit) asks only
  // whether the role may do it at all (lists then filter with ScopeOf/Visible).
  bool Allows(const Subject& subject, Action action, const Target& target) const;

  // For lists: may the subject see a record of `unit` with `assignees`?
  bool Visible(const Subject& subject, Resource resource, const std::string& unit,
               const std::vector<std::string>& assignees) const {
    return Allows(subject, Action::kRead, {resource, unit, assignees});
  }

 private:
  const UnitContainment& units_;
};

}  // namespace pcmd::access
