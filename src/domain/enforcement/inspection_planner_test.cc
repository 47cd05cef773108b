#include "domain/enforcement/inspection_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace pcmd::enforcement {
namespace {

PlanEstablishment Est(std::string id, std::string district, int risk = 0, int tips = 0,
                      int last_year = 0, bool is_this_year = false) {
  return {std::move(id), std::move(district), risk, tips, last_year, is_this_year};
}

PlanTeam Team(std::string id, int per_month, std::vector<std::string> districts = {}) {
  PlanTeam team{std::move(id), {}, std::move(districts)};
  team.monthly_capacity.fill(per_month);
  return team;
}

std::vector<std::string> Ids(const InspectionPlan& plan) {
  std::vector<std::string> ids;
  for (const PlanItem& item : plan.items) {
    ids.push_back(item.establishment_id);
  }
  return ids;
}

// Adds `count` establishments "<prefix>0".. of `district`, all of equal rank: the first
// `never` never inspected, the next `done` inspected this year, the rest inspected in 2020.
void Add(PlanInput& in, const std::string& district, const std::string& prefix, int count,
         int never = 0, int done = 0) {
  for (int i = 0; i < count; ++i) {
    in.establishments.push_back(Est(prefix + std::to_string(i), district, 0, 0,
                                    i < never ? 0 : 2020, i >= never && i < never + done));
  }
}

// Ten establishments of district "D1"; only "E10" was never inspected.
PlanInput TenInOneDistrict() {
  PlanInput in;
  in.year = 2023;
  in.first_month = 3;
  in.district_names = {{"D1", "Huyện Mê Linh"}};
  for (int i = 1; i <= 9; ++i) {
    in.establishments.push_back(Est("E0" + std::to_string(i), "D1", 1, 0, 2020));
  }
  in.establishments.push_back(Est("E10", "D1"));
  in.establishments[2].risk_score = 5;  // E03
  in.establishments[6].risk_score = 4;  // E07
  in.teams.push_back(Team("T1", 1));
  return in;
}

TEST(InspectionPlanner, PlansTheShareNeverInspectedAndHighRiskFirstInEarliestMonths) {
  auto plan = ProposeInspectionPlan(TenInOneDistrict());
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();

  // ceil(20% of 10) = 2; rule 2 needs ceil(1 / 3 years) = 1 of the never-inspected.
  EXPECT_EQ(Ids(*plan), (std::vector<std::string>{"E10", "E03"}));
  EXPECT_EQ(plan->items[0].month, 3);
  EXPECT_EQ(plan->items[1].month, 4);
  EXPECT_EQ(plan->items[0].team_id, "T1");
  EXPECT_EQ(plan->items[0].reasons,
            (std::vector<std::string>{"never_inspected", "district_share"}));
  EXPECT_EQ(plan->items[1].reasons, (std::vector<std::string>{"district_share", "high_risk"}));
  EXPECT_TRUE(plan->is_feasible());
  ASSERT_EQ(plan->districts.size(), 1u);
  const DistrictSummary& d = plan->districts[0];
  EXPECT_EQ(d.establishments, 10);
  EXPECT_EQ(d.never_inspected, 1);
  EXPECT_EQ(d.required_share, 2);
  EXPECT_EQ(d.required_never, 1);
  EXPECT_EQ(d.planned, 2);
  EXPECT_EQ(d.planned_never, 1);
}

TEST(InspectionPlanner, BreaksTiesByTipsThenOldestInspectionThenId) {
  PlanInput in;
  in.year = 2030;  // after the plan period: only the share applies
  in.district_share = 0.5;
  in.establishments = {Est("A", "D1", 2, 0, 2028), Est("B", "D1", 2, 1, 2029),
                       Est("C", "D1", 2, 0, 2027), Est("D", "D1", 2, 0, 2027),
                       Est("E", "D1", 1, 9, 2010), Est("F", "D1", 0, 0, 2000)};
  in.teams.push_back(Team("T1", 10));
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Ids(*plan), (std::vector<std::string>{"B", "C", "D"}));
  EXPECT_EQ(plan->items[0].reasons, (std::vector<std::string>{"district_share", "open_tips"}));
}

