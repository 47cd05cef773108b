// Idempotency keys of the offline sync (idempotency.cc), on both engines: a key runs once and its
// reply is kept; the same content again gets the reply, other content is refused, a key being run
// answers "in progress" until its run is stale, keys are per account, and concurrent claims of one
// key let exactly one run.
#include "store/idempotency.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "testkit/store.h"

namespace pcmd::store {
namespace {

class IdempotencyTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    ASSERT_TRUE(store_->db().Migrate(StoreMigrations()).ok());
  }
  std::unique_ptr<testkit::TestStore> store_;
};

TEST_P(IdempotencyTest, AKeyRunsOnceAndItsReplyIsKept) {
  IdempotencyKeys keys(store_->db());
  auto first = keys.Begin("acc-1", "k-1", "h-a");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->state, IdempotencyKeys::State::kNew);
  EXPECT_EQ(keys.Begin("acc-1", "k-1", "h-a")->state, IdempotencyKeys::State::kInProgress);
  ASSERT_TRUE(keys.Finish("acc-1", "k-1", 201, R"({"id":"r-1"})").ok());
  auto again = keys.Begin("acc-1", "k-1", "h-a");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->state, IdempotencyKeys::State::kDone);
  EXPECT_EQ(again->status, 201);
  EXPECT_EQ(again->reply, R"({"id":"r-1"})");
  EXPECT_EQ(keys.Begin("acc-1", "k-1", "h-b")->state, IdempotencyKeys::State::kReused);
  // Another account's key of the same name is its own.
  EXPECT_EQ(keys.Begin("acc-2", "k-1", "h-b")->state, IdempotencyKeys::State::kNew);
}

TEST_P(IdempotencyTest, AReleasedOrStaleKeyRunsAgain) {
  IdempotencyKeys keys(store_->db());
  ASSERT_EQ(keys.Begin("acc-1", "k-2", "h")->state, IdempotencyKeys::State::kNew);
  ASSERT_TRUE(keys.Release("acc-1", "k-2").ok());
  EXPECT_EQ(keys.Begin("acc-1", "k-2", "h")->state, IdempotencyKeys::State::kNew);
  IdempotencyKeys quick(store_->db(), std::chrono::seconds(-1));  // every run is stale at once
  EXPECT_EQ(quick.Begin("acc-1", "k-2", "h")->state, IdempotencyKeys::State::kNew);
}

TEST_P(IdempotencyTest, ConcurrentClaimsLetOneRun) {
  IdempotencyKeys keys(store_->db());
  std::atomic<int> fresh{0}, busy{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      auto c = keys.Begin("acc-1", "k-3", "h");
      if (!c.ok()) {
        ++failed;
      } else if (c->state == IdempotencyKeys::State::kNew) {
        ++fresh;
      } else if (c->state == IdempotencyKeys::State::kInProgress) {
        ++busy;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(fresh.load(), 1);
  EXPECT_EQ(fresh.load() + busy.load() + failed.load(), 6);
}

INSTANTIATE_TEST_SUITE_P(Engines, IdempotencyTest, ::testing::Values(Engine::kSqlite, Engine::kPostgresql),
                         [](const auto& p) { return std::string(EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::store
