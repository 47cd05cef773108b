#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pcmd::http {

// An HTTP request as handlers see it: plain data, no server library types.
struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string path;    // percent-decoded, without the query string
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::map<std::string, std::string> path_params;            // from the route pattern
  std::string route;  // the matched pattern, e.g. "/api/units/{code}" (for logs)
  std::string body;
  std::string request_id;
  std::string remote_address;

  // The first header or query value of that name, if any.
  std::optional<std::string> Header(std::string_view name) const;
  std::optional<std::string> Query(std::string_view name) const;
};

// An HTTP response. The server adds the security headers, request id and compression.
struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  Response& WithHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// Decodes %XX escapes (and '+' as space when `plus_is_space`); bad escapes are kept as is.
std::string PercentDecode(std::string_view text, bool plus_is_space);

// Splits "a=1&b=x%20y" into decoded pairs.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace pcmd::http
