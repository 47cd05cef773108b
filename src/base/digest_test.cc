#include "base/digest.h"

#include <gtest/gtest.h>

namespace pcmd::base {
namespace {

TEST(Sha256Hex, MatchesTheStandardVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Base64, RoundTripsEveryByteAndRejectsOtherText) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 255u, 256u}) {
    const std::string part = bytes.substr(0, n);
    auto back = Base64Decode(Base64Encode(part));
    ASSERT_TRUE(back.ok()) << n;
    EXPECT_EQ(*back, part);
  }
  EXPECT_EQ(Base64Encode("Ma"), "TWE=");
  EXPECT_FALSE(Base64Decode("TWE").ok());
  EXPECT_FALSE(Base64Decode("T!E=").ok());
}

}  // namespace
}  // namespace pcmd::base
