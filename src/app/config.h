#pragma once

#include <string>

#include "base/result.h"

namespace pcmd::app {

// Everything pcmd can be configured with. Defaults here; then the TOML file
// (--config or PCMD_CONFIG), then PCMD_* environment variables, then flags:
// each later source wins over the earlier ones.
struct Config {
  // [store]
  std::string data_dir = "var/data";  // folder of the embedded SQLite store
  std::string db_url;                 // postgresql://… (wins over data_dir when set)
  int pool_size = 8;
  // [server]
  std::string listen = "127.0.0.1:8080";
  std::string web_dir = "web/dist";
  std::string plans_dir = "data/plans";  // plan definitions (*.toml), docs/plans.md
  std::string dhis2_mapping = "data/dhis2/mapping.toml";  // docs/dhis2.md; absent: no DHIS2 routes
  int threads = 4;
  long max_body_bytes = 1L << 20;
  long max_connections = 1024;
  int read_timeout_ms = 30000;
  int write_timeout_ms = 30000;
  int shutdown_grace_ms = 10000;
  // [security]
  std::string key_file;            // default <data_dir>/pcmd.key
  bool cookie_secure = true;       // false only for plain HTTP on a closed network
  int idle_timeout_seconds = 30 * 60;
  int absolute_timeout_seconds = 12 * 3600;
  // [log]
  std::string log_level = "info";

  // The key file that encrypts fields at rest.
  std::string KeyFile() const { return key_file.empty() ? data_dir + "/pcmd.key" : key_file; }

  // The store URL: db_url, or "sqlite:<data_dir>/pcmd.sqlite".
  std::string StoreUrl() const;
};

// Reads a TOML file over `config`; unknown keys and wrong types are errors that name
// the key, so a typo never silently falls back to a default.
base::Status LoadConfigFile(const std::string& path, Config& config);

// Applies PCMD_DATA, PCMD_DB, PCMD_LISTEN, PCMD_WEB, PCMD_THREADS, PCMD_LOG_LEVEL,
// PCMD_KEY_FILE, PCMD_DHIS2_MAPPING.
base::Status ApplyEnvironment(Config& config);

// Splits "host:port" (port 1..65535).
base::Status ParseListen(const std::string& listen, std::string& host, int& port);

}  // namespace pcmd::app
