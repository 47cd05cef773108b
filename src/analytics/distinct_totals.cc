#include "analytics/distinct_totals.h"

#include <algorithm>

namespace pcmd::analytics {

void DistinctTotals::Reset(const std::vector<int>* parent, const std::vector<int>* end) {
  parent_ = parent;
  end_ = end;
  occurrences_.clear();
  pairs_.assign(parent ? parent->size() : 0, {});
}

void DistinctTotals::MonthsIn(const std::vector<Occurrence>& occurrences, int unit,
                              std::vector<std::int32_t>* out) const {
  out->clear();
  const int end = (*end_)[static_cast<std::size_t>(unit)];
  for (const auto& o : occurrences) {
    if (o.pos >= unit && o.pos < end && o.count > 0) out->push_back(o.month);
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void DistinctTotals::Move(int unit, std::int32_t month, std::int32_t previous, int delta) {
  auto& pairs = pairs_[static_cast<std::size_t>(unit)];
  auto less = [](const Pair& a, const Pair& b) {
    return a.month != b.month ? a.month < b.month : a.previous < b.previous;
  };
  const Pair key{month, previous, 0};
  auto it = std::lower_bound(pairs.begin(), pairs.end(), key, less);
  if (it == pairs.end() || it->month != month || it->previous != previous) it = pairs.insert(it, key);
  it->values += delta;
  if (it->values == 0) pairs.erase(it);
}

void DistinctTotals::Add(int pos, std::int64_t value, int month, int sign) {
  if (!parent_ || pos < 0 || static_cast<std::size_t>(pos) >= pairs_.size()) return;
  auto& occurrences = occurrences_[value];
  // Whether each unit above (and at) `pos` had the month before the change.
  std::vector<std::int32_t> months;
  struct Before {
    int unit;
    bool had;
  };
  std::vector<Before> units;
  for (int u = pos; u >= 0; u = (*parent_)[static_cast<std::size_t>(u)]) {
    MonthsIn(occurrences, u, &months);
    units.push_back({u, std::binary_search(months.begin(), months.end(), month)});
  }
  auto it = std::find_if(occurrences.begin(), occurrences.end(),
                         [&](const Occurrence& o) { return o.pos == pos && o.month == month; });
  if (it == occurrences.end()) {
    if (sign < 0) return;  // nothing to remove
    occurrences.push_back({pos, month, 0});
    it = occurrences.end() - 1;
  }
  it->count += sign;
  if (it->count <= 0) occurrences.erase(it);
  for (const auto& [unit, had] : units) {
    MonthsIn(occurrences, unit, &months);
    const bool has = std::binary_search(months.begin(), months.end(), month);
    if (had == has) continue;
    // The neighbours of `month` among the unit's other months.
    auto next = std::upper_bound(months.begin(), months.end(), month);
    auto prev = std::lower_bound(months.begin(), months.end(), month);
    const std::int32_t previous = prev == months.begin() ? kNone : *(prev - 1);
    const bool has_next = next != months.end();
    const int d = has ? +1 : -1;  // the month came (+1) or went (-1)
    Move(unit, month, previous, d);
    if (has_next) {
      Move(unit, *next, previous, -d);
      Move(unit, *next, month, d);
    }
  }
  if (occurrences.empty()) occurrences_.erase(value);
}

std::int64_t DistinctTotals::Count(int pos, int first, int last) const {
  if (pos < 0 || static_cast<std::size_t>(pos) >= pairs_.size()) return 0;
  const auto& pairs = pairs_[static_cast<std::size_t>(pos)];
  auto it = std::lower_bound(pairs.begin(), pairs.end(), first,
                             [](const Pair& p, std::int32_t m) { return p.month < m; });
  std::int64_t n = 0;
  for (; it != pairs.end() && it->month <= last; ++it) {
    if (it->previous < first) n += it->values;
  }
  return n;
}

std::size_t DistinctTotals::memory_bytes() const {
  std::size_t n = occurrences_.bucket_count() * sizeof(void*);
  for (const auto& [value, list] : occurrences_) n += 48 + list.capacity() * sizeof(Occurrence);
  for (const auto& pairs : pairs_) n += sizeof(pairs) + pairs.capacity() * sizeof(Pair);
  return n;
}

}  // namespace pcmd::analytics
