#include "access/unit_scope.h"

#include <algorithm>
#include <vector>

namespace pcmd::access {

void UnitScope::Refresh() const {
  const auto now = std::chrono::steady_clock::now();
  if (!stamp_.empty() && now - checked_ < std::chrono::seconds(1)) return;
  checked_ = now;
  auto stamp = tree_.Stamp();
  if (!stamp.ok() || (*stamp == stamp_ && !stamp_.empty())) return;
  auto versions = tree_.AllVersions(nullptr);
  if (!versions.ok()) return;
  std::multimap<std::string, std::string> parents;
  std::string last_code, last_parent = "\x01";
  for (const auto& v : *versions) {  // by code: each distinct parent once
    const std::string up = v.parent_code.value_or("");
    if (v.code == last_code && up == last_parent) continue;
    bool known = false;
    for (auto [b, e] = parents.equal_range(v.code); b != e && !known; ++b) known = b->second == up;
    if (!known) parents.emplace(v.code, up);
    last_code = v.code;
    last_parent = up;
  }
  parent_ = std::move(parents);
  stamp_ = *stamp;
}

bool UnitScope::Contains(const std::string& ancestor, const std::string& unit) const {
  if (ancestor == "VN") return true;
  if (ancestor.empty() || unit.empty()) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  Refresh();
  // Up every version's parent, breadth first; the depth is bounded to survive a corrupt cycle.
  std::vector<std::string> level = {unit};
  for (int depth = 0; depth < 8 && !level.empty(); ++depth) {
    std::vector<std::string> above;
    for (const auto& code : level) {
      if (code == ancestor) return true;
      for (auto [b, e] = parent_.equal_range(code); b != e; ++b) {
        if (!b->second.empty()) above.push_back(b->second);
      }
    }
    std::sort(above.begin(), above.end());
    above.erase(std::unique(above.begin(), above.end()), above.end());
    level = std::move(above);
  }
  return false;
}

bool UnitScope::Exists(const std::string& unit) const {
  if (unit == "VN") return true;
  std::lock_guard<std::mutex> lock(mutex_);
  Refresh();
  return parent_.count(unit) > 0;
}

void UnitScope::Invalidate() {
  std::lock_guard<std::mutex> lock(mutex_);
  stamp_.clear();
}

}  // namespace pcmd::access
