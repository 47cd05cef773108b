#include "access/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cstdio>

namespace pcmd::access {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string UriEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() {
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=' || ch == '-') continue;
    const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= '2' && c <= '7') v = c - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

std::string Hotp(std::string_view secret, std::uint64_t counter) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), msg, sizeof msg, mac, &mac_len);
  const int offset = mac[mac_len - 1] & 0x0F;
  const std::uint32_t binary = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) |
                               (mac[offset + 2] << 8) | mac[offset + 3];
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06u", binary % 1000000u);
  return buf;
}

std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                       std::int64_t unix_seconds, std::int64_t last_used_step) {
  if (code.size() != kTotpDigits) return std::nullopt;
  const std::int64_t now = TotpStep(unix_seconds);
  for (std::int64_t step = now - 1; step <= now + 1; ++step) {
    if (step <= last_used_step) continue;
    const std::string expected = Hotp(secret, static_cast<std::uint64_t>(step));
    if (sodium_memcmp(expected.data(), code.data(), kTotpDigits) == 0) return step;
  }
  return std::nullopt;
}

std::string OtpauthUri(std::string_view username, std::string_view secret) {
  return "otpauth://totp/pcmd:" + UriEscape(username) + "?secret=" + Base32Encode(secret) +
         "&issuer=pcmd&algorithm=SHA1&digits=6&period=30";
}

}  // namespace pcmd::access
