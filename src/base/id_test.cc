#include "base/id.h"

#include <gtest/gtest.h>

#include <set>

namespace pcmd::base {
namespace {

TEST(NewUuid, IsVersion4AndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewUuid();
    EXPECT_TRUE(IsUuid(id));
    EXPECT_EQ(id[14], '4');
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(IsUuid, RefusesNearMisses) {
  EXPECT_FALSE(IsUuid("not-a-uuid"));
  EXPECT_FALSE(IsUuid("123e4567-e89b-12d3-a456-42661417400"));
  EXPECT_FALSE(IsUuid("123e4567xe89b-12d3-a456-426614174000"));
  EXPECT_TRUE(IsUuid("123E4567-E89B-12D3-A456-426614174000"));
}

TEST(UuidFromName, IsStableAndDistinct) {
  EXPECT_EQ(UuidFromName("a"), UuidFromName("a"));
  EXPECT_NE(UuidFromName("a"), UuidFromName("b"));
  EXPECT_TRUE(IsUuid(UuidFromName("a")));
  EXPECT_EQ(UuidFromName("a")[14], '5');
}

TEST(RandomHex, HasTwoDigitsPerByte) { EXPECT_EQ(RandomHex(16).size(), 32u); }

}  // namespace
}  // namespace pcmd::base
