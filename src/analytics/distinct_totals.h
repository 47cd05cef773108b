#pragma once

// Distinct counts over whole months, kept as facts come and go (the indicator engine's month
// totals for "distinct" measures: establishments inspected, officials trained, groups active).
//
// A value counts once in a window of months [a, b] of a unit when it occurs there at least once.
// For each unit (every level of the tree) and each value, take the months in which the value occurs
// in the unit's subtree, in order; each such month m, with the value's previous month p in that
// unit (or none), is a pair (m, p). The value's first month inside [a, b] is the one pair with
// a <= m <= b and p < a, so the distinct count is the number of pairs in those bounds — a handful
// of numbers per month read, whatever the number of facts. Each unit keeps its pairs with how many
// values share them, sorted; a fact added or removed moves at most three pairs of each unit above
// it, found from the value's own occurrences.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace pcmd::analytics {

class DistinctTotals {
 public:
  // `parent`: a unit position's parent (-1 at a root); `end`: one past its subtree's positions.
  // Both stay owned by the caller; Reset is called again whenever they change.
  void Reset(const std::vector<int>* parent, const std::vector<int>* end);

  // One occurrence of `value` in the unit at position `pos` in month `month` (a month index),
  // added (sign +1) or removed (sign -1).
  void Add(int pos, std::int64_t value, int month, int sign);

  // A rebuild: occurrences are only noted (Note), and Build makes the pairs of them all at once,
  // sorted, as the same Adds would have.
  void Note(int pos, std::int64_t value, int month);
  void Build();

  // How many values occur in the subtree of `pos` in the months [first, last].
  std::int64_t Count(int pos, int first, int last) const;

  std::size_t memory_bytes() const;

 private:
  struct Occurrence {
    std::int32_t pos = 0;
    std::int32_t month = 0;
    std::int32_t count = 0;
  };
  struct Pair {
    std::int32_t month = 0;
    std::int32_t previous = 0;  // kNone when the value has no earlier month in the unit
    std::int32_t values = 0;
  };
  static constexpr std::int32_t kNone = INT32_MIN;

  // The value's months in the subtree of `unit`, in order, from its occurrences.
  void MonthsIn(const std::vector<Occurrence>& occurrences, int unit, std::vector<std::int32_t>* out) const;
  void Move(int unit, std::int32_t month, std::int32_t previous, int delta);

  // Add's working lists, kept to spare an allocation a fact (the engine calls Add one at a time).
  struct Before {
    int unit;
    bool had;
  };
  std::vector<std::int32_t> months_;
  std::vector<Before> units_;
  struct Noted {
    std::int64_t value;
    std::int32_t month;
    std::int32_t pos;
  };
  std::vector<Noted> noted_;

  const std::vector<int>* parent_ = nullptr;
  const std::vector<int>* end_ = nullptr;
  std::unordered_map<std::int64_t, std::vector<Occurrence>> occurrences_;
  std::vector<std::vector<Pair>> pairs_;  // unit position -> its pairs, by (month, previous)
};

}  // namespace pcmd::analytics
