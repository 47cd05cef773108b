#include "domain/support/support_store.h"

#include <gtest/gtest.h>

#include "domain/support/support_test_fixture.h"

namespace pcmd::support {
namespace {

using base::StatusCode;

constexpr const char* kPhoneCanary = "0987654321";
constexpr const char* kNicknameCanary = "Canary Hoa Mi";

class ClientStoreTest : public SupportFixture {};

TEST_P(ClientStoreTest, RegistersAClientByUicAssignedToTheCreator) {
  Client c = Register(peer_);
  EXPECT_EQ(c.uic, "F92LHA");
  EXPECT_EQ(c.uic_suffix, 1);
  EXPECT_EQ(c.assigned, std::vector<std::string>{peer_.account_id});
  EXPECT_EQ(c.sex, "F");
  EXPECT_EQ(c.birth_year, 1992);
  EXPECT_EQ(c.registered_on.ToString(), "2024-06-01");
  EXPECT_EQ(c.version, 1);
  // the answers themselves (parents' names) are stored nowhere
  EXPECT_EQ(TableText("clients").find("Lan"), std::string::npos);
  EXPECT_EQ(TableText("client_history").find("Hùng"), std::string::npos);
}

TEST_P(ClientStoreTest, ASameUicInTheUnitIsACollisionNamingReadableClientsOnly) {
  Client first = Register(peer_);
  bool created = false;
  std::vector<std::string> ids;
  NewClient again{.unit_code = "14347", .answers = Answers("anh")};
  auto mine = support_->Create(peer_, peer_.account_id, again, &created, &ids);
  ASSERT_FALSE(mine.ok());
  EXPECT_EQ(mine.status().machine_code(), "uic_collision");
  EXPECT_EQ(mine.status().code(), StatusCode::kConflict);
  EXPECT_EQ(ids, std::vector<std::string>{first.id});
  // another peer educator hears of a collision, but not whose client it is
  auto theirs = support_->Create(peer2_, peer2_.account_id, again, &created, &ids);
  ASSERT_FALSE(theirs.ok());
  EXPECT_EQ(theirs.status().machine_code(), "uic_collision");
  EXPECT_TRUE(ids.empty());
  EXPECT_EQ(theirs.status().ToString().find(first.id), std::string::npos);
  // confirmed as another person: the next suffix
  again.is_new_person_confirmed = true;
  auto second = support_->Create(peer2_, peer2_.account_id, again, &created);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->uic, "F92LHA-2");
  auto third = support_->Create(peer_, peer_.account_id, again, &created);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->uic, "F92LHA-3");
  // another commune has its own codes
  NewClient elsewhere{.unit_code = "14350", .answers = Answers()};
  auto other = support_->Create(social_, social_.account_id, elsewhere, &created);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  EXPECT_EQ(other->uic, "F92LHA");
}

TEST_P(ClientStoreTest, ResendingTheSameIdCreatesNothing) {
  bool created = false;
  NewClient in{
      .id = "6f1c2a8e-0c1b-4b7e-9d3f-1a2b3c4d5e6f", .unit_code = "14347", .answers = Answers()};
  ASSERT_TRUE(support_->Create(peer_, peer_.account_id, in, &created).ok());
  EXPECT_TRUE(created);
  auto again = support_->Create(peer_, peer_.account_id, in, &created);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(created);
}

