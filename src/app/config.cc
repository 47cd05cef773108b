#include "app/config.h"

#include <charconv>
#include <cstdlib>
#include <set>

#include <toml++/toml.h>

namespace pcmd::app {
namespace {

base::Status Bad(const std::string& key, const std::string& problem) {
  return base::InvalidArgument("config " + key + ": " + problem);
}

template <typename T>
base::Status Read(const toml::table& section, const std::string& prefix, const char* key, T& out) {
  const toml::node* node = section.get(key);
  if (!node) return base::Status::Ok();
  if constexpr (std::is_same_v<T, std::string>) {
    if (!node->is_string()) return Bad(prefix + key, "must be a string");
    out = *node->value<std::string>();
  } else {
    if (!node->is_integer()) return Bad(prefix + key, "must be an integer");
    out = static_cast<T>(*node->value<std::int64_t>());
  }
  return base::Status::Ok();
}

base::Status CheckKeys(const toml::table& t, const std::string& prefix, const std::set<std::string>& known) {
  for (const auto& [key, value] : t) {
    if (!known.count(std::string(key.str()))) return Bad(prefix + std::string(key.str()), "unknown key");
  }
  return base::Status::Ok();
}

bool ParseInt(const char* text, int& out) {
  const std::string_view s(text);
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

std::string Config::StoreUrl() const {
  return db_url.empty() ? "sqlite:" + data_dir + "/pcmd.sqlite" : db_url;
}

base::Status LoadConfigFile(const std::string& path, Config& c) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return base::InvalidArgument("config file " + path + " line " +
                                 std::to_string(e.source().begin.line) + ": " +
                                 std::string(e.description()));
  }
  PCMD_RETURN_IF_ERROR(CheckKeys(root, "", {"store", "server", "security", "log"}));
  if (auto* security = root["security"].as_table()) {
    PCMD_RETURN_IF_ERROR(CheckKeys(*security, "security.",
                                   {"key_file", "cookie_secure", "idle_timeout_seconds",
                                    "absolute_timeout_seconds"}));
    PCMD_RETURN_IF_ERROR(Read(*security, "security.", "key_file", c.key_file));
    if (const toml::node* n = security->get("cookie_secure")) {
      if (!n->is_boolean()) return Bad("security.cookie_secure", "must be true or false");
      c.cookie_secure = *n->value<bool>();
    }
    PCMD_RETURN_IF_ERROR(Read(*security, "security.", "idle_timeout_seconds", c.idle_timeout_seconds));
    PCMD_RETURN_IF_ERROR(Read(*security, "security.", "absolute_timeout_seconds", c.absolute_timeout_seconds));
  }
  if (auto* store = root["store"].as_table()) {
    PCMD_RETURN_IF_ERROR(CheckKeys(*store, "store.", {"data", "url", "pool_size"}));
    PCMD_RETURN_IF_ERROR(Read(*store, "store.", "data", c.data_dir));
    PCMD_RETURN_IF_ERROR(Read(*store, "store.", "url", c.db_url));
    PCMD_RETURN_IF_ERROR(Read(*store, "store.", "pool_size", c.pool_size));
  }
  if (auto* server = root["server"].as_table()) {
    PCMD_RETURN_IF_ERROR(CheckKeys(*server, "server.",
                                   {"listen", "web", "plans", "dhis2_mapping", "threads", "max_body_bytes", "max_connections",
                                    "read_timeout_ms", "write_timeout_ms", "shutdown_grace_ms"}));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "listen", c.listen));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "web", c.web_dir));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "plans", c.plans_dir));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "dhis2_mapping", c.dhis2_mapping));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "threads", c.threads));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "max_body_bytes", c.max_body_bytes));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "max_connections", c.max_connections));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "read_timeout_ms", c.read_timeout_ms));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "write_timeout_ms", c.write_timeout_ms));
    PCMD_RETURN_IF_ERROR(Read(*server, "server.", "shutdown_grace_ms", c.shutdown_grace_ms));
  }
  if (auto* log = root["log"].as_table()) {
    PCMD_RETURN_IF_ERROR(CheckKeys(*log, "log.", {"level"}));
    PCMD_RETURN_IF_ERROR(Read(*log, "log.", "level", c.log_level));
  }
  return base::Status::Ok();
}

base::Status ApplyEnvironment(Config& c) {
  if (const char* v = std::getenv("PCMD_DATA"); v && *v) c.data_dir = v;
  if (const char* v = std::getenv("PCMD_DB"); v && *v) c.db_url = v;
  if (const char* v = std::getenv("PCMD_LISTEN"); v && *v) c.listen = v;
  if (const char* v = std::getenv("PCMD_WEB"); v && *v) c.web_dir = v;
  if (const char* v = std::getenv("PCMD_PLANS"); v && *v) c.plans_dir = v;
  if (const char* v = std::getenv("PCMD_DHIS2_MAPPING"); v && *v) c.dhis2_mapping = v;
  if (const char* v = std::getenv("PCMD_LOG_LEVEL"); v && *v) c.log_level = v;
  if (const char* v = std::getenv("PCMD_KEY_FILE"); v && *v) c.key_file = v;
  if (const char* v = std::getenv("PCMD_THREADS"); v && *v) {
    if (!ParseInt(v, c.threads)) return base::InvalidArgument("PCMD_THREADS must be a number");
  }
  return base::Status::Ok();
}

base::Status ParseListen(const std::string& listen, std::string& host, int& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return base::InvalidArgument("listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!ParseInt(listen.c_str() + colon + 1, port) || port < 1 || port > 65535) {
    return base::InvalidArgument("listen port must be a number from 1 to 65535");
  }
  return base::Status::Ok();
}

}  // namespace pcmd::app
