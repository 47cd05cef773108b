#include "access/password.h"

#include <gtest/gtest.h>

namespace pcmd::access {
namespace {

TEST(HashPassword, UsesArgon2idWithAtLeastTwoPassesAnd64MiB) {
  auto hash = HashPassword("một mật khẩu dài");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword("một mật khẩu dài", *hash));
  EXPECT_FALSE(VerifyPassword("một mật khẩu dà", *hash));
  EXPECT_FALSE(VerifyPassword("x", "not a hash"));
  EXPECT_FALSE(NeedsRehash(*hash));
}

TEST(CheckNewPassword, RefusesShortLongCommonAndUsername) {
  auto code = [](const char* pw) {
    auto s = CheckNewPassword(pw, "can.bo.xa");
    return s.ok() ? std::string("ok") : s.fields()[0].code;
  };
  EXPECT_EQ(code("abc12"), "too_short");
  EXPECT_EQ(code(std::string(129, 'a').c_str()), "too_long");
  EXPECT_EQ(code("password1"), "too_common");
  EXPECT_EQ(code("PASSWORD1"), "too_common");
  EXPECT_EQ(code("matkhau123"), "too_common");
  EXPECT_EQ(code("Can.Bo.Xa"), "same_as_username");
  EXPECT_EQ(code("ngựa vằn ăn cỏ"), "ok");  // no composition rules
}

TEST(CommonPasswords, HoldTheTopThreeThousand) {
  EXPECT_TRUE(IsCommonPassword("123456"));
  EXPECT_TRUE(IsCommonPassword("qwerty"));
  EXPECT_FALSE(IsCommonPassword("ruộng lúa Ninh Bình 2025"));
}

TEST(NewOneTimePassword, IsLongAndRandom) {
  const std::string a = NewOneTimePassword(), b = NewOneTimePassword();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(CheckNewPassword(a, "someone").ok());
}

}  // namespace
}  // namespace pcmd::access
