#include "access/policy.h"

#include <algorithm>
#include <array>

namespace pcmd::access {
namespace {

struct Grant {
  Role role;
  Resource resource;
  Scope read;
  Scope write;  // create, update, delete
  Scope exp;    // export
};

using R = Role;
using S = Scope;
using T = Resource;

// The whole table. Anything not listed is denied.
constexpr std::array kGrants = {
    // Reference data every signed-in role reads.
    Grant{R::kAdmin, T::kUnit, S::kAll, S::kSubtree, S::kAll},
    Grant{R::kAdmin, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kAdmin, T::kAccount, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kAdmin, T::kAggregate, S::kSubtree, S::kNone, S::kSubtree},

    Grant{R::kProvinceOfficer, T::kUnit, S::kAll, S::kNone, S::kAll},
    Grant{R::kProvinceOfficer, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kProvinceOfficer, T::kProgrammeRecord, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kEstablishment, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kInspection, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kTip, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kCrimeStatistic, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kClient, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kProvinceOfficer, T::kPeerGroup, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kAggregate, S::kSubtree, S::kNone, S::kSubtree},
    // Reports: a unit writes its own (the level above returns or approves it as the round's runner)
    Grant{R::kProvinceOfficer, T::kReport, S::kSubtree, S::kOwnUnit, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kReportRound, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kProvinceOfficer, T::kCodeList, S::kAll, S::kAll, S::kAll},
    // Yearly plans: a unit's own officers make and issue them; the assignee unit's officers report
    // progress on their tasks (those above read both)
    Grant{R::kProvinceOfficer, T::kYearlyPlan, S::kSubtree, S::kOwnUnit, S::kNone},
    Grant{R::kProvinceOfficer, T::kPlanTask, S::kSubtree, S::kOwnUnit, S::kNone},

    Grant{R::kDistrictOfficer, T::kUnit, S::kAll, S::kNone, S::kAll},
    Grant{R::kDistrictOfficer, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kDistrictOfficer, T::kProgrammeRecord, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kDistrictOfficer, T::kEstablishment, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kDistrictOfficer, T::kInspection, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kDistrictOfficer, T::kTip, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kDistrictOfficer, T::kCrimeStatistic, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kDistrictOfficer, T::kPeerGroup, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kDistrictOfficer, T::kAggregate, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kDistrictOfficer, T::kReport, S::kSubtree, S::kOwnUnit, S::kSubtree},
    Grant{R::kDistrictOfficer, T::kReportRound, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kDistrictOfficer, T::kYearlyPlan, S::kSubtree, S::kOwnUnit, S::kNone},
    Grant{R::kDistrictOfficer, T::kPlanTask, S::kSubtree, S::kOwnUnit, S::kNone},

    Grant{R::kCommuneOfficer, T::kUnit, S::kAll, S::kNone, S::kAll},
    Grant{R::kCommuneOfficer, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kCommuneOfficer, T::kProgrammeRecord, S::kSubtree, S::kSubtree, S::kSubtree},
    Grant{R::kCommuneOfficer, T::kEstablishment, S::kSubtree, S::kSubtree, S::kNone},
    Grant{R::kCommuneOfficer, T::kAggregate, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kCommuneOfficer, T::kReport, S::kSubtree, S::kOwnUnit, S::kSubtree},
    Grant{R::kCommuneOfficer, T::kReportRound, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kCommuneOfficer, T::kYearlyPlan, S::kSubtree, S::kOwnUnit, S::kNone},
    Grant{R::kCommuneOfficer, T::kPlanTask, S::kSubtree, S::kOwnUnit, S::kNone},

    // Enforcement world.
    Grant{R::kInspector, T::kUnit, S::kAll, S::kNone, S::kNone},
    Grant{R::kInspector, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kInspector, T::kEstablishment, S::kSubtree, S::kSubtree, S::kNone},
    Grant{R::kInspector, T::kInspection, S::kAssigned, S::kAssigned, S::kNone},
    Grant{R::kInspector, T::kTip, S::kAssigned, S::kAssigned, S::kNone},
    Grant{R::kInspector, T::kCrimeStatistic, S::kSubtree, S::kSubtree, S::kNone},

    Grant{R::kIntakeOfficer, T::kUnit, S::kAll, S::kNone, S::kNone},
    Grant{R::kIntakeOfficer, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kIntakeOfficer, T::kEstablishment, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kIntakeOfficer, T::kTip, S::kSubtree, S::kSubtree, S::kNone},
    Grant{R::kIntakeOfficer, T::kDenouncer, S::kSubtree, S::kSubtree, S::kNone},

    // Support world.
    Grant{R::kSocialWorker, T::kUnit, S::kAll, S::kNone, S::kNone},
    Grant{R::kSocialWorker, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kSocialWorker, T::kProgrammeRecord, S::kSubtree, S::kSubtree, S::kNone},
    Grant{R::kSocialWorker, T::kEstablishment, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kSocialWorker, T::kClient, S::kAssigned, S::kAssigned, S::kNone},
    Grant{R::kSocialWorker, T::kClientContact, S::kAssigned, S::kAssigned, S::kNone},
    Grant{R::kSocialWorker, T::kPeerGroup, S::kSubtree, S::kSubtree, S::kNone},

    Grant{R::kPeerEducator, T::kUnit, S::kAll, S::kNone, S::kNone},
    Grant{R::kPeerEducator, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kPeerEducator, T::kProgrammeRecord, S::kSubtree, S::kSubtree, S::kNone},
    Grant{R::kPeerEducator, T::kEstablishment, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kPeerEducator, T::kClient, S::kAssigned, S::kAssigned, S::kNone},
    Grant{R::kPeerEducator, T::kClientContact, S::kAssigned, S::kAssigned, S::kNone},
    Grant{R::kPeerEducator, T::kPeerGroup, S::kAssigned, S::kAssigned, S::kNone},

    // Oversight.
    Grant{R::kViewer, T::kUnit, S::kAll, S::kNone, S::kNone},
    Grant{R::kViewer, T::kRole, S::kAll, S::kNone, S::kNone},
    Grant{R::kViewer, T::kAggregate, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kViewer, T::kReport, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kViewer, T::kReportRound, S::kSubtree, S::kNone, S::kSubtree},
    Grant{R::kViewer, T::kYearlyPlan, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kViewer, T::kPlanTask, S::kSubtree, S::kNone, S::kNone},

    Grant{R::kDpo, T::kUnit, S::kAll, S::kNone, S::kNone},
    Grant{R::kDpo, T::kRole, S::kAll, S::kNone, S::kNone},
    // Audit entries carry no unit: the data-protection officer reads the whole log.
    Grant{R::kDpo, T::kAudit, S::kAll, S::kNone, S::kAll},
    Grant{R::kDpo, T::kConsentRegister, S::kSubtree, S::kNone, S::kNone},
    Grant{R::kDpo, T::kAggregate, S::kSubtree, S::kNone, S::kNone},
};

constexpr std::array<std::pair<Resource, std::string_view>, 20> kResourceIds = {{
    {T::kUnit, "unit"},
    {T::kRole, "role"},
    {T::kAccount, "account"},
    {T::kAudit, "audit"},
    {T::kProgrammeRecord, "programme_record"},
    {T::kEstablishment, "establishment"},
    {T::kInspection, "inspection"},
    {T::kTip, "tip"},
    {T::kDenouncer, "denouncer"},
    {T::kCrimeStatistic, "crime_statistic"},
    {T::kClient, "client"},
    {T::kClientContact, "client_contact"},
    {T::kPeerGroup, "peer_group"},
    {T::kConsentRegister, "consent_register"},
    {T::kAggregate, "aggregate"},
    {T::kReport, "report"},
    {T::kReportRound, "report_round"},
    {T::kCodeList, "code_list"},
    {T::kYearlyPlan, "yearly_plan"},
    {T::kPlanTask, "plan_task"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 5> kActionIds = {{
    {Action::kRead, "read"},
    {Action::kCreate, "create"},
    {Action::kUpdate, "update"},
    {Action::kDelete, "delete"},
    {Action::kExport, "export"},
}};

bool IsSupportResource(Resource r) {
  return r == T::kClient || r == T::kClientContact || r == T::kPeerGroup;
}
bool IsEnforcementResource(Resource r) {
  return r == T::kTip || r == T::kDenouncer || r == T::kInspection;
}

}  // namespace

std::optional<Resource> ParseResource(std::string_view id) {
  for (const auto& [r, name] : kResourceIds) {
    if (name == id) return r;
  }
  return std::nullopt;
}

std::optional<Action> ParseAction(std::string_view id) {
  for (const auto& [a, name] : kActionIds) {
    if (name == id) return a;
  }
  return std::nullopt;
}

std::string_view ResourceId(Resource r) {
  for (const auto& [res, name] : kResourceIds) {
    if (res == r) return name;
  }
  return "unknown";
}

std::string_view ActionId(Action a) {
  for (const auto& [act, name] : kActionIds) {
    if (act == a) return name;
  }
  return "unknown";
}

Scope Policy::ScopeOf(Role role, Resource resource, Action action) {
  // The two worlds, checked by role before the table: even a wrong table entry cannot
  // open the support world to enforcement roles or the reverse.
  if (IsEnforcementRole(role) && IsSupportResource(resource)) return S::kNone;
  if (IsSupportRole(role) && IsEnforcementResource(resource)) return S::kNone;
  if (resource == T::kDenouncer && role != R::kIntakeOfficer) return S::kNone;
  if (resource == T::kClientContact && !IsSupportRole(role)) return S::kNone;
  // Every signed-in role reads the code lists that its forms choose from.
  if (resource == T::kCodeList && action == Action::kRead) return S::kAll;
  for (const Grant& g : kGrants) {
    if (g.role != role || g.resource != resource) continue;
    switch (action) {
      case Action::kRead: return g.read;
      case Action::kCreate:
      case Action::kUpdate:
      case Action::kDelete: return g.write;
      case Action::kExport: return g.exp;
    }
  }
  return S::kNone;
}

bool Policy::Allows(const Subject& subject, Action action, const Target& target) const {
  const Scope scope = ScopeOf(subject.role, target.resource, action);
  switch (scope) {
    case S::kNone: return false;
    case S::kAll: return true;
    case S::kSubtree:
      return !target.unit_code || units_.Contains(subject.unit_code, *target.unit_code);
    case S::kOwnUnit:
      return !target.unit_code || subject.unit_code == *target.unit_code;
    case S::kAssigned:
      if (!target.unit_code) return true;  // type level: the list filters by assignment
      return units_.Contains(subject.unit_code, *target.unit_code) &&
             std::find(target.assignees.begin(), target.assignees.end(), subject.account_id) !=
                 target.assignees.end();
  }
  return false;
}

}  // namespace pcmd::access
