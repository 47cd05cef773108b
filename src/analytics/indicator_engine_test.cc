// Hand-worked values of every target of plan 184 (the measures, targets and status of
// indicator_evaluation.cc, the facts and change log of indicator_engine.cc), on both engines.
#include "analytics/indicator_engine.h"

#include <gtest/gtest.h>

#include "analytics/indicator_test_fixture.h"

namespace pcmd::analytics {
namespace {

// T1: communes with communication in every quarter. 2024: 14320 and 14530 in all four quarters,
// 14347 in Q1-Q3 only, 14533 never: 2 of 4 communes = 50 % (target 70: not met). In August 2024
// only Q1-Q3 are due: 3 of 4 = 75 %, on track.
TEST_P(IndicatorTest, T1CommunesWithCommunicationEveryQuarter) {
  for (const char* d : {"2024-02-01", "2024-05-01", "2024-08-01", "2024-11-01"}) {
    Activity("14320", d);
    Activity("14530", d);
  }
  for (const char* d : {"2024-01-10", "2024-04-10", "2024-07-10"}) Activity("14347", d);
  Activity("14533", "2023-03-01");  // another year
  ASSERT_TRUE(engine_->Rebuild().ok());
  auto p = Value("T1", "37", "2024");
  EXPECT_EQ(p.numerator, 2);
  EXPECT_EQ(p.denominator, 4);
  EXPECT_DOUBLE_EQ(*p.value, 50.0);
  EXPECT_EQ(p.status, IndicatorStatus::kNotMet);
  auto d = Value("T1", "369", "2024");
  EXPECT_EQ(d.numerator, 1);
  EXPECT_EQ(d.denominator, 2);
  EXPECT_DOUBLE_EQ(*Value("T1", "14320", "2024").value, 100.0);
  today_ = Date::FromCivil(2024, 8, 15);
  auto running = Value("T1", "37", "2024");
  EXPECT_EQ(running.numerator, 3);
  EXPECT_EQ(running.status, IndicatorStatus::kOnTrack);
}

// T2: press items in 11 of the 12 months of 2024 (none in December, two in March): 91.67 %.
TEST_P(IndicatorTest, T2PressEveryMonth) {
  for (int m = 1; m <= 11; ++m) {
    Add(activities::PressItem(), "37", Date::FromCivil(2024, m, 5).ToString(),
        {{"outlet", std::string("bao_ninh_binh")}, {"title", std::string("Tin")}});
  }
  Add(activities::PressItem(), "37", "2024-03-20", {{"outlet", std::string("bao_ninh_binh")}, {"title", std::string("Tin")}});
  ASSERT_TRUE(engine_->Rebuild().ok());
  auto v = Value("T2", "37", "2024");
  EXPECT_EQ(v.numerator, 11);
  EXPECT_EQ(v.denominator, 12);
  EXPECT_NEAR(*v.value, 91.667, 0.001);
  EXPECT_EQ(v.status, IndicatorStatus::kNotMet);
  // a quarter: all three months of Q2 had one
  EXPECT_DOUBLE_EQ(*Value("T2", "37", "2024Q2").value, 100.0);
}

// T10 and T10b: four establishments in 14347, one closed in 2023. In 2024 one of the three open
// ones was inspected (twice): 1/3 = 33.3 % >= 20 (met). Since 2021 two distinct ones: 2/3 = 66.7 %
// of every establishment at least once by 2025: not met.
TEST_P(IndicatorTest, T10InspectionsYearlyAndSincePlanStart) {
  access::UnitScope scope(*tree_);
  access::AccountStore accounts(db(), *policy_, scope);
  std::string otp;
  auto inspector = accounts.CreateSystem("cli", {"kiemtra", "kiemtra", "inspector", "37", std::nullopt, true}, &otp);
  ASSERT_TRUE(inspector.ok());
  std::vector<std::string> est;
  for (int i = 0; i < 4; ++i) {
    Values v{{"name", "Nhà nghỉ số " + std::to_string(i)},
             {"kind", std::string("lodging")},
             {"address", "Số " + std::to_string(i * 17 + 3) + " đường " + std::string(1, static_cast<char>('A' + i))},
             {"registration_number", "27A8-" + std::to_string(1000 + i)}};
    if (i == 3) v["closed_on"] = std::string("2023-06-01");
    est.push_back(Add(enforcement::Establishment(), "14347", "2021-02-01", v));
  }
  auto inspect = [&](const std::string& e, const std::string& date) {
    Add(enforcement::Inspection(), "14347", date,
        {{"establishment", e}, {"decision_number", std::string("1/QĐ")}, {"lead_agency", std::string("police")},
         {"members", std::vector<std::string>{inspector->id}}, {"result", std::string("compliant")}});
  };
  inspect(est[0], "2024-03-01");
  inspect(est[0], "2024-09-01");
  inspect(est[1], "2022-05-01");
  ASSERT_TRUE(engine_->Rebuild().ok());
  auto y = Value("T10", "37", "2024");
  EXPECT_EQ(y.numerator, 1);
  EXPECT_EQ(y.denominator, 3);
  EXPECT_EQ(y.status, IndicatorStatus::kMet);
  auto plan = Value("T10b", "37", "P2021-2025");
  EXPECT_EQ(plan.numerator, 2);
  EXPECT_EQ(plan.denominator, 3);
  EXPECT_EQ(plan.status, IndicatorStatus::kNotMet);
  // the records behind T10: the inspection of establishment 0 (one per establishment)
  auto behind = engine_->FactsBehind("plan-184", "T10", "37", Period::Parse("2024").value());
  ASSERT_TRUE(behind.ok());
  ASSERT_EQ(behind->size(), 1u);
  EXPECT_EQ(behind->at(0).type, "inspection");
}

// T9: cases prosecuted, district 369: 10 in 2023, 11 in 2024 (+10 %, outside 3-5 %: not met);
// the province with 374 (10 and 10): 20 -> 21 = +5 %, met.
TEST_P(IndicatorTest, T9GrowthYearOnYear) {
  auto crimes = [&](const std::string& unit, int year, int cases) {
    Add(enforcement::CrimeStatistic(), unit, Date::FromCivil(year + 1, 1, 10).ToString(),
        {{"year", std::int64_t{year}}, {"offence", std::string("art327")},
         {"cases_prosecuted", std::int64_t{cases}}, {"defendants_prosecuted", std::int64_t{cases}}});
  };
  crimes("369", 2023, 10);
  crimes("369", 2024, 11);
  crimes("374", 2023, 10);
  crimes("374", 2024, 10);
  ASSERT_TRUE(engine_->Rebuild().ok());
  auto d = Value("T9", "369", "2024");
  EXPECT_NEAR(*d.value, 10.0, 1e-9);
  EXPECT_EQ(d.status, IndicatorStatus::kNotMet);
  auto p = Value("T9", "37", "2024");
  EXPECT_EQ(p.numerator, 21);
  EXPECT_EQ(p.denominator, 20);
  EXPECT_NEAR(*p.value, 5.0, 1e-9);
  EXPECT_EQ(p.status, IndicatorStatus::kMet);
}

// T6 and T7: district 369 has a 2024 plan implemented and integrated with HIV work; 374 a plan not
// implemented: T6 = 1/2 = 50 % (target 100), T7 = 1/2 = 50 % (target 50, met).
TEST_P(IndicatorTest, T6T7DistrictPlans) {
  Add(activities::DistrictPlan(), "369", "2024-02-01",
      {{"year", std::int64_t{2024}}, {"document_number", std::string("12/KH-UBND")}, {"is_implemented", true}, {"evidence", std::string("Báo cáo 5/BC")},
       {"integrated_with", std::vector<std::string>{"hiv_aids"}}});
  Add(activities::DistrictPlan(), "374", "2024-03-01",
      {{"year", std::int64_t{2024}}, {"document_number", std::string("7/KH-UBND")}, {"is_implemented", false}});
  ASSERT_TRUE(engine_->Rebuild().ok());
  auto t6 = Value("T6", "37", "2024");
  EXPECT_EQ(t6.numerator, 1);
  EXPECT_EQ(t6.denominator, 2);
  EXPECT_EQ(t6.status, IndicatorStatus::kNotMet);
  EXPECT_EQ(Value("T7", "37", "2024").status, IndicatorStatus::kMet);
  EXPECT_EQ(Value("T6", "37", "2023").numerator, 0);
}

// A write after the rebuild is visible once the change log is applied; a deletion leaves again.
TEST_P(IndicatorTest, FollowsTheChangeLog) {
  ASSERT_TRUE(engine_->Rebuild().ok());
  EXPECT_EQ(Value("T2", "37", "2024").numerator, 0);
  const std::string id = Add(activities::PressItem(), "37", "2024-06-05",
                             {{"outlet", std::string("bao_ninh_binh")}, {"title", std::string("Tin")}});
  auto applied = engine_->CatchUp();
  ASSERT_TRUE(applied.ok());
  EXPECT_GE(*applied, 1);
  EXPECT_EQ(Value("T2", "37", "2024").numerator, 1);
  auto rec = records_->Get(system_, activities::PressItem(), id);
  ASSERT_TRUE(rec.ok());
  ASSERT_TRUE(records_->Delete(system_, "test", activities::PressItem(), id, rec->version).ok());
  ASSERT_TRUE(engine_->CatchUp().ok());
  EXPECT_EQ(Value("T2", "37", "2024").numerator, 0);
  EXPECT_EQ(engine_->fact_count(), 0u);
  // the follower thread does it by itself
  engine_->Start(10);
  Add(activities::PressItem(), "37", "2024-07-05", {{"outlet", std::string("bao_ninh_binh")}, {"title", std::string("Tin")}});
  for (int i = 0; i < 200 && Value("T2", "37", "2024").numerator == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(Value("T2", "37", "2024").numerator, 1);
  engine_->Stop();
}

// T12 from the support world: two clients of 14347 assessed eligible in 2024, one of them received
// an eligible service: 1/2 = 50 % (< 60). A service received for a need not assessed eligible
// does not count.
TEST_P(IndicatorTest, T12FromClients) {
  access::UnitScope scope(*tree_);
  access::AccountStore accounts(db(), *policy_, scope);
  std::string otp;
  auto peer = accounts.CreateSystem("cli", {"dongdang", "dongdang", "peer_educator", "14347", std::nullopt, true}, &otp);
  auto prov = accounts.CreateSystem("cli", {"tinhpv", "tinhpv", "province_officer", "37", std::nullopt, true}, &otp);
  ASSERT_TRUE(peer.ok() && prov.ok());
  const access::Subject pe{peer->id, access::Role::kPeerEducator, "14347"};
  const access::Subject pv{prov->id, access::Role::kProvinceOfficer, "37"};
  base::SecretBox box = base::SecretBox::FromKey(std::string(32, 'k'));
  support::SupportStore s(db(), *tree_, *policy_, accounts, *codes_, box, [] { return std::string("2024-12-01T03:00:00Z"); });
  auto clinic = s.PutProvider(pv, pv.account_id, {.name = "Phòng khám", .unit_code = "369", .services = {"prep", "legal_aid"}},
                              std::nullopt);
  ASSERT_TRUE(clinic.ok()) << clinic.status().ToString();
  std::vector<std::string> ids;
  for (const char* given : {"Ánh", "Bích"}) {
    bool created = false;
    auto c = s.Create(pe, pe.account_id,
                      {.unit_code = "14347", .answers = {.sex = "F", .birth_year = 1990, .given_name = given,
                                                         .mother_given_name = "Lan", .father_given_name = "Hùng"}},
                      &created);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ids.push_back(c->id);
    ASSERT_TRUE(s.AddAssessment(pe, pe.account_id, c->id, Date::FromCivil(2024, 3, 1), {"prep", "legal_aid"}, {"prep"}).ok());
    for (const char* service : {"prep", "legal_aid"}) {
      ASSERT_TRUE(s.AddConsent(pe, pe.account_id, c->id,
                               {.purpose = support::ConsentPurpose::kReferral, .provider_id = clinic->id,
                                .service = service, .notice_version = "1", .method = "verbal"})
                      .ok());
    }
  }
  auto served = s.AddReferral(pe, pe.account_id, ids[0], {.provider_id = clinic->id, .service = "prep",
                                                           .referred_on = Date::FromCivil(2024, 3, 2)});
  ASSERT_TRUE(served.ok()) << served.status().ToString();
  ASSERT_TRUE(s.RecordOutcome(pe, pe.account_id, ids[0], served->id,
                              {.version = 1, .outcome = "received", .outcome_on = Date::FromCivil(2024, 3, 10)})
                  .ok());
  auto not_eligible = s.AddReferral(pe, pe.account_id, ids[1], {.provider_id = clinic->id, .service = "legal_aid",
                                                                 .referred_on = Date::FromCivil(2024, 3, 2)});
  ASSERT_TRUE(not_eligible.ok());
  ASSERT_TRUE(s.RecordOutcome(pe, pe.account_id, ids[1], not_eligible->id,
                              {.version = 1, .outcome = "received", .outcome_on = Date::FromCivil(2024, 3, 12)})
                  .ok());
  ASSERT_TRUE(engine_->Rebuild().ok());
  auto v = Value("T12", "37", "2024");
  EXPECT_TRUE(v.is_client_derived);
  EXPECT_EQ(v.numerator, 1);
  EXPECT_EQ(v.denominator, 2);
  EXPECT_EQ(v.status, IndicatorStatus::kNotMet);
  // the same as the support store's own T12
  auto t12 = s.ServiceAccessFor(pv, std::string("37"), Date::FromCivil(2024, 1, 1), Date::FromCivil(2024, 12, 31));
  ASSERT_TRUE(t12.ok());
  EXPECT_EQ(t12->numerator, v.numerator);
  EXPECT_EQ(t12->denominator, *v.denominator);
}

INSTANTIATE_TEST_SUITE_P(Engines, IndicatorTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::analytics
