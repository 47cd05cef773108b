#include <gtest/gtest.h>

#include <set>

#include "domain/support/support_store.h"
#include "domain/support/support_test_fixture.h"

namespace pcmd::support {
namespace {

using base::Date;
using base::StatusCode;

Date D(const char* t) { return Date::Parse(t).value(); }

class CaseRecordsTest : public SupportFixture {
 protected:
  base::Result<Referral> Refer(const Client& c, const std::string& service = "prep",
                               std::optional<Date> on = std::nullopt) {
    return support_->AddReferral(
        peer_, peer_.account_id, c.id,
        {.provider_id = clinic_.id, .service = service, .referred_on = on});
  }
};

TEST_P(CaseRecordsTest, NoReferralWithoutACurrentReferralConsent) {
  Client c = Register(peer_);
  auto blocked = Refer(c);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(blocked.status().fields().size(), 1u);
  EXPECT_EQ(blocked.status().fields()[0].field, "consent");
  EXPECT_EQ(blocked.status().fields()[0].code, "consent_required");
  EXPECT_FALSE(blocked.status().fields()[0].message_vi.empty());
  // consent to record keeping or contact does not cover a referral
  Consents(peer_, c, ConsentPurpose::kRecordKeeping);
  Consents(peer_, c, ConsentPurpose::kContact);
  EXPECT_FALSE(Refer(c).ok());
  // a consent naming another service does not cover it either
  Consents(peer_, c, ConsentPurpose::kReferral, clinic_.id, "art_linkage");
  EXPECT_FALSE(Refer(c, "prep").ok());
  auto art = Refer(c, "art_linkage");
  ASSERT_TRUE(art.ok()) << art.status().ToString();
  Consent k = Consents(peer_, c, ConsentPurpose::kReferral, clinic_.id);
  auto prep = Refer(c, "prep");
  ASSERT_TRUE(prep.ok()) << prep.status().ToString();
  EXPECT_EQ(prep->due_on, D("2024-06-15"));
  EXPECT_TRUE(
      support_->HasConsent(c.id, ConsentPurpose::kReferral, clinic_.id, "sti_hiv_test").value());

  // withdrawal stops later referrals it covered
  auto w = support_->WithdrawConsent(peer_, peer_.account_id, c.id, k.id, std::nullopt);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_TRUE(w->is_withdrawal());
  EXPECT_FALSE(Refer(c, "prep").ok());
  EXPECT_TRUE(Refer(c, "art_linkage").ok());  // the other consent still holds
  auto again = support_->WithdrawConsent(peer_, peer_.account_id, c.id, k.id, std::nullopt);
  EXPECT_EQ(again.status().machine_code(), "already_withdrawn");
  auto history = support_->Consents(peer_, c.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 5u);  // append-only: the withdrawal is a row of its own
  EXPECT_FALSE((*history)[3].is_current);
  EXPECT_EQ((*history)[4].withdrawn_id, k.id);
}

TEST_P(CaseRecordsTest, ConsentNeedsNoticeVersionAndMethodAndNamesWhatItCovers) {
  Client c = Register(peer_);
  auto bad = support_->AddConsent(peer_, peer_.account_id, c.id,
                                  {.purpose = ConsentPurpose::kReferral, .method = "telepathy"});
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& f : bad.status().fields()) fields.insert(f.field + ":" + f.code);
  EXPECT_TRUE(fields.count("notice_version:required"));
  EXPECT_TRUE(fields.count("method:invalid_code"));
  EXPECT_TRUE(fields.count("provider_id:required"));
  auto named = support_->AddConsent(peer_, peer_.account_id, c.id,
                                    {.purpose = ConsentPurpose::kContact,
                                     .provider_id = clinic_.id,
                                     .notice_version = "1",
                                     .method = "signed"});
  EXPECT_EQ(named.status().fields().at(0).code, "not_allowed");
}

TEST_P(CaseRecordsTest, OutcomesCloseTheLoopAndOverdueReferralsAreListedForTheWorker) {
  Client c = Register(peer_);
  Consents(peer_, c, ConsentPurpose::kReferral, "", "prep");
  Consents(peer_, c, ConsentPurpose::kReferral, "", "sti_hiv_test");
  auto old = Refer(c, "prep", D("2024-05-01"));  // due 2024-05-15, overdue on 2024-06-01
  auto fresh = Refer(c, "sti_hiv_test", D("2024-05-30"));
  ASSERT_TRUE(old.ok() && fresh.ok());
  EXPECT_TRUE(support_->Referrals(peer_, c.id).value().at(0).is_overdue);
  auto overdue = support_->OpenReferrals(peer_, true);
  ASSERT_TRUE(overdue.ok());
  ASSERT_EQ(overdue->size(), 1u);
  EXPECT_EQ((*overdue)[0].id, old->id);
  EXPECT_EQ(support_->OpenReferrals(peer_, false).value().size(), 2u);
  EXPECT_TRUE(support_->OpenReferrals(peer2_, false).value().empty());
  EXPECT_EQ(support_->OpenReferrals(inspector_, false).status().code(),
            StatusCode::kPermissionDenied);

  auto no_reason = support_->RecordOutcome(peer_, peer_.account_id, c.id, old->id,
                                           {.version = 1, .outcome = "not_received"});
  EXPECT_EQ(no_reason.status().fields().at(0).field, "reason");
  auto done =
      support_->RecordOutcome(peer_, peer_.account_id, c.id, old->id,
                              {.version = 1, .outcome = "received", .outcome_on = D("2024-05-20")});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->version, 2);
  auto stale = support_->RecordOutcome(peer_, peer_.account_id, c.id, old->id,
                                       {.version = 1, .outcome = "received"});
  EXPECT_EQ(stale.status().machine_code(), "stale_version");
  auto lost = support_->RecordOutcome(
      peer_, peer_.account_id, c.id, fresh->id,
      {.version = 1, .outcome = "not_received", .reason = "did_not_attend"});
  ASSERT_TRUE(lost.ok()) << lost.status().ToString();
  EXPECT_TRUE(support_->OpenReferrals(peer_, false).value().empty());
  // another peer educator reaches neither the client nor its referrals
  EXPECT_EQ(support_
                ->RecordOutcome(peer2_, peer2_.account_id, c.id, old->id,
                                {.version = 2, .outcome = "received"})
                .status()
                .code(),
            StatusCode::kNotFound);
}

