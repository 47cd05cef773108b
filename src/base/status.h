#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pcmd::base {

// The closed set of failure kinds, modelled on Abseil's. api/ turns each into
// exactly one HTTP status (api/errors.cc); nothing else chooses status numbers.
enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kFailedPrecondition,
  kUnauthenticated,
  kPermissionDenied,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

// One problem with one input field, for validation replies. `code` is a stable
// machine word ("required", "too_long", "invalid_format", ...). Messages name
// the field and the problem, never a person's data.
struct FieldError {
  std::string field;
  std::string code;
  std::string message_vi;
  std::string message_en;
};

// A Status is the outcome of an operation that returns no value: ok, or a code
// with a lower-case English message (which may reach logs, so it never holds
// personal data), an optional Vietnamese message for users, and field errors.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& message_vi() const { return message_vi_; }
  const std::string& machine_code() const { return machine_code_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  // Builders; each returns *this so that errors read as one expression.
  Status& WithVi(std::string message_vi) {
    message_vi_ = std::move(message_vi);
    return *this;
  }
  // A stable machine code for clients (e.g. "validation_failed", "stale_version").
  Status& WithMachineCode(std::string machine_code) {
    machine_code_ = std::move(machine_code);
    return *this;
  }
  Status& WithField(FieldError field) {
    fields_.push_back(std::move(field));
    return *this;
  }
  // For throttling: how long the client should wait before trying again.
  Status& WithRetryAfter(int seconds) {
    retry_after_seconds_ = seconds;
    return *this;
  }
  int retry_after_seconds() const { return retry_after_seconds_; }

  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string message_vi_;
  std::string machine_code_;
  std::vector<FieldError> fields_;
  int retry_after_seconds_ = 0;
};

inline Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status Conflict(std::string m) { return {StatusCode::kConflict, std::move(m)}; }
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
inline Status PermissionDenied(std::string m) {
  return {StatusCode::kPermissionDenied, std::move(m)};
}
inline Status ResourceExhausted(std::string m) {
  return {StatusCode::kResourceExhausted, std::move(m)};
}
inline Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Collects field errors of one input; `ToStatus()` is ok when none were added.
class Validation {
 public:
  void Add(std::string field, std::string code, std::string message_vi, std::string message_en) {
    fields_.push_back({std::move(field), std::move(code), std::move(message_vi),
                       std::move(message_en)});
  }
  bool ok() const { return fields_.empty(); }
  Status ToStatus() const;

  // A validation failure of one field.
  static Status Fail(std::string field, std::string code, std::string message_vi,
                           std::string message_en) {
    Validation v;
    v.Add(std::move(field), std::move(code), std::move(message_vi), std::move(message_en));
    return v.ToStatus();
  }

 private:
  std::vector<FieldError> fields_;
};

}  // namespace pcmd::base

#define PCMD_STATUS_CONCAT_INNER(a, b) a##b
#define PCMD_STATUS_CONCAT(a, b) PCMD_STATUS_CONCAT_INNER(a, b)

// Returns the status from the enclosing function when `expr` is not ok.
#define PCMD_RETURN_IF_ERROR(expr)                                                   \
  do {                                                                               \
    ::pcmd::base::Status PCMD_STATUS_CONCAT(pcmd_status_, __LINE__) = (expr);        \
    if (!PCMD_STATUS_CONCAT(pcmd_status_, __LINE__).ok())                            \
      return PCMD_STATUS_CONCAT(pcmd_status_, __LINE__);                             \
  } while (false)
