#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace pcmd::access {

// Argon2id parameters (libsodium crypto_pwhash): 2 passes over 64 MiB, the floor the
// access issue sets. The hash string records them, so raising them later still
// verifies old hashes (and NeedsRehash says when to upgrade).
inline constexpr unsigned long long kPasswordOpsLimit = 2;
inline constexpr std::size_t kPasswordMemLimit = 64u << 20;

// An argon2id hash string ("$argon2id$v=19$m=65536,t=2,p=1$…").
base::Result<std::string> HashPassword(std::string_view password);
// Constant-time check of a password against a hash string; false on any malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);
// Runs a verification against a fixed dummy hash, so that an unknown user name takes
// as long to refuse as a wrong password.
void VerifyDummyPassword(std::string_view password);
bool NeedsRehash(const std::string& hash);

// Checks a new password: 8 to 128 characters, not one of the 3,000 most common
// passwords (any case), not the user name. NIST SP 800-63B style: no composition rules.
// Failures are field errors on `new_password`.
base::Status CheckNewPassword(std::string_view password, std::string_view username);

bool IsCommonPassword(std::string_view password);

// A random one-time password of 16 characters from an unambiguous alphabet.
std::string NewOneTimePassword();

}  // namespace pcmd::access
