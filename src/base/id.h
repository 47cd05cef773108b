#pragma once

#include <string>
#include <string_view>

namespace pcmd::base {

// A new random (version 4) UUID in lower-case canonical text, from libsodium's CSPRNG.
std::string NewUuid();

// True for a canonical UUID text (8-4-4-4-12 hex digits, any case).
bool IsUuid(std::string_view text);

// A name-based UUID (version 5 layout over SHA-256): the same text always gives the
// same id, so that re-importing a row creates nothing twice.
std::string UuidFromName(std::string_view name);

// `n` random bytes as lower-case hex (for request ids and tokens).
std::string RandomHex(std::size_t n);

}  // namespace pcmd::base
