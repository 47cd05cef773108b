#pragma once

// The test fixture of the indicator engine's tests (tests only): a fresh store on each engine with
// every module's tables, a small tree (province 37; districts 369 with communes 14320, 14347 and 374
// with 14530, 14533), the record store, and an engine on the shipped plan file.
#include <gtest/gtest.h>

#include <memory>

#include "access/accounts.h"
#include "access/unit_scope.h"
#include "analytics/indicator_engine.h"
#include "domain/activities/programme_types.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/enforcement/tip_store.h"
#include "domain/records/record_store.h"
#include "domain/support/peer_group_types.h"
#include "domain/support/peer_groups.h"
#include "domain/support/support_store.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::analytics {

using base::Date;
using base::Period;
using records::Values;

inline std::vector<const records::RecordType*> AllTypes() {
  auto all = activities::ProgrammeRecordTypes();
  for (const auto* t : enforcement::EnforcementRecordTypes()) all.push_back(t);
  for (const auto* t : support::PeerGroupRecordTypes()) all.push_back(t);
  return all;
}

// Values worked out by hand for the targets of the shipped plan file, on a small tree: province 37,
// districts 369 (communes 14320, 14347) and 374 (communes 14530, 14533).
class IndicatorTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : access::AccessMigrations()) migrations.push_back(m);
    for (auto& m : records::RecordMigrations()) migrations.push_back(m);
    for (auto& m : enforcement::EnforcementTypeMigrations()) migrations.push_back(m);
    for (auto& m : enforcement::TipMigrations()) migrations.push_back(m);
    for (auto& m : support::SupportMigrations()) migrations.push_back(m);
    for (auto& m : support::PeerGroupTypeMigrations()) migrations.push_back(m);
    for (auto& m : support::PeerGroupMigrations()) migrations.push_back(m);
    ASSERT_TRUE(db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(db());
    LoadUnits();
    if (HasFatalFailure()) return;
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    codes_ = std::make_unique<records::CodeLists>(db());
    records_ = std::make_unique<records::RecordStore>(db(), *tree_, *policy_, *codes_);
    catalog_ = FactCatalog(AllTypes());
    auto plan = plan::LoadPlanFile(std::string(PCMD_PLANS_DIR) + "/plan-184.toml", FactFields(catalog_));
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    plan_ = *plan;
    engine_ = std::make_unique<IndicatorEngine>(db(), *tree_, catalog_, std::vector<plan::Plan>{*plan},
                                                [this] { return today_; });
  }

  // The small tree; indicator_trees_test.cc loads the shipped trees of 2021 and 2025 instead.
  virtual void LoadUnits() {
    ASSERT_TRUE(tree_
                    ->Import("t",
                             units::ParseUnitFile("code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n"
                                                  "369,Thành phố Ninh Bình,district,Thành phố,37\n"
                                                  "14320,Phường Đông Thành,commune,Phường,369\n"
                                                  "14347,Xã Ninh Nhất,commune,Xã,369\n"
                                                  "374,Huyện Hoa Lư,district,Huyện,37\n"
                                                  "14530,Xã Ninh Giang,commune,Xã,374\n"
                                                  "14533,Xã Trường Yên,commune,Xã,374\n")
                                 .value(),
                             Date::Parse("2021-01-01").value())
                    .ok());
  }

  store::Database& db() { return store_->db(); }

  std::string Add(const records::RecordType& type, const std::string& unit, const std::string& date, Values v) {
    bool created = false;
    auto r = records_->Create(system_, "test", type, {.unit_code = unit, .date = Date::Parse(date).value(), .values = v},
                              &created);
    EXPECT_TRUE(r.ok()) << type.id << ": " << r.status().ToString();
    return r.ok() ? r->id : "";
  }

  IndicatorValue Value(const std::string& target, const std::string& unit, const std::string& period) {
    auto v = engine_->Evaluate("plan-184", target, unit, Period::Parse(period).value());
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : IndicatorValue{};
  }

  void Activity(const std::string& unit, const std::string& date) {
    Add(activities::CommunicationActivity(), unit, date,
        {{"form", std::string("meeting")}, {"setting", std::string("community")}, {"organiser", std::string("UBND")}});
  }

  Date today_ = Date::FromCivil(2026, 1, 15);
  access::Subject system_{"system", access::Role::kProvinceOfficer, "VN"};
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<records::CodeLists> codes_;
  std::unique_ptr<records::RecordStore> records_;
  std::map<std::string, FactType> catalog_;
  plan::Plan plan_;
  std::unique_ptr<IndicatorEngine> engine_;
};


}  // namespace pcmd::analytics
