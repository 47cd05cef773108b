#include "domain/activities/programme_types.h"

#include <gtest/gtest.h>

#include <set>

namespace pcmd::activities {
namespace {

TEST(ProgrammeRecordTypes, HaveUniqueIdsPathsAndLabels) {
  std::set<std::string> ids, paths;
  for (const auto* t : ProgrammeRecordTypes()) {
    EXPECT_TRUE(ids.insert(t->id).second) << t->id;
    EXPECT_TRUE(paths.insert(t->path).second) << t->path;
    EXPECT_FALSE(t->label_vi.empty());
    for (const auto& f : t->fields) {
      EXPECT_FALSE(f.label_vi.empty()) << t->id << "." << f.name;
      EXPECT_FALSE(f.label_en.empty()) << t->id << "." << f.name;
      if (f.kind == records::FieldKind::kCode || f.kind == records::FieldKind::kCodes) {
        EXPECT_FALSE(f.code_list.empty()) << t->id << "." << f.name;
      }
    }
  }
}

TEST(CommunicationActivity, NeedsFormSettingAndOrganiser) {
  const auto& t = CommunicationActivity();
  EXPECT_TRUE(t.Field("form")->required);
  EXPECT_TRUE(t.Field("setting")->required);
  EXPECT_TRUE(t.Field("organiser")->required);
  EXPECT_FALSE(t.Field("audience_count")->required);
}

TEST(PressItem, IsRecordedAtProvinceLevel) {
  EXPECT_EQ(PressItem().unit_levels, std::vector<std::string>{"province"});
}

}  // namespace
}  // namespace pcmd::activities
