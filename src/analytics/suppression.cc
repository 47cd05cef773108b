#include "analytics/suppression.h"

#include <cmath>

namespace pcmd::analytics {
namespace {

// The hidden cells that the equations "total = sum of parts", with the visible values
// known, determine exactly: e_k is in the row space of the equations over the hidden
// cells iff, in reduced row echelon form, the pivot row of column k is e_k itself.
std::vector<std::size_t> DeterminedCells(const std::vector<bool>& hidden, const std::vector<SuppressionGroup>& groups) {
  std::vector<int> column(hidden.size(), -1);
  std::vector<std::size_t> cells;
  for (std::size_t i = 0; i < hidden.size(); ++i) {
    if (hidden[i]) {
      column[i] = static_cast<int>(cells.size());
      cells.push_back(i);
    }
  }
  std::vector<std::vector<double>> rows;
  for (const auto& g : groups) {
    std::vector<double> row(cells.size(), 0.0);
    bool any = false;
    if (column[g.total] >= 0) {
      row[static_cast<std::size_t>(column[g.total])] += 1.0;
      any = true;
    }
    for (std::size_t p : g.parts) {
      if (column[p] >= 0) {
        row[static_cast<std::size_t>(column[p])] -= 1.0;
        any = true;
      }
    }
    if (any) rows.push_back(std::move(row));
  }
  std::vector<std::size_t> out;
  std::size_t rank = 0;
  std::vector<std::pair<std::size_t, std::size_t>> pivots;  // (column, row)
  for (std::size_t c = 0; c < cells.size() && rank < rows.size(); ++c) {
    std::size_t best = rank;
    for (std::size_t r = rank; r < rows.size(); ++r) {
      if (std::fabs(rows[r][c]) > std::fabs(rows[best][c])) best = r;
    }
    if (std::fabs(rows[best][c]) < 1e-9) continue;
    std::swap(rows[best], rows[rank]);
    const double pivot = rows[rank][c];
    for (double& x : rows[rank]) x /= pivot;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r == rank || std::fabs(rows[r][c]) < 1e-12) continue;
      const double f = rows[r][c];
      for (std::size_t k = 0; k < cells.size(); ++k) rows[r][k] -= f * rows[rank][k];
    }
    pivots.emplace_back(c, rank);
    ++rank;
  }
  for (const auto& [c, r] : pivots) {
    bool alone = true;
    for (std::size_t k = 0; k < cells.size() && alone; ++k) {
      if (k != c && std::fabs(rows[r][k]) > 1e-9) alone = false;
    }
    if (alone) out.push_back(cells[c]);
  }
  return out;
}

}  // namespace

std::vector<bool> Suppress(const std::vector<std::int64_t>& values, const std::vector<SuppressionGroup>& groups) {
  std::vector<bool> hidden(values.size(), false);
  for (std::size_t i = 0; i < values.size(); ++i) {
    hidden[i] = values[i] >= 1 && values[i] <= kSmallCellMax;
  }
  // Each pass hides at least one more cell or stops, so this ends within values.size() passes.
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& g : groups) {
      std::size_t count = hidden[g.total] ? 1 : 0;
      for (std::size_t p : g.parts) count += hidden[p] ? 1 : 0;
      if (count != 1) continue;
      // Hide the smallest visible non-zero part; a zero reveals nobody, but hiding only zeros
      // would still let the hidden cell be recovered, so fall back to any visible part, then
      // to the total.
      std::size_t pick = values.size();
      for (std::size_t p : g.parts) {
        if (hidden[p] || values[p] == 0) continue;
        if (pick == values.size() || values[p] < values[pick]) pick = p;
      }
      if (pick == values.size()) {
        for (std::size_t p : g.parts) {
          if (!hidden[p]) {
            pick = p;
            break;
          }
        }
      }
      if (pick == values.size() && !hidden[g.total]) pick = g.total;
      if (pick == values.size()) continue;  // nothing else to hide (a group of one cell)
      hidden[pick] = true;
      changed = true;
    }
    if (changed) continue;
    // Groups crossing each other (levels and periods) can still pin a cell down, e.g. three
    // hidden cells a, b, c with a + b, a + c and b + c known. Then hide one more cell of a
    // group of a determined cell, and look again.
    for (std::size_t cell : DeterminedCells(hidden, groups)) {
      std::size_t pick = values.size();
      for (const auto& g : groups) {
        bool has = g.total == cell;
        for (std::size_t p : g.parts) has = has || p == cell;
        if (!has) continue;
        for (std::size_t p : g.parts) {
          if (!hidden[p] && (pick == values.size() || values[p] < values[pick])) pick = p;
        }
        if (!hidden[g.total] && pick == values.size()) pick = g.total;
      }
      if (pick == values.size()) continue;
      hidden[pick] = true;
      changed = true;
      break;
    }
  }
  return hidden;
}

std::string ShowCount(std::int64_t value, bool is_hidden) { return is_hidden ? "<5" : std::to_string(value); }

}  // namespace pcmd::analytics
