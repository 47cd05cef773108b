#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "domain/enforcement/establishment_register.h"
#include "domain/enforcement/inspection_planner.h"
#include "store/database.h"

namespace pcmd::enforcement {

// A yearly inspection plan of a unit as stored: a proposal (ProposeInspectionPlan) that
// officers adjusted, then approved. Only a draft changes; an approved plan is followed.
struct StoredPlan {
  std::string id;
  std::string unit_code;
  int year = 0;
  int first_month = 1;
  std::string status = "draft";  // draft, approved
  std::vector<PlanTeam> teams;
  std::vector<PlanItem> items;
  std::int64_t version = 0;
  std::string created_at, created_by, updated_at, updated_by, approved_at, approved_by;
};

// InspectionPlans proposes, keeps and follows the yearly inspection plans (T10). Access:
// proposing and changing plans takes the create right over inspections at the plan's
// unit (province officers); reading them, the read right there (inspectors of the unit
// read their unit's plans too). Thread-safe.
class InspectionPlans {
 public:
  InspectionPlans(store::Database& db, const access::Policy& policy, const EstablishmentRegister& establishments)
      : db_(db), policy_(policy), establishments_(establishments) {}

  // A proposal for `unit`'s open establishments (closed ones left out), with their
  // derived history and risk; `input` gives the year, first month, teams and options
  // (its establishments are filled here).
  base::Result<InspectionPlan> Propose(const access::Subject& subject, const std::string& unit, PlanInput input) const;

  base::Result<StoredPlan> Create(const access::Subject& subject, const store::Actor& actor, StoredPlan plan);
  base::Result<StoredPlan> Get(const access::Subject& subject, const std::string& id) const;
  base::Result<std::vector<StoredPlan>> List(const access::Subject& subject, const std::optional<std::string>& unit,
                                             std::optional<int> year) const;
  // Replaces a draft's teams and items (the version must match).
  base::Result<StoredPlan> Update(const access::Subject& subject, const store::Actor& actor, const std::string& id,
                                  std::int64_t version, std::vector<PlanTeam> teams, std::vector<PlanItem> items);
  base::Result<StoredPlan> Approve(const access::Subject& subject, const store::Actor& actor, const std::string& id,
                                   std::int64_t version);
  // How an approved (or draft) plan stands on `today`, against the stored inspections.
  base::Result<PlanProgress> Progress(const access::Subject& subject, const StoredPlan& plan,
                                      CalendarDate today) const;

 private:
  base::Status CheckItems(const access::Subject& subject, const StoredPlan& plan) const;
  bool May(const access::Subject& subject, access::Action action, const std::string& unit) const;

  store::Database& db_;
  const access::Policy& policy_;
  const EstablishmentRegister& establishments_;
};

// The table of this module's plans.
std::vector<store::Migration> InspectionPlanMigrations();

}  // namespace pcmd::enforcement
