// Tests of the store (database.cc) on both engines, with SQLite's streaming scan (sqlite_scan.cc:
// ScanStreamsTheRowsQueryReturns); the statement text helpers in statement_text_test.cc.
#include "store/database.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <thread>
#include <tuple>

#include "base/id.h"
#include "testkit/store.h"

namespace pcmd::store {
namespace {

using testkit::TestStore;

// The store's migrations plus a test table.
std::vector<Migration> WithThings() {
  auto all = StoreMigrations();
  all.push_back({100, "things", "CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER)", ""});
  return all;
}

class DatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<TestStore>(GetParam());
    ASSERT_TRUE(store_->db().Migrate(StoreMigrations()).ok());
    ASSERT_TRUE(store_->db().Migrate(WithThings()).ok());
  }
  Database& db() { return store_->db(); }
  std::unique_ptr<TestStore> store_;
};

TEST_P(DatabaseTest, CommittedWriteIsReadBackWithItsChange) {
  ASSERT_TRUE(db().Write("tester", [](Transaction& tx) {
                    PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO things VALUES (:1, :2)", {"a", 7}).status());
                    return tx.AppendChange("thing", "a", "create");
                  }).ok());
  auto changes = db().ReadChangesAfter(0, 10);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].entity, "thing");
  EXPECT_EQ((*changes)[0].actor, "tester");
  base::Status s = db().Read([](Transaction& tx) -> base::Status {
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT n, id FROM things WHERE id = :1", {"a"}));
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Int(0), 7);
    EXPECT_EQ(rows[0].Text(1), "a");
    return base::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(DatabaseTest, FailedWriteLeavesNothingBehind) {
  base::Status s = db().Write("tester", [](Transaction& tx) -> base::Status {
    PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO things VALUES (:1, :2)", {"b", 1}).status());
    PCMD_RETURN_IF_ERROR(tx.AppendChange("thing", "b", "create"));
    return base::InvalidArgument("changed my mind");
  });
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument);
  auto changes = db().ReadChangesAfter(0, 10);
  ASSERT_TRUE(changes.ok());
  EXPECT_TRUE(changes->empty());
  db().Read([](Transaction& tx) -> base::Status {
        PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT COUNT(*) FROM things"));
        EXPECT_EQ(rows[0].Int(0), 0);
        return base::Status::Ok();
      }).ok();
}

TEST_P(DatabaseTest, DuplicateKeyIsAConflictNotACrash) {
  ASSERT_TRUE(db().Write("t", [](Transaction& tx) {
                    return tx.Exec("INSERT INTO things VALUES ('c', 1)").status();
                  }).ok());
  base::Status s = db().Write("t", [](Transaction& tx) {
    return tx.Exec("INSERT INTO things VALUES ('c', 2)").status();
  });
  EXPECT_EQ(s.code(), base::StatusCode::kConflict);
}

TEST_P(DatabaseTest, NullsRoundTrip) {
  ASSERT_TRUE(db().Write("t", [](Transaction& tx) {
                    return tx.Exec("INSERT INTO things VALUES (:1, :2)", {"d", std::nullopt}).status();
                  }).ok());
  db().Read([](Transaction& tx) -> base::Status {
        PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("SELECT n FROM things WHERE id = 'd'"));
        EXPECT_TRUE(rows[0].IsNull(0));
        return base::Status::Ok();
      }).ok();
}

