#include "store/database.h"
#include "store/audit_log.h"
#include "store/sqlite_scan.h"
#include "store/statement_text.h"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
#include <set>

#include "base/date.h"
#include "base/log.h"

namespace pcmd::store {
namespace {

using base::Result;
using base::Status;

// The advisory lock every PostgreSQL writer takes, so that commits, and thus
// change-log sequence numbers, are in one order across servers.
constexpr long long kWriterLockKey = 7201840001;

// Turns a driver exception into a Status; the message is the driver's, which names
// tables and constraints but never bound values.
Status FromDriverError(const std::exception& e, std::string_view context) {
  std::string what = e.what();
  // SQLite busy / PostgreSQL serialisation failures are worth retrying by the caller.
  if (what.find("database is locked") != std::string::npos ||
      what.find("could not serialize") != std::string::npos) {
    return base::Unavailable(std::string(context) + ": store busy").WithVi("Hệ thống đang bận");
  }
  if (what.find("UNIQUE constraint") != std::string::npos ||
      what.find("duplicate key") != std::string::npos) {
    return base::Conflict(std::string(context) + ": record already exists")
        .WithVi("Bản ghi đã tồn tại")
        .WithMachineCode("conflict");
  }
  if (what.find("unable to open") != std::string::npos ||
      what.find("connection") != std::string::npos) {
    return base::Unavailable(std::string(context) + ": " + what).WithVi("Không kết nối được kho dữ liệu");
  }
  return base::Internal(std::string(context) + ": " + what);
}

// Binds params to a prepared statement; the holder keeps the bound values alive.
struct Binder {
  std::deque<std::string> texts;
  std::deque<long long> ints;
  std::deque<double> reals;
  std::deque<soci::indicator> indicators;

  void Bind(soci::details::prepare_temp_type& p, const Params& params) {
    for (const Param& param : params) {
      switch (param.kind()) {
        case Param::Kind::kNull:
          texts.emplace_back();
          indicators.push_back(soci::i_null);
          p, soci::use(texts.back(), indicators.back());
          break;
        case Param::Kind::kInt:
          ints.push_back(param.int_value());
          p, soci::use(ints.back());
          break;
        case Param::Kind::kReal:
          reals.push_back(param.real_value());
          p, soci::use(reals.back());
          break;
        case Param::Kind::kText:
          texts.push_back(param.text_value());
          p, soci::use(texts.back());
          break;
      }
    }
  }
};

std::optional<std::string> CellText(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
    case soci::dt_xml:
    case soci::dt_blob: return r.get<std::string>(i);
    case soci::dt_double: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", r.get<double>(i));
      return std::string(buf);
    }
    case soci::dt_integer: return std::to_string(r.get<int>(i));
    case soci::dt_long_long: return std::to_string(r.get<long long>(i));
    case soci::dt_unsigned_long_long: return std::to_string(r.get<unsigned long long>(i));
    case soci::dt_date: {
      const std::tm t = r.get<std::tm>(i);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
      return std::string(buf);
    }
  }
  return std::nullopt;
}

