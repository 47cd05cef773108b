#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/row.h"

namespace pcmd::store {

enum class Engine { kSqlite, kPostgresql };

std::string_view EngineName(Engine engine);

// One committed change, as the change log keeps it. `seq` is strictly increasing in
// commit order (writers are serialised), so a reader that remembers the last `seq`
// it applied misses nothing.
struct Change {
  std::int64_t seq = 0;
  std::string entity;     // record type, e.g. "unit"
  std::string entity_id;  // the record's id or code
  std::string op;         // "create", "update", "delete", "close", ...
  std::string at;         // ISO 8601 UTC
  std::string actor;      // account id, or "system" / "cli"
};

// Who a write or an audited read is done for: the account (or "system", "cli"),
// its role, and the HTTP request id, as the change log and the audit log keep them.
struct Actor {
  std::string id;
  std::string role;
  std::string request_id;

  Actor(const char* actor_id) : id(actor_id) {}                 // NOLINT: implicit by design
  Actor(std::string actor_id) : id(std::move(actor_id)) {}      // NOLINT: implicit by design
  Actor(std::string actor_id, std::string actor_role, std::string request)
      : id(std::move(actor_id)), role(std::move(actor_role)), request_id(std::move(request)) {}
};

// One entry of the audit log: ids and codes only, never names or free text about a
// person. Entries form a hash chain: `hash` = SHA-256 over the entry's fields and the
// previous entry's hash, so a changed, removed or reordered entry breaks the chain.
struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::string actor;
  std::string role;
  std::string action;     // "create", "update", "read", "export", "login", "deny", ...
  std::string entity;     // record type, e.g. "unit", "account", "client"
  std::string entity_id;
  std::string outcome;    // "ok", "denied", "failed"
  std::string request_id;
  std::string prev_hash;
  std::string hash;
};

struct AuditQuery {
  std::string actor, action, entity, entity_id, outcome;  // "" = any
  std::string from, to;                                    // ISO date or time bounds, inclusive
  int limit = 50;
  int offset = 0;
};

// The result of walking the whole audit chain.
struct AuditVerification {
  bool ok = true;
  std::int64_t entries = 0;
  std::int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;             // in English, naming what is wrong
  std::string problem_code;        // "removed", "out_of_order" or "changed"
  std::string head_hash;           // keep it elsewhere to detect a cut tail later
};

// A migration of the schema. `version` numbers are global and unique; each is
// applied once, in ascending order, inside the start-up transaction.
struct Migration {
  int version = 0;
  std::string name;
  std::string sqlite_sql;      // statements separated by ";\n"
  std::string postgresql_sql;  // same, PostgreSQL dialect; empty means "same as sqlite_sql"
};

// A transaction on one connection. Obtained only through Database::Write/Read, which
// begin it and commit or roll back. Placeholders are written :1, :2, ... and bound in
// the order they appear in the text: a value used twice is passed twice.
// Errors of the driver come back as kInternal / kUnavailable / kConflict statuses.
class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual base::Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a query and hands each row to `fn` as it comes, without holding the result: for reads
  // of a whole table (the indicator engine's rebuild). A status other than ok from `fn` stops the
  // scan and is returned. On SQLite the rows are read in place from the driver; on PostgreSQL
  // the result is read whole first (Query), so callers still page big tables there.
  virtual base::Status Scan(std::string_view sql, const Params& params,
                            const std::function<base::Status(const RowView&)>& fn);
  // Runs a statement that returns no rows; returns the number of rows it changed.
  virtual base::Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Appends to the change log in this transaction (Write only), and the matching
  // audit entry (action = op).
  virtual base::Status AppendChange(std::string_view entity, std::string_view entity_id,
                                    std::string_view op) = 0;
  // Appends an audit entry in this transaction (Write only): reads of protected
  // records, exports, logins, denials.
  virtual base::Status Audit(std::string_view action, std::string_view entity,
                             std::string_view entity_id, std::string_view outcome = "ok") = 0;
  virtual Engine engine() const = 0;
  // The actor of the enclosing Write (empty id in a Read).
  virtual const Actor& actor() const = 0;
};

