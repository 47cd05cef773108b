#include "testkit/store.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "base/id.h"

namespace pcmd::testkit {
namespace {

std::string PgUrl() {
  const char* url = std::getenv("PCMD_TEST_PG_URL");
  return url ? url : "";
}

// Replaces the database name (the path) of a postgresql:// URL.
std::string WithDatabase(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme + 3);
  const auto query = url.find('?');
  std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return base + "/" + name + tail;
}

void AdminExec(const std::string& sql) {
  soci::session s(*soci::factory_postgresql(), store::PostgresConnectString(PgUrl()));
  s << sql;
}

}  // namespace

bool PostgresAvailable() { return !PgUrl().empty(); }

TestStore::TestStore(store::Engine engine) : engine_(engine) {
  if (engine == store::Engine::kSqlite) {
    dir_ = (std::filesystem::temp_directory_path() / ("pcmd-test-" + base::RandomHex(8))).string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + sqlite_path();
  } else {
    pg_name_ = "pcmd_t_" + base::RandomHex(6);
    AdminExec("CREATE DATABASE " + pg_name_);
    url_ = WithDatabase(PgUrl(), pg_name_);
  }
  auto db = store::Database::Open({.url = url_, .pool_size = 4});
  if (!db.ok()) throw std::runtime_error(db.status().ToString());
  db_ = std::move(db).value();
}

TestStore::~TestStore() {
  db_.reset();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!pg_name_.empty()) {
    try {
      AdminExec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (...) {
    }
  }
}

}  // namespace pcmd::testkit
