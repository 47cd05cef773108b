#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pcmd::analytics {

// Small-cell suppression of counts derived from clients (issue 6 "Privacy in every
// output"): the one rule every API, dashboard and export applies before a client-derived
// count leaves the unit that owns it.
//
// Primary rule: a count from 1 to 4 is shown as "<5" (0 and 5 or more are shown).
// Secondary rule: counts are published together with their totals along the unit tree
// (a commune's count, its district's, the province's) and along periods (months, their
// quarter, their year). Whoever sees a total and all but one of its parts can subtract,
// so within every group of a total and its parts the number of hidden cells must never
// be exactly one: when it is, the smallest visible non-zero part (or, if none, the total)
// is hidden too, and this repeats until no group has a single hidden cell. Groups that
// cross (levels and periods) can still pin a cell down together, so the linear equations
// "total = sum of parts" are then solved over the hidden cells, and while one of them is
// determined, one more cell of its groups is hidden. The result leaves every hidden cell
// undetermined by subtraction (not by bounds: two hidden cells known to sum to 2 are each
// 1; totals that small are hidden themselves when they are 1..4).
//
// Cells are addressed by index into the caller's vector; groups name a total cell and its
// part cells (a part may be in several groups: its district's and its quarter's).

struct SuppressionGroup {
  std::size_t total = 0;
  std::vector<std::size_t> parts;
};

inline constexpr std::int64_t kSmallCellMax = 4;  // 1..4 are hidden

// For each value, whether it must be hidden (primary and secondary rules).
std::vector<bool> Suppress(const std::vector<std::int64_t>& values, const std::vector<SuppressionGroup>& groups);

// The text of a possibly hidden count: "<5" when hidden, else the number.
std::string ShowCount(std::int64_t value, bool is_hidden);

}  // namespace pcmd::analytics
