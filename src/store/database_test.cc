#include "store/database.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "base/id.h"
#include "testkit/store.h"

namespace pcmd::store {
namespace {

using testkit::TestStore;

class DatabaseTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<TestStore>(GetParam());
    ASSERT_TRUE(store_->db().Migrate(StoreMigrations()).ok());
    ASSERT_TRUE(store_->db()
                    .Migrate({StoreMigrations()[0],
                              {2, "things", "CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER)", ""}})
                    .ok());
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
  base::Status s = db().Migrate(StoreMigrations());  // knows version 1 only; store has 2
  EXPECT_EQ(s.code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("newer"), std::string::npos);
  EXPECT_EQ(*db().SchemaVersion(), 2);
}

TEST_P(DatabaseTest, MigrationsAreAppliedOnce) {
  ASSERT_TRUE(db().Migrate({StoreMigrations()[0],
                            {2, "things", "CREATE TABLE things (id TEXT PRIMARY KEY, n INTEGER)", ""}})
                  .ok());
  EXPECT_EQ(*db().SchemaVersion(), 2);
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

TEST(PostgresConnectString, SplitsAUrlIntoLibpqKeywords) {
  EXPECT_EQ(PostgresConnectString("postgresql://u:p%40ss@127.0.0.1:5433/pcmd?sslmode=disable"),
            "user='u' password='p@ss' host='127.0.0.1' port='5433' dbname='pcmd' sslmode='disable'");
  EXPECT_EQ(PostgresConnectString("postgresql://localhost/db"), "host='localhost' dbname='db'");
}

}  // namespace
}  // namespace pcmd::store