TEST_P(CaseRecordsTest, ReferralsGoToActiveProvidersOfferingTheService) {
  Client c = Register(peer_);
  Consents(peer_, c, ConsentPurpose::kReferral, clinic_.id);
  auto shelter = Refer(c, "shelter");
  ASSERT_FALSE(shelter.ok());
  EXPECT_EQ(shelter.status().fields().at(0).code, "not_offered");
  auto nowhere = support_->AddReferral(
      peer_, peer_.account_id, c.id,
      {.provider_id = "00000000-0000-4000-8000-000000000000", .service = "prep"});
  EXPECT_EQ(nowhere.status().fields().at(0).field, "provider_id");
  // the directory: everyone of the support world reads it, the province officer edits it
  EXPECT_EQ(support_->Providers(peer_, std::string("14347"), std::string("prep")).value().size(),
            1u);
  EXPECT_TRUE(support_->Providers(peer_, std::string("14320"), std::nullopt).value().empty());
  EXPECT_EQ(support_->Providers(inspector_, std::nullopt, std::nullopt).status().code(),
            StatusCode::kPermissionDenied);
  Provider p = clinic_;
  p.is_active = false;
  EXPECT_EQ(support_->PutProvider(peer_, peer_.account_id, p, 1).status().code(),
            StatusCode::kPermissionDenied);
  ASSERT_TRUE(support_->PutProvider(province_, province_.account_id, p, 1).ok());
  EXPECT_EQ(support_->PutProvider(province_, province_.account_id, p, 1).status().machine_code(),
            "stale_version");
  EXPECT_FALSE(Refer(c, "prep").ok());
}

TEST_P(CaseRecordsTest, AssessmentsAndIncidentsUseTheCodeLists) {
  Client c = Register(peer_);
  auto a = support_->AddAssessment(peer_, peer_.account_id, c.id, D("2024-05-01"),
                                   {"prep", "legal_aid"}, {"prep"});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  auto not_needed = support_->AddAssessment(peer_, peer_.account_id, c.id, D("2024-05-01"),
                                            {"prep"}, {"shelter"});
  EXPECT_EQ(not_needed.status().fields().at(0).code, "not_needed");
  auto unknown =
      support_->AddAssessment(peer_, peer_.account_id, c.id, D("2024-05-01"), {"flying"}, {});
  EXPECT_EQ(unknown.status().fields().at(0).code, "invalid_code");
  auto i = support_->AddIncident(peer_, peer_.account_id, c.id,
                                 {.kind = "physical",
                                  .occurred_on = D("2024-05-10"),
                                  .place_type = "guesthouse",
                                  .services_offered = {"gbv_support", "legal_aid"},
                                  .services_accepted = {"gbv_support"}});
  ASSERT_TRUE(i.ok()) << i.status().ToString();
  EXPECT_EQ(support_->Incidents(province_, c.id).value().size(), 1u);
  EXPECT_EQ(support_->Incidents(peer2_, c.id).status().code(), StatusCode::kNotFound);
}

