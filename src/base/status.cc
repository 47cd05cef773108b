#include "base/status.h"

namespace pcmd::base {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusCodeName(code_)) + ": " + message_;
}

Status Validation::ToStatus() const {
  if (fields_.empty()) return Status::Ok();
  Status status = InvalidArgument("invalid data: " + fields_.front().field + " " +
                                  fields_.front().code);
  status.WithVi("Dữ liệu không hợp lệ").WithMachineCode("validation_failed");
  for (const auto& f : fields_) status.WithField(f);
  return status;
}

}  // namespace pcmd::base
