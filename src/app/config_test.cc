#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "base/id.h"

namespace pcmd::app {
namespace {

std::string WriteTemp(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("pcmd-config-" + base::RandomHex(6) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, FileThenEnvironmentWin) {
  const std::string path = WriteTemp(
      "[store]\ndata = \"/srv/pcmd\"\n[server]\nlisten = \"0.0.0.0:9000\"\nthreads = 8\n");
  Config c;
  ASSERT_TRUE(LoadConfigFile(path, c).ok());
  EXPECT_EQ(c.data_dir, "/srv/pcmd");
  EXPECT_EQ(c.threads, 8);
  setenv("PCMD_LISTEN", "127.0.0.1:9100", 1);
  ASSERT_TRUE(ApplyEnvironment(c).ok());
  unsetenv("PCMD_LISTEN");
  EXPECT_EQ(c.listen, "127.0.0.1:9100");
  EXPECT_EQ(c.StoreUrl(), "sqlite:/srv/pcmd/pcmd.sqlite");
  std::filesystem::remove(path);
}

TEST(Config, UnknownKeysAndWrongTypesNameTheKey) {
  const std::string typo = WriteTemp("[server]\nlisen = \"x\"\n");
  Config c;
  auto s = LoadConfigFile(typo, c);
  EXPECT_NE(s.message().find("server.lisen"), std::string::npos) << s.message();
  const std::string wrong = WriteTemp("[server]\nthreads = \"four\"\n");
  s = LoadConfigFile(wrong, c);
  EXPECT_NE(s.message().find("server.threads"), std::string::npos) << s.message();
  const std::string broken = WriteTemp("[server\n");
  s = LoadConfigFile(broken, c);
  EXPECT_NE(s.message().find("line 1"), std::string::npos) << s.message();
  for (const auto& p : {typo, wrong, broken}) std::filesystem::remove(p);
}

TEST(ParseListen, SplitsHostAndPort) {
  std::string host;
  int port = 0;
  ASSERT_TRUE(ParseListen("127.0.0.1:8080", host, port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListen("[::1]:80", host, port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_FALSE(ParseListen("8080", host, port).ok());
  EXPECT_FALSE(ParseListen("h:99999", host, port).ok());
}

}  // namespace
}  // namespace pcmd::app
