#include "access/closed_unit_accounts.h"

#include <gtest/gtest.h>

#include "access/unit_scope.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::access {
namespace {

using base::Date;

Date D(const char* text) { return Date::Parse(text).value(); }

constexpr const char* kTree2021 =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "369,Thành phố Ninh Bình,district,Thành phố,37\n"
    "374,Huyện Hoa Lư,district,Huyện,37\n"
    "14320,Phường Đông Thành,commune,Phường,369\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n";
// 1 January 2025: Thành phố Ninh Bình (369) merged into Thành phố Hoa Lư (374).
constexpr const char* kTree2025 =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "374,Thành phố Hoa Lư,district,Thành phố,37\n"
    "14320,Phường Đông Thành,commune,Phường,374\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n";
constexpr const char* kChanges2025 =
    "effective_date,old_code,old_name,new_code,new_name,kind,source\n"
    "2025-01-01,369,Thành phố Ninh Bình,374,Thành phố Hoa Lư,merge,text:NQ1318\n"
    "2025-01-01,374,Huyện Hoa Lư,374,Thành phố Hoa Lư,merge,text:NQ1318\n";

class ClosedUnitAccountsTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : AccessMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store_->db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(store_->db());
    ASSERT_TRUE(tree_->Import("test", units::ParseUnitFile(kTree2021).value(), D("2021-01-01")).ok());
    scope_ = std::make_unique<UnitScope>(*tree_);
    policy_ = std::make_unique<Policy>(*scope_);
    accounts_ = std::make_unique<AccountStore>(store_->db(), *policy_, *scope_);
  }

  Account Make(const std::string& name, const std::string& unit) {
    NewAccount n{name, "Cán bộ " + name, "district_officer", unit, std::string("ngựa vằn ăn cỏ"), false};
    auto a = accounts_->CreateSystem("test", n, nullptr);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return *a;
  }

  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<UnitScope> scope_;
  std::unique_ptr<Policy> policy_;
  std::unique_ptr<AccountStore> accounts_;
};

TEST_P(ClosedUnitAccountsTest, NamesTheClosedUnitAndItsSuccessors) {
  Make("can.bo.tp", "369");
  Make("can.bo.hoalu", "374");
  Make("can.bo.cu", "369");
  ASSERT_TRUE(accounts_->DisableSystem("test", "can.bo.cu").ok());
  auto files = units::ReadTreeFiles(kTree2025, kChanges2025);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_TRUE(tree_->ImportTree("test", *files, D("2025-01-01")).ok());
  auto all = accounts_->ListSystem();
  ASSERT_TRUE(all.ok());

  // Before the change nobody's unit is closed.
  auto before = AccountsOnClosedUnits(*all, *tree_, D("2024-12-31"));
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());

  // After it, the active account of Thành phố Ninh Bình, with the unit that took it over.
  auto after = AccountsOnClosedUnits(*all, *tree_, D("2025-03-01"));
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  ASSERT_EQ(after->size(), 1u);
  const ClosedUnitAccount& moved = (*after)[0];
  EXPECT_EQ(moved.account.username, "can.bo.tp");
  EXPECT_EQ(moved.unit.code, "369");
  EXPECT_EQ(moved.unit.name, "Thành phố Ninh Bình");
  EXPECT_EQ(moved.closed_on, D("2025-01-01"));
  ASSERT_EQ(moved.successors.size(), 1u);
  EXPECT_EQ(moved.successors[0].code, "374");
  EXPECT_EQ(moved.successors[0].name, "Thành phố Hoa Lư");
}

INSTANTIATE_TEST_SUITE_P(Engines, ClosedUnitAccountsTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::access
