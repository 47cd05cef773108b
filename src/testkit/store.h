#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace pcmd::testkit {

// True when the test set-up's PostgreSQL is up (PCMD_TEST_PG_URL is set).
bool PostgresAvailable();

// A TestStore is a fresh, empty store for one test: a SQLite file in a new temporary
// folder, or a new database on the test PostgreSQL server; both removed at the end.
class TestStore {
 public:
  explicit TestStore(store::Engine engine);
  ~TestStore();
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  std::string sqlite_path() const { return dir_ + "/pcmd.sqlite"; }

 private:
  store::Engine engine_;
  std::string dir_;
  std::string pg_name_;
  std::string url_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace pcmd::testkit
