#include "http/router.h"

namespace pcmd::http {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

void Router::SetMaxBody(const std::string& method, const std::string& pattern, std::size_t bytes) {
  for (auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) r.max_body_bytes = bytes;
  }
}

Router::MatchResult Router::Match(std::string_view method, std::string_view path,
                                  const Route** route,
                                  std::map<std::string, std::string>& params) const {
  const auto want = Segments(path);
  bool path_seen = false;
  for (const Route& r : routes_) {
    const auto have = Segments(r.pattern);
    if (have.size() != want.size()) continue;
    std::map<std::string, std::string> found;
    bool ok = true;
    for (std::size_t i = 0; i < have.size() && ok; ++i) {
      if (have[i].size() > 2 && have[i].front() == '{' && have[i].back() == '}') {
        found[std::string(have[i].substr(1, have[i].size() - 2))] = std::string(want[i]);
      } else {
        ok = have[i] == want[i];
      }
    }
    if (!ok) continue;
    path_seen = true;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      *route = &r;
      params = std::move(found);
      return MatchResult::kFound;
    }
  }
  return path_seen ? MatchResult::kWrongMethod : MatchResult::kNoPath;
}

}  // namespace pcmd::http
