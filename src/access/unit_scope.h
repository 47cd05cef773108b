#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "access/policy.h"
#include "domain/units/unit_tree.h"

namespace pcmd::access {

// UnitScope answers whether a unit lies within another, from the store's administrative
// tree: a unit's parent is taken from its latest version, so records of closed units
// stay visible to the accounts above them. "VN" contains every unit. The parent map is
// cached and reloaded when the units table changed (checked at most once a second, or
// at once after Invalidate). Thread-safe.
class UnitScope final : public UnitContainment {
 public:
  explicit UnitScope(const units::UnitTree& tree) : tree_(tree) {}

  bool Contains(const std::string& ancestor, const std::string& unit) const override;
  // Does a unit with this code exist in any version?
  bool Exists(const std::string& unit) const override;
  void Invalidate();

 private:
  void Refresh() const;

  const units::UnitTree& tree_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::string> parent_;  // code -> parent code ("" for roots)
  mutable std::string stamp_;                           // row count and max row id when loaded
  mutable std::chrono::steady_clock::time_point checked_{};
};

}  // namespace pcmd::access
