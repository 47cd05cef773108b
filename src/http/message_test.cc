#include "http/message.h"

#include <gtest/gtest.h>

namespace pcmd::http {
namespace {

TEST(ParseQuery, DecodesPairsInOrder) {
  auto q = ParseQuery("q=ninh+nh%E1%BA%A5t&level=commune&flag&=x");
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].second, "ninh nhất");
  EXPECT_EQ(q[1].first, "level");
  EXPECT_EQ(q[2].first, "flag");
  EXPECT_EQ(q[2].second, "");
}

TEST(PercentDecode, KeepsBadEscapes) {
  EXPECT_EQ(PercentDecode("a%2", false), "a%2");
  EXPECT_EQ(PercentDecode("a%zz+b", false), "a%zz+b");
  EXPECT_EQ(PercentDecode("%41", false), "A");
}

TEST(Request, FindsHeadersAndQueryByName) {
  Request r;
  r.headers = {{"accept", "x"}};
  r.query = {{"limit", "5"}};
  EXPECT_EQ(r.Header("accept"), "x");
  EXPECT_FALSE(r.Header("cookie"));
  EXPECT_EQ(r.Query("limit"), "5");
}

}  // namespace
}  // namespace pcmd::http
