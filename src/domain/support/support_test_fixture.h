#pragma once

// The store test fixture of this module (tests only): a fresh store on each engine with the
// Ninh Bình test tree, accounts of every role that matters, and a provider.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "access/unit_scope.h"
#include "domain/records/record_store.h"
#include "domain/support/peer_group_types.h"
#include "domain/support/peer_groups.h"
#include "domain/support/support_store.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::support {

class SupportFixture : public ::testing::TestWithParam<store::Engine> {
 protected:
  static constexpr const char* kTree =
      "code,name,level,type,parent_code\n"
      "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
      "369,Thành phố Ninh Bình,district,Thành phố,37\n"
      "14320,Phường Đông Thành,commune,Phường,369\n"
      "374,Huyện Hoa Lư,district,Huyện,37\n"
      "14347,Xã Ninh Nhất,commune,Xã,374\n"
      "14350,Xã Ninh Mỹ,commune,Xã,374\n";

  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : access::AccessMigrations()) migrations.push_back(m);
    for (auto& m : records::RecordMigrations()) migrations.push_back(m);
    for (auto& m : SupportMigrations()) migrations.push_back(m);
    for (auto& m : PeerGroupTypeMigrations()) migrations.push_back(m);
    for (auto& m : PeerGroupMigrations()) migrations.push_back(m);
    ASSERT_TRUE(db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(db());
    ASSERT_TRUE(tree_
                    ->Import("t", units::ParseUnitFile(kTree).value(),
                             base::Date::Parse("2021-01-01").value())
                    .ok());
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    accounts_ = std::make_unique<access::AccountStore>(db(), *policy_, *scope_);
    codes_ = std::make_unique<records::CodeLists>(db());
    support_ = std::make_unique<SupportStore>(db(), *tree_, *policy_, *accounts_, *codes_, box_,
                                              [this] { return now_; });
    records_ = std::make_unique<records::RecordStore>(db(), *tree_, *policy_, *codes_);
    groups_ = std::make_unique<PeerGroupStore>(db(), *tree_, *policy_, *records_, *support_);
    peer_ = Account("pe.14347", "peer_educator", "14347");
    peer2_ = Account("pe2.14347", "peer_educator", "14347");
    social_ = Account("sw.374", "social_worker", "374");
    province_ = Account("prov.37", "province_officer", "37");
    inspector_ = Account("insp.37", "inspector", "37");
    intake_ = Account("intake.37", "intake_officer", "37");
    auto p = support_->PutProvider(province_, province_.account_id,
                                   {.name = "Phòng khám ngoại trú Hoa Lư",
                                    .unit_code = "374",
                                    .services = {"sti_hiv_test", "prep", "art_linkage"},
                                    .contact = "Trạm y tế huyện"},
                                   std::nullopt);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    clinic_ = *p;
  }

  store::Database& db() { return store_->db(); }

  access::Subject Account(const std::string& username, const std::string& role,
                          const std::string& unit) {
    std::string otp;
    auto a =
        accounts_->CreateSystem("cli", {username, username, role, unit, std::nullopt, true}, &otp);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return {a->id, a->role, a->unit_code};
  }

  static UicAnswers Answers(const std::string& given = "Ánh") {
    return {.sex = "F",
            .birth_year = 1992,
            .given_name = given,
            .mother_given_name = "Trần Thị Lan",
            .father_given_name = "Nguyễn Văn Hùng"};
  }

  Client Register(const access::Subject& who, const std::string& given = "Ánh",
                  std::vector<std::string> assigned = {}) {
    bool created = false;
    NewClient in{.unit_code = "14347", .answers = Answers(given), .assigned = std::move(assigned)};
    auto c = support_->Create(who, who.account_id, in, &created);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(created);
    return c.ok() ? *c : Client{};
  }

  Consent Consents(const access::Subject& who, const Client& c, ConsentPurpose purpose,
                   const std::string& provider = "", const std::string& service = "") {
    auto k = support_->AddConsent(who, who.account_id, c.id,
                                  {.purpose = purpose,
                                   .provider_id = provider,
                                   .service = service,
                                   .notice_version = "2024.1",
                                   .method = "verbal"});
    EXPECT_TRUE(k.ok()) << k.status().ToString();
    return k.ok() ? *k : Consent{};
  }

  // Every text cell of `table`, joined.
  std::string TableText(const std::string& table) {
    std::string all;
    EXPECT_TRUE(db().Read([&](store::Transaction& tx) -> base::Status {
                      PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT * FROM " + table));
                      for (const auto& r : rows) {
                        for (std::size_t i = 0; i < r.size(); ++i) all += r.Text(i) + "\n";
                      }
                      return base::Status::Ok();
                    })
                    .ok());
    return all;
  }

  std::string now_ = "2024-06-01T03:00:00.000Z";
  base::SecretBox box_ = base::SecretBox::FromKey(std::string(32, 'k'));
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<access::AccountStore> accounts_;
  std::unique_ptr<records::CodeLists> codes_;
  std::unique_ptr<SupportStore> support_;
  std::unique_ptr<records::RecordStore> records_;
  std::unique_ptr<PeerGroupStore> groups_;
  access::Subject peer_, peer2_, social_, province_, inspector_, intake_;
  Provider clinic_;
};

}  // namespace pcmd::support
