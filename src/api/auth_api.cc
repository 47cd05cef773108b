#include "api/auth_api.h"

#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/json_body.h"

namespace pcmd::api {
namespace {

using nlohmann::json;

json SessionJson(const access::Session& s) {
  return {{"csrf_token", s.csrf_token},
          {"must_change_password", s.must_change_password},
          {"must_enrol_totp", s.must_enrol_totp},
          {"user",
           {{"id", s.account.id},
            {"username", s.account.username},
            {"display_name", s.account.display_name},
            {"role", std::string(access::RoleId(s.account.role))},
            {"unit_code", s.account.unit_code},
            {"totp_enabled", s.account.totp_enabled}}}};
}

}  // namespace

json AccountJson(const access::Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"display_name", a.display_name},
          {"role", std::string(access::RoleId(a.role))},
          {"unit_code", a.unit_code},
          {"is_disabled", a.is_disabled},
          {"must_change_password", a.must_change_password},
          {"totp_enabled", a.totp_enabled},
          {"version", a.version},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

void AddAuthRoutes(http::Router& router, Guard& guard, access::Authenticator& auth) {
  guard.Add(router, "POST", "/api/auth/login", "public",
            [&auth, &guard](Call& call) {
              auto body = BodyReader::Parse(call.request.body);
              if (!body.ok()) return ErrorResponse(body.status());
              access::LoginRequest req;
              req.username = body->String("username", true, 100).value_or("");
              req.password = body->String("password", true, 1000).value_or("");
              req.totp = body->String("totp", false, 20);
              if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
              req.address = call.request.remote_address;
              auto result = auth.Login(req, call.request.request_id);
              if (!result.ok()) return ErrorResponse(result.status());
              http::Response r = JsonResponse(200, SessionJson(result->session));
              r.WithHeader("Set-Cookie", guard.cookie().Set(result->token));
              return r;
            },
            "Sign in with user name, password and, when enabled, a one-time code", "auth");
  guard.Add(router, "POST", "/api/auth/logout", "session",
            [&auth, &guard](Call& call) {
              if (auto s = auth.Logout(call.token, call.actor); !s.ok()) return ErrorResponse(s);
              http::Response r = JsonResponse(200, {{"ok", true}});
              r.WithHeader("Set-Cookie", guard.cookie().Clear());
              return r;
            },
            "Sign out (ends this session)", "auth");
  guard.Add(router, "GET", "/api/auth/me", "session",
            [](Call& call) { return JsonResponse(200, SessionJson(*call.session)); },
            "The signed-in account and its session", "auth");
  guard.Add(router, "POST", "/api/auth/password", "session",
            [&auth](Call& call) {
              auto body = BodyReader::Parse(call.request.body);
              if (!body.ok()) return ErrorResponse(body.status());
              const std::string current = body->String("current_password", true, 1000).value_or("");
              const std::string next = body->String("new_password", true, 1000).value_or("");
              if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
              if (auto s = auth.ChangePassword(*call.session, call.token, call.actor, current, next); !s.ok()) {
                return ErrorResponse(s);
              }
              return JsonResponse(200, {{"ok", true}});
            },
            "Change the password (other sessions of the account end)", "auth");
  guard.Add(router, "POST", "/api/auth/totp/enrol", "session",
            [&auth](Call& call) {
              auto e = auth.BeginTotp(*call.session, call.actor);
              if (!e.ok()) return ErrorResponse(e.status());
              return JsonResponse(200, {{"secret", e->secret_base32}, {"otpauth_uri", e->otpauth_uri}});
            },
            "Start two-step sign-in: a new TOTP secret to put in an authenticator app", "auth");
  guard.Add(router, "POST", "/api/auth/totp/confirm", "session",
            [&auth](Call& call) {
              auto body = BodyReader::Parse(call.request.body);
              if (!body.ok()) return ErrorResponse(body.status());
              const std::string code = body->String("code", true, 20).value_or("");
              if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
              auto codes = auth.ConfirmTotp(*call.session, call.actor, code);
              if (!codes.ok()) return ErrorResponse(codes.status());
              return JsonResponse(200, {{"recovery_codes", *codes}});
            },
            "Finish two-step sign-in with a code from the app; returns 10 recovery codes", "auth");
  guard.Add(router, "GET", "/api/roles", "session",
            [](Call&) {
              json items = json::array();
              for (const auto& info : access::AllRoles()) {
                items.push_back({{"id", info.id},
                                 {"name_vi", info.name_vi},
                                 {"name_en", info.name_en},
                                 {"requires_totp", info.requires_totp}});
              }
              return JsonResponse(200, {{"items", items}});
            },
            "The roles with their Vietnamese and English names", "auth");
}

}  // namespace pcmd::api
