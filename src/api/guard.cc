#include "api/guard.h"

#include <sodium.h>

#include "api/errors.h"
#include "base/text.h"

namespace pcmd::api {

std::string CookieOptions::Set(const std::string& token) const {
  return Name() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string CookieOptions::Clear() const {
  return Name() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::optional<std::string> CookieValue(const std::string& header, const std::string& name) {
  std::string_view rest(header);
  while (!rest.empty()) {
    const auto semi = rest.find(';');
    std::string_view part = base::TrimAscii(rest.substr(0, semi));
    const auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

void Guard::Add(http::Router& router, std::string method, std::string pattern, std::string access,
                GuardedHandler handler, std::string summary, std::string tag,
                std::optional<access::Resource> record_type) {
  http::Route route;
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.summary = std::move(summary);
  route.tag = std::move(tag);
  route.access = access;
  route.handler = [this, access, record_type, handler = std::move(handler)](http::Request& request) {
    return Handle(access, record_type, handler, request);
  };
  router.Add(std::move(route));
}

http::Response Guard::Handle(const std::string& access_rule, std::optional<access::Resource> record_type,
                             const GuardedHandler& handler, http::Request& request) {
  if (access_rule == "public") {
    Call call{request, nullptr, store::Actor("anonymous", "", request.request_id), ""};
    return handler(call);
  }
  const auto token = CookieValue(request.Header("cookie").value_or(""), cookie_.Name());
  if (!token) {
    return ErrorResponse(base::Unauthenticated("sign in first")
                             .WithVi("Cần đăng nhập")
                             .WithMachineCode("unauthenticated"));
  }
  auto session = auth_.Resolve(*token);
  if (!session.ok()) return ErrorResponse(session.status());
  Call call{request, &*session,
            store::Actor(session->account.id, std::string(access::RoleId(session->subject.role)),
                         request.request_id),
            *token};

  auto deny = [&](base::Status status, const std::string& entity) {
    (void)db_.AuditOnly(call.actor, "deny", entity, request.route, "denied");
    return ErrorResponse(status);
  };

  const bool is_unsafe = request.method != "GET" && request.method != "HEAD";
  if (is_unsafe) {
    const std::string sent = request.Header("x-csrf-token").value_or("");
    const std::string& expected = session->csrf_token;
    if (sent.size() != expected.size() ||
        sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
      return deny(base::PermissionDenied("missing or wrong anti-CSRF token")
                      .WithVi("Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)")
                      .WithMachineCode("csrf"),
                  "csrf");
    }
  }
  if (access_rule == "session") return handler(call);

  if (session->must_change_password) {
    return ErrorResponse(base::PermissionDenied("change your password first")
                             .WithVi("Cần đổi mật khẩu trước khi tiếp tục")
                             .WithMachineCode("password_change_required"));
  }
  if (session->must_enrol_totp) {
    return ErrorResponse(base::PermissionDenied("set up two-step sign-in first")
                             .WithVi("Cần đăng ký xác thực hai lớp (TOTP) trước khi tiếp tục")
                             .WithMachineCode("totp_enrolment_required"));
  }
  if (access_rule == "signed_in") return handler(call);
  const auto colon = access_rule.find(':');
  const auto resource = access::ParseResource(access_rule.substr(0, colon));
  const auto action = colon == std::string::npos ? std::nullopt
                                                 : access::ParseAction(access_rule.substr(colon + 1));
  if (!resource || !action ||
      access::Policy::ScopeOf(session->subject.role, *resource, *action) == access::Scope::kNone) {
    // On a record path of a type the role cannot even read, say "not found", so that
    // the route tells nothing about the record type; where the role reads the type, the
    // action is forbidden (403). Either way the answer does not depend on the record.
    const bool is_record_path = !request.path_params.empty();
    const auto type = record_type ? record_type : resource;
    const bool type_visible =
        type && access::Policy::ScopeOf(session->subject.role, *type, access::Action::kRead) != access::Scope::kNone;
    base::Status status =
        is_record_path && !type_visible
            ? base::NotFound("not found").WithVi("Không tìm thấy").WithMachineCode("not_found")
            : base::PermissionDenied("your role may not do this")
                  .WithVi("Vai trò của bạn không được phép thực hiện thao tác này")
                  .WithMachineCode("forbidden");
    return deny(status, resource ? std::string(access::ResourceId(*resource)) : "unknown");
  }
  return handler(call);
}

}  // namespace pcmd::api
