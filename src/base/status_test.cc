#include "base/status.h"

#include <gtest/gtest.h>

#include "base/result.h"

namespace pcmd::base {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgument("n must be even");
  return n / 2;
}

Result<int> Quarter(int n) {
  PCMD_ASSIGN_OR_RETURN(int h, Half(n));
  return Half(h);
}

TEST(Result, PropagatesTheFirstFailure) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(Validation, CollectsEveryFieldInOneStatus) {
  Validation v;
  EXPECT_TRUE(v.ToStatus().ok());
  v.Add("name", "required", "Tên là bắt buộc", "Name is required");
  v.Add("level", "invalid_value", "Cấp không hợp lệ", "Level is invalid");
  Status s = v.ToStatus();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.machine_code(), "validation_failed");
  ASSERT_EQ(s.fields().size(), 2u);
  EXPECT_EQ(s.fields()[1].field, "level");
}

}  // namespace
}  // namespace pcmd::base
