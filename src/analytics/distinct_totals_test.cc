// DistinctTotals against counting by hand: random occurrences added and removed on a small tree,
// every unit and every window of months compared with a plain set of the values seen.
#include "analytics/distinct_totals.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>

namespace pcmd::analytics {
namespace {

TEST(DistinctTotals, WorkedExample) {
  // 0 province; 1 district (2, 3 communes); 4 district (5 commune).
  const std::vector<int> parent = {-1, 0, 1, 1, 0, 4};
  const std::vector<int> end = {6, 4, 3, 4, 6, 6};
  DistinctTotals d;
  d.Reset(&parent, &end);
  d.Add(2, 7, 10, +1);  // value 7 in commune 2, months 10 and 12; in commune 3, month 11
  d.Add(2, 7, 12, +1);
  d.Add(3, 7, 11, +1);
  d.Add(5, 8, 11, +1);  // value 8 in commune 5, month 11
  EXPECT_EQ(d.Count(0, 10, 12), 2);
  EXPECT_EQ(d.Count(0, 11, 11), 2);
  EXPECT_EQ(d.Count(1, 11, 12), 1);  // 7 once though it occurs in both communes and months
  EXPECT_EQ(d.Count(2, 11, 11), 0);
  EXPECT_EQ(d.Count(2, 11, 12), 1);
  EXPECT_EQ(d.Count(4, 10, 10), 0);
  d.Add(3, 7, 11, -1);
  EXPECT_EQ(d.Count(1, 11, 11), 0);
  EXPECT_EQ(d.Count(0, 11, 11), 1);
  d.Add(5, 8, 11, -1);
  d.Add(5, 8, 11, -1);  // removing what is not there changes nothing
  EXPECT_EQ(d.Count(0, 0, 100), 1);
}

TEST(DistinctTotals, RandomOccurrencesMatchASet) {
  const std::vector<int> parent = {-1, 0, 1, 1, 0, 4, 4, 4};
  const std::vector<int> end = {8, 4, 3, 4, 8, 6, 7, 8};
  DistinctTotals d;
  d.Reset(&parent, &end);
  std::mt19937 rng(13);
  std::multiset<std::tuple<int, std::int64_t, int>> held;  // (pos, value, month)
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int step = 0; step < 3000; ++step) {
    if (!held.empty() && pick(0, 2) == 0) {
      auto it = held.begin();
      std::advance(it, pick(0, static_cast<int>(held.size()) - 1));
      d.Add(std::get<0>(*it), std::get<1>(*it), std::get<2>(*it), -1);
      held.erase(it);
    } else {
      const int pos = pick(0, 7), month = pick(0, 14);
      const std::int64_t value = pick(0, 25);
      d.Add(pos, value, month, +1);
      held.insert({pos, value, month});
    }
    if (step % 300 != 299) continue;
    for (int unit = 0; unit < 8; ++unit) {
      for (int a = 0; a < 15; ++a) {
        for (int b = a; b < 15; ++b) {
          std::set<std::int64_t> seen;
          for (const auto& [pos, value, month] : held) {
            if (pos >= unit && pos < end[static_cast<std::size_t>(unit)] && month >= a && month <= b) seen.insert(value);
          }
          ASSERT_EQ(d.Count(unit, a, b), static_cast<std::int64_t>(seen.size()))
              << "step " << step << " unit " << unit << " months " << a << ".." << b;
        }
      }
    }
  }
}

// A rebuild notes occurrences and builds the pairs at once: the same counts as adding them one by
// one, and adding and removing afterwards goes on from there.
TEST(DistinctTotals, NotedAndBuiltEqualsAddedOneByOne) {
  const std::vector<int> parent = {-1, 0, 1, 1, 0, 4, 4, 4};
  const std::vector<int> end = {8, 4, 3, 4, 8, 6, 7, 8};
  DistinctTotals added, built;
  added.Reset(&parent, &end);
  built.Reset(&parent, &end);
  std::mt19937 rng(29);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<std::tuple<int, std::int64_t, int>> occurrences;
  for (int i = 0; i < 2000; ++i) {
    const int pos = pick(0, 7), month = pick(0, 14);
    const std::int64_t value = pick(0, 40);
    occurrences.emplace_back(pos, value, month);
    added.Add(pos, value, month, +1);
    built.Note(pos, value, month);
  }
  built.Build();
  auto same = [&](const std::string& when) {
    for (int unit = 0; unit < 8; ++unit) {
      for (int a = 0; a < 15; ++a) {
        for (int b = a; b < 15; ++b) {
          ASSERT_EQ(built.Count(unit, a, b), added.Count(unit, a, b)) << when << " unit " << unit << " " << a << ".." << b;
        }
      }
    }
  };
  same("after the build");
  EXPECT_GT(built.Count(0, 0, 14), 0);
  for (int i = 0; i < 1500; ++i) {  // the occurrences the build made are removed as Add's are
    const auto& [pos, value, month] = occurrences[static_cast<std::size_t>(i)];
    added.Add(pos, value, month, -1);
    built.Add(pos, value, month, -1);
  }
  built.Add(3, 99, 4, +1);
  added.Add(3, 99, 4, +1);
  same("after removals");
}

}  // namespace
}  // namespace pcmd::analytics
