#include "access/unit_scope.h"

namespace pcmd::access {

void UnitScope::Refresh() const {
  const auto now = std::chrono::steady_clock::now();
  if (!stamp_.empty() && now - checked_ < std::chrono::seconds(1)) return;
  checked_ = now;
  auto stamp = tree_.Stamp();
  if (!stamp.ok() || (*stamp == stamp_ && !stamp_.empty())) return;
  std::string loaded_stamp;
  auto parents = tree_.LatestParents(&loaded_stamp);
  if (!parents.ok()) return;
  parent_ = std::move(parents).value();
  stamp_ = loaded_stamp;
}

bool UnitScope::Contains(const std::string& ancestor, const std::string& unit) const {
  if (ancestor == "VN") return true;
  if (ancestor.empty() || unit.empty()) return false;
  std::lock_guard<std::mutex> lock(mutex_);
  Refresh();
  std::string code = unit;
  for (int depth = 0; depth < 8 && !code.empty(); ++depth) {
    if (code == ancestor) return true;
    auto it = parent_.find(code);
    if (it == parent_.end()) return false;
    code = it->second;
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
