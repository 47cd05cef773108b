// ExistingTotals against counting by hand: random things (some ending before they begin, as bad
// data may) added and removed, every range of units, last day and threshold compared.
#include "analytics/existing_totals.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <set>
#include <tuple>
#include <vector>

namespace pcmd::analytics {
namespace {

TEST(ExistingTotals, WorkedExample) {
  ExistingTotals e;
  e.Reset(3);
  e.Add(0, 10, std::nullopt, +1);  // open since day 10
  e.Add(0, 12, 20, +1);            // days 12..20
  e.Add(1, 30, 25, +1);            // bad data: ends (25) before it begins (30)
  EXPECT_EQ(e.Count(0, 3, 11, 11), 1);   // only the first had begun by day 11
  EXPECT_EQ(e.Count(0, 3, 20, 20), 2);   // the second still there on its last day
  EXPECT_EQ(e.Count(0, 3, 40, 21), 2);   // the second ended on 20; the odd one counts (25 >= 21)
  EXPECT_EQ(e.Count(0, 3, 40, 25), 2);   // the odd one: begun by 40, not ended before 25
  EXPECT_EQ(e.Count(1, 2, 29, 0), 0);    // ... but not begun by 29
  e.Add(0, 10, std::nullopt, -1);
  EXPECT_EQ(e.Count(0, 1, 40, 0), 1);
}

TEST(ExistingTotals, RandomThingsMatchACount) {
  ExistingTotals e;
  e.Reset(5);
  std::mt19937 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::multiset<std::tuple<int, int, int>> held;  // (pos, begin, end or -1)
  for (int step = 0; step < 2000; ++step) {
    if (!held.empty() && pick(0, 3) == 0) {
      auto it = held.begin();
      std::advance(it, pick(0, static_cast<int>(held.size()) - 1));
      const auto [pos, begin, end] = *it;
      e.Add(pos, begin, end < 0 ? std::nullopt : std::optional<std::int32_t>(end), -1);
      held.erase(it);
    } else {
      const int pos = pick(0, 4), begin = pick(0, 60);
      const int end = pick(0, 3) == 0 ? -1 : pick(0, 5) == 0 ? pick(0, begin) : pick(begin, 70);
      e.Add(pos, begin, end < 0 ? std::nullopt : std::optional<std::int32_t>(end), +1);
      held.insert({pos, begin, end});
    }
    if (step % 250 != 249) continue;
    for (int lo = 0; lo < 5; ++lo) {
      for (int hi = lo + 1; hi <= 5; ++hi) {
        for (int last = 0; last <= 70; last += 3) {
          for (int threshold = 0; threshold <= last + 1; threshold += 2) {
            std::int64_t n = 0;
            for (const auto& [pos, begin, end] : held) {
              n += pos >= lo && pos < hi && begin <= last && (end < 0 || end >= threshold);
            }
            ASSERT_EQ(e.Count(lo, hi, last, threshold), n) << lo << ".." << hi << " last " << last << " t " << threshold;
          }
        }
      }
    }
  }
}

// Things noted in bulk (a rebuild) and put in order at the end count as the same things added one
// by one; adding and removing then goes on from there.
TEST(ExistingTotals, NotedAndFinishedEqualsAddedOneByOne) {
  ExistingTotals added, noted;
  added.Reset(4);
  noted.Reset(4);
  std::mt19937 rng(11);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<std::tuple<int, int, std::optional<std::int32_t>>> things;
  for (int i = 0; i < 500; ++i) {
    const int begin = pick(0, 60);
    const std::optional<std::int32_t> end =
        pick(0, 3) == 0 ? std::nullopt : std::optional<std::int32_t>(pick(0, 5) == 0 ? pick(0, begin) : pick(begin, 70));
    things.emplace_back(pick(-1, 4), begin, end);  // -1 and 4: outside the units, ignored by both
  }
  for (const auto& [pos, begin, end] : things) {
    added.Add(pos, begin, end, +1);
    noted.Note(pos, begin, end);
  }
  noted.Finish();
  for (int k = 0; k < 100; ++k) {
    const auto& [pos, begin, end] = things[static_cast<std::size_t>(k) * 5];
    added.Add(pos, begin, end, -1);
    noted.Add(pos, begin, end, -1);
  }
  for (int lo = 0; lo < 4; ++lo) {
    for (int hi = lo + 1; hi <= 4; ++hi) {
      for (int last = 0; last <= 70; last += 2) {
        for (int threshold = 0; threshold <= last + 1; ++threshold) {
          ASSERT_EQ(noted.Count(lo, hi, last, threshold), added.Count(lo, hi, last, threshold));
        }
      }
    }
  }
}

}  // namespace
}  // namespace pcmd::analytics