TEST(InspectionPlanner, FinalYearPlansEveryNeverInspected) {
  PlanInput in;
  in.year = 2025;
  in.plan_end_year = 2025;
  Add(in, "D1", "E", 10, /*never=*/5);
  in.establishments.push_back(Est("X", "D1", 0, 0, 0, /*is_this_year=*/true));  // first done
  in.teams.push_back(Team("T1", 2));
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Ids(*plan), (std::vector<std::string>{"E0", "E1", "E2", "E3", "E4"}));
  EXPECT_EQ(plan->districts[0].required_never, 6);
  EXPECT_TRUE(plan->is_feasible());
}

TEST(InspectionPlanner, SpreadsNeverInspectedOverTheRemainingYears) {
  PlanInput in;
  in.year = 2024;  // two years left: ceil(5 / 2) = 3
  Add(in, "D1", "E", 10, /*never=*/5);
  in.teams.push_back(Team("T1", 2));
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Ids(*plan), (std::vector<std::string>{"E0", "E1", "E2"}));
}

TEST(InspectionPlanner, InspectionsDoneThisYearCountTowardTheShare) {
  PlanInput in;
  in.year = 2026;
  Add(in, "D1", "E", 10, /*never=*/0, /*done=*/1);
  in.teams.push_back(Team("T1", 5));
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Ids(*plan), std::vector<std::string>{"E1"});

  in.establishments[1].is_inspected_this_year = true;
  plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->items.empty());
  EXPECT_TRUE(plan->is_feasible());
}

TEST(InspectionPlanner, RespectsTeamCoverageWhereAGreedyChoiceWouldFail) {
  PlanInput in;
  in.year = 2030;
  in.first_month = 11;
  Add(in, "A", "A", 10);
  Add(in, "B", "B", 10);
  // "Both" serves A and B, "OnlyA" serves A; both can do 2 inspections in Nov–Dec.
  in.teams = {Team("Both", 1), Team("OnlyA", 1, {"A"})};
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->is_feasible());
  ASSERT_EQ(plan->items.size(), 4u);
  for (const PlanItem& item : plan->items) {
    EXPECT_EQ(item.team_id, item.district == "A" ? "OnlyA" : "Both");
    EXPECT_GE(item.month, 11);
  }
}

TEST(InspectionPlanner, SpreadsATeamsEarlyMonthsOverItsDistricts) {
  PlanInput in;
  in.year = 2030;
  Add(in, "A", "A", 10);
  Add(in, "B", "B", 10);
  in.teams = {Team("T1", 1)};
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  std::vector<std::string> by_month;
  for (const PlanItem& item : plan->items) {
    by_month.push_back(item.district);
  }
  EXPECT_EQ(by_month, (std::vector<std::string>{"A", "B", "A", "B"}));
}

TEST(InspectionPlanner, SharesTooSmallCapacityAmongDistricts) {
  PlanInput in;
  in.year = 2030;
  in.first_month = 12;
  Add(in, "A", "A", 15);
  Add(in, "B", "B", 15);
  in.teams = {Team("T1", 2)};
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->districts.size(), 2u);
  EXPECT_EQ(plan->districts[0].planned, 1);
  EXPECT_EQ(plan->districts[1].planned, 1);
  EXPECT_EQ(plan->shortfalls.size(), 2u);
}

