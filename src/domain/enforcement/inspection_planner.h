#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace pcmd::enforcement {

// The inspection planner proposes, for one unit and one year, which prone establishments to
// inspect, in which month and by which team, so that target T10 of the plan is met:
//
//   Rule 1 (district share): in every district, at least ceil(district_share × n) of its n
//   establishments are inspected in the year; inspections already done this year count.
//   Rule 2 (never inspected): every establishment is inspected at least once by the end of
//   the plan period. For a year Y up to plan_end_year, with R = plan_end_year − Y + 1 years
//   left, Y covers at least ceil(N / R) of the district's N establishments that had never
//   been inspected before Y (first inspections already done in Y count), so the last year
//   covers all of them. After plan_end_year the rule no longer applies.
//
// How the proposal is made:
//   1. In each district the establishments not yet inspected this year are ranked: never
//      inspected first, then higher risk score, then more open tips, then the longest since
//      the last inspection, then id. The district needs the first K of them, where K is the
//      larger of what rule 1 and rule 2 still need; since never-inspected come first, the
//      first K satisfy both rules.
//   2. Teams supply slots: each month from first_month to December, a team can do as many
//      inspections as its capacity for that month, only in the districts it covers. A
//      maximum flow from districts to teams decides how many of each district's
//      establishments each team takes, so whenever the capacities can meet every
//      requirement the plan meets it. It is filled one establishment per district in turn,
//      first up to rule 2's needs, then up to K, and (only if fill_capacity) then with the
//      remaining establishments, so that when capacity is short it is shared out fairly
//      and never-inspected establishments go first.
//   3. Each team's slots are used earliest month first and spread evenly over its
//      districts; within a district the slots are handed out in month order by rank, so
//      higher-ranked establishments get earlier months.
//   4. Where a rule cannot be met the plan is still the best that fits, and a shortfall
//      names the district, the rule, the numbers and the cause (team capacity in the
//      remaining months too small, or no team covering the district).
//
// The planner does no I/O and keeps no state; it is safe to call from any thread.

// One active prone establishment of the unit, as the planner sees it.
struct PlanEstablishment {
  std::string id;
  std::string district;         // district code
  int risk_score = 0;           // higher = riskier
  int open_tips = 0;            // tips about it not yet closed
  int last_inspected_year = 0;  // last year before the plan year with an inspection; 0 = none
  bool is_inspected_this_year = false;  // already inspected in the plan year
};

// One inspection team and the work it can take on.
struct PlanTeam {
  std::string id;
  std::array<int, 12> monthly_capacity{};  // inspections per month, January first; 0 = off
  std::vector<std::string> districts;      // district codes it may work in; empty = all
};

struct PlanInput {
  int year = 0;                 // the plan year, 2000..2100
  int first_month = 1;          // first month that can still be used, 1..12
  int plan_end_year = 2025;     // last year of the plan period (rule 2)
  double district_share = 0.2;  // rule 1 share, in (0, 1]
  bool fill_capacity = false;   // also plan extra establishments while capacity remains
  int high_risk_min_score = 3;  // risk scores at or above this add "high_risk" to reasons
  std::vector<PlanEstablishment> establishments;  // the unit's active establishments
  std::vector<PlanTeam> teams;
  std::map<std::string, std::string> district_names;  // code → name, e.g. "Huyện Mê Linh"
};

// One proposed inspection. `reasons` explains the choice, with these codes:
// "never_inspected" (never inspected so far), "district_share" (needed for rule 1),
// "extra" (beyond the rules, only with fill_capacity), "high_risk", "open_tips".
struct PlanItem {
  std::string establishment_id;
  std::string district;
  std::string team_id;
  int month = 0;  // 1..12
  std::vector<std::string> reasons;
};

// A rule the plan cannot meet in one district. For the rule, `required` establishments
// must be inspected in the year, `already_done` of them were, and `planned` more are in the
// plan; already_done + planned < required.
struct Shortfall {
  std::string district;  // district code
  std::string rule;      // "district_share" or "never_inspected"
  std::string cause;     // "capacity" or "no_team"
  int required = 0;
  int already_done = 0;
  int planned = 0;
  std::string message;     // lower-case English, names only the district code
  std::string message_vi;  // for users, names the district by its name when given
};

// The numbers behind one district's part of the plan.
struct DistrictSummary {
  std::string district;
  int establishments = 0;
  int inspected_this_year = 0;
  int never_inspected = 0;  // never inspected up to now
  int required_share = 0;   // rule 1: establishments to inspect in the year, done ones included
  int required_never = 0;   // rule 2: never-inspected to cover in the year, done ones included
  int planned = 0;          // items in the plan
  int planned_never = 0;    // of which never inspected
};

// The proposal: items ordered by month, team, district and rank; districts by code.
struct InspectionPlan {
  std::vector<PlanItem> items;
  std::vector<Shortfall> shortfalls;  // by district, then rule
  std::vector<DistrictSummary> districts;
  bool is_feasible() const { return shortfalls.empty(); }
};

// Proposes the year's inspection plan. Returns kInvalidArgument with field errors for bad
// input: year or plan_end_year outside 2000..2100, first_month outside 1..12, share outside
// (0, 1], a negative capacity, risk score or tip count, an empty or duplicate id, an empty
// district, a last_inspected_year that is negative or not before the plan year.
// Unmet rules are not errors: they come back as shortfalls of a best-effort plan.
base::Result<InspectionPlan> ProposeInspectionPlan(const PlanInput& input);

// A day of the calendar.
struct CalendarDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
};

// An inspection actually carried out.
struct DoneInspection {
  std::string establishment_id;
  CalendarDate date;
};

enum class ItemProgress {
  kPlanned,  // not done yet, its month has not ended
  kDone,     // the establishment was inspected in the plan year (in any month)
  kOverdue,  // not done and its month ended before today
};

// "planned", "done" or "overdue".
std::string_view ItemProgressName(ItemProgress progress);

struct PlanItemProgress {
  PlanItem item;
  ItemProgress progress = ItemProgress::kPlanned;
  std::optional<CalendarDate> done_on;  // the first inspection in the plan year, if any
};

// The state of an approved plan on one day: items in their given order, and totals.
struct PlanProgress {
  std::vector<PlanItemProgress> items;
  int done = 0;
  int overdue = 0;
  int planned = 0;
};

// Classifies each item of the `plan_year` plan against the inspections done, as of `today`.
// Returns kInvalidArgument with field errors for a plan_year outside 2000..2100, an invalid
// date, an item month outside 1..12, or an establishment planned twice.
base::Result<PlanProgress> TrackPlanProgress(int plan_year, const std::vector<PlanItem>& items,
                                             const std::vector<DoneInspection>& inspections,
                                             CalendarDate today);

}  // namespace pcmd::enforcement
