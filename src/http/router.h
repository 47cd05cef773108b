#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace pcmd::http {

using Handler = std::function<Response(Request&)>;

// One route: a method and a path pattern with {name} segments, e.g.
// "/api/units/{code}". `summary` and `tag` feed the OpenAPI document.
struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  std::string summary;
  std::string tag;
  std::size_t max_body_bytes = 0;  // 0: the server's default
  // Who may call it: "public", "session" (any signed-in account, also a limited one),
  // "signed_in" (any account past its forced steps), or "resource:action" for the policy. The API layer enforces it; the
  // OpenAPI document and the authorisation tests read it.
  std::string access;
};

// The Router is the table of every API route. Match finds the route for a method and
// path and fills the path parameters; it is the one list the OpenAPI test compares with.
// Built once at start, then read-only (safe from any thread).
class Router {
 public:
  void Add(Route route);

  enum class MatchResult { kFound, kNoPath, kWrongMethod };
  // On kFound, `*route` points into the table and `params` holds the decoded segments.
  MatchResult Match(std::string_view method, std::string_view path, const Route** route,
                    std::map<std::string, std::string>& params) const;

  const std::vector<Route>& routes() const { return routes_; }
  // Raises the body limit of one route (uploads).
  void SetMaxBody(const std::string& method, const std::string& pattern, std::size_t bytes);

 private:
  std::vector<Route> routes_;
};

}  // namespace pcmd::http