TEST(InspectionPlanner, ReportsCapacityShortfallAndPlansWhatFits) {
  PlanInput in;
  in.year = 2025;
  in.first_month = 10;
  in.district_names = {{"D7", "Huyện Ba Vì"}};
  Add(in, "D7", "E", 20, /*never=*/3);
  PlanTeam team = Team("T1", 0);
  team.monthly_capacity[1] = 50;  // February is already past
  team.monthly_capacity[11] = 2;
  in.teams.push_back(team);
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Ids(*plan), (std::vector<std::string>{"E0", "E1"}));
  ASSERT_EQ(plan->shortfalls.size(), 2u);
  const Shortfall& never = plan->shortfalls[0];
  EXPECT_EQ(never.rule, "never_inspected");
  EXPECT_EQ(never.required, 3);
  EXPECT_EQ(never.planned, 2);
  const Shortfall& share = plan->shortfalls[1];
  EXPECT_EQ(share.district, "D7");
  EXPECT_EQ(share.rule, "district_share");
  EXPECT_EQ(share.cause, "capacity");
  EXPECT_EQ(share.required, 4);
  EXPECT_EQ(share.planned, 2);
  EXPECT_EQ(share.message,
            "district D7: 4 establishments must be inspected in 2025 (20% share), only 2 planned "
            "because team capacity in months 10-12 is too small");
  EXPECT_EQ(share.message_vi,
            "Huyện Ba Vì: cần kiểm tra 4 cơ sở trong năm 2025 (20%), chỉ xếp được 2 vì năng lực "
            "các đoàn từ tháng 10 đến tháng 12 không đủ");
  EXPECT_FALSE(plan->is_feasible());
}

TEST(InspectionPlanner, ReportsDistrictWithoutTeam) {
  PlanInput in;
  in.year = 2030;
  Add(in, "A", "A", 5);
  Add(in, "B", "B", 5, /*never=*/0, /*done=*/1);
  Add(in, "C", "C", 5);
  in.teams = {Team("T1", 3, {"A", "B"})};
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(Ids(*plan), std::vector<std::string>{"A0"});
  ASSERT_EQ(plan->shortfalls.size(), 1u);
  EXPECT_EQ(plan->shortfalls[0].district, "C");
  EXPECT_EQ(plan->shortfalls[0].cause, "no_team");
  EXPECT_EQ(plan->shortfalls[0].planned, 0);
  EXPECT_EQ(plan->shortfalls[0].message_vi,
            "Địa bàn C: cần kiểm tra 1 cơ sở trong năm 2030 (20%), chỉ xếp được 0 vì không có "
            "đoàn kiểm tra nào phụ trách địa bàn này");
}

TEST(InspectionPlanner, FillsCapacityOnlyWhenAsked) {
  PlanInput in = TenInOneDistrict();
  in.first_month = 12;
  in.teams[0].monthly_capacity[11] = 5;
  in.fill_capacity = true;
  auto plan = ProposeInspectionPlan(in);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->items.size(), 5u);
  EXPECT_EQ(Ids(*plan)[2], "E07");
  EXPECT_EQ(plan->items[2].reasons, (std::vector<std::string>{"extra", "high_risk"}));
}

TEST(InspectionPlanner, RejectsBadInputWithFieldErrors) {
  PlanInput in = TenInOneDistrict();
  in.year = 1999;
  in.first_month = 13;
  in.district_share = 0.0;
  in.teams[0].monthly_capacity[4] = -1;
  in.establishments[1].id = "E01";
  in.establishments[3].last_inspected_year = -1;
  auto plan = ProposeInspectionPlan(in);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), base::StatusCode::kInvalidArgument);
  std::set<std::string> fields;
  for (const auto& f : plan.status().fields()) {
    fields.insert(f.field);
  }
  EXPECT_EQ(fields, (std::set<std::string>{"year", "first_month", "district_share",
                                           "teams[0].monthly_capacity[4]", "establishments[1].id",
                                           "establishments[3].last_inspected_year"}));
}

// ---- Property test against an independent check -------------------------------------------

