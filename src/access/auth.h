#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/accounts.h"
#include "access/policy.h"
#include "base/digest.h"
#include "base/result.h"
#include "base/secret_box.h"
#include "store/database.h"

namespace pcmd::access {

struct AuthOptions {
  std::int64_t idle_timeout_s = 30 * 60;
  std::int64_t absolute_timeout_s = 12 * 60 * 60;
  int lock_after_failures = 10;          // per user name, within lock_seconds
  std::int64_t lock_seconds = 15 * 60;
  int address_failures_per_hour = 100;   // per source address
  std::int64_t touch_interval_s = 60;    // how often last-seen is written
  // Demo stores only: TOTP stays available but no role must enrol before working.
  bool is_totp_optional = false;
};

// A signed-in session as a request sees it.
struct Session {
  Subject subject;
  Account account;
  std::string csrf_token;
  bool must_change_password = false;
  bool must_enrol_totp = false;  // the role needs TOTP and none is set up yet
  // A limited session may only reach the /api/auth/ routes.
  bool IsLimited() const { return must_change_password || must_enrol_totp; }
};

struct LoginRequest {
  std::string username;
  std::string password;
  std::optional<std::string> totp;  // a 6-digit code or a recovery code
  std::string address;              // source address, for throttling
};

struct LoginResult {
  std::string token;  // goes only into the cookie
  Session session;
};

struct TotpEnrolment {
  std::string secret_base32;
  std::string otpauth_uri;
};

// The Authenticator signs people in and out: argon2id passwords, throttling per user
// name and per address, TOTP with recovery codes, and server-side sessions whose
// tokens are kept only as hashes. Logout, expiry (idle and absolute), disabling an
// account and changing its role or unit end a session at its next request.
// Every login success and failure is audited. Thread-safe.
class Authenticator {
 public:
  Authenticator(store::Database& db, const base::SecretBox& box, AuthOptions options,
                std::function<std::int64_t()> now_unix);

  // kUnauthenticated ("invalid_credentials" or "totp_required") or kResourceExhausted
  // ("throttled", with retry-after) on failure.
  base::Result<LoginResult> Login(const LoginRequest& request, const std::string& request_id);
  // The session of a token, or kUnauthenticated.
  base::Result<Session> Resolve(const std::string& token);
  base::Status Logout(const std::string& token, const store::Actor& actor);
  // Changes the password and ends the account's other sessions.
  base::Status ChangePassword(const Session& session, const std::string& token,
                              const store::Actor& actor, const std::string& current_password,
                              const std::string& new_password);
  base::Result<TotpEnrolment> BeginTotp(const Session& session, const store::Actor& actor);
  // Turns TOTP on when `code` matches the pending secret; returns 10 recovery codes.
  base::Result<std::vector<std::string>> ConfirmTotp(const Session& session,
                                                     const store::Actor& actor,
                                                     const std::string& code);

 private:
  store::Database& db_;
  const base::SecretBox& box_;
  AuthOptions options_;
  std::function<std::int64_t()> now_;
};

using base::Sha256Hex;  // session tokens and recovery codes are kept as their SHA-256

}  // namespace pcmd::access
