#include "http/router.h"

#include <gtest/gtest.h>

namespace pcmd::http {
namespace {

Response Ok(Request&) { return {}; }

TEST(Router, MatchesPatternsAndFillsParams) {
  Router r;
  r.Add({"GET", "/api/units", Ok});
  r.Add({"GET", "/api/units/{code}", Ok});
  r.Add({"PATCH", "/api/units/{code}", Ok});
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  ASSERT_EQ(r.Match("GET", "/api/units/14347", &route, params), Router::MatchResult::kFound);
  EXPECT_EQ(route->pattern, "/api/units/{code}");
  EXPECT_EQ(params["code"], "14347");
  ASSERT_EQ(r.Match("PATCH", "/api/units/1", &route, params), Router::MatchResult::kFound);
  EXPECT_EQ(route->method, "PATCH");
  EXPECT_EQ(r.Match("DELETE", "/api/units/1", &route, params), Router::MatchResult::kWrongMethod);
  EXPECT_EQ(r.Match("GET", "/api/nothing", &route, params), Router::MatchResult::kNoPath);
  EXPECT_EQ(r.Match("GET", "/api/units/1/x", &route, params), Router::MatchResult::kNoPath);
  EXPECT_EQ(r.Match("GET", "/api/units/", &route, params), Router::MatchResult::kFound);
  EXPECT_EQ(route->pattern, "/api/units");
}

TEST(Router, HeadFollowsGet) {
  Router r;
  r.Add({"GET", "/api/health", Ok});
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  EXPECT_EQ(r.Match("HEAD", "/api/health", &route, params), Router::MatchResult::kFound);
}

}  // namespace
}  // namespace pcmd::http
