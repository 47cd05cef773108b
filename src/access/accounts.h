#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/policy.h"
#include "access/role.h"
#include "base/result.h"
#include "store/database.h"

namespace pcmd::access {

// A user account: one role, one administrative unit. Secrets (password hash, TOTP
// secret, recovery codes) never leave the access module.
struct Account {
  std::string id;
  std::string username;
  std::string display_name;
  Role role = Role::kViewer;
  std::string unit_code;
  bool is_disabled = false;
  bool must_change_password = false;
  bool totp_enabled = false;
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
};

struct NewAccount {
  std::string username;
  std::string display_name;
  std::string role;
  std::string unit_code;
  std::optional<std::string> password;  // none: a one-time password is made
  bool must_change_password = true;
};

struct AccountUpdate {
  std::int64_t version = 0;  // must equal the stored version
  std::optional<std::string> display_name;
  std::optional<std::string> role;
  std::optional<std::string> unit_code;
  std::optional<bool> is_disabled;
};

// An account as it was before a change.
struct AccountVersion {
  std::int64_t version = 0;
  std::string display_name;
  std::string role;
  std::string unit_code;
  bool is_disabled = false;
  std::string replaced_at;
  std::string replaced_by;  // account id, or "cli"
};

struct AccountQuery {
  std::optional<std::string> text;  // user name or display name
  std::optional<std::string> role;
  std::optional<std::string> unit_code;
  int limit = 50;
  int offset = 0;
};

struct AccountPage {
  std::vector<Account> items;
  std::int64_t total = 0;
};

// The AccountStore keeps accounts. Every call made for a subject goes through the
// policy (an account outside the administrator's unit is kNotFound); the *System
// calls are for the command line, which the operator runs on the server itself.
// A change of role, unit, password or a disabling ends the account's sessions in the
// same transaction. Thread-safe.
class AccountStore {
 public:
  AccountStore(store::Database& db, const Policy& policy, const UnitContainment& units)
      : db_(db), policy_(policy), units_(units) {}

  // Creates an account; `one_time_password` receives the made password, if one was made.
  base::Result<Account> Create(const Subject& subject, const store::Actor& actor,
                               const NewAccount& input, std::string* one_time_password);
  base::Result<Account> Get(const Subject& subject, const std::string& id) const;
  base::Result<AccountPage> List(const Subject& subject, const AccountQuery& query) const;
  base::Result<Account> Update(const Subject& subject, const store::Actor& actor,
                               const std::string& id, const AccountUpdate& update);
  // Sets a one-time password that must be changed at the next login.
  base::Result<std::string> ResetPassword(const Subject& subject, const store::Actor& actor,
                                          const std::string& id);

  // Earlier versions of an account, oldest first.
  base::Result<std::vector<AccountVersion>> History(const Subject& subject,
                                                    const std::string& id) const;

  base::Result<Account> CreateSystem(const store::Actor& actor, const NewAccount& input,
                                     std::string* one_time_password);
  base::Result<Account> FindByUsername(const std::string& username) const;
  base::Result<std::string> ResetPasswordSystem(const store::Actor& actor, const std::string& username);
  base::Status DisableSystem(const store::Actor& actor, const std::string& username);
  base::Result<std::vector<Account>> ListSystem() const;
  base::Result<std::int64_t> Count() const;

 private:
  base::Result<Account> Insert(const store::Actor& actor, const NewAccount& input,
                               std::string* one_time_password);
  base::Result<std::string> SetOneTimePassword(const store::Actor& actor, const Account& account);

  store::Database& db_;
  const Policy& policy_;
  const UnitContainment& units_;
};

// The tables of the access module.
std::vector<store::Migration> AccessMigrations();

// The key under which failed logins for a user name are counted (also for names
// that have no account, so that a lock-out says nothing about existence).
inline std::string LoginFailureKeyOfUser(const std::string& username) { return "user:" + username; }

// Normalised user name: lower case ASCII letters, digits, '.', '_', '-', 3 to 64 long.
bool IsValidUsername(const std::string& username);

}  // namespace pcmd::access
