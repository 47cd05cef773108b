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
  // Runs a statement that returns no rows; returns the number of rows it changed.
  virtual base::Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Appends to the change log in this transaction (Write only).
  virtual base::Status AppendChange(std::string_view entity, std::string_view entity_id,
                                    std::string_view op) = 0;
  virtual Engine engine() const = 0;
  // The actor of the enclosing Write, "" in a Read.
  virtual const std::string& actor() const = 0;
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
  virtual base::Status Write(std::string_view actor,
                             const std::function<base::Status(Transaction&)>& fn) = 0;
  // Runs `fn` in a read transaction (one consistent snapshot).
  virtual base::Status Read(const std::function<base::Status(Transaction&)>& fn) = 0;

  // Changes with seq > `after`, oldest first, at most `limit`.
  virtual base::Result<std::vector<Change>> ReadChangesAfter(std::int64_t after, int limit) = 0;

  // Is the store reachable and answering?
  virtual base::Status Ping() = 0;
};

// libpq "key='value'" form of a postgresql:// URL (SOCI's backend mangles URIs).
std::string PostgresConnectString(std::string_view url);

// The store's own schema (the change log). Other modules add theirs.
std::vector<Migration> StoreMigrations();

}  // namespace pcmd::store