// Options for opening a store.
struct DatabaseOptions {
  // "sqlite:/path/to/pcmd.sqlite" or "postgresql://user@host:port/db?…".
  std::string url;
  int pool_size = 4;
  int busy_timeout_ms = 5000;
};

// A Database is the transactional store of every record: SQLite (WAL, synchronous=FULL,
// foreign keys) or PostgreSQL (fsync, synchronous_commit on) through one code path.
// Open refuses an engine whose durability settings are weaker than that. Writes are
// serialised (one writer at a time across every server on the same store), so the
// change log's order is the commit order. Thread-safe; each call borrows a pooled
// connection for its duration.
class Database {
 public:
  virtual ~Database() = default;

  static base::Result<std::unique_ptr<Database>> Open(const DatabaseOptions& options);

  virtual Engine engine() const = 0;

  // Applies the migrations not yet applied, in one transaction. Refuses a store that
  // has a version this binary does not know (a database newer than the binary).
  virtual base::Status Migrate(const std::vector<Migration>& migrations) = 0;
  // Highest applied migration version (0 for an empty store).
  virtual base::Result<int> SchemaVersion() = 0;

  // Runs `fn` in a write transaction on behalf of `actor`; commits when it returns ok,
  // rolls back otherwise (and on any exception). Returns only after the commit.
  virtual base::Status Write(const Actor& actor,
                             const std::function<base::Status(Transaction&)>& fn) = 0;
  // A write transaction holding one audit entry only (e.g. a denial or a login failure).
  base::Status AuditOnly(const Actor& actor, std::string_view action, std::string_view entity,
                         std::string_view entity_id, std::string_view outcome) {
    return Write(actor, [&](Transaction& tx) { return tx.Audit(action, entity, entity_id, outcome); });
  }
  // Runs `fn` in a read transaction (one consistent snapshot).
  virtual base::Status Read(const std::function<base::Status(Transaction&)>& fn) = 0;

  // Changes with seq > `after`, oldest first, at most `limit`.
  virtual base::Result<std::vector<Change>> ReadChangesAfter(std::int64_t after, int limit) = 0;

  // Audit entries matching `query`, newest first, and how many match in all.
  virtual base::Result<std::pair<std::vector<AuditEntry>, std::int64_t>> ReadAudit(
      const AuditQuery& query) = 0;
  // Walks the chain from the first entry and names the first bad one.
  virtual base::Result<AuditVerification> VerifyAudit() = 0;

  // Store-wide settings (e.g. "demo"): a value, or "" when unset.
  virtual base::Result<std::string> GetSetting(const std::string& key) = 0;
  virtual base::Status SetSetting(const Actor& actor, const std::string& key,
                                  const std::string& value) = 0;

  // Is the store reachable and answering?
  virtual base::Status Ping() = 0;

  // SQLite: folds the write-ahead log into the file and empties it (after an erasure, so that old
  // pages do not linger in the log); PostgreSQL: nothing to do.
  virtual base::Status Checkpoint() = 0;
  // A consistent copy of the whole store into the new file `path`, while the store is in use
  // (SQLite: VACUUM INTO, which copies live rows only, never free pages with deleted values).
  // PostgreSQL: kUnimplemented (the operator's pg_dump does it; see the README).
  virtual base::Status BackupTo(const std::string& path) = 0;
};

// libpq "key='value'" form of a postgresql:// URL (SOCI's backend mangles URIs).
std::string PostgresConnectString(std::string_view url);

// The hash of an audit entry over its fields and `prev_hash` (lower-case hex SHA-256).
std::string AuditHash(const AuditEntry& entry);

// The store's own schema (the change log and the audit log). Other modules add theirs.
std::vector<Migration> StoreMigrations();

}  // namespace pcmd::store