TEST_P(CaseRecordsTest, WithdrawingRecordKeepingRestrictsTheClient) {
  Client c = Register(peer_);
  Consent k = Consents(peer_, c, ConsentPurpose::kRecordKeeping);
  ASSERT_TRUE(support_->WithdrawConsent(peer_, peer_.account_id, c.id, k.id, std::nullopt).ok());
  auto a =
      support_->AddAssessment(peer_, peer_.account_id, c.id, D("2024-05-01"), {"prep"}, {"prep"});
  EXPECT_EQ(a.status().machine_code(), "restricted");
  Consents(peer_, c, ConsentPurpose::kRecordKeeping);  // given again
  EXPECT_TRUE(
      support_->AddAssessment(peer_, peer_.account_id, c.id, D("2024-05-01"), {"prep"}, {"prep"})
          .ok());
}

// T12 on stored records, worked by hand for 2024 (today 2024-06-01):
//   A assessed 2024-01 eligible {prep}, prep received 2024-02              → both
//   B assessed 2024-02 eligible {sti_hiv_test}, referral not received      → denominator
//   C assessed 2024-03 needs {legal_aid} but not eligible                  → neither
//   D (another commune, social worker) eligible {art_linkage}, received    → both (province,
//   district only)
// Province 2024: 3 / 2. The peer educator (her own clients): 2 / 1. 2023: 0 / 0.
TEST_P(CaseRecordsTest, ServiceAccessCountsByHand) {
  Client a = Register(peer_, "An");
  Client b = Register(peer_, "Bích");
  Client c = Register(peer_, "Cúc");
  bool created = false;
  auto d = support_->Create(social_, social_.account_id,
                            {.unit_code = "14350", .answers = Answers("Dung")}, &created);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto assess = [&](const access::Subject& who, const Client& x, const char* on,
                    std::vector<std::string> needs, std::vector<std::string> eligible) {
    ASSERT_TRUE(support_->AddAssessment(who, who.account_id, x.id, D(on), needs, eligible).ok());
  };
  auto receive = [&](const access::Subject& who, const Client& x, const char* service,
                     const char* on, const char* outcome) {
    auto k = support_->AddConsent(who, who.account_id, x.id,
                                  {.purpose = ConsentPurpose::kReferral,
                                   .provider_id = clinic_.id,
                                   .notice_version = "1",
                                   .method = "verbal",
                                   .given_on = D("2024-01-01")});
    ASSERT_TRUE(k.ok()) << k.status().ToString();
    auto r = support_->AddReferral(
        who, who.account_id, x.id,
        {.provider_id = clinic_.id, .service = service, .referred_on = D("2024-01-02")});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ReferralOutcome o{.version = 1, .outcome = outcome, .outcome_on = D(on)};
    if (std::string(outcome) == "not_received") o.reason = "declined";
    ASSERT_TRUE(support_->RecordOutcome(who, who.account_id, x.id, r->id, o).ok());
  };
  assess(peer_, a, "2024-01-15", {"prep"}, {"prep"});
  receive(peer_, a, "prep", "2024-02-01", "received");
  assess(peer_, b, "2024-02-15", {"sti_hiv_test"}, {"sti_hiv_test"});
  receive(peer_, b, "sti_hiv_test", "2024-03-01", "not_received");
  assess(peer_, c, "2024-03-15", {"legal_aid"}, {});
  assess(social_, *d, "2024-04-15", {"art_linkage"}, {"art_linkage"});
  receive(social_, *d, "art_linkage", "2024-05-01", "received");

  auto province =
      support_->ServiceAccessFor(province_, std::nullopt, D("2024-01-01"), D("2024-12-31"));
  ASSERT_TRUE(province.ok()) << province.status().ToString();
  EXPECT_EQ(province->denominator, 3);
  EXPECT_EQ(province->numerator, 2);
  auto commune =
      support_->ServiceAccessFor(province_, std::string("14347"), D("2024-01-01"), D("2024-12-31"));
  EXPECT_EQ(commune->denominator, 2);
  EXPECT_EQ(commune->numerator, 1);
  auto own = support_->ServiceAccessFor(peer_, std::nullopt, D("2024-01-01"), D("2024-12-31"));
  EXPECT_EQ(own->denominator, 2);
  EXPECT_EQ(own->numerator, 1);
  auto before =
      support_->ServiceAccessFor(province_, std::nullopt, D("2023-01-01"), D("2023-12-31"));
  EXPECT_EQ(before->denominator, 0);
  EXPECT_EQ(support_->ServiceAccessFor(inspector_, std::nullopt, D("2024-01-01"), D("2024-12-31"))
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

INSTANTIATE_TEST_SUITE_P(Engines, CaseRecordsTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::support
