#include "base/secret_box.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "base/id.h"

namespace pcmd::base {
namespace {

TEST(SecretBox, SealsAndOpensBoundToContext) {
  SecretBox box = SecretBox::FromKey(std::string(32, 'k'));
  const std::string sealed = box.Seal("0912 345 678", "client.phone");
  EXPECT_EQ(sealed.find("0912"), std::string::npos);
  EXPECT_EQ(*box.Unseal(sealed, "client.phone"), "0912 345 678");
  EXPECT_FALSE(box.Unseal(sealed, "client.nickname").ok());
  EXPECT_NE(box.Seal("same", "c"), box.Seal("same", "c"));  // random nonces
}

TEST(SecretBox, RefusesAnotherKeyAndTampering) {
  SecretBox a = SecretBox::FromKey(std::string(32, 'a'));
  SecretBox b = SecretBox::FromKey(std::string(32, 'b'));
  std::string sealed = a.Seal("secret", "x");
  EXPECT_FALSE(b.Unseal(sealed, "x").ok());
  sealed[sealed.size() - 3] = sealed[sealed.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(a.Unseal(sealed, "x").ok());
  EXPECT_FALSE(a.Unseal("garbage", "x").ok());
}

TEST(SecretBox, CreatesAPrivateKeyFileOnceAndReusesIt) {
  const auto dir = std::filesystem::temp_directory_path() / ("pcmd-key-" + RandomHex(6));
  const std::string file = (dir / "pcmd.key").string();
  auto first = SecretBox::Open(file);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string sealed = first->Seal("x", "c");
  auto second = SecretBox::Open(file);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second->Unseal(sealed, "c"), "x");
  ::chmod(file.c_str(), 0644);
  EXPECT_FALSE(SecretBox::Open(file).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pcmd::base
