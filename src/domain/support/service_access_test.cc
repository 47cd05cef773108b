#include "domain/support/service_access.h"

#include <gtest/gtest.h>

namespace pcmd::support {
namespace {

base::Date D(const char* t) { return base::Date::Parse(t).value(); }

// Five clients worked by hand for 2024:
//   A assessed 2024-02 eligible {prep}, received prep 2024-03           → in both
//   B assessed 2024-03 eligible {legal_aid}, received prep 2024-04      → denominator only (not an
//   eligible service) C assessed 2024-04 needs only (eligible {}), received health_check  → in
//   neither D assessed 2023-12 eligible {shelter}, received shelter 2024-01     → in neither
//   (assessed before the period) E assessed 2024-11 eligible {job_placement, microcredit}, received
//   microcredit 2025-01 → denominator only
// 2024: denominator 3 (A, B, E), numerator 1 (A): 33.3 %.
std::vector<ClientServiceFacts> Cohort() {
  return {
      {{{D("2024-02-10"), {"prep"}}}, {{D("2024-03-01"), "prep"}}},
      {{{D("2024-03-05"), {"legal_aid"}}}, {{D("2024-04-01"), "prep"}}},
      {{{D("2024-04-05"), {}}}, {{D("2024-04-20"), "health_check"}}},
      {{{D("2023-12-20"), {"shelter"}}}, {{D("2024-01-15"), "shelter"}}},
      {{{D("2024-11-02"), {"job_placement", "microcredit"}}}, {{D("2025-01-10"), "microcredit"}}},
  };
}

TEST(ComputeServiceAccess, CountsAssessedEligibleClientsAndThoseWhoReceivedAnEligibleService) {
  ServiceAccess y = ComputeServiceAccess(Cohort(), D("2024-01-01"), D("2024-12-31"));
  EXPECT_EQ(y.denominator, 3);
  EXPECT_EQ(y.numerator, 1);
  EXPECT_NEAR(y.percent(), 33.333, 0.01);
}

TEST(ComputeServiceAccess, ALongerPeriodJoinsAssessmentAndReceiptAcrossYears) {
  // 2023–2025: A, B, D, E assessed eligible (4); A, D, E received an eligible service (3).
  ServiceAccess span = ComputeServiceAccess(Cohort(), D("2023-01-01"), D("2025-12-31"));
  EXPECT_EQ(span.denominator, 4);
  EXPECT_EQ(span.numerator, 3);
  EXPECT_DOUBLE_EQ(span.percent(), 75.0);
}

TEST(ComputeServiceAccess, AClientCountsOnceWhateverTheNumberOfAssessmentsAndServices) {
  std::vector<ClientServiceFacts> one = {
      {{{D("2024-01-02"), {"prep", "art_linkage"}}, {D("2024-06-01"), {"prep"}}},
       {{D("2024-02-01"), "prep"}, {D("2024-07-01"), "art_linkage"}}}};
  ServiceAccess q = ComputeServiceAccess(one, D("2024-01-01"), D("2024-12-31"));
  EXPECT_EQ(q.denominator, 1);
  EXPECT_EQ(q.numerator, 1);
}

TEST(ComputeServiceAccess, NoDenominatorGivesZeroPercent) {
  ServiceAccess none = ComputeServiceAccess({}, D("2024-01-01"), D("2024-12-31"));
  EXPECT_EQ(none.denominator, 0);
  EXPECT_EQ(none.percent(), 0.0);
}

}  // namespace
}  // namespace pcmd::support
