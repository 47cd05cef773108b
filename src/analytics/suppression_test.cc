#include "analytics/suppression.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace pcmd::analytics {
namespace {

TEST(Suppress, HidesOneToFourAndShowsZeroAndFiveOrMore) {
  const auto hidden = Suppress({0, 1, 4, 5, 12}, {});
  EXPECT_EQ(hidden, (std::vector<bool>{false, true, true, false, false}));
  EXPECT_EQ(ShowCount(3, true), "<5");
  EXPECT_EQ(ShowCount(7, false), "7");
}

TEST(Suppress, ASingleHiddenPartTakesTheSmallestOtherPartWithIt) {
  // district total 30 = communes 3 + 12 + 15: hiding 3 alone lets 30 - 12 - 15 reveal it
  const auto hidden = Suppress({30, 3, 12, 15}, {{0, {1, 2, 3}}});
  EXPECT_EQ(hidden, (std::vector<bool>{false, true, true, false}));
}

TEST(Suppress, AHiddenTotalWithVisiblePartsHidesAPart) {
  // total 4 (hidden) = 0 + 4? the part 4 is hidden too; total 3 = 0 + 0 + 3 likewise
  EXPECT_EQ(Suppress({4, 0, 4}, {{0, {1, 2}}}), (std::vector<bool>{true, false, true}));
  // a hidden total over parts that are all visible: one part must go too
  EXPECT_EQ(Suppress({2, 2, 0}, {{0, {1, 2}}}), (std::vector<bool>{true, true, false}));
}

// The rank of a 0/±1 matrix (rows of equal length), by elimination with pivoting.
int Rank(std::vector<std::vector<double>> m) {
  int rank = 0;
  const std::size_t cols = m.empty() ? 0 : m[0].size();
  for (std::size_t c = 0; c < cols && rank < static_cast<int>(m.size()); ++c) {
    std::size_t best = rank;
    for (std::size_t r = rank; r < m.size(); ++r) {
      if (std::fabs(m[r][c]) > std::fabs(m[best][c])) best = r;
    }
    if (std::fabs(m[best][c]) < 1e-9) continue;
    std::swap(m[best], m[rank]);
    for (std::size_t r = 0; r < m.size(); ++r) {
      if (r == static_cast<std::size_t>(rank) || std::fabs(m[r][c]) < 1e-12) continue;
      const double f = m[r][c] / m[rank][c];
      for (std::size_t k = c; k < cols; ++k) m[r][k] -= f * m[rank][k];
    }
    ++rank;
  }
  return rank;
}

TEST(Suppress, CrossingGroupsThatPinACellDownHideOneMore) {
  // a, b, c are small (hidden); a + b, a + c and b + c are published: together they give a, b, c
  // values: 0 a=2, 1 b=3, 2 c=4, 3 a+b=5, 4 a+c=6, 5 b+c=7
  const std::vector<SuppressionGroup> groups = {{3, {0, 1}}, {4, {0, 2}}, {5, {1, 2}}};
  const auto hidden = Suppress({2, 3, 4, 5, 6, 7}, groups);
  EXPECT_TRUE(hidden[0] && hidden[1] && hidden[2]);
  EXPECT_TRUE(hidden[3] || hidden[4] || hidden[5]);
}

// Random counts over a unit tree (province → districts → communes) × periods (year →
// quarters → months), with every total published: no hidden cell may be determined by the
// equations "total = sum of parts" once the visible values are known.
TEST(Suppress, NoHiddenCellCanBeRecoveredBySubtractionAcrossLevelsAndPeriods) {
  for (std::uint32_t seed = 1; seed <= 150; ++seed) {
    std::mt19937 rng(seed);
    const int districts = std::uniform_int_distribution<int>(1, 3)(rng);
    std::vector<std::vector<int>> communes_of(districts);
    int units = 1 + districts;  // 0 = province, 1..districts
    for (int d = 0; d < districts; ++d) {
      const int n = std::uniform_int_distribution<int>(1, 3)(rng);
      for (int i = 0; i < n; ++i) communes_of[d].push_back(units++);
    }
    const int periods = 1 + 2 + 4;  // year, 2 halves, 4 quarters (small enough to solve)
    auto cell = [&](int u, int p) { return static_cast<std::size_t>(u * periods + p); };
    std::vector<std::int64_t> values(static_cast<std::size_t>(units * periods), 0);
    // leaves: communes × quarters, mostly small
    for (int d = 0; d < districts; ++d) {
      for (int c : communes_of[d]) {
        for (int q = 3; q < 7; ++q) {
          values[cell(c, q)] = std::uniform_int_distribution<int>(0, 9)(rng);
        }
      }
    }
    auto period_parts = [](int p) -> std::vector<int> {
      if (p == 0) return {1, 2};
      if (p == 1) return {3, 4};
      if (p == 2) return {5, 6};
      return {};
    };
    // sums up the period tree for communes, then up the unit tree for every period
    for (int d = 0; d < districts; ++d) {
      for (int c : communes_of[d]) {
        for (int p : {1, 2, 0}) {
          for (int q : period_parts(p)) values[cell(c, p)] += values[cell(c, q)];
        }
      }
    }
    for (int p = 0; p < periods; ++p) {
      for (int d = 0; d < districts; ++d) {
        for (int c : communes_of[d]) values[cell(1 + d, p)] += values[cell(c, p)];
        values[cell(0, p)] += values[cell(1 + d, p)];
      }
    }
    std::vector<SuppressionGroup> groups;
    for (int p = 0; p < periods; ++p) {
      SuppressionGroup province{cell(0, p), {}};
      for (int d = 0; d < districts; ++d) {
        province.parts.push_back(cell(1 + d, p));
        SuppressionGroup district{cell(1 + d, p), {}};
        for (int c : communes_of[d]) district.parts.push_back(cell(c, p));
        groups.push_back(district);
      }
      groups.push_back(province);
    }
    for (int u = 0; u < units; ++u) {
      for (int p : {0, 1, 2}) {
        SuppressionGroup g{cell(u, p), {}};
        for (int q : period_parts(p)) g.parts.push_back(cell(u, q));
        groups.push_back(g);
      }
    }
    const auto hidden = Suppress(values, groups);
    // unknowns: the hidden cells; equations: each group restricted to them
    std::vector<std::size_t> unknown;
    std::vector<int> column(values.size(), -1);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (hidden[i]) {
        column[i] = static_cast<int>(unknown.size());
        unknown.push_back(i);
      }
      if (values[i] >= 1 && values[i] <= 4) {
        ASSERT_TRUE(hidden[i]) << "seed " << seed;
      }
    }
    std::vector<std::vector<double>> rows;
    for (const auto& g : groups) {
      std::vector<double> row(unknown.size(), 0.0);
      bool any = false;
      if (column[g.total] >= 0) {
        row[column[g.total]] = 1;
        any = true;
      }
      for (std::size_t p : g.parts) {
        if (column[p] >= 0) {
          row[column[p]] -= 1;
          any = true;
        }
      }
      if (any) rows.push_back(row);
    }
    const int rank = Rank(rows);
    for (std::size_t k = 0; k < unknown.size(); ++k) {
      auto with = rows;
      std::vector<double> unit(unknown.size(), 0.0);
      unit[k] = 1.0;
      with.push_back(unit);
      // if adding "x_k = ?" does not raise the rank, the equations already fix x_k
      EXPECT_EQ(Rank(with), rank + 1) << "seed " << seed << ": cell " << unknown[k] << " (value "
                                      << values[unknown[k]] << ") can be recovered";
    }
  }
}

}  // namespace
}  // namespace pcmd::analytics
