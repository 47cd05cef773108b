#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/records/record_store.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::enforcement {

// Why an establishment has the risk it has: a reason code, its points and its words.
struct RiskReason {
  std::string code;  // never_inspected, violations, prostitution_found, open_tips, licence_expired, long_since_inspection
  int points = 0;
  std::string message_vi;
  std::string message_en;
};

// What is derived for an establishment from its inspections and tips, never typed.
struct EstablishmentStatus {
  std::string id;
  std::string unit_code;      // its commune
  std::string district_code;  // the commune's district
  std::string name;
  std::string kind;
  bool is_closed = false;                // closed on or before the day asked about
  std::vector<int> inspected_years;      // the years with an inspection, ascending
  std::string last_inspected;            // YYYY-MM-DD, "" when never
  bool is_inspected_this_year = false;   // in the year asked about
  bool is_ever_inspected = false;        // since the plan began (plan_start_year)
  int violations_recent = 0;             // inspections finding violations in the last 3 years
  int open_tips = 0;
  int risk_score = 0;
  std::string risk_level;                // low, medium, high
  std::vector<RiskReason> reasons;
};

// The risk score of an establishment (documented in the README, "Risk of an establishment"):
//   never inspected since the plan began          +2
//   each inspection with violations, last 3 years  +3 (at most +9)
//   prostitution found on the premises, last 3 years +3
//   each open tip about it                          +2 (at most +6)
//   licence expired                                 +1
//   last inspected 3 or more years ago              +1
// Level: high from 6, medium from 3, else low.
void ScoreRisk(EstablishmentStatus& status, int year, const std::string& licence_expires,
               const std::string& today, bool has_prostitution_finding);

// The EstablishmentRegister derives each establishment's inspection history and risk
// from the stored inspections and tips, for the establishments the subject may read.
// `open_tips` counts the open tips about each establishment (the tips module provides it;
// none when empty). Thread-safe.
class EstablishmentRegister {
 public:
  using OpenTipCounter = std::function<base::Result<std::map<std::string, int>>()>;

  EstablishmentRegister(store::Database& db, records::RecordStore& records, const units::UnitTree& units,
                        OpenTipCounter open_tips = {}, int plan_start_year = 2021)
      : db_(db), records_(records), units_(units), open_tips_(std::move(open_tips)),
        plan_start_year_(plan_start_year) {}

  // The establishments of `unit` and below (all the subject reads when empty), as of the
  // end of `year` (or today, if earlier).
  base::Result<std::vector<EstablishmentStatus>> Statuses(const access::Subject& subject,
                                                          const std::optional<std::string>& unit,
                                                          int year) const;
  // One establishment; kNotFound outside the subject's scope.
  base::Result<EstablishmentStatus> StatusOf(const access::Subject& subject, const std::string& id,
                                             int year) const;

 private:
  base::Result<std::vector<EstablishmentStatus>> Derive(const std::vector<records::Record>& establishments,
                                                        int year) const;

  store::Database& db_;
  records::RecordStore& records_;
  const units::UnitTree& units_;
  OpenTipCounter open_tips_;
  int plan_start_year_;
};

}  // namespace pcmd::enforcement
