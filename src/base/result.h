#pragma once

#include <optional>
#include <utility>

#include "base/status.h"

namespace pcmd::base {

// A Result<T> holds either a value or a failed Status, like absl::StatusOr.
// Accessing the value of a failed Result is a programming error (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Internal("result built from an ok status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T value_or(T fallback) const& { return value_ ? *value_ : std::move(fallback); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace pcmd::base

// Declares `lhs` from a Result expression, or returns its status on failure.
#define PCMD_ASSIGN_OR_RETURN(lhs, expr)                                         \
  auto PCMD_STATUS_CONCAT(pcmd_result_, __LINE__) = (expr);                      \
  if (!PCMD_STATUS_CONCAT(pcmd_result_, __LINE__).ok())                          \
    return PCMD_STATUS_CONCAT(pcmd_result_, __LINE__).status();                  \
  lhs = std::move(PCMD_STATUS_CONCAT(pcmd_result_, __LINE__)).value()
