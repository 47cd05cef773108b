#include "app/demo.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "base/id.h"
#include "domain/activities/programme_types.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/enforcement/tip_store.h"
#include "domain/support/peer_group_types.h"
#include "domain/units/unit_file.h"

namespace pcmd::app {
namespace {

// Also the test of demo_support.cc (the support world of the demo: clients, referrals, groups).
TEST(FillDemo, MakesAccountsAndRecordsOnceFromASeed) {
  const auto dir = std::filesystem::temp_directory_path() / ("pcmd-demo-" + base::RandomHex(6));
  Config config;
  config.data_dir = dir.string();
  auto modules = OpenModules(config);
  ASSERT_TRUE(modules.ok()) << modules.status().ToString();
  Modules& m = **modules;
  const std::string tree =
      "code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n"
      "374,Huyện Hoa Lư,district,Huyện,37\n14530,Xã Ninh Giang,commune,Xã,374\n"
      "14533,Xã Trường Yên,commune,Xã,374\n14527,Thị trấn Thiên Tôn,commune,Thị trấn,374\n"
      "376,Huyện Kim Sơn,district,Huyện,37\n14620,Thị trấn Phát Diệm,commune,Thị trấn,376\n";
  ASSERT_TRUE(m.units->Import("t", units::ParseUnitFile(tree).value(), base::Date::Parse("2021-01-01").value()).ok());
  m.scope->Invalidate();
  std::ostringstream out;
  ASSERT_TRUE(FillDemo(m, 184, out).ok()) << out.str();
  EXPECT_EQ(*m.db->GetSetting("demo"), "1");
  EXPECT_TRUE(m.accounts->FindByUsername("demo.dpo").ok());
  access::Subject province{"x", access::Role::kProvinceOfficer, "37"};
  auto activities = m.records->List(province, activities::CommunicationActivity(), {});
  ASSERT_TRUE(activities.ok());
  EXPECT_GT(activities->total, 20);
  EXPECT_GT(m.records->List(province, activities::PressItem(), {})->total, 40);
  EXPECT_GT(m.records->List(province, activities::DistrictPlan(), {})->total, 5);
  // the enforcement world: establishments, their inspections by the demo team, crime counts
  EXPECT_GT(m.records->List(province, enforcement::Establishment(), {})->total, 0);
  EXPECT_GT(m.records->List(province, enforcement::Inspection(), {})->total, 0);
  EXPECT_GT(m.records->List(province, enforcement::CrimeStatistic(), {})->total, 0);
  auto inspector = m.accounts->FindByUsername("demo.kiemtra");
  ASSERT_TRUE(inspector.ok());
  EXPECT_EQ(m.records->List({inspector->id, access::Role::kInspector, "37"}, enforcement::Inspection(), {})->total,
            m.records->List(province, enforcement::Inspection(), {})->total);
  // tips handled on their story's days: some on time, some late, a few still open
  auto tips = m.tips->List(province, {.limit = 1000});
  ASSERT_TRUE(tips.ok()) << tips.status().ToString();
  EXPECT_GT(tips->total, 20);
  int on_time = 0, late = 0;
  for (const auto& t : tips->items) {
    on_time += t.timeliness == enforcement::Timeliness::kOnTime;
    late += t.timeliness == enforcement::Timeliness::kLate;
  }
  EXPECT_GT(on_time, 0);
  EXPECT_GT(late, 0);
  // the support world: clients with referrals, three groups meeting most months with members
  auto clients = m.support->List(province, {.limit = 500});
  ASSERT_TRUE(clients.ok()) << clients.status().ToString();
  EXPECT_GT(clients->total, 30);
  auto groups = m.records->List(province, support::PeerGroup(), {});
  ASSERT_TRUE(groups.ok());
  EXPECT_EQ(groups->total, 3);
  EXPECT_GT(m.records->List(province, support::PeerGroupActivity(), {.limit = 500})->total, 60);
  auto t13 = m.peer_groups->Summary(province, std::string("374"), 2024);
  ASSERT_TRUE(t13.ok()) << t13.status().ToString();
  EXPECT_EQ(t13->at(0).active_groups, 3);
  EXPECT_GT(t13->at(0).members, 10);
  auto t12 = m.support->ServiceAccessFor(province, std::string("374"), base::Date::FromCivil(2024, 1, 1),
                                         base::Date::FromCivil(2024, 12, 31));
  ASSERT_TRUE(t12.ok());
  EXPECT_GT(t12->denominator, 0);
  EXPECT_GT(t12->numerator, 0);
  std::ostringstream again;
  ASSERT_TRUE(FillDemo(m, 184, again).ok());
  EXPECT_NE(again.str().find("already filled"), std::string::npos);
  EXPECT_EQ(m.records->List(province, activities::CommunicationActivity(), {})->total, activities->total);
  modules->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pcmd::app