class SociTransaction final : public Transaction {
 public:
  SociTransaction(soci::session& session, Engine engine, Actor actor, bool writable)
      : session_(session), engine_(engine), actor_(std::move(actor)), writable_(writable) {}

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    try {
      soci::row row;
      Binder binder;
      soci::details::prepare_temp_type p = (session_.prepare << NumberPlaceholders(sql));
      p, soci::into(row);
      binder.Bind(p, params);
      soci::statement st(p);
      Rows rows;
      if (st.execute(true)) {
        do {
          std::vector<std::optional<std::string>> cells;
          cells.reserve(row.size());
          for (std::size_t i = 0; i < row.size(); ++i) cells.push_back(CellText(row, i));
          rows.emplace_back(std::move(cells));
        } while (st.fetch());
      }
      return rows;
    } catch (const std::exception& e) {
      return FromDriverError(e, "query");
    }
  }

  Status Scan(std::string_view sql, const Params& params,
              const std::function<Status(const RowView&)>& fn) override {
    if (engine_ != Engine::kSqlite) return Transaction::Scan(sql, params, fn);
    auto* backend = static_cast<soci::sqlite3_session_backend*>(session_.get_backend());
    return ScanSqlite(backend->conn_, sql, params, fn);
  }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    try {
      Binder binder;
      soci::details::prepare_temp_type p = (session_.prepare << NumberPlaceholders(sql));
      binder.Bind(p, params);
      soci::statement st(p);
      st.execute(true);
      return static_cast<std::int64_t>(st.get_affected_rows());
    } catch (const std::exception& e) {
      return FromDriverError(e, "exec");
    }
  }

  Status AppendChange(std::string_view entity, std::string_view entity_id,
                      std::string_view op) override {
    if (!writable_) return base::Internal("change appended in a read transaction");
    auto r = Exec("INSERT INTO change_log (entity, entity_id, op, at, actor) VALUES (:1, :2, :3, :4, :5)",
                  {entity, entity_id, op, base::NowIsoUtc(), actor_.id});
    if (!r.ok()) return r.status();
    return Audit(op, entity, entity_id, "ok");
  }

  Status Audit(std::string_view action, std::string_view entity, std::string_view entity_id,
               std::string_view outcome) override {
    if (!writable_) return base::Internal("audit entry appended in a read transaction");
    if (!chain_loaded_) {
      // Writers are serialised, so the last entry cannot change under us.
      PCMD_ASSIGN_OR_RETURN(Rows last, Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {}));
      if (!last.empty()) {
        last_seq_ = last[0].Int(0);
        last_hash_ = last[0].Text(1);
      }
      chain_loaded_ = true;
    }
    AuditEntry e;
    e.seq = last_seq_ + 1;
    e.at = base::NowIsoUtc();
    e.actor = actor_.id;
    e.role = actor_.role;
    e.action = std::string(action);
    e.entity = std::string(entity);
    e.entity_id = std::string(entity_id);
    e.outcome = std::string(outcome);
    e.request_id = actor_.request_id;
    e.prev_hash = last_hash_;
    e.hash = AuditHash(e);
    auto r = Exec("INSERT INTO audit_log (seq, at, actor, role, action, entity, entity_id, outcome, "
                  "request_id, prev_hash, hash) VALUES (:1, :2, :3, :4, :5, :6, :7, :8, :9, :10, :11)",
                  {e.seq, e.at, e.actor, e.role, e.action, e.entity, e.entity_id, e.outcome,
                   e.request_id, e.prev_hash, e.hash});
    if (!r.ok()) return r.status();
    last_seq_ = e.seq;
    last_hash_ = e.hash;
    return Status::Ok();
  }

  Engine engine() const override { return engine_; }
  const Actor& actor() const override { return actor_; }

 private:
  soci::session& session_;
  Engine engine_;
  Actor actor_;
  bool writable_;
  bool chain_loaded_ = false;
  std::int64_t last_seq_ = 0;
  std::string last_hash_;
};

// Borrows one pooled connection for a scope.
class Lease {
 public:
  explicit Lease(soci::connection_pool& pool) : pool_(pool), pos_(pool.lease()) {}
  ~Lease() { pool_.give_back(pos_); }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  soci::session& session() { return pool_.at(pos_); }

 private:
  soci::connection_pool& pool_;
  std::size_t pos_;
};

class SociDatabase final : public Database {
 public:
  SociDatabase(Engine engine, int pool_size) : engine_(engine), pool_(pool_size), size_(pool_size) {}

