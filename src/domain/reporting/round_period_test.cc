#include "domain/reporting/round_period.h"

#include <gtest/gtest.h>

namespace pcmd::reporting {
namespace {

TEST(RoundPeriod, HalfYearsCoverTheirSixMonths) {
  auto h1 = RoundPeriod::Parse("2025H1");
  ASSERT_TRUE(h1.ok());
  EXPECT_EQ(h1->first.ToString(), "2025-01-01");
  EXPECT_EQ(h1->last.ToString(), "2025-06-30");
  EXPECT_TRUE(h1->is_half_year());
  auto h2 = RoundPeriod::Parse("2024H2");
  ASSERT_TRUE(h2.ok());
  EXPECT_EQ(h2->first.ToString(), "2024-07-01");
  EXPECT_EQ(h2->last.ToString(), "2024-12-31");
  const base::Period p = h2->AsPeriod();
  EXPECT_EQ(p.id, "2024H2");
  EXPECT_EQ(p.first.ToString(), "2024-07-01");
  EXPECT_EQ(p.last.ToString(), "2024-12-31");
}

TEST(RoundPeriod, TakesThePeriodsBaseUnderstands) {
  auto y = RoundPeriod::Parse("2024");
  ASSERT_TRUE(y.ok());
  EXPECT_EQ(y->last.ToString(), "2024-12-31");
  EXPECT_EQ(y->AsPeriod().kind, base::Period::Kind::kYear);
  auto span = RoundPeriod::Parse("P2021-2025");
  ASSERT_TRUE(span.ok());
  EXPECT_EQ(span->first.ToString(), "2021-01-01");
  EXPECT_EQ(span->AsPeriod().kind, base::Period::Kind::kYears);
  EXPECT_EQ(RoundPeriod::Parse("2025Q3")->AsPeriod().kind, base::Period::Kind::kQuarter);
}

TEST(RoundPeriod, RefusesMalformedTextNamingThePeriod) {
  for (const char* bad : {"2025H3", "2025H", "25H1", "abcdH1", "2025-H1", "", "1800H1"}) {
    auto p = RoundPeriod::Parse(bad);
    ASSERT_FALSE(p.ok()) << bad;
    ASSERT_EQ(p.status().fields().size(), 1u) << bad;
    EXPECT_EQ(p.status().fields()[0].field, "period") << bad;
  }
}

TEST(RoundPeriod, EachKindCoversItsOwnFormOfPeriod) {
  EXPECT_TRUE(CheckKindCoversPeriod("six_month", *RoundPeriod::Parse("2025H1")).ok());
  EXPECT_FALSE(CheckKindCoversPeriod("six_month", *RoundPeriod::Parse("2025")).ok());
  EXPECT_TRUE(CheckKindCoversPeriod("year", *RoundPeriod::Parse("2025")).ok());
  EXPECT_FALSE(CheckKindCoversPeriod("year", *RoundPeriod::Parse("2025Q1")).ok());
  EXPECT_TRUE(CheckKindCoversPeriod("final_review", *RoundPeriod::Parse("P2021-2025")).ok());
  EXPECT_FALSE(CheckKindCoversPeriod("final_review", *RoundPeriod::Parse("2025H2")).ok());
  EXPECT_TRUE(IsRoundKind("final_review"));
  EXPECT_FALSE(IsRoundKind("quarter"));
}

}  // namespace
}  // namespace pcmd::reporting
