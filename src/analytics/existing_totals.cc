#include "analytics/existing_totals.h"

#include <algorithm>

namespace pcmd::analytics {

namespace {

template <typename T>
void Move(std::vector<T>& sorted, const T& value, int sign) {
  if (sign > 0) {
    sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), value), value);
    return;
  }
  auto it = std::lower_bound(sorted.begin(), sorted.end(), value);
  if (it != sorted.end() && *it == value) sorted.erase(it);
}

}  // namespace

void ExistingTotals::Reset(std::size_t positions) { units_.assign(positions, {}); }

void ExistingTotals::Add(int pos, std::int32_t begin, std::optional<std::int32_t> end, int sign) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= units_.size()) return;
  Unit& u = units_[static_cast<std::size_t>(pos)];
  if (end && *end < begin) {
    Move(u.odd, std::make_pair(begin, *end), sign);
    return;
  }
  Move(u.begins, begin, sign);
  if (end) Move(u.ends, *end, sign);
}

void ExistingTotals::Note(int pos, std::int32_t begin, std::optional<std::int32_t> end) {
  if (pos < 0 || static_cast<std::size_t>(pos) >= units_.size()) return;
  Unit& u = units_[static_cast<std::size_t>(pos)];
  if (end && *end < begin) {
    u.odd.emplace_back(begin, *end);
    return;
  }
  u.begins.push_back(begin);
  if (end) u.ends.push_back(*end);
}

void ExistingTotals::Finish() {
  for (Unit& u : units_) {
    std::sort(u.begins.begin(), u.begins.end());
    std::sort(u.ends.begin(), u.ends.end());
    std::sort(u.odd.begin(), u.odd.end());
  }
}

std::int64_t ExistingTotals::Count(int lo, int hi, std::int32_t last, std::int32_t threshold) const {
  std::int64_t n = 0;
  hi = std::min<int>(hi, static_cast<int>(units_.size()));
  for (int p = std::max(lo, 0); p < hi; ++p) {
    const Unit& u = units_[static_cast<std::size_t>(p)];
    if (u.begins.empty() && u.odd.empty()) continue;
    n += std::upper_bound(u.begins.begin(), u.begins.end(), last) - u.begins.begin();
    // Ended before the threshold (<= last), hence began before it too.
    n -= std::lower_bound(u.ends.begin(), u.ends.end(), threshold) - u.ends.begin();
    for (const auto& [begin, end] : u.odd) n += begin <= last && end >= threshold;
  }
  return n;
}

std::size_t ExistingTotals::memory_bytes() const {
  std::size_t n = units_.capacity() * sizeof(Unit);
  for (const auto& u : units_) {
    n += (u.begins.capacity() + u.ends.capacity()) * sizeof(std::int32_t) + u.odd.capacity() * 8;
  }
  return n;
}

}  // namespace pcmd::analytics