PlanInput RandomInstance(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  PlanInput in;
  in.year = pick(2022, 2027);
  in.first_month = pick(1, 12);
  const int percents[] = {10, 20, 25, 50, 100};
  in.district_share = percents[pick(0, 4)] / 100.0;
  in.fill_capacity = pick(0, 3) == 0;
  const int districts = pick(1, 6);
  const int establishments = pick(0, 60);
  for (int i = 0; i < establishments; ++i) {
    const int last = pick(0, 2) == 0 ? 0 : pick(2015, in.year - 1);
    in.establishments.push_back(Est("E" + std::to_string(i),
                                    "D" + std::to_string(pick(1, districts)), pick(0, 5),
                                    pick(0, 2), last, pick(0, 4) == 0));
  }
  const int teams = pick(0, 4);
  for (int t = 0; t < teams; ++t) {
    PlanTeam team = Team("T" + std::to_string(t), 0);
    for (int& c : team.monthly_capacity) {
      c = pick(0, 2) == 0 ? 0 : pick(0, 3);
    }
    if (pick(0, 3) != 0) {
      for (int d = 1; d <= districts; ++d) {
        if (pick(0, 2) == 0) {
          team.districts.push_back("D" + std::to_string(d));
        }
      }
      if (team.districts.empty()) {
        team.districts.push_back("D" + std::to_string(pick(1, 6)));
      }
    }
    in.teams.push_back(team);
  }
  return in;
}

// The requirements of each district, computed independently of the planner.
struct Need {
  int total = 0;
  int never_before = 0;  // never inspected before the year
  int share = 0;         // rule 1, done ones included
  int never = 0;         // rule 2, done ones included
  int done = 0;
  int never_done = 0;
  int need_never = 0;  // still to plan
  int required = 0;    // still to plan for both rules
  int candidates = 0;
};

std::map<std::string, Need> Needs(const PlanInput& in) {
  std::map<std::string, Need> needs;
  for (const auto& e : in.establishments) {
    Need& n = needs[e.district];
    ++n.total;
    n.never_before += e.last_inspected_year == 0;
    n.done += e.is_inspected_this_year;
    n.never_done += e.is_inspected_this_year && e.last_inspected_year == 0;
    n.candidates += !e.is_inspected_this_year;
  }
  const int percent = static_cast<int>(std::lround(in.district_share * 100));
  for (auto& [d, n] : needs) {
    n.share = (n.total * percent + 99) / 100;
    if (in.year <= in.plan_end_year) {
      const int years = in.plan_end_year - in.year + 1;
      n.never = (n.never_before + years - 1) / years;
    }
    n.need_never = std::max(0, n.never - n.never_done);
    n.required = std::max({0, n.share - n.done, n.need_never});
  }
  return needs;
}

// The largest number of inspections that can be planned when district d asks for demand[d]:
// by max-flow/min-cut on the bipartite district–team graph, the minimum over subsets S of
// districts of (demand outside S) + (capacity of teams covering any district of S).
std::int64_t MaxPlannable(const PlanInput& in, const std::vector<std::string>& codes,
                          const std::vector<int>& demand) {
  std::int64_t best = -1;
  const int n = static_cast<int>(codes.size());
  for (int mask = 0; mask < (1 << n); ++mask) {
    std::int64_t cut = 0;
    for (int d = 0; d < n; ++d) {
      if (!(mask & (1 << d))) {
        cut += demand[d];
      }
    }
    for (const PlanTeam& team : in.teams) {
      bool is_adjacent = false;
      for (int d = 0; d < n; ++d) {
        const bool covers = team.districts.empty() ||
                            std::count(team.districts.begin(), team.districts.end(), codes[d]) > 0;
        if ((mask & (1 << d)) && covers) {
          is_adjacent = true;
        }
      }
      if (!is_adjacent) {
        continue;
      }
      for (int m = in.first_month; m <= 12; ++m) {
        cut += team.monthly_capacity[m - 1];
      }
    }
    if (best < 0 || cut < best) {
      best = cut;
    }
  }
  return best;
}