// Scan hands over the same rows as Query, in place; a read of a write's own transaction sees it;
// a status from the callback stops the scan; a bad statement is an error, not a crash.
TEST_P(DatabaseTest, ScanStreamsTheRowsQueryReturns) {
  ASSERT_TRUE(db().Write("t", [](Transaction& tx) -> base::Status {
                    for (int i = 0; i < 50; ++i) {
                      PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO things VALUES (:1, :2)",
                                                   {"s" + std::to_string(100 + i),
                                                    i % 7 == 0 ? Param(std::nullopt) : Param(i * 3)})
                                               .status());
                    }
                    // Inside the writing transaction, the rows are already there.
                    int seen = 0;
                    PCMD_RETURN_IF_ERROR(tx.Scan("SELECT id FROM things WHERE id LIKE 's%'", {},
                                                 [&](const RowView&) {
                                                   ++seen;
                                                   return base::Status::Ok();
                                                 }));
                    EXPECT_EQ(seen, 50);
                    return base::Status::Ok();
                  }).ok());
  base::Status s = db().Read([](Transaction& tx) -> base::Status {
    const std::string sql = "SELECT id, n, 'ü:1' FROM things WHERE id > :1 AND id < :2 ORDER BY id";
    PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query(sql, {"s110", "s140"}));
    std::vector<std::tuple<std::string, bool, std::int64_t, std::string>> scanned;
    PCMD_RETURN_IF_ERROR(tx.Scan(sql, {"s110", "s140"}, [&](const RowView& r) {
      EXPECT_EQ(r.size(), 3u);
      scanned.emplace_back(std::string(r.Text(0)), r.IsNull(1), r.Int(1), std::string(r.Text(2)));
      return base::Status::Ok();
    }));
    EXPECT_EQ(scanned.size(), rows.size());
    EXPECT_EQ(scanned.size(), 29u);
    for (std::size_t i = 0; i < std::min(rows.size(), scanned.size()); ++i) {
      EXPECT_EQ(std::get<0>(scanned[i]), rows[i].Text(0));
      EXPECT_EQ(std::get<1>(scanned[i]), rows[i].IsNull(1));
      EXPECT_EQ(std::get<2>(scanned[i]), rows[i].Int(1));
      EXPECT_EQ(std::get<3>(scanned[i]), "ü:1");  // a placeholder-like text in quotes is left alone
    }
    int calls = 0;
    base::Status stopped = tx.Scan("SELECT id FROM things", {}, [&](const RowView&) {
      return ++calls == 3 ? base::FailedPrecondition("enough") : base::Status::Ok();
    });
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(stopped.code(), base::StatusCode::kFailedPrecondition);
    base::Status bad = tx.Scan("SELECT nothing FROM nowhere", {}, [](const RowView&) { return base::Status::Ok(); });
    EXPECT_FALSE(bad.ok());
    return base::Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(DatabaseTest, ConcurrentWritersGetIncreasingSequences) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < 25; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        base::Status s = db().Write("t", [&](Transaction& tx) {
          PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO things VALUES (:1, 0)", {id}).status());
          return tx.AppendChange("thing", id, "create");
        });
        EXPECT_TRUE(s.ok()) << s.ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  auto changes = db().ReadChangesAfter(0, 1000);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 100u);
  for (std::size_t i = 1; i < changes->size(); ++i) {
    EXPECT_LT((*changes)[i - 1].seq, (*changes)[i].seq);
  }
}

TEST_P(DatabaseTest, RefusesAStoreNewerThanTheBinary) {
  base::Status s = db().Migrate(StoreMigrations());  // does not know 100, which the store has
  EXPECT_EQ(s.code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("newer"), std::string::npos);
  EXPECT_EQ(*db().SchemaVersion(), 100);
}

TEST_P(DatabaseTest, MigrationsAreAppliedOnce) {
  ASSERT_TRUE(db().Migrate(WithThings()).ok());
  EXPECT_EQ(*db().SchemaVersion(), 100);
}

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgresql),
                         [](const auto& p) { return std::string(EngineName(p.param)); });

TEST(Database, RefusesUnknownUrls) {
  auto db = Database::Open({.url = "mysql://x"});
  EXPECT_FALSE(db.ok());
}

TEST(Database, SqliteStoreIsInWalWithFullSync) {
  TestStore store(Engine::kSqlite);
  ASSERT_TRUE(store.db().Migrate(StoreMigrations()).ok());
  EXPECT_TRUE(std::filesystem::exists(store.sqlite_path()));
  store.db().Read([](Transaction& tx) -> base::Status {
               PCMD_ASSIGN_OR_RETURN(Rows rows, tx.Query("PRAGMA journal_mode"));
               EXPECT_EQ(rows[0].Text(0), "wal");
               PCMD_ASSIGN_OR_RETURN(Rows sync, tx.Query("PRAGMA synchronous"));
               EXPECT_EQ(sync[0].Int(0), 2);
               return base::Status::Ok();
             }).ok();
}

}  // namespace
}  // namespace pcmd::store



