#include "access/accounts.h"

#include "access/password.h"
#include "base/date.h"
#include "base/id.h"
#include "base/text.h"

namespace pcmd::access {
namespace {

using base::Result;
using base::Status;
using store::Row;
using store::Rows;
using store::Transaction;

constexpr const char* kCols =
    "id, username, display_name, role, unit_code, is_disabled, must_change_password, "
    "totp_enabled, version, created_at, updated_at";

Account FromRow(const Row& r) {
  Account a;
  a.id = r.Text(0);
  a.username = r.Text(1);
  a.display_name = r.Text(2);
  a.role = ParseRole(r.Text(3)).value_or(Role::kViewer);
  a.unit_code = r.Text(4);
  a.is_disabled = r.Int(5) != 0;
  a.must_change_password = r.Int(6) != 0;
  a.totp_enabled = r.Int(7) != 0;
  a.version = r.Int(8);
  a.created_at = r.Text(9);
  a.updated_at = r.Text(10);
  return a;
}

Status NotFoundAccount() {
  return base::NotFound("no such account").WithVi("Không tìm thấy tài khoản").WithMachineCode("not_found");
}

Result<Account> LoadBy(Transaction& tx, const std::string& column, const std::string& value) {
  PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(std::string("SELECT ") + kCols + " FROM accounts WHERE " +
                                                column + " = :1",
                                            {value}));
  if (rows.empty()) return NotFoundAccount();
  return FromRow(rows[0]);
}

// Keeps the account's row as it was before a change (the audit log says who and when).
Status KeepHistory(Transaction& tx, const std::string& account_id) {
  return tx.Exec("INSERT INTO account_history (account_id, version, display_name, role, unit_code, "
                 "is_disabled, must_change_password, totp_enabled, replaced_at, replaced_by) "
                 "SELECT id, version, display_name, role, unit_code, is_disabled, "
                 "must_change_password, totp_enabled, :1, :2 FROM accounts WHERE id = :3",
                 {base::NowIsoUtc(), tx.actor().id, account_id})
      .status();
}

Status EndSessions(Transaction& tx, const std::string& account_id) {
  return tx.Exec("DELETE FROM sessions WHERE account_id = :1", {account_id}).status();
}

}  // namespace

bool IsValidUsername(const std::string& u) {
  if (u.size() < 3 || u.size() > 64) return false;
  for (char c : u) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

Result<Account> AccountStore::Insert(const store::Actor& actor, const NewAccount& in,
                                     std::string* one_time_password) {
  base::Validation v;
  const std::string username = base::FoldForSearch(in.username);
  if (!IsValidUsername(username)) {
    v.Add("username", "invalid_format", "Tên đăng nhập gồm 3–64 chữ thường, số, dấu . _ -",
          "username must be 3 to 64 lower-case letters, digits, '.', '_' or '-'");
  }
  if (base::Utf8Length(in.display_name) > 200) {
    v.Add("display_name", "too_long", "Tên hiển thị dài tối đa 200 ký tự",
          "display_name must be at most 200 characters");
  }
  if (!ParseRole(in.role)) {
    v.Add("role", "invalid_value", "Vai trò không hợp lệ", "role is not one of the role ids");
  }
  if (in.unit_code.empty()) {
    v.Add("unit_code", "required", "Đơn vị là bắt buộc", "unit_code is required");
  }
  if (in.password) {
    if (auto s = CheckNewPassword(*in.password, username); !s.ok()) {
      v.Add("password", s.fields()[0].code, s.fields()[0].message_vi, s.fields()[0].message_en);
    }
  }
  if (!in.unit_code.empty() && !units_.Exists(in.unit_code)) {
    v.Add("unit_code", "not_found", "Không có đơn vị với mã này", "no unit with that code");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  std::string password = in.password.value_or("");
  if (!in.password) {
    password = NewOneTimePassword();
    if (one_time_password) *one_time_password = password;
  }
  PCMD_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  Account created;
  const std::string id = base::NewUuid();
  const std::string now = base::NowIsoUtc();
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows taken, tx.Query("SELECT id FROM accounts WHERE username = :1", {username}));
    if (!taken.empty()) {
      return base::Conflict("username is taken")
          .WithVi("Tên đăng nhập đã được dùng")
          .WithMachineCode("already_exists")
          .WithField({"username", "already_exists", "Tên đăng nhập đã được dùng", "username is taken"});
    }
    PCMD_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO accounts (id, username, display_name, role, unit_code, password_hash, "
                "must_change_password, is_disabled, totp_secret, totp_pending, totp_enabled, "
                "totp_last_step, recovery_codes, created_at, updated_at, created_by, version) "
                "VALUES (:1, :2, :3, :4, :5, :6, :7, 0, NULL, NULL, 0, 0, '', :8, :9, :10, 1)",
                {id, username, in.display_name, in.role, in.unit_code, hash,
                 in.password && !in.must_change_password ? 0 : 1, now, now, actor.id})
            .status());
    PCMD_RETURN_IF_ERROR(tx.AppendChange("account", id, "create"));
    PCMD_ASSIGN_OR_RETURN(created, LoadBy(tx, "id", id));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return created;
}

