#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pcmd::access {

// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 6 digits, 30-second
// steps, the parameters every authenticator app supports.
inline constexpr int kTotpDigits = 6;
inline constexpr std::int64_t kTotpStepSeconds = 30;

// A new random secret of 20 bytes.
std::string NewTotpSecret();
// RFC 4648 base32 without padding, upper case; Decode accepts lower case, spaces, padding.
std::string Base32Encode(std::string_view bytes);
std::optional<std::string> Base32Decode(std::string_view text);

// The code for a counter (HOTP), zero-padded to 6 digits.
std::string Hotp(std::string_view secret, std::uint64_t counter);
// The time step of a Unix time.
inline std::int64_t TotpStep(std::int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

// Checks `code` against the steps now-1, now, now+1 (clock drift), refusing a step at
// or before `last_used_step` (replay). Returns the matching step.
std::optional<std::int64_t> VerifyTotp(std::string_view secret, std::string_view code,
                                       std::int64_t unix_seconds, std::int64_t last_used_step);

// otpauth://totp/pcmd:USER?secret=…&issuer=pcmd&algorithm=SHA1&digits=6&period=30
std::string OtpauthUri(std::string_view username, std::string_view secret);

}  // namespace pcmd::access
