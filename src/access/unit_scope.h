#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "access/policy.h"
#include "domain/units/unit_tree.h"

namespace pcmd::access {

// UnitScope answers whether a unit lies within another, from the store's administrative
// tree: a unit lies within every unit that any of its versions was under, so records of
// closed units stay visible to the accounts above them, and an account bound to a unit
// closed by a reorganisation keeps reading the history of the units that were below it
// (a code reused after a change also shows the new unit's records: the policy has no date).
// "VN" contains every unit. The parent map is
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
  mutable std::multimap<std::string, std::string> parent_;  // code -> the parents of its versions
  mutable std::string stamp_;                           // row count and max row id when loaded
  mutable std::chrono::steady_clock::time_point checked_{};
};

}  // namespace pcmd::access
