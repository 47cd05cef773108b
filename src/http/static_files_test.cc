#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/id.h"
#include "http/server.h"

namespace pcmd::http {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pcmd-web-" + base::RandomHex(6));
    fs::create_directories(dir_ / "assets");
    std::ofstream(dir_ / "index.html") << "<!doctype html><title>pcmd</title>";
    std::string js(4000, 'x');
    std::ofstream(dir_ / "assets" / "app-1.js") << js;
    files_.Load(dir_.string());
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  StaticFiles files_;
};

std::string HeaderOf(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST_F(StaticFilesTest, UnknownPathsFallBackToIndex) {
  Response r = files_.Serve("/units/14347", false, std::nullopt);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("<title>pcmd"), std::string::npos);
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, MissingAssetsAreNotFound) {
  EXPECT_EQ(files_.Serve("/assets/old-123.js", false, std::nullopt).status, 404);
  EXPECT_EQ(files_.Serve("/favicon.ico", false, std::nullopt).status, 404);
  EXPECT_EQ(files_.Serve("/admin/users", false, std::nullopt).status, 200);
}

TEST_F(StaticFilesTest, AssetsAreImmutableAndGzipped) {
  Response r = files_.Serve("/assets/app-1.js", true, std::nullopt);
  EXPECT_EQ(HeaderOf(r, "Content-Encoding"), "gzip");
  EXPECT_LT(r.body.size(), 4000u);
  EXPECT_NE(HeaderOf(r, "Cache-Control").find("immutable"), std::string::npos);
  Response again = files_.Serve("/assets/app-1.js", true, HeaderOf(r, "ETag"));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST(StaticFiles, MissingFolderServesANotice) {
  StaticFiles none;
  none.Load("/nonexistent/pcmd-web");
  Response r = none.Serve("/", false, std::nullopt);
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("npm run build"), std::string::npos);
}

TEST(AddSecurityHeaders, ApiRepliesAreNotStored) {
  Response r;
  AddSecurityHeaders("/api/units", r);
  EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-store");
  EXPECT_NE(HeaderOf(r, "Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace pcmd::http