bool Before(const PlanEstablishment& a, const PlanEstablishment& b) {
  const bool a_never = a.last_inspected_year == 0, b_never = b.last_inspected_year == 0;
  if (a_never != b_never) {
    return a_never;
  }
  if (a.risk_score != b.risk_score) {
    return a.risk_score > b.risk_score;
  }
  if (a.open_tips != b.open_tips) {
    return a.open_tips > b.open_tips;
  }
  if (a.last_inspected_year != b.last_inspected_year) {
    return a.last_inspected_year < b.last_inspected_year;
  }
  return a.id < b.id;
}

TEST(InspectionPlanner, RandomInstancesMatchAnIndependentFeasibilityCheck) {
  int feasible_seen = 0, infeasible_seen = 0;
  for (unsigned seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    const PlanInput in = RandomInstance(rng);
    auto result = ProposeInspectionPlan(in);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    const InspectionPlan& plan = *result;

    // (a) Capacity, coverage, months, uniqueness.
    std::map<std::string, const PlanEstablishment*> by_id;
    for (const auto& e : in.establishments) {
      by_id[e.id] = &e;
    }
    std::map<std::string, const PlanTeam*> teams;
    for (const auto& t : in.teams) {
      teams[t.id] = &t;
    }
    std::map<std::pair<std::string, int>, int> used;
    std::set<std::string> seen;
    std::map<std::string, std::vector<const PlanItem*>> per_district;
    for (const PlanItem& item : plan.items) {
      ASSERT_TRUE(seen.insert(item.establishment_id).second) << item.establishment_id;
      const PlanEstablishment& e = *by_id.at(item.establishment_id);
      EXPECT_FALSE(e.is_inspected_this_year);
      EXPECT_EQ(item.district, e.district);
      ASSERT_GE(item.month, in.first_month);
      ASSERT_LE(item.month, 12);
      const PlanTeam& team = *teams.at(item.team_id);
      EXPECT_TRUE(team.districts.empty() ||
                  std::count(team.districts.begin(), team.districts.end(), item.district) > 0);
      const int slot_use = ++used[std::make_pair(item.team_id, item.month)];
      EXPECT_LE(slot_use, team.monthly_capacity[item.month - 1]);
      per_district[item.district].push_back(&item);
    }

    // Within a district: the best-ranked establishments, in non-decreasing months.
    std::map<std::string, std::vector<const PlanEstablishment*>> ranked;
    for (const auto& e : in.establishments) {
      if (!e.is_inspected_this_year) {
        ranked[e.district].push_back(&e);
      }
    }
    for (auto& [d, list] : ranked) {
      std::sort(
          list.begin(), list.end(),
          [](const PlanEstablishment* a, const PlanEstablishment* b) { return Before(*a, *b); });
      const auto& items = per_district[d];
      std::map<std::string, int> month_of;
      for (const PlanItem* item : items) {
        month_of[item->establishment_id] = item->month;
      }
      int last_month = 0;
      for (std::size_t r = 0; r < list.size(); ++r) {
        const bool is_planned = month_of.count(list[r]->id) > 0;
        EXPECT_EQ(is_planned, r < items.size()) << d << " rank " << r;
        if (!is_planned) {
          continue;
        }
        EXPECT_GE(month_of[list[r]->id], last_month);
        last_month = month_of[list[r]->id];
      }
    }

    // (b)/(c) Against the cut formula.
    const std::map<std::string, Need> needs = Needs(in);
    std::vector<std::string> codes;
    std::vector<int> required, need_never, candidates;
    for (const auto& [d, n] : needs) {
      codes.push_back(d);
      required.push_back(n.required);
      need_never.push_back(n.need_never);
      candidates.push_back(n.candidates);
    }
    std::int64_t total_required = 0;
    for (int r : required) {
      total_required += r;
    }
    const bool is_feasible = MaxPlannable(in, codes, required) == total_required;
    (is_feasible ? feasible_seen : infeasible_seen)++;
    EXPECT_EQ(plan.is_feasible(), is_feasible);

    std::int64_t planned_required = 0, planned_never_required = 0;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      const Need& n = needs.at(codes[i]);
      const int planned = static_cast<int>(per_district[codes[i]].size());
      int planned_never = 0;
      for (const PlanItem* item : per_district[codes[i]]) {
        planned_never += by_id.at(item->establishment_id)->last_inspected_year == 0;
      }
      planned_required += std::min(planned, n.required);
      planned_never_required += std::min(planned_never, n.need_never);
      if (is_feasible) {
        EXPECT_GE(n.done + planned, n.share) << codes[i];
        EXPECT_GE(n.never_done + planned_never, n.never) << codes[i];
        if (!in.fill_capacity) {
          EXPECT_EQ(planned, n.required) << codes[i];
        }
      }
      if (!in.fill_capacity) {
        EXPECT_LE(planned, n.required) << codes[i];
      }
    }
    // Best effort: as many required items as fit, never-inspected needs first.
    EXPECT_EQ(planned_required, MaxPlannable(in, codes, required));
    EXPECT_EQ(planned_never_required, MaxPlannable(in, codes, need_never));
    if (in.fill_capacity) {
      EXPECT_EQ(static_cast<std::int64_t>(plan.items.size()), MaxPlannable(in, codes, candidates));
    }
  }
  EXPECT_GT(feasible_seen, 50);
  EXPECT_GT(infeasible_seen, 50);
}