Result<Account> AccountStore::Create(const Subject& subject, const store::Actor& actor,
                                     const NewAccount& in, std::string* one_time_password) {
  if (!policy_.Allows(subject, Action::kCreate, {Resource::kAccount, std::nullopt, {}})) {
    return base::PermissionDenied("creating accounts is not allowed for this role");
  }
  // An administrator cannot grant a unit above or beside their own.
  if (!in.unit_code.empty() && !units_.Exists(in.unit_code)) {
    return base::Validation::Fail("unit_code", "not_found", "Không có đơn vị với mã này",
                                  "no unit with that code");
  }
  if (!in.unit_code.empty() && !units_.Contains(subject.unit_code, in.unit_code)) {
    return base::Validation::Fail("unit_code", "out_of_scope",
                                        "Chỉ được gán đơn vị thuộc phạm vi của mình",
                                        "unit_code must be your unit or a unit below it");
  }
  NewAccount input = in;
  input.password.reset();  // accounts made over the API always start with a one-time password
  input.must_change_password = true;
  return Insert(actor, input, one_time_password);
}

Result<Account> AccountStore::CreateSystem(const store::Actor& actor, const NewAccount& in,
                                           std::string* one_time_password) {
  return Insert(actor, in, one_time_password);
}

Result<Account> AccountStore::Get(const Subject& subject, const std::string& id) const {
  Account found;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(found, LoadBy(tx, "id", id));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!policy_.Allows(subject, Action::kRead, {Resource::kAccount, found.unit_code, {}})) {
    return NotFoundAccount();
  }
  return found;
}

Result<Account> AccountStore::FindByUsername(const std::string& username) const {
  Account found;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(found, LoadBy(tx, "username", base::FoldForSearch(username)));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return found;
}

Result<AccountPage> AccountStore::List(const Subject& subject, const AccountQuery& q) const {
  if (!policy_.Allows(subject, Action::kRead, {Resource::kAccount, std::nullopt, {}})) {
    return base::PermissionDenied("listing accounts is not allowed for this role");
  }
  std::vector<Account> all;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    std::string sql = std::string("SELECT ") + kCols + " FROM accounts WHERE 1 = 1";
    store::Params params;
    if (q.role) {
      sql += " AND role = :r";
      params.emplace_back(*q.role);
    }
    sql += " ORDER BY username";
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, params));
    for (const Row& r : rows) all.push_back(FromRow(r));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  // Scope and text filters in memory: accounts are few (hundreds), and the policy
  // decides visibility in one place.
  AccountPage page;
  const std::string text = q.text ? base::FoldForSearch(*q.text) : "";
  for (const Account& a : all) {
    if (!policy_.Allows(subject, Action::kRead, {Resource::kAccount, a.unit_code, {}})) continue;
    if (q.unit_code && !units_.Contains(*q.unit_code, a.unit_code)) continue;
    if (!text.empty() && a.username.find(text) == std::string::npos &&
        base::FoldForSearch(a.display_name).find(text) == std::string::npos) {
      continue;
    }
    if (page.total >= q.offset && static_cast<int>(page.items.size()) < q.limit) page.items.push_back(a);
    ++page.total;
  }
  return page;
}

