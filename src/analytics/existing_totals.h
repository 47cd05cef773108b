#pragma once

// Counts of things that exist for a while (a register's establishments: from the record's date
// until the day in its "until" field, such as closed_on), kept as facts come and go, for the
// indicator engine's "existing" measures (T10's and T10b's denominators).
//
// A thing counts for a period [first, last] with a threshold t (first, or a later day a filter
// asks for: "still open on the day counted") when it began on or before `last` and did not end
// before t. That is: all that began by `last`, less those that ended before t. A thing ends on
// or after it begins, except in bad data: an ending before t then implies a beginning before t
// <= last, so those are one sorted search; the few that end before they begin are kept apart and
// read one by one. Each unit keeps only its own things; a query reads the units of its subtree,
// two binary searches each.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace pcmd::analytics {

class ExistingTotals {
 public:
  void Reset(std::size_t positions);
  // A thing of the unit at `pos` that began on `begin` and ended on `end` (none: still there),
  // added (sign +1) or removed (sign -1). Days are day numbers.
  void Add(int pos, std::int32_t begin, std::optional<std::int32_t> end, int sign);
  // A rebuild: things are only noted (Note) and put in order once, when all are in (Finish).
  void Note(int pos, std::int32_t begin, std::optional<std::int32_t> end);
  void Finish();
  // How many things of the units [lo, hi) began on or before `last` and did not end before
  // `threshold`.
  std::int64_t Count(int lo, int hi, std::int32_t last, std::int32_t threshold) const;
  std::size_t memory_bytes() const;

 private:
  struct Unit {
    std::vector<std::int32_t> begins;                            // sorted
    std::vector<std::int32_t> ends;                              // of those that end on or after they begin, sorted
    std::vector<std::pair<std::int32_t, std::int32_t>> odd;      // (begin, end) of those that end before
  };
  std::vector<Unit> units_;
};

}  // namespace pcmd::analytics
