#include "app/wiring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
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
  EXPECT_TRUE(versions.count(600));  // reporting
}

TEST(AllRecordTypes, ReferencesNameExistingTypesOfTheirResource) {
  std::map<std::string, const records::RecordType*> by_id;
  for (const auto* t : AllRecordTypes()) by_id[t->id] = t;
  for (const auto* t : AllRecordTypes()) {
    for (const auto& f : t->fields) {
      if (f.kind != records::FieldKind::kRef) continue;
      auto referred = by_id.find(f.reference_type);
      ASSERT_NE(referred, by_id.end()) << t->id << "." << f.name;
      EXPECT_EQ(referred->second->resource, f.reference_resource.value_or(t->resource)) << t->id << "." << f.name;
      if (!f.reference_assignee_field.empty()) {
        EXPECT_EQ(referred->second->assignee_field, f.reference_assignee_field) << t->id << "." << f.name;
      }
    }
  }
}

// Every plan file shipped parses against the facts of every record type.
TEST(LoadPlans, TheShippedPlansLoad) {
  auto plans = LoadPlans(std::string(PCMD_SOURCE_DIR) + "/data/plans", analytics::FactCatalog(AllRecordTypes()));
  ASSERT_TRUE(plans.ok()) << plans.status().ToString();
  ASSERT_FALSE(plans->empty());
  EXPECT_EQ(plans->front().id, "plan-184");
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