Result<Account> AccountStore::Update(const Subject& subject, const store::Actor& actor,
                                     const std::string& id, const AccountUpdate& u) {
  PCMD_ASSIGN_OR_RETURN(Account current, Get(subject, id));
  if (!policy_.Allows(subject, Action::kUpdate, {Resource::kAccount, current.unit_code, {}})) {
    return NotFoundAccount();
  }
  base::Validation v;
  if (u.role && !ParseRole(*u.role)) {
    v.Add("role", "invalid_value", "Vai trò không hợp lệ", "role is not one of the role ids");
  }
  if (u.unit_code && !units_.Contains(subject.unit_code, *u.unit_code)) {
    v.Add("unit_code", "out_of_scope", "Chỉ được gán đơn vị thuộc phạm vi của mình",
          "unit_code must be your unit or a unit below it");
  }
  if (u.display_name && base::Utf8Length(*u.display_name) > 200) {
    v.Add("display_name", "too_long", "Tên hiển thị dài tối đa 200 ký tự",
          "display_name must be at most 200 characters");
  }
  if (id == subject.account_id && (u.role || u.unit_code || u.is_disabled.value_or(false))) {
    v.Add("role", "own_account", "Không thể tự đổi vai trò, đơn vị hoặc khóa tài khoản của mình",
          "you cannot change your own role or unit, or disable yourself");
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  Account updated;
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Account now, LoadBy(tx, "id", id));
    if (now.version != u.version) {
      return base::Conflict("the account was changed by someone else; reload it")
          .WithVi("Tài khoản đã được người khác sửa; hãy tải lại")
          .WithMachineCode("stale_version");
    }
    const bool ends_sessions = (u.role && *u.role != RoleId(now.role)) ||
                               (u.unit_code && *u.unit_code != now.unit_code) ||
                               (u.is_disabled && *u.is_disabled && !now.is_disabled);
    PCMD_RETURN_IF_ERROR(KeepHistory(tx, id));
    PCMD_RETURN_IF_ERROR(
        tx.Exec("UPDATE accounts SET display_name = :1, role = :2, unit_code = :3, is_disabled = :4, "
                "updated_at = :5, version = version + 1 WHERE id = :6",
                {u.display_name.value_or(now.display_name), u.role.value_or(std::string(RoleId(now.role))),
                 u.unit_code.value_or(now.unit_code), u.is_disabled.value_or(now.is_disabled) ? 1 : 0,
                 base::NowIsoUtc(), id})
            .status());
    if (ends_sessions) PCMD_RETURN_IF_ERROR(EndSessions(tx, id));
    PCMD_RETURN_IF_ERROR(tx.AppendChange("account", id, "update"));
    PCMD_ASSIGN_OR_RETURN(updated, LoadBy(tx, "id", id));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return updated;
}

Result<std::string> AccountStore::SetOneTimePassword(const store::Actor& actor, const Account& account) {
  const std::string password = NewOneTimePassword();
  PCMD_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  Status s = db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(KeepHistory(tx, account.id));
    PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET password_hash = :1, must_change_password = 1, "
                                 "updated_at = :2, version = version + 1 WHERE id = :3",
                                 {hash, base::NowIsoUtc(), account.id})
                             .status());
    PCMD_RETURN_IF_ERROR(EndSessions(tx, account.id));
    PCMD_RETURN_IF_ERROR(tx.Exec("DELETE FROM login_failures WHERE key = :1",
                                 {LoginFailureKeyOfUser(account.username)})
                             .status());
    return tx.AppendChange("account", account.id, "password_reset");
  });
  if (!s.ok()) return s;
  return password;
}

Result<std::string> AccountStore::ResetPassword(const Subject& subject, const store::Actor& actor,
                                                const std::string& id) {
  PCMD_ASSIGN_OR_RETURN(Account account, Get(subject, id));
  if (!policy_.Allows(subject, Action::kUpdate, {Resource::kAccount, account.unit_code, {}})) {
    return NotFoundAccount();
  }
  return SetOneTimePassword(actor, account);
}

