#include "api/errors.h"

#include "base/log.h"

namespace pcmd::api {
namespace {

using base::StatusCode;

std::string DefaultVi(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument: return "Dữ liệu không hợp lệ";
    case StatusCode::kNotFound: return "Không tìm thấy";
    case StatusCode::kAlreadyExists: return "Bản ghi đã tồn tại";
    case StatusCode::kConflict: return "Xung đột dữ liệu";
    case StatusCode::kFailedPrecondition: return "Không thể thực hiện ở trạng thái hiện tại";
    case StatusCode::kUnauthenticated: return "Cần đăng nhập";
    case StatusCode::kPermissionDenied: return "Không có quyền thực hiện";
    case StatusCode::kResourceExhausted: return "Vượt quá giới hạn";
    case StatusCode::kUnavailable: return "Hệ thống tạm thời không phục vụ được";
    case StatusCode::kInternal:
    case StatusCode::kOk: break;
  }
  return "Lỗi hệ thống";
}

}  // namespace

int ToHttpStatus(const base::Status& status) {
  const std::string& machine = status.machine_code();
  if (machine == "malformed_json" || machine == "invalid_query") return 400;
  if (machine == "payload_too_large") return 413;
  if (machine == "method_not_allowed") return 405;
  if (machine == "throttled") return 429;
  switch (status.code()) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 422;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: break;
  }
  return 500;
}

http::Response ErrorResponse(const base::Status& status) {
  const int http_status = ToHttpStatus(status);
  nlohmann::json error;
  if (status.code() == StatusCode::kInternal) {
    base::LogError("internal error", {{"error", status.message()}});
    error = {{"code", "internal"}, {"message_vi", DefaultVi(status.code())},
             {"message_en", "internal error"}};
  } else {
    error = {{"code", status.machine_code().empty() ? std::string(base::StatusCodeName(status.code()))
                                                    : status.machine_code()},
             {"message_vi", status.message_vi().empty() ? DefaultVi(status.code()) : status.message_vi()},
             {"message_en", status.message()}};
  }
  if (!status.fields().empty()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : status.fields()) {
      fields.push_back({{"field", f.field}, {"code", f.code}, {"message_vi", f.message_vi},
                        {"message_en", f.message_en}});
    }
    error["fields"] = std::move(fields);
  }
  http::Response r = JsonResponse(http_status, {{"error", error}});
  if (http_status == 429 || http_status == 503) {
    const int wait = status.retry_after_seconds() > 0 ? status.retry_after_seconds() : 5;
    r.WithHeader("Retry-After", std::to_string(wait));
  }
  return r;
}

http::Response StaleResponse(const base::Status& status, const nlohmann::json& current) {
  http::Response r = ErrorResponse(status);
  nlohmann::json body = nlohmann::json::parse(r.body);
  body["current"] = current;
  r.body = body.dump();
  return r;
}

http::Response JsonResponse(int status, const nlohmann::json& body) {
  http::Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace pcmd::api
