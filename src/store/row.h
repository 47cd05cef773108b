#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pcmd::store {

// A value bound to a statement placeholder: null, integer, real or text.
// Statements name placeholders :1, :2, ... and bind them in order.
class Param {
 public:
  enum class Kind { kNull, kInt, kReal, kText };

  Param(std::nullopt_t) {}  // NOLINT: implicit by design, as are the others
  Param(int v) : kind_(Kind::kInt), int_(v) {}                         // NOLINT
  Param(std::int64_t v) : kind_(Kind::kInt), int_(v) {}                // NOLINT
  Param(double v) : kind_(Kind::kReal), real_(v) {}                    // NOLINT
  Param(const char* v) : kind_(Kind::kText), text_(v) {}               // NOLINT
  Param(std::string_view v) : kind_(Kind::kText), text_(v) {}          // NOLINT
  Param(const std::string& v) : kind_(Kind::kText), text_(v) {}        // NOLINT
  Param(const std::optional<std::string>& v) {                         // NOLINT
    if (v) kind_ = Kind::kText, text_ = *v;
  }

  Kind kind() const { return kind_; }
  std::int64_t int_value() const { return int_; }
  double real_value() const { return real_; }
  const std::string& text_value() const { return text_; }

 private:
  Kind kind_ = Kind::kNull;
  std::int64_t int_ = 0;
  double real_ = 0;
  std::string text_;
};

using Params = std::vector<Param>;

// One result row; every cell is kept as text (or null) whatever the engine's type,
// and read back through the typed getters.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}

  std::size_t size() const { return cells_.size(); }
  bool IsNull(std::size_t i) const { return !cells_.at(i).has_value(); }
  // Text of a cell; "" for null.
  const std::string& Text(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const { return cells_.at(i); }
  // Integer of a cell; 0 for null or non-numeric text.
  std::int64_t Int(std::size_t i) const;
  double Real(std::size_t i) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

using Rows = std::vector<Row>;

// A row of a streamed result (Transaction::Scan): its cells are read in place, without a copy,
// and are valid only during the call that receives the row.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual std::size_t size() const = 0;
  virtual bool IsNull(std::size_t i) const = 0;
  // Text of a cell; "" for null.
  virtual std::string_view Text(std::size_t i) const = 0;
  // Integer of a cell; 0 for null or non-numeric text.
  std::int64_t Int(std::size_t i) const;
};

// A materialised Row seen as a RowView.
class RowOfRows final : public RowView {
 public:
  explicit RowOfRows(const Row& row) : row_(row) {}
  std::size_t size() const override { return row_.size(); }
  bool IsNull(std::size_t i) const override { return row_.IsNull(i); }
  std::string_view Text(std::size_t i) const override { return row_.Text(i); }

 private:
  const Row& row_;
};

}  // namespace pcmd::store
