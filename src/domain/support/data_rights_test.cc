#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "domain/support/support_store.h"
#include "domain/support/support_test_fixture.h"

namespace pcmd::support {
namespace {

using base::Date;
using base::StatusCode;

Date D(const char* t) { return Date::Parse(t).value(); }

constexpr const char* kPhoneCanary = "0911222333";
constexpr const char* kNicknameCanary = "CanaryNickZq";

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class DataRightsTest : public SupportFixture {
 protected:
  // A client with a distinctive UIC (answers that give "K99ZXW"), a contact, consents, an
  // assessment, a received referral and an incident.
  Client Full() {
    bool created = false;
    NewClient in{.unit_code = "14347",
                 .answers = {.sex = "K",
                             .birth_year = 1999,
                             .given_name = "Wũ",
                             .mother_given_name = "Zơ",
                             .father_given_name = "Xuân"}};
    auto c = support_->Create(peer_, peer_.account_id, in, &created);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    Consents(peer_, *c, ConsentPurpose::kContact);
    Consents(peer_, *c, ConsentPurpose::kReferral, clinic_.id);
    EXPECT_TRUE(
        support_->PutContact(peer_, peer_.account_id, c->id, {kNicknameCanary, kPhoneCanary, ""})
            .ok());
    EXPECT_TRUE(
        support_->AddAssessment(peer_, peer_.account_id, c->id, D("2024-05-01"), {"prep"}, {"prep"})
            .ok());
    auto r = support_->AddReferral(
        peer_, peer_.account_id, c->id,
        {.provider_id = clinic_.id, .service = "prep", .referred_on = D("2024-05-02")});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(
        support_
            ->RecordOutcome(peer_, peer_.account_id, c->id, r->id,
                            {.version = 1, .outcome = "received", .outcome_on = D("2024-05-10")})
            .ok());
    EXPECT_TRUE(support_
                    ->AddIncident(
                        peer_, peer_.account_id, c->id,
                        {.kind = "sexual", .occurred_on = D("2024-04-01"), .place_type = "street"})
                    .ok());
    return *c;
  }
};

TEST_P(DataRightsTest, SubjectAccessGivesEverythingAndTheContactOnlyToTheAssignedWorker) {
  Client c = Full();
  EXPECT_EQ(c.uic, "K99ZXW");
  auto mine = support_->Export(peer_, peer_.account_id, c.id);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_TRUE(mine->contact.has_value());
  EXPECT_EQ(mine->contact->phone, kPhoneCanary);
  EXPECT_EQ(mine->consents.size(), 2u);
  EXPECT_EQ(mine->assessments.size(), 1u);
  EXPECT_EQ(mine->referrals.size(), 1u);
  EXPECT_EQ(mine->incidents.size(), 1u);
  EXPECT_EQ(mine->history.size(), 1u);
  auto officer = support_->Export(province_, province_.account_id, c.id);
  ASSERT_TRUE(officer.ok());
  EXPECT_FALSE(officer->contact.has_value());
  EXPECT_EQ(support_->Export(peer2_, peer2_.account_id, c.id).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(support_->Export(intake_, intake_.account_id, c.id).status().code(),
            StatusCode::kNotFound);
  auto audit = db().ReadAudit({.action = "export", .entity = "client"});
  EXPECT_EQ(audit->second, 2);
}

TEST_P(DataRightsTest, OnlyProvinceOfficersAndAssignedSocialWorkersErase) {
  Client c = Full();
  EXPECT_EQ(support_->Erase(peer_, peer_.account_id, c.id, 1).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(support_->Erase(peer2_, peer2_.account_id, c.id, 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(support_->Erase(social_, social_.account_id, c.id, 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(support_->Erase(inspector_, inspector_.account_id, c.id, 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(support_->Erase(province_, province_.account_id, c.id, 7).status().machine_code(),
            "stale_version");
  auto gone = support_->Erase(province_, province_.account_id, c.id, 1);
  ASSERT_TRUE(gone.ok()) << gone.status().ToString();
  EXPECT_TRUE(gone->is_erased());
  EXPECT_NE(gone->uic, c.uic);
  EXPECT_EQ(gone->birth_year, 0);
  EXPECT_EQ(support_->Erase(province_, province_.account_id, c.id, 2).status().machine_code(),
            "erased");
  // the worker still sees the tombstone, and can add nothing to it
  auto after = support_->Get(peer_, c.id);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->is_erased());
  EXPECT_EQ(support_->AddAssessment(peer_, peer_.account_id, c.id, D("2024-05-01"), {"prep"}, {})
                .status()
                .machine_code(),
            "erased");
  EXPECT_EQ(support_->GetContact(peer_, peer_.account_id, c.id).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(support_->Consents(peer_, c.id).value().empty());
  // closed-period counts stay
  auto t12 = support_->ServiceAccessFor(province_, std::nullopt, D("2024-01-01"), D("2024-12-31"));
  EXPECT_EQ(t12->denominator, 1);
  EXPECT_EQ(t12->numerator, 1);
  // the same answers make a new client without a collision
  bool created = false;
  NewClient in{.unit_code = "14347",
               .answers = {.sex = "K",
                           .birth_year = 1999,
                           .given_name = "Wũ",
                           .mother_given_name = "Zơ",
                           .father_given_name = "Xuân"}};
  EXPECT_TRUE(support_->Create(peer_, peer_.account_id, in, &created).ok());
}

TEST_P(DataRightsTest, AnAssignedSocialWorkerErases) {
  bool created = false;
  auto c = support_->Create(social_, social_.account_id,
                            {.unit_code = "14350", .answers = Answers()}, &created);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(support_->Erase(social_, social_.account_id, c->id, 1).ok());
}

TEST_P(DataRightsTest, ErasureLeavesNoUicOrContactInTheDatabaseFile) {
  Client c = Full();
  // a correction first, so that an older UIC is in the history as well
  auto fixed = support_->Update(peer_, peer_.account_id, c.id,
                                {.version = 1,
                                 .answers = UicAnswers{.sex = "K",
                                                       .birth_year = 1999,
                                                       .given_name = "Vĩ",
                                                       .mother_given_name = "Zơ",
                                                       .father_given_name = "Xuân"}});
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(fixed->uic, "K99ZXV");
  auto file_text = [&] {
    const std::string path = store_->sqlite_path();
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(raw, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
    return FileBytes(path) + FileBytes(path + "-wal") + FileBytes(path + "-journal");
  };
  // the test can see a UIC in the file: before the erasure it is there
  if (GetParam() == store::Engine::kSqlite) {
    EXPECT_NE(file_text().find("K99ZXV"), std::string::npos);
  }
  ASSERT_TRUE(support_->Erase(province_, province_.account_id, c.id, 2).ok());
  for (const auto& table :
       {"clients", "client_history", "client_contacts", "client_consents", "client_assessments",
        "client_referrals", "client_incidents", "audit_log", "change_log"}) {
    const std::string text = TableText(table);
    EXPECT_EQ(text.find("K99ZX"), std::string::npos) << table;
  }
  EXPECT_EQ(TableText("client_contacts"), "");
  EXPECT_EQ(TableText("client_consents"), "");
  if (GetParam() != store::Engine::kSqlite) return;  // the file test is SQLite's
  const std::string bytes = file_text();
  ASSERT_GT(bytes.size(), 4096u);
  EXPECT_EQ(bytes.find("K99ZXW"), std::string::npos);
  EXPECT_EQ(bytes.find("K99ZXV"), std::string::npos);
  EXPECT_EQ(bytes.find(kPhoneCanary), std::string::npos);
  EXPECT_EQ(bytes.find(kNicknameCanary), std::string::npos);
  // what stays is there: the provider's name
  EXPECT_NE(bytes.find("Hoa L"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, DataRightsTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::support
