#include "access/totp.h"

#include <gtest/gtest.h>

namespace pcmd::access {
namespace {

// RFC 6238 appendix B test vectors for SHA-1 (8 digits there; the last 6 here).
TEST(Totp, MatchesRfc6238Vectors) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(Hotp(secret, TotpStep(59)), "287082");
  EXPECT_EQ(Hotp(secret, TotpStep(1111111109)), "081804");
  EXPECT_EQ(Hotp(secret, TotpStep(1234567890)), "005924");
  EXPECT_EQ(Hotp(secret, TotpStep(2000000000)), "279037");
}

TEST(Totp, AcceptsOneStepOfDriftAndRefusesReplay) {
  const std::string secret = "12345678901234567890";
  const std::int64_t t = 1111111109;
  const std::string code = Hotp(secret, TotpStep(t));
  EXPECT_EQ(VerifyTotp(secret, code, t, 0), TotpStep(t));
  EXPECT_EQ(VerifyTotp(secret, code, t + 30, 0), TotpStep(t));
  EXPECT_FALSE(VerifyTotp(secret, code, t + 90, 0));
  EXPECT_FALSE(VerifyTotp(secret, code, t, TotpStep(t)));  // already used
  EXPECT_FALSE(VerifyTotp(secret, "12345", t, 0));
}

TEST(Base32, RoundTripsRfc4648) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(*Base32Decode("mzxw6ytboi======"), "foobar");
  EXPECT_FALSE(Base32Decode("1!"));
  const std::string secret = NewTotpSecret();
  EXPECT_EQ(*Base32Decode(Base32Encode(secret)), secret);
}

TEST(OtpauthUri, NamesIssuerAndParameters) {
  EXPECT_EQ(OtpauthUri("can bo", "foobar"),
            "otpauth://totp/pcmd:can%20bo?secret=MZXW6YTBOI&issuer=pcmd&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace pcmd::access
