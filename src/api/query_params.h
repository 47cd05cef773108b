#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "http/message.h"

namespace pcmd::api {

// Reads the query parameters of a list request and collects problems; a bad
// parameter is a 400 ("invalid_query") naming the parameter.
class QueryParams {
 public:
  explicit QueryParams(const http::Request& request) : request_(request) {}

  std::optional<std::string> Text(const std::string& name, std::size_t max_chars = 200);
  // Limit 1..max_limit (default `fallback`); offset >= 0.
  int Limit(int fallback = 50, int max_limit = 1000);
  int Offset();
  base::Date DateOr(const std::string& name, base::Date fallback);
  std::optional<std::string> Enum(const std::string& name, const std::vector<std::string>& allowed);
  // A whole number between min and max, when present.
  std::optional<int> Int(const std::string& name, int min, int max);
  // The days a list is limited to: `period` (2024, 2024Q1, 202401, P2021-2025) sets both,
  // then `from` and `to` (YYYY-MM-DD) each set theirs.
  void DateRange(std::optional<base::Date>& from, std::optional<base::Date>& to);

  base::Status Finish() const;

 private:
  void Bad(const std::string& name, const std::string& vi, const std::string& en);

  const http::Request& request_;
  base::Validation validation_;
};

}  // namespace pcmd::api
