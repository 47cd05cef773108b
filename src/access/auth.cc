#include "access/auth.h"

#include <sodium.h>

#include <algorithm>
#include <sstream>

#include "access/password.h"
#include "access/totp.h"
#include "base/date.h"
#include "base/id.h"
#include "base/text.h"

namespace pcmd::access {
namespace {

using base::Result;
using base::Status;
using store::Rows;
using store::Transaction;

constexpr const char* kAccountCols =
    "id, username, display_name, role, unit_code, is_disabled, must_change_password, "
    "totp_enabled, version, created_at, updated_at, password_hash, totp_secret, totp_last_step, "
    "recovery_codes, totp_pending";

struct Secrets {
  Account account;
  std::string password_hash;
  std::optional<std::string> totp_secret;  // sealed
  std::int64_t totp_last_step = 0;
  std::string recovery_codes;              // space-separated SHA-256 of unused codes
  std::optional<std::string> totp_pending; // sealed
};

Secrets SecretsFromRow(const store::Row& r) {
  Secrets s;
  s.account.id = r.Text(0);
  s.account.username = r.Text(1);
  s.account.display_name = r.Text(2);
  s.account.role = ParseRole(r.Text(3)).value_or(Role::kViewer);
  s.account.unit_code = r.Text(4);
  s.account.is_disabled = r.Int(5) != 0;
  s.account.must_change_password = r.Int(6) != 0;
  s.account.totp_enabled = r.Int(7) != 0;
  s.account.version = r.Int(8);
  s.account.created_at = r.Text(9);
  s.account.updated_at = r.Text(10);
  s.password_hash = r.Text(11);
  s.totp_secret = r.OptText(12);
  s.totp_last_step = r.Int(13);
  s.recovery_codes = r.Text(14);
  s.totp_pending = r.OptText(15);
  return s;
}

Result<std::optional<Secrets>> LoadSecrets(Transaction& tx, const std::string& column,
                                           const std::string& value) {
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kAccountCols +
                                                " FROM accounts WHERE " + column + " = :1",
                                            {value}));
  if (rows.empty()) return std::optional<Secrets>();
  return std::optional<Secrets>(SecretsFromRow(rows[0]));
}

Status InvalidCredentials() {
  return base::Unauthenticated("wrong user name or password")
      .WithVi("Tên đăng nhập hoặc mật khẩu không đúng")
      .WithMachineCode("invalid_credentials");
}

Status NoSession() {
  return base::Unauthenticated("no valid session")
      .WithVi("Phiên làm việc đã hết hạn hoặc chưa đăng nhập")
      .WithMachineCode("unauthenticated");
}

Session MakeSession(const Account& a, std::string csrf, bool is_totp_optional) {
  Session s;
  s.account = a;
  s.subject = {a.id, a.role, a.unit_code};
  s.csrf_token = std::move(csrf);
  s.must_change_password = a.must_change_password;
  s.must_enrol_totp = InfoOf(a.role).requires_totp && !a.totp_enabled && !is_totp_optional;
  return s;
}

std::string NewRecoveryCode() {
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code += '-';
    code += kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)];
  }
  return code;
}

