#pragma once

// What the files of the indicator engine share (indicator_engine.cc: the facts and their upkeep;
// indicator_evaluation.cc: measures, month totals and targets). Not for use outside them.
#include <cstdint>
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
}  // namespace internal

}  // namespace pcmd::analytics
