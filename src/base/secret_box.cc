#include "base/secret_box.h"

#include "base/digest.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace pcmd::base {

Result<SecretBox> SecretBox::Open(const std::string& key_file) {
  if (sodium_init() < 0) return Internal("libsodium failed to start");
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec)) {
    const auto parent = std::filesystem::path(key_file).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    std::string key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
    crypto_aead_xchacha20poly1305_ietf_keygen(reinterpret_cast<unsigned char*>(key.data()));
    const int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return Unavailable("cannot create the key file " + key_file);
    const bool written = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) return Unavailable("cannot write the key file " + key_file);
  }
  std::ifstream in(key_file, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string key = ss.str();
  if (key.size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES) {
    return FailedPrecondition("the key file " + key_file + " does not hold a 32-byte key");
  }
  struct stat st {};
  if (::stat(key_file.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return FailedPrecondition("the key file " + key_file + " must not be readable by others (chmod 600)");
  }
  SecretBox box;
  box.key_ = std::move(key);
  return box;
}

SecretBox SecretBox::FromKey(std::string_view key32) {
  if (sodium_init() < 0) std::abort();
  SecretBox box;
  box.key_ = std::string(key32.substr(0, crypto_aead_xchacha20poly1305_ietf_KEYBYTES));
  box.key_.resize(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
  return box;
}

std::string SecretBox::Seal(std::string_view plaintext, std::string_view context) const {
  std::string raw(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(raw.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &len,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, nonce,
      reinterpret_cast<const unsigned char*>(key_.data()));
  return "v1:" + Base64Encode(raw);
}

Result<std::string> SecretBox::Unseal(std::string_view sealed, std::string_view context) const {
  auto bad = [] { return InvalidArgument("sealed value cannot be opened with this key"); };
  if (sealed.substr(0, 3) != "v1:") return bad();
  sealed.remove_prefix(3);
  auto decoded = Base64Decode(sealed);
  if (!decoded.ok() ||
      decoded->size() < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return bad();
  }
  const std::string& raw = *decoded;
  const std::size_t raw_len = raw.size();
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw.data());
  std::string plain(raw_len, '\0');
  unsigned long long plain_len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plain_len, nullptr,
          nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          raw_len - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          reinterpret_cast<const unsigned char*>(context.data()), context.size(), nonce,
          reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return bad();
  }
  plain.resize(plain_len);
  return plain;
}

}  // namespace pcmd::base
