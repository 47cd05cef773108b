#include "access/password.h"

#include <sodium.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "base/text.h"

namespace pcmd::access {
namespace {

// data/passwords/common-passwords.txt, embedded at build time.
constexpr const char kCommonPasswords[] =
#include "access/common_passwords.inc"
    ;

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

const std::unordered_set<std::string>& CommonSet() {
  static const auto* set = [] {
    auto* s = new std::unordered_set<std::string>();
    std::string_view all(kCommonPasswords);
    while (!all.empty()) {
      const auto nl = all.find('\n');
      const std::string_view line = all.substr(0, nl);
      if (!line.empty()) s->insert(Lower(line));
      if (nl == std::string_view::npos) break;
      all.remove_prefix(nl + 1);
    }
    return s;
  }();
  return *set;
}

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
}

}  // namespace

base::Result<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOpsLimit,
                            kPasswordMemLimit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return base::Unavailable("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  EnsureSodium();
  if (hash.size() >= crypto_pwhash_STRBYTES || hash.rfind("$argon2id$", 0) != 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void VerifyDummyPassword(std::string_view password) {
  static const std::string dummy = HashPassword("pcmd-dummy-password-for-timing").value();
  (void)VerifyPassword(password, dummy);
}

bool NeedsRehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kPasswordOpsLimit, kPasswordMemLimit) != 0;
}

bool IsCommonPassword(std::string_view password) { return CommonSet().count(Lower(password)) > 0; }

base::Status CheckNewPassword(std::string_view password, std::string_view username) {
  base::Validation v;
  const std::size_t n = base::Utf8Length(password);
  if (!base::IsValidUtf8(password)) {
    v.Add("new_password", "invalid_format", "Mật khẩu chứa ký tự không hợp lệ",
          "the password has invalid characters");
  } else if (n < 8) {
    v.Add("new_password", "too_short", "Mật khẩu phải có ít nhất 8 ký tự",
          "the password must have at least 8 characters");
  } else if (n > 128) {
    v.Add("new_password", "too_long", "Mật khẩu dài tối đa 128 ký tự",
          "the password must have at most 128 characters");
  } else if (IsCommonPassword(password)) {
    v.Add("new_password", "too_common", "Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác",
          "this password is too common; choose another");
  } else if (Lower(password) == Lower(username)) {
    v.Add("new_password", "same_as_username", "Mật khẩu không được trùng tên đăng nhập",
          "the password must not be the user name");
  }
  return v.ToStatus();
}

std::string NewOneTimePassword() {
  EnsureSodium();
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    out += kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)];
  }
  return out;
}

}  // namespace pcmd::access
