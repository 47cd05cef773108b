#include "store/row.h"

#include <charconv>
#include <cstdlib>

namespace pcmd::store {

const std::string& Row::Text(std::size_t i) const {
  static const std::string kEmpty;
  const auto& cell = cells_.at(i);
  return cell ? *cell : kEmpty;
}

std::int64_t Row::Int(std::size_t i) const {
  const auto& cell = cells_.at(i);
  if (!cell) return 0;
  std::int64_t v = 0;
  std::from_chars(cell->data(), cell->data() + cell->size(), v);
  return v;
}

std::int64_t RowView::Int(std::size_t i) const {
  const std::string_view cell = Text(i);
  std::int64_t v = 0;
  std::from_chars(cell.data(), cell.data() + cell.size(), v);
  return v;
}

double Row::Real(std::size_t i) const {
  const auto& cell = cells_.at(i);
  return cell ? std::strtod(cell->c_str(), nullptr) : 0.0;
}

}  // namespace pcmd::store
