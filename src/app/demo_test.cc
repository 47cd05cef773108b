#include "app/demo.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "base/id.h"
#include "domain/activities/programme_types.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/enforcement/tip_store.h"
#include "domain/units/unit_file.h"

namespace pcmd::app {
namespace {

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
  std::ostringstream again;
  ASSERT_TRUE(FillDemo(m, 184, again).ok());
  EXPECT_NE(again.str().find("already filled"), std::string::npos);
  EXPECT_EQ(m.records->List(province, activities::CommunicationActivity(), {})->total, activities->total);
  modules->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pcmd::app
