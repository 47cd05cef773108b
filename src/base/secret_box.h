#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace pcmd::base {

// A SecretBox encrypts small fields at rest (identifying fields of clients, TOTP secrets)
// with XChaCha20-Poly1305 under a 256-bit key kept in a file outside the database.
// Open creates the key file (mode 0600) when it does not exist. Sealed text is
// "v1:" + base64(nonce || ciphertext); `context` (e.g. "account.totp") is bound as
// associated data, so a value cannot be moved to another field. Thread-safe.
class SecretBox {
 public:
  static Result<SecretBox> Open(const std::string& key_file);
  // A box with a key from memory (tests).
  static SecretBox FromKey(std::string_view key32);

  std::string Seal(std::string_view plaintext, std::string_view context) const;
  // kInvalidArgument when the text was not sealed by this key for this context.
  Result<std::string> Unseal(std::string_view sealed, std::string_view context) const;

 private:
  std::string key_;
};

}  // namespace pcmd::base