std::string NormaliseRecoveryCode(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == ' ' || c == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

Authenticator::Authenticator(store::Database& db, const base::SecretBox& box, AuthOptions options,
                             std::function<std::int64_t()> now_unix)
    : db_(db), box_(box), options_(options), now_(std::move(now_unix)) {}

Result<LoginResult> Authenticator::Login(const LoginRequest& req, const std::string& request_id) {
  const std::int64_t now = now_();
  const std::string username = base::FoldForSearch(req.username);
  const std::string user_key = LoginFailureKeyOfUser(username);
  const std::string addr_key = "addr:" + req.address;

  // Throttling first, before any password work.
  std::int64_t user_failures = 0, addr_failures = 0;
  std::optional<Secrets> secrets;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows u, tx.Query("SELECT COUNT(*) FROM login_failures WHERE key = :1 AND at_unix > :2",
                                           {user_key, now - options_.lock_seconds}));
    PCMD_ASSIGN_OR_RETURN(Rows a, tx.Query("SELECT COUNT(*) FROM login_failures WHERE key = :1 AND at_unix > :2",
                                           {addr_key, now - 3600}));
    user_failures = u[0].Int(0);
    addr_failures = a[0].Int(0);
    PCMD_ASSIGN_OR_RETURN(secrets, LoadSecrets(tx, "username", username));
    return Status::Ok();
  }));
  const store::Actor anonymous(secrets ? secrets->account.id : "anonymous", "", request_id);
  if (user_failures >= options_.lock_after_failures ||
      addr_failures >= options_.address_failures_per_hour) {
    (void)db_.AuditOnly(anonymous, "login", "account", secrets ? secrets->account.id : "", "throttled");
    const int wait = user_failures >= options_.lock_after_failures
                         ? static_cast<int>(options_.lock_seconds)
                         : 3600;
    return base::ResourceExhausted("too many failed logins; try again later")
        .WithVi("Đăng nhập sai quá nhiều lần; hãy thử lại sau " + std::to_string(wait / 60) + " phút")
        .WithMachineCode("throttled")
        .WithRetryAfter(wait);
  }

  auto fail = [&](const std::string& account_id, const std::string& why, Status status) -> Status {
    (void)db_.Write(anonymous, [&](Transaction& tx) -> Status {
      PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO login_failures (key, at_unix) VALUES (:1, :2)",
                                   {user_key, now})
                               .status());
      PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO login_failures (key, at_unix) VALUES (:1, :2)",
                                   {addr_key, now})
                               .status());
      return tx.Audit("login", "account", account_id, why);
    });
    return status;
  };

  if (!secrets) {
    VerifyDummyPassword(req.password);
    return fail("", "failed", InvalidCredentials());
  }
  if (!VerifyPassword(req.password, secrets->password_hash)) {
    return fail(secrets->account.id, "failed", InvalidCredentials());
  }
  if (secrets->account.is_disabled) {
    return fail(secrets->account.id, "disabled", InvalidCredentials());
  }

  std::optional<std::int64_t> totp_step;
  std::optional<std::string> remaining_codes;
  if (secrets->account.totp_enabled) {
    const std::string code = std::string(base::TrimAscii(req.totp.value_or("")));
    const Status required = base::Unauthenticated("a valid one-time code is required")
                                .WithVi("Cần mã xác thực một lần (TOTP) hợp lệ")
                                .WithMachineCode("totp_required");
    if (code.empty()) return required;
    auto secret = secrets->totp_secret ? box_.Unseal(*secrets->totp_secret, "account.totp:" + secrets->account.id)
                                       : Result<std::string>(base::Internal("no totp secret"));
    if (!secret.ok()) return base::Internal("the totp secret cannot be opened");
    totp_step = VerifyTotp(*secret, code, now, secrets->totp_last_step);
    if (!totp_step) {
      // A recovery code works once.
      const std::string hashed = Sha256Hex(NormaliseRecoveryCode(code));
      std::istringstream in(secrets->recovery_codes);
      std::string h, kept;
      bool used = false;
      while (in >> h) {
        if (!used && h == hashed) {
          used = true;
          continue;
        }
        kept += (kept.empty() ? "" : " ") + h;
      }
      if (!used) return fail(secrets->account.id, "failed_totp", required);
      remaining_codes = kept;
    }
  }

  LoginResult result;
  result.token = base::RandomHex(16);  // 128 bits
  const std::string csrf = base::RandomHex(16);
  const store::Actor actor(secrets->account.id, std::string(RoleId(secrets->account.role)), request_id);
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(tx.Exec("DELETE FROM login_failures WHERE key = :1", {user_key}).status());
    PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO sessions (token_hash, account_id, csrf_token, "
                                 "created_unix, last_seen_unix) VALUES (:1, :2, :3, :4, :5)",
                                 {Sha256Hex(result.token), secrets->account.id, csrf, now, now})
                             .status());
    if (totp_step) {
      PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET totp_last_step = :1 WHERE id = :2",
                                   {*totp_step, secrets->account.id})
                               .status());
    }
    if (remaining_codes) {
      PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET recovery_codes = :1 WHERE id = :2",
                                   {*remaining_codes, secrets->account.id})
                               .status());
      PCMD_RETURN_IF_ERROR(tx.Audit("recovery_code_used", "account", secrets->account.id, "ok"));
    }
    return tx.Audit("login", "account", secrets->account.id, "ok");
  }));
  result.session = MakeSession(secrets->account, csrf, options_.is_totp_optional);
  return result;
}

Result<Session> Authenticator::Resolve(const std::string& token) {
  if (token.size() != 32) return NoSession();
  const std::string hash = Sha256Hex(token);
  const std::int64_t now = now_();
  std::optional<Secrets> secrets;
  std::string csrf;
  std::int64_t created = 0, last_seen = 0;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT account_id, csrf_token, created_unix, "
                                              "last_seen_unix FROM sessions WHERE token_hash = :1",
                                              {hash}));
    if (rows.empty()) return Status::Ok();
    csrf = rows[0].Text(1);
    created = rows[0].Int(2);
    last_seen = rows[0].Int(3);
    PCMD_ASSIGN_OR_RETURN(secrets, LoadSecrets(tx, "id", rows[0].Text(0)));
    return Status::Ok();
  }));
  if (!secrets) return NoSession();
  const bool expired = now - created > options_.absolute_timeout_s ||
                       now - last_seen > options_.idle_timeout_s || secrets->account.is_disabled;
  if (expired) {
    (void)db_.Write(store::Actor(secrets->account.id), [&](Transaction& tx) {
      return tx.Exec("DELETE FROM sessions WHERE token_hash = :1", {hash}).status();
    });
    return NoSession();
  }
  // Touch often enough that a session in use never reaches the idle limit.
  const std::int64_t touch_every =
      std::max<std::int64_t>(1, std::min(options_.touch_interval_s, options_.idle_timeout_s / 2));
  if (now - last_seen >= touch_every) {
    (void)db_.Write(store::Actor(secrets->account.id), [&](Transaction& tx) {
      return tx.Exec("UPDATE sessions SET last_seen_unix = :1 WHERE token_hash = :2", {now, hash})
          .status();
    });
  }
  return MakeSession(secrets->account, csrf, options_.is_totp_optional);
}