namespace pcmd::store {
namespace {

class AuditTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    ASSERT_TRUE(store_->db().Migrate(StoreMigrations()).ok());
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(store_->db()
                      .AuditOnly(Actor("acc-1", "dpo", "req-" + std::to_string(i)), "read",
                                 "client", "c" + std::to_string(i), "ok")
                      .ok());
    }
  }
  Database& db() { return store_->db(); }
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(db().Write("t", [&](Transaction& tx) { return tx.Exec(sql).status(); }).ok());
  }
  std::unique_ptr<testkit::TestStore> store_;
};

TEST_P(AuditTest, IntactChainVerifies) {
  auto v = db().VerifyAudit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->entries, 5);
  EXPECT_EQ(v->head_hash.size(), 64u);
}

TEST_P(AuditTest, WritesAreAuditedInTheirTransaction) {
  std::vector<Migration> all = StoreMigrations();
  all.push_back({100, "things", "CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER)", ""});
  ASSERT_TRUE(db().Migrate(all).ok());
  ASSERT_TRUE(db().Write(Actor("acc-2", "admin", "r9"), [](Transaction& tx) {
                    PCMD_RETURN_IF_ERROR(tx.Exec("INSERT INTO things VALUES ('x', 1)").status());
                    return tx.AppendChange("thing", "x", "create");
                  }).ok());
  (void)db().Write(Actor("acc-2", "admin", "r10"), [](Transaction& tx) -> base::Status {
    PCMD_RETURN_IF_ERROR(tx.AppendChange("thing", "y", "create"));
    return base::InvalidArgument("rolled back");
  });
  auto page = db().ReadAudit({.entity = "thing"});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->second, 1);
  EXPECT_EQ(page->first[0].actor, "acc-2");
  EXPECT_EQ(page->first[0].request_id, "r9");
  EXPECT_TRUE(db().VerifyAudit()->ok);
}

TEST_P(AuditTest, DetectsAChangedEntry) {
  Tamper("UPDATE audit_log SET entity_id = 'c99' WHERE seq = 3");
  auto v = db().VerifyAudit();
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_seq, 3);
  EXPECT_EQ(v->problem, "its content was changed");
}

TEST_P(AuditTest, DetectsARemovedEntry) {
  Tamper("DELETE FROM audit_log WHERE seq = 2");
  auto v = db().VerifyAudit();
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_seq, 3);
}

TEST_P(AuditTest, DetectsReorderedEntries) {
  // Swap the contents of entries 2 and 4 but keep their sequence numbers.
  Tamper("UPDATE audit_log SET seq = 100 WHERE seq = 2");
  Tamper("UPDATE audit_log SET seq = 2 WHERE seq = 4");
  Tamper("UPDATE audit_log SET seq = 4 WHERE seq = 100");
  auto v = db().VerifyAudit();
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_seq, 2);
}

TEST_P(AuditTest, DetectsARecomputedHashThatBreaksTheLink) {
  // A forger who rewrites one entry and its own hash still breaks the next link.
  AuditEntry e = db().ReadAudit({.entity_id = "c1"})->first.at(0);
  e.entity_id = "forged";
  const std::string forged = AuditHash(e);
  Tamper("UPDATE audit_log SET entity_id = 'forged', hash = '" + forged + "' WHERE seq = 2");
  auto v = db().VerifyAudit();
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->first_bad_seq, 3);
}

TEST_P(AuditTest, FiltersAndPages) {
  auto page = db().ReadAudit({.actor = "acc-1", .limit = 2, .offset = 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->second, 5);
  ASSERT_EQ(page->first.size(), 2u);
  EXPECT_EQ(page->first[0].seq, 4);  // newest first
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTest, ::testing::Values(Engine::kSqlite, Engine::kPostgresql),
                         [](const auto& p) { return std::string(EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::store
