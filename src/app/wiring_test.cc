#include "app/wiring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "base/id.h"

namespace pcmd::app {
namespace {

TEST(AllMigrations, HaveUniqueVersionsInEachModulesRange) {
  std::set<int> versions;
  for (const auto& m : AllMigrations()) {
    EXPECT_TRUE(versions.insert(m.version).second) << "version " << m.version << " twice";
    EXPECT_FALSE(m.name.empty());
  }
  EXPECT_TRUE(versions.count(1));    // store
  EXPECT_TRUE(versions.count(100));  // units
  EXPECT_TRUE(versions.count(200));  // access
  EXPECT_TRUE(versions.count(300));  // records
}

TEST(OpenModules, CreatesAPrivateDataFolderAndReopensTheSameStore) {
  const auto dir = std::filesystem::temp_directory_path() / ("pcmd-wiring-" + base::RandomHex(6));
  Config config;
  config.data_dir = dir.string();
  {
    auto m = OpenModules(config);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_TRUE(std::filesystem::exists(dir / "pcmd.sqlite"));
    EXPECT_TRUE(std::filesystem::exists(dir / "pcmd.key"));
    EXPECT_EQ((std::filesystem::status(dir).permissions() & std::filesystem::perms::others_all),
              std::filesystem::perms::none);
  }
  auto again = OpenModules(config);
  ASSERT_TRUE(again.ok());
  int highest = 0;
  for (const auto& m : AllMigrations()) highest = std::max(highest, m.version);
  EXPECT_EQ(*(*again)->db->SchemaVersion(), highest);
  again->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pcmd::app
