#include "base/date.h"

#include <gtest/gtest.h>

namespace pcmd::base {
namespace {

TEST(Date, ParsesAndPrintsRealDates) {
  auto d = Date::Parse("2024-02-29");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->ToString(), "2024-02-29");
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 29);
}

TEST(Date, RefusesImpossibleDates) {
  EXPECT_FALSE(Date::Parse("2023-02-29").ok());
  EXPECT_FALSE(Date::Parse("2023-13-01").ok());
  EXPECT_FALSE(Date::Parse("2023-1-01").ok());
  EXPECT_FALSE(Date::Parse("").ok());
  EXPECT_FALSE(Date::Parse("20230101").ok());
}

TEST(Date, ArithmeticCrossesYears) {
  EXPECT_EQ(Date::Parse("2025-01-01")->AddDays(-1).ToString(), "2024-12-31");
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).days(), 0);
  EXPECT_LT(*Date::Parse("2024-12-31"), *Date::Parse("2025-01-01"));
}

TEST(Period, ParsesDhis2Forms) {
  auto q = Period::Parse("2023Q2");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->first.ToString(), "2023-04-01");
  EXPECT_EQ(q->last.ToString(), "2023-06-30");
  auto m = Period::Parse("202402");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->last.ToString(), "2024-02-29");
  auto y = Period::Parse("2021");
  ASSERT_TRUE(y.ok());
  EXPECT_TRUE(y->Contains(*Date::Parse("2021-07-15")));
  auto span = Period::Parse("P2021-2025");
  ASSERT_TRUE(span.ok());
  EXPECT_EQ(span->first.ToString(), "2021-01-01");
  EXPECT_EQ(span->last.ToString(), "2025-12-31");
}

TEST(Period, RefusesMalformedText) {
  EXPECT_FALSE(Period::Parse("2023Q5").ok());
  EXPECT_FALSE(Period::Parse("202313").ok());
  EXPECT_FALSE(Period::Parse("P2025-2021").ok());
  EXPECT_FALSE(Period::Parse("abc").ok());
}

TEST(NowIsoUtc, EndsWithZ) {
  const std::string now = NowIsoUtc();
  EXPECT_EQ(now.size(), 24u);
  EXPECT_EQ(now.back(), 'Z');
}

}  // namespace
}  // namespace pcmd::base
