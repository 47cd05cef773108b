#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "api/guard.h"
#include "http/router.h"
#include "store/database.h"

namespace pcmd::api {

// The offline sync (issue 9; docs/contract.md "Offline sync"):
//   POST /api/sync  {"operations":[{"key","method","path","body"}]}   the writes a device queued
//       while offline, applied in order as the caller would make them one by one, each once for
//       its idempotency key: the same operation sent again gets the reply of the first time, the
//       same key with other content 422 `key` `idempotency_key_reused`, a key still running 409
//       `in_progress`. Replies per operation: {"results":[{"key","status","body","replayed"}]}.
// Routes registered before it on `router` are the ones the operations reach. Tested in
// tests/api/sync_test.py (re-sends, reordering, concurrent batches) and src/store/idempotency_test.cc.
void AddSyncRoutes(http::Router& router, Guard& guard, store::Database& db);

void DescribeSyncRoutes(std::map<std::string, nlohmann::json>& operations, nlohmann::json& schemas);

}  // namespace pcmd::api