  Status Connect(const DatabaseOptions& options) {
    if (engine_ == Engine::kSqlite) {
      // A connection is used by one thread at a time (the pool lends it for one Read or Write), so
      // SQLite's own lock around every call on it is not needed ("multi-thread" mode). Set once,
      // before SQLite starts; later calls are refused by SQLite and change nothing.
      static const int configured = sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
      (void)configured;
    }
    try {
      for (int i = 0; i < size_; ++i) {
        soci::session& s = pool_.at(i);
        if (engine_ == Engine::kSqlite) {
          const std::string path = options.url.substr(std::string_view("sqlite:").size());
          s.open(*soci::factory_sqlite3(), "db=\"" + path + "\" timeout=" +
                                               std::to_string(options.busy_timeout_ms / 1000 + 1));
          PCMD_RETURN_IF_ERROR(ConfigureSqlite(s, options));
        } else {
          s.open(*soci::factory_postgresql(), ToLibpq(options.url));
          PCMD_RETURN_IF_ERROR(CheckPostgresql(s));
        }
      }
      return Status::Ok();
    } catch (const std::exception& e) {
      return base::Unavailable(std::string("cannot open the store: ") + e.what())
          .WithVi("Không mở được kho dữ liệu");
    }
  }

  Engine engine() const override { return engine_; }

