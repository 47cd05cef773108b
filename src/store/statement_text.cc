#include "store/statement_text.h"

#include <cctype>

namespace pcmd::store {

std::vector<std::string> SplitStatements(const std::string& sql) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < sql.size()) {
    std::size_t end = sql.find(";\n", start);
    if (end == std::string::npos) end = sql.size();
    std::string stmt = sql.substr(start, end - start);
    if (stmt.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(stmt);
    start = end + 2;
  }
  return out;
}

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out += c;
      continue;
    }
    const bool starts_name = i + 1 < sql.size() &&
                             (std::isalnum(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_');
    if (c == ':' && starts_name && (i == 0 || sql[i - 1] != ':')) {
      out += ":p" + std::to_string(++n);
      ++i;
      while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_')) ++i;
      --i;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace pcmd::store
