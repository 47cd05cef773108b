#include "store/database.h"

// PostgresConnectString: postgresql:// URLs to libpq keyword strings.
namespace pcmd::store {

namespace {

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Quotes a libpq keyword value.
std::string PqValue(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string PostgresConnectString(std::string_view url) {
  // postgresql://[user[:password]@][host][:port][/dbname][?key=value&...]
  std::string_view rest = url.substr(url.find("://") + 3);
  std::string out;
  auto add = [&out](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += std::string(key) + "=" + PqValue(PercentDecode(value));
  };
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view dbname;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      add("user", userinfo.substr(0, colon));
      add("password", userinfo.substr(colon + 1));
    } else {
      add("user", userinfo);
    }
  }
  if (auto colon = rest.rfind(':'); colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
    add("host", rest.substr(0, colon));
    add("port", rest.substr(colon + 1));
  } else {
    add("host", rest);
  }
  add("dbname", dbname);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    if (auto eq = kv.find('='); eq != std::string_view::npos) add(kv.substr(0, eq), kv.substr(eq + 1));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return out;
}

}  // namespace pcmd::store