  Status Migrate(const std::vector<Migration>& migrations) override {
    std::set<int> known;
    for (const auto& m : migrations) {
      if (!known.insert(m.version).second) {
        return base::Internal("migration version " + std::to_string(m.version) + " is defined twice");
      }
    }
    return Write("system", [&](Transaction& tx) -> Status {
      PCMD_RETURN_IF_ERROR(
          tx.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                  "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
              .status());
      PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT version FROM schema_migrations"));
      std::set<int> applied;
      for (const Row& r : rows) applied.insert(static_cast<int>(r.Int(0)));
      for (int v : applied) {
        if (!known.count(v)) {
          return base::FailedPrecondition(
                     "the store has schema version " + std::to_string(v) +
                     ", which this pcmd does not know: the database is newer than the binary; "
                     "run a newer pcmd")
              .WithVi("Cơ sở dữ liệu mới hơn chương trình pcmd này; hãy dùng bản pcmd mới hơn");
        }
      }
      std::vector<const Migration*> todo;
      for (const auto& m : migrations) {
        if (!applied.count(m.version)) todo.push_back(&m);
      }
      std::sort(todo.begin(), todo.end(),
                [](const Migration* a, const Migration* b) { return a->version < b->version; });
      for (const Migration* m : todo) {
        const std::string& sql = (engine_ == Engine::kPostgresql && !m->postgresql_sql.empty())
                                     ? m->postgresql_sql
                                     : m->sqlite_sql;
        for (const std::string& stmt : SplitStatements(sql)) {
          auto r = tx.Exec(stmt);
          if (!r.ok()) {
            return base::Internal("migration " + std::to_string(m->version) + " (" + m->name +
                                  ") failed: " + r.status().message());
          }
        }
        PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) "
                                     "VALUES (:1, :2, :3)",
                                     {m->version, m->name, base::NowIsoUtc()})
                                 .status());
        base::LogInfo("migration applied", {{"version", std::to_string(m->version)},
                                            {"name", m->name}});
      }
      return Status::Ok();
    });
  }

  Result<int> SchemaVersion() override {
    int version = 0;
    Status s = Read([&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(Rows rows,
                            tx.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
      if (!rows.empty()) version = static_cast<int>(rows[0].Int(0));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return version;
  }

  Status Write(const Actor& actor, const std::function<Status(Transaction&)>& fn) override {
    // SQLite allows one writer; taking turns here avoids busy errors between our own threads.
    std::unique_lock<std::mutex> writer(write_mutex_, std::defer_lock);
    if (engine_ == Engine::kSqlite) writer.lock();
    Lease lease(pool_);
    soci::session& s = lease.session();
    try {
      if (engine_ == Engine::kSqlite) {
        s << "BEGIN IMMEDIATE";
      } else {
        s << "BEGIN";
        s << "SELECT pg_advisory_xact_lock(" << kWriterLockKey << ")";
      }
    } catch (const std::exception& e) {
      return FromDriverError(e, "begin");
    }
    SociTransaction tx(s, engine_, actor, true);
    Status status;
    try {
      status = fn(tx);
    } catch (const std::exception& e) {
      status = base::Internal(std::string("write failed: ") + e.what());
    }
    try {
      if (status.ok()) {
        s << "COMMIT";
      } else {
        s << "ROLLBACK";
      }
    } catch (const std::exception& e) {
      try {
        s << "ROLLBACK";
      } catch (...) {
      }
      return FromDriverError(e, "commit");
    }
    return status;
  }

  Status Read(const std::function<Status(Transaction&)>& fn) override {
    Lease lease(pool_);
    soci::session& s = lease.session();
    try {
      s << (engine_ == Engine::kSqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    } catch (const std::exception& e) {
      return FromDriverError(e, "begin");
    }
    SociTransaction tx(s, engine_, Actor(""), false);
    Status status;
    try {
      status = fn(tx);
    } catch (const std::exception& e) {
      status = base::Internal(std::string("read failed: ") + e.what());
    }
    try {
      s << "ROLLBACK";
    } catch (const std::exception& e) {
      return FromDriverError(e, "end of read");
    }
    return status;
  }

  Result<std::vector<Change>> ReadChangesAfter(std::int64_t after, int limit) override {
    std::vector<Change> out;
    Status s = Read([&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(
          Rows rows, tx.Query("SELECT seq, entity, entity_id, op, at, actor FROM change_log "
                              "WHERE seq > :1 ORDER BY seq LIMIT :2",
                              {after, limit}));
      for (const Row& r : rows) {
        out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<std::pair<std::vector<AuditEntry>, std::int64_t>> ReadAudit(const AuditQuery& q) override {
    std::pair<std::vector<AuditEntry>, std::int64_t> out;
    Status s = Read([&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(out, ReadAuditPage(tx, q));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return out;
  }

  Result<AuditVerification> VerifyAudit() override {
    AuditVerification v;
    Status s = Read([&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(v, VerifyAuditChain(tx));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return v;
  }

  Result<std::string> GetSetting(const std::string& key) override {
    std::string value;
    Status s = Read([&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT value FROM settings WHERE key = :1", {key}));
      if (!rows.empty()) value = rows[0].Text(0);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return value;
  }

  Status SetSetting(const Actor& actor, const std::string& key, const std::string& value) override {
    return Write(actor, [&](Transaction& tx) -> Status {
      PCMD_ASSIGN_OR_RETURN(std::int64_t changed,
                            tx.Exec("UPDATE settings SET value = :1 WHERE key = :2", {value, key}));
      if (changed == 0) {
        PCMD_RETURN_IF_ERROR(
            tx.Exec("INSERT INTO settings (key, value) VALUES (:1, :2)", {key, value}).status());
      }
      return tx.AppendChange("setting", key, "update");
    });
  }

  Status Ping() override {
    return Read([](Transaction& tx) { return tx.Query("SELECT 1").status(); });
  }

  Status Checkpoint() override {
    if (engine_ != Engine::kSqlite) return Status::Ok();
    std::lock_guard<std::mutex> writer(write_mutex_);
    Lease lease(pool_);
    try {
      int busy = 0, log = 0, done = 0;
      lease.session() << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(log), soci::into(done);
      if (busy != 0) return base::Unavailable("the write-ahead log is busy; checkpoint again later");
      return Status::Ok();
    } catch (const std::exception& e) {
      return FromDriverError(e, "checkpoint");
    }
  }

  Status BackupTo(const std::string& path) override {
    if (engine_ != Engine::kSqlite) {
      return base::FailedPrecondition("back up a PostgreSQL store with pg_dump (see the README)")
          .WithVi("Kho PostgreSQL được sao lưu bằng pg_dump (xem README)");
    }
    Lease lease(pool_);
    try {
      lease.session() << "VACUUM INTO :path", soci::use(path);
      return Status::Ok();
    } catch (const std::exception& e) {
      return FromDriverError(e, "backup");
    }
  }

 private:
  static Status ConfigureSqlite(soci::session& s, const DatabaseOptions& options) {
    std::string journal;
    int synchronous = 0, foreign_keys = 0;
    s << "PRAGMA busy_timeout = " << options.busy_timeout_ms;
    s << "PRAGMA journal_mode = WAL", soci::into(journal);
    s << "PRAGMA synchronous = FULL";
    s << "PRAGMA foreign_keys = ON";
    s << "PRAGMA synchronous", soci::into(synchronous);
    s << "PRAGMA foreign_keys", soci::into(foreign_keys);
    if (journal != "wal" || synchronous < 2 || foreign_keys != 1) {
      return base::FailedPrecondition(
          "sqlite durability is weaker than required (journal_mode=" + journal +
          ", synchronous=" + std::to_string(synchronous) + ", foreign_keys=" +
          std::to_string(foreign_keys) + "); pcmd needs WAL, synchronous=FULL, foreign keys");
    }
    return Status::Ok();
  }

  static Status CheckPostgresql(soci::session& s) {
    std::string fsync, sync_commit, full_page_writes;
    s << "SHOW fsync", soci::into(fsync);
    s << "SHOW synchronous_commit", soci::into(sync_commit);
    s << "SHOW full_page_writes", soci::into(full_page_writes);
    if (fsync != "on" || full_page_writes != "on" || sync_commit == "off") {
      return base::FailedPrecondition(
          "postgresql durability is weaker than required (fsync=" + fsync +
          ", synchronous_commit=" + sync_commit + ", full_page_writes=" + full_page_writes +
          "); pcmd needs fsync=on, full_page_writes=on and synchronous_commit not off");
    }
    // Commits must also wait for the flush in this session, whatever the server default.
    s << "SET synchronous_commit = on";
    s << "SET client_min_messages = warning";
    return Status::Ok();
  }

  static std::string ToLibpq(const std::string& url) { return PostgresConnectString(url); }

  Engine engine_;
  soci::connection_pool pool_;
  int size_;
  std::mutex write_mutex_;
};

}  // namespace

Status Transaction::Scan(std::string_view sql, const Params& params,
                         const std::function<Status(const RowView&)>& fn) {
  PCMD_ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  for (const Row& row : rows) PCMD_RETURN_IF_ERROR(fn(RowOfRows(row)));
  return Status::Ok();
}

std::string_view EngineName(Engine engine) {
  return engine == Engine::kSqlite ? "sqlite" : "postgresql";
}

Result<std::unique_ptr<Database>> Database::Open(const DatabaseOptions& options) {
  Engine engine;
  if (options.url.rfind("sqlite:", 0) == 0) {
    engine = Engine::kSqlite;
  } else if (options.url.rfind("postgresql://", 0) == 0 || options.url.rfind("postgres://", 0) == 0) {
    engine = Engine::kPostgresql;
  } else {
    return base::InvalidArgument("store url must start with sqlite: or postgresql://");
  }
  if (options.pool_size < 1 || options.pool_size > 256) {
    return base::InvalidArgument("pool size must be between 1 and 256");
  }
  auto db = std::make_unique<SociDatabase>(engine, options.pool_size);
  PCMD_RETURN_IF_ERROR(db->Connect(options));
  return std::unique_ptr<Database>(std::move(db));
}

std::vector<Migration> StoreMigrations() {
  const std::string audit =
      "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, "
      "role TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL, "
      "outcome TEXT NOT NULL, request_id TEXT NOT NULL, prev_hash TEXT NOT NULL, "
      "hash TEXT NOT NULL);\n"
      "CREATE INDEX audit_log_actor ON audit_log (actor, seq);\n"
      "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id)";
  return {{1, "change_log",
           "CREATE TABLE change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, "
           "entity_id TEXT NOT NULL, op TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL)",
           "CREATE TABLE change_log (seq BIGSERIAL PRIMARY KEY, entity TEXT NOT NULL, "
           "entity_id TEXT NOT NULL, op TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL)"},
          {2, "audit_log", audit, ""},
          {3, "settings", "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)", ""},
          // The idempotency keys of the offline sync (idempotency.cc).
          {4, "sync_keys",
           "CREATE TABLE sync_keys (account_id TEXT NOT NULL, idem_key TEXT NOT NULL, content_hash TEXT NOT NULL, "
           "state TEXT NOT NULL, status INTEGER, reply TEXT, started_at BIGINT NOT NULL, "
           "PRIMARY KEY (account_id, idem_key))",
           ""}};
}

}  // namespace pcmd::store
