#pragma once

// What the files of the indicator engine share (indicator_engine.cc: the facts and their upkeep;
// indicator_rebuild.cc: the rebuild; indicator_evaluation.cc: measures, month totals and targets).
// Not for use outside them.
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "analytics/indicator_engine.h"

namespace pcmd::analytics {

// A query's plan, target, unit (its subtree: depth-first positions [lo, hi)), period and the day
// it is counted to, and the tree version it is asked on.
struct IndicatorEngine::Context {
  const plan::Plan* plan = nullptr;
  const plan::Target* target = nullptr;
  int lo = 0, hi = 0;  // the unit's subtree on the tree asked
  base::Period period;
  base::Date as_of;
  int epoch = 0;       // the tree asked
  int rule = 0;        // the plan's split rule: 0 unapportioned, 1 remainder
  // What the value counts: the unit's subtree and the older units carried into it.
  std::vector<Part> parts;
  // On a tree with older epochs: where each older position's facts count (HomesOf).
  std::shared_ptr<const std::vector<int>> homes;
};

// A condition made ready for one query: its field's index in the type's store (or the fact's own
// unit or date), and its values as the store keeps them.
struct IndicatorEngine::CompiledCondition {
  enum class On { kField, kUnit, kDate };
  On on = On::kField;
  std::uint16_t field = 0;
  plan::Condition::Op op = plan::Condition::Op::kEquals;
  std::vector<std::int64_t> values;  // kEquals: one; kIn, kHasAny: the set; kBefore/kOnOrAfter: one day
  bool is_present = true;
  bool never = false;  // a value no fact holds (equality with an unknown text)
};

struct IndicatorEngine::CompiledFilter {
  std::vector<CompiledCondition> all;
  std::vector<std::vector<CompiledCondition>> any;
};

namespace internal {
inline int MonthIndex(base::Date d) { return d.year() * 12 + d.month() - 1; }

// Each byte's value as a hex digit, or -1.
inline constexpr std::array<std::int8_t, 256> kHexDigit = [] {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'A' + 10);
  return t;
}();

// The 16 bytes of a UUID written 8-4-4-4-12, or nothing.
inline bool ParseUuid(std::string_view text, std::uint8_t out[16]) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') return false;
  static constexpr std::uint8_t kAt[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
  int bad = 0;
  for (int n = 0; n < 16; ++n) {
    const int hi = kHexDigit[static_cast<unsigned char>(text[kAt[n]])];
    const int lo = kHexDigit[static_cast<unsigned char>(text[kAt[n] + 1])];
    bad |= hi | lo;  // -1 anywhere sets the sign bit
    out[n] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return bad >= 0;
}
}  // namespace internal

}  // namespace pcmd::analytics