Status Authenticator::Logout(const std::string& token, const store::Actor& actor) {
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(
        tx.Exec("DELETE FROM sessions WHERE token_hash = :1", {Sha256Hex(token)}).status());
    return tx.Audit("logout", "account", actor.id, "ok");
  });
}

Status Authenticator::ChangePassword(const Session& session, const std::string& token,
                                     const store::Actor& actor, const std::string& current_password,
                                     const std::string& new_password) {
  std::optional<Secrets> secrets;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(secrets, LoadSecrets(tx, "id", session.account.id));
    return Status::Ok();
  }));
  if (!secrets) return NoSession();
  if (!VerifyPassword(current_password, secrets->password_hash)) {
    (void)db_.AuditOnly(actor, "password_change", "account", session.account.id, "failed");
    return base::Validation::Fail("current_password", "incorrect", "Mật khẩu hiện tại không đúng",
                                        "the current password is not right");
  }
  PCMD_RETURN_IF_ERROR(CheckNewPassword(new_password, secrets->account.username));
  if (new_password == current_password) {
    return base::Validation::Fail("new_password", "unchanged", "Mật khẩu mới phải khác mật khẩu cũ",
                                        "the new password must differ from the current one");
  }
  PCMD_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET password_hash = :1, must_change_password = 0, "
                                 "updated_at = :2, version = version + 1 WHERE id = :3",
                                 {hash, base::NowIsoUtc(), session.account.id})
                             .status());
    PCMD_RETURN_IF_ERROR(tx.Exec("DELETE FROM sessions WHERE account_id = :1 AND token_hash <> :2",
                                 {session.account.id, Sha256Hex(token)})
                             .status());
    return tx.AppendChange("account", session.account.id, "password_change");
  });
}

Result<TotpEnrolment> Authenticator::BeginTotp(const Session& session, const store::Actor& actor) {
  const std::string secret = NewTotpSecret();
  const std::string sealed = box_.Seal(secret, "account.totp:" + session.account.id);
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET totp_pending = :1 WHERE id = :2",
                                 {sealed, session.account.id})
                             .status());
    return tx.Audit("totp_enrol_start", "account", session.account.id, "ok");
  }));
  return TotpEnrolment{Base32Encode(secret), OtpauthUri(session.account.username, secret)};
}

Result<std::vector<std::string>> Authenticator::ConfirmTotp(const Session& session,
                                                            const store::Actor& actor,
                                                            const std::string& code) {
  std::optional<Secrets> secrets;
  PCMD_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(secrets, LoadSecrets(tx, "id", session.account.id));
    return Status::Ok();
  }));
  if (!secrets || !secrets->totp_pending) {
    return base::FailedPrecondition("start the enrolment first")
        .WithVi("Hãy bắt đầu đăng ký xác thực hai lớp trước")
        .WithMachineCode("totp_not_started");
  }
  auto secret = box_.Unseal(*secrets->totp_pending, "account.totp:" + session.account.id);
  if (!secret.ok()) return base::Internal("the pending totp secret cannot be opened");
  auto step = VerifyTotp(*secret, std::string(base::TrimAscii(code)), now_(), -1);
  if (!step) {
    return base::Validation::Fail("code", "incorrect", "Mã xác thực không đúng",
                                        "the code does not match");
  }
  std::vector<std::string> codes;
  std::string hashes;
  for (int i = 0; i < 10; ++i) {
    codes.push_back(NewRecoveryCode());
    hashes += (hashes.empty() ? "" : " ") + Sha256Hex(NormaliseRecoveryCode(codes.back()));
  }
  PCMD_RETURN_IF_ERROR(db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET totp_secret = totp_pending, totp_pending = NULL, "
                                 "totp_enabled = 1, totp_last_step = :1, recovery_codes = :2, "
                                 "updated_at = :3, version = version + 1 WHERE id = :4",
                                 {*step, hashes, base::NowIsoUtc(), session.account.id})
                             .status());
    return tx.AppendChange("account", session.account.id, "totp_enrol");
  }));
  return codes;
}

}  // namespace pcmd::access
