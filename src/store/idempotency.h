#pragma once

// Idempotency keys of the offline sync (POST /api/sync, issue 9): each operation a device queues
// carries a key made on the device; the first time a key is seen its operation runs and the reply
// is kept, so that the same operation sent again (any number of times, out of order, or at the
// same time) is answered with that reply and does nothing twice. The same key with other content
// is refused; a key whose operation is still running answers "in progress" (one that has run for
// longer than `stale_after` is taken to have died with its server and may be run again: what it
// would have written is itself idempotent by the record's id). Keys belong to one account.
// Table sync_keys (migration 4). Tested in idempotency_test.cc.
#include <chrono>
#include <string>

#include "base/result.h"
#include "store/database.h"

namespace pcmd::store {

class IdempotencyKeys {
 public:
  explicit IdempotencyKeys(Database& db, std::chrono::seconds stale_after = std::chrono::minutes(5))
      : db_(db), stale_after_(stale_after) {}

  enum class State { kNew, kDone, kInProgress, kReused };
  struct Claim {
    State state = State::kNew;
    int status = 0;        // kDone: the reply kept
    std::string reply;
  };
  // Claims `key` of `account` for content whose digest is `content_hash`: kNew (run it, then
  // Finish), kDone (the reply of the first time), kInProgress, or kReused (other content).
  base::Result<Claim> Begin(const std::string& account, const std::string& key, const std::string& content_hash);
  // Keeps the reply of a claimed key.
  base::Status Finish(const std::string& account, const std::string& key, int status, const std::string& reply);
  // Lets a claimed key go without a reply (its operation could not run), so that it can be sent again.
  base::Status Release(const std::string& account, const std::string& key);

 private:
  Database& db_;
  std::chrono::seconds stale_after_;
};

}  // namespace pcmd::store