TEST_P(ClientStoreTest, OnlyAssignedWorkersAndProvinceOfficersReachAClient) {
  Client c = Register(peer_);
  EXPECT_TRUE(support_->Get(peer_, c.id).ok());
  EXPECT_TRUE(support_->Get(province_, c.id).ok());
  EXPECT_EQ(support_->Get(peer2_, c.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(support_->Get(social_, c.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(support_->Get(inspector_, c.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(support_->Get(intake_, c.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(support_->List(peer_, {}).value().total, 1);
  EXPECT_EQ(support_->List(peer2_, {}).value().total, 0);
  EXPECT_EQ(support_->List(province_, {}).value().total, 1);
  EXPECT_EQ(support_->List(inspector_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(support_->List(peer_, {.uic = "f92"}).value().total, 1);
  EXPECT_EQ(support_->List(peer_, {.uic = "M"}).value().total, 0);
  // the province officer reads, never writes
  auto patch = support_->Update(province_, province_.account_id, c.id, {.version = 1});
  EXPECT_EQ(patch.status().code(), StatusCode::kPermissionDenied);
}

TEST_P(ClientStoreTest, AssignedAccountsMustBeSupportWorkersOfTheUnitAndIncludeTheWriter) {
  bool created = false;
  NewClient in{.unit_code = "14347", .answers = Answers(), .assigned = {peer2_.account_id}};
  auto c = support_->Create(peer_, peer_.account_id, in, &created);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().fields().at(0).field, "assigned");
  in.assigned = {peer_.account_id, inspector_.account_id};
  c = support_->Create(peer_, peer_.account_id, in, &created);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().fields().at(0).code, "invalid_role");
  in.assigned = {peer_.account_id, social_.account_id};
  c = support_->Create(peer_, peer_.account_id, in, &created);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(support_->Get(social_, c->id).ok());
  NewClient out{.unit_code = "14320", .answers = Answers()};
  auto far = support_->Create(peer_, peer_.account_id, out, &created);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.status().fields().at(0).code, "out_of_scope");
}

TEST_P(ClientStoreTest, CorrectionKeepsHistoryAndChecksVersions) {
  Client c = Register(peer_);
  ClientPatch patch{.version = 1, .answers = Answers("Bình")};
  auto fixed = support_->Update(peer_, peer_.account_id, c.id, patch);
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(fixed->uic, "F92LHB");
  EXPECT_EQ(fixed->version, 2);
  auto stale = support_->Update(peer_, peer_.account_id, c.id, patch);
  EXPECT_EQ(stale.status().machine_code(), "stale_version");
  auto history = support_->History(peer_, c.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].client.uic, "F92LHA");
  EXPECT_EQ((*history)[1].client.uic, "F92LHB");
  EXPECT_EQ((*history)[1].op, "update");
  // a hand-over that would drop the writer is refused; adding the colleague first works
  auto drop =
      support_->Update(peer_, peer_.account_id, c.id,
                       {.version = 2, .assigned = std::vector<std::string>{peer2_.account_id}});
  ASSERT_FALSE(drop.ok());
  EXPECT_EQ(drop.status().fields().at(0).code, "out_of_scope");
  auto both = support_->Update(
      peer_, peer_.account_id, c.id,
      {.version = 2, .assigned = std::vector<std::string>{peer_.account_id, peer2_.account_id}});
  ASSERT_TRUE(both.ok()) << both.status().ToString();
  EXPECT_TRUE(support_->Get(peer2_, c.id).ok());
}

TEST_P(ClientStoreTest, ContactIsSealedAtRestAndOnlyForTheAssignedWorkers) {
  Client c = Register(peer_);
  ClientContact contact{kNicknameCanary, kPhoneCanary, "chiều thứ Bảy ở chợ"};
  // no contact without consent to be contacted
  auto refused = support_->PutContact(peer_, peer_.account_id, c.id, contact);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.fields().at(0).field, "consent");
  Consents(peer_, c, ConsentPurpose::kContact);
  ASSERT_TRUE(support_->PutContact(peer_, peer_.account_id, c.id, contact).ok());
  const std::string raw = TableText("client_contacts");
  EXPECT_EQ(raw.find(kPhoneCanary), std::string::npos);
  EXPECT_EQ(raw.find(kNicknameCanary), std::string::npos);
  EXPECT_NE(raw.find("v1:"), std::string::npos);
  auto read = support_->GetContact(peer_, peer_.account_id, c.id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->phone, kPhoneCanary);
  // the province officer reads the client but never the contact; others not even the client
  EXPECT_EQ(support_->GetContact(province_, province_.account_id, c.id).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(support_->GetContact(peer2_, peer2_.account_id, c.id).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(support_->GetContact(inspector_, inspector_.account_id, c.id).status().code(),
            StatusCode::kNotFound);
  // the read is audited by id only; the audit and change logs never hold the contact
  auto audit = db().ReadAudit({.action = "read", .entity = "client_contact"});
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->second, 1);
  EXPECT_EQ(audit->first.at(0).entity_id, c.id);
  for (const auto& table : {"audit_log", "change_log"}) {
    const std::string text = TableText(table);
    EXPECT_EQ(text.find(kPhoneCanary), std::string::npos) << table;
    EXPECT_EQ(text.find("F92LHA"), std::string::npos) << table;
  }
  // nor do lists
  auto list = support_->List(peer_, {});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->items.at(0).id, c.id);
}

TEST_P(ClientStoreTest, WithdrawingContactConsentDeletesTheContact) {
  Client c = Register(peer_);
  Consent k = Consents(peer_, c, ConsentPurpose::kContact);
  ASSERT_TRUE(
      support_->PutContact(peer_, peer_.account_id, c.id, {kNicknameCanary, kPhoneCanary, ""})
          .ok());
  ASSERT_TRUE(support_->WithdrawConsent(peer_, peer_.account_id, c.id, k.id, std::nullopt).ok());
  EXPECT_EQ(support_->GetContact(peer_, peer_.account_id, c.id).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(TableText("client_contacts"), "");
}

INSTANTIATE_TEST_SUITE_P(Engines, ClientStoreTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::support