Result<std::string> AccountStore::ResetPasswordSystem(const store::Actor& actor,
                                                      const std::string& username) {
  PCMD_ASSIGN_OR_RETURN(Account account, FindByUsername(username));
  return SetOneTimePassword(actor, account);
}

Status AccountStore::DisableSystem(const store::Actor& actor, const std::string& username) {
  PCMD_ASSIGN_OR_RETURN(Account account, FindByUsername(username));
  return db_.Write(actor, [&](Transaction& tx) -> Status {
    PCMD_RETURN_IF_ERROR(KeepHistory(tx, account.id));
    PCMD_RETURN_IF_ERROR(tx.Exec("UPDATE accounts SET is_disabled = 1, updated_at = :1, "
                                 "version = version + 1 WHERE id = :2",
                                 {base::NowIsoUtc(), account.id})
                             .status());
    PCMD_RETURN_IF_ERROR(EndSessions(tx, account.id));
    return tx.AppendChange("account", account.id, "disable");
  });
}

Result<std::vector<Account>> AccountStore::ListSystem() const {
  std::vector<Account> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows,
                          tx.Query(std::string("SELECT ") + kCols + " FROM accounts ORDER BY username"));
    for (const Row& r : rows) out.push_back(FromRow(r));
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<AccountVersion>> AccountStore::History(const Subject& subject,
                                                          const std::string& id) const {
  PCMD_ASSIGN_OR_RETURN(Account current, Get(subject, id));
  std::vector<AccountVersion> out;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT version, display_name, role, unit_code, "
                                              "is_disabled, replaced_at, replaced_by FROM "
                                              "account_history WHERE account_id = :1 ORDER BY version",
                                              {current.id}));
    for (const Row& r : rows) {
      out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0, r.Text(5), r.Text(6)});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::int64_t> AccountStore::Count() const {
  std::int64_t n = 0;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT COUNT(*) FROM accounts"));
    n = rows.empty() ? 0 : rows[0].Int(0);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return n;
}

std::vector<store::Migration> AccessMigrations() {
  const std::string accounts =
      "CREATE TABLE accounts (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, "
      "display_name TEXT NOT NULL, role TEXT NOT NULL, unit_code TEXT NOT NULL, "
      "password_hash TEXT NOT NULL, must_change_password INTEGER NOT NULL, "
      "is_disabled INTEGER NOT NULL, totp_secret TEXT, totp_pending TEXT, "
      "totp_enabled INTEGER NOT NULL, totp_last_step BIGINT NOT NULL, recovery_codes TEXT NOT NULL, "
      "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, created_by TEXT NOT NULL, "
      "version BIGINT NOT NULL);\n"
      "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL "
      "REFERENCES accounts (id), csrf_token TEXT NOT NULL, created_unix BIGINT NOT NULL, "
      "last_seen_unix BIGINT NOT NULL);\n"
      "CREATE INDEX sessions_account ON sessions (account_id);\n";
  const std::string history =
      "account_id TEXT NOT NULL REFERENCES accounts (id), version BIGINT NOT NULL, "
      "display_name TEXT NOT NULL, role TEXT NOT NULL, unit_code TEXT NOT NULL, "
      "is_disabled INTEGER NOT NULL, must_change_password INTEGER NOT NULL, "
      "totp_enabled INTEGER NOT NULL, replaced_at TEXT NOT NULL, replaced_by TEXT NOT NULL, "
      "PRIMARY KEY (account_id, version))";
  return {{201, "account_history", "CREATE TABLE account_history (" + history, ""},
          {200, "accounts_and_sessions",
           accounts +
               "CREATE TABLE login_failures (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, "
               "at_unix BIGINT NOT NULL);\n"
               "CREATE INDEX login_failures_key ON login_failures (key, at_unix)",
           accounts +
               "CREATE TABLE login_failures (id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL, "
               "at_unix BIGINT NOT NULL);\n"
               "CREATE INDEX login_failures_key ON login_failures (key, at_unix)"}};
}

}  // namespace pcmd::access
