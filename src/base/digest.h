#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace pcmd::base {

// Digests and encodings of bytes (libsodium inside).

// The SHA-256 of `bytes` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view bytes);

// Standard base64 with padding (RFC 4648 §4).
std::string Base64Encode(std::string_view bytes);
// kInvalidArgument when `text` is not standard padded base64.
Result<std::string> Base64Decode(std::string_view text);

}  // namespace pcmd::base
