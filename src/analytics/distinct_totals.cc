#include "analytics/distinct_totals.h"

#include <algorithm>

namespace pcmd::analytics {

void DistinctTotals::Reset(const std::vector<int>* parent, const std::vector<int>* end) {
  parent_ = parent;
  end_ = end;
  occurrences_.clear();
  noted_.clear();
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
  auto it = std::find_if(occurrences.begin(), occurrences.end(),
                         [&](const Occurrence& o) { return o.pos == pos && o.month == month; });
  if (sign > 0 && it != occurrences.end() && it->count > 0) {  // one more of a month the units have
    ++it->count;
    return;
  }
  // Whether each unit above (and at) `pos` had the month before the change.
  std::vector<std::int32_t>& months = months_;
  std::vector<Before>& units = units_;
  units.clear();
  for (int u = pos; u >= 0; u = (*parent_)[static_cast<std::size_t>(u)]) {
    MonthsIn(occurrences, u, &months);
    units.push_back({u, std::binary_search(months.begin(), months.end(), month)});
  }
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

void DistinctTotals::Note(int pos, std::int64_t value, int month) {
  if (!parent_ || pos < 0 || static_cast<std::size_t>(pos) >= pairs_.size()) return;
  noted_.push_back({value, month, pos});
}

void DistinctTotals::Build() {
  std::sort(noted_.begin(), noted_.end(), [](const Noted& a, const Noted& b) {
    if (a.value != b.value) return a.value < b.value;
    return a.month != b.month ? a.month < b.month : a.pos < b.pos;
  });
  // Per value, in month order: each unit above an occurrence gets the pair (month, the value's
  // previous month there) the first time the value shows in that month there.
  std::vector<std::pair<int, std::int32_t>> last;  // unit -> the value's last month there
  for (std::size_t i = 0; i < noted_.size();) {
    const std::int64_t value = noted_[i].value;
    auto& occurrences = occurrences_[value];
    last.clear();
    for (; i < noted_.size() && noted_[i].value == value; ++i) {
      const Noted& n = noted_[i];
      if (!occurrences.empty() && occurrences.back().pos == n.pos && occurrences.back().month == n.month) {
        ++occurrences.back().count;  // noted_ is by (month, pos): the same occurrence again
      } else {
        occurrences.push_back({n.pos, n.month, 1});
      }
      for (int u = n.pos; u >= 0; u = (*parent_)[static_cast<std::size_t>(u)]) {
        auto at = std::find_if(last.begin(), last.end(), [&](const auto& l) { return l.first == u; });
        std::int32_t previous = kNone;
        if (at != last.end()) {
          if (at->second == n.month) continue;
          previous = at->second;
          at->second = n.month;
        } else {
          last.emplace_back(u, n.month);
        }
        pairs_[static_cast<std::size_t>(u)].push_back({n.month, previous, 1});
      }
    }
  }
  noted_.clear();
  noted_.shrink_to_fit();
  for (auto& pairs : pairs_) {  // sorted, one entry a pair with how many values share it
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
      return a.month != b.month ? a.month < b.month : a.previous < b.previous;
    });
    std::size_t out = 0;
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      if (out > 0 && pairs[out - 1].month == pairs[k].month && pairs[out - 1].previous == pairs[k].previous) {
        pairs[out - 1].values += pairs[k].values;
      } else {
        pairs[out++] = pairs[k];
      }
    }
    pairs.resize(out);
    pairs.shrink_to_fit();
  }
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