// ---- Progress ---------------------------------------------------------------------------

TEST(InspectionPlanProgress, ClassifiesDoneOverdueAndPlanned) {
  const std::vector<PlanItem> items = {{"A", "D1", "T1", 3, {}},
                                       {"B", "D1", "T1", 4, {}},
                                       {"C", "D1", "T1", 5, {}},
                                       {"D", "D1", "T1", 2, {}}};
  const std::vector<DoneInspection> done = {{"A", {2025, 3, 10}},
                                            {"A", {2025, 2, 1}},
                                            {"D", {2024, 12, 30}},  // the year before: not done
                                            {"C", {2025, 4, 2}}};   // early counts too
  auto progress = TrackPlanProgress(2025, items, done, {2025, 5, 1});
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  ASSERT_EQ(progress->items.size(), 4u);
  EXPECT_EQ(progress->items[0].progress, ItemProgress::kDone);
  ASSERT_TRUE(progress->items[0].done_on.has_value());
  EXPECT_EQ(progress->items[0].done_on->month, 2);
  EXPECT_EQ(progress->items[1].progress, ItemProgress::kOverdue);  // April ended
  EXPECT_EQ(progress->items[2].progress, ItemProgress::kDone);
  EXPECT_EQ(progress->items[3].progress, ItemProgress::kOverdue);
  EXPECT_EQ(ItemProgressName(progress->items[1].progress), "overdue");
  EXPECT_EQ(progress->done, 2);
  EXPECT_EQ(progress->overdue, 2);
  EXPECT_EQ(progress->planned, 0);

  progress = TrackPlanProgress(2025, items, {}, {2025, 4, 30});  // April not yet over
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->overdue, 2);
  EXPECT_EQ(progress->planned, 2);
  progress = TrackPlanProgress(2025, items, {}, {2026, 1, 1});
  ASSERT_TRUE(progress.ok());
  EXPECT_EQ(progress->overdue, 4);
}

TEST(InspectionPlanProgress, RejectsInvalidDatesAndDuplicates) {
  const std::vector<PlanItem> items = {{"A", "D1", "T1", 3, {}}, {"A", "D1", "T1", 13, {}}};
  auto progress = TrackPlanProgress(2025, items, {{"A", {2025, 2, 29}}}, {2025, 4, 31});
  ASSERT_FALSE(progress.ok());
  std::set<std::string> fields;
  for (const auto& f : progress.status().fields()) {
    fields.insert(f.field);
  }
  EXPECT_EQ(fields, (std::set<std::string>{"today", "items[1].month", "items[1].establishment_id",
                                           "inspections[0].date"}));
}

}  // namespace
}  // namespace pcmd::enforcement
