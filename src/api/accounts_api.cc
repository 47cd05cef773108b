#include "api/accounts_api.h"

#include <nlohmann/json.hpp>

#include "api/auth_api.h"
#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"

namespace pcmd::api {
namespace {

using nlohmann::json;

std::vector<std::string> RoleIds() {
  std::vector<std::string> ids;
  for (const auto& info : access::AllRoles()) ids.emplace_back(info.id);
  return ids;
}

}  // namespace

void AddAccountRoutes(http::Router& router, Guard& guard, access::AccountStore& accounts) {
  guard.Add(router, "GET", "/api/accounts", "account:read",
            [&accounts](Call& call) {
              QueryParams q(call.request);
              access::AccountQuery query;
              query.text = q.Text("q", 100);
              query.role = q.Enum("role", RoleIds());
              query.unit_code = q.Text("unit", 20);
              query.limit = q.Limit();
              query.offset = q.Offset();
              if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
              auto page = accounts.List(call.subject(), query);
              if (!page.ok()) return ErrorResponse(page.status());
              json items = json::array();
              for (const auto& a : page->items) items.push_back(AccountJson(a));
              return JsonResponse(200, {{"items", items}, {"total", page->total},
                                        {"limit", query.limit}, {"offset", query.offset}});
            },
            "Accounts within the administrator's unit", "accounts");
  guard.Add(router, "POST", "/api/accounts", "account:create",
            [&accounts](Call& call) {
              auto body = BodyReader::Parse(call.request.body);
              if (!body.ok()) return ErrorResponse(body.status());
              access::NewAccount in;
              in.username = body->String("username", true, 64).value_or("");
              in.display_name = body->String("display_name", false, 200).value_or("");
              in.role = body->Enum("role", true, RoleIds()).value_or("");
              in.unit_code = body->String("unit_code", true, 20).value_or("");
              if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
              std::string one_time;
              auto a = accounts.Create(call.subject(), call.actor, in, &one_time);
              if (!a.ok()) return ErrorResponse(a.status());
              json out = AccountJson(*a);
              out["one_time_password"] = one_time;
              return JsonResponse(201, out);
            },
            "Create an account with a one-time password", "accounts");
  guard.Add(router, "GET", "/api/accounts/{id}", "account:read",
            [&accounts](Call& call) {
              auto a = accounts.Get(call.subject(), call.request.path_params.at("id"));
              if (!a.ok()) return ErrorResponse(a.status());
              return JsonResponse(200, AccountJson(*a));
            },
            "One account", "accounts");
  guard.Add(router, "PATCH", "/api/accounts/{id}", "account:update",
            [&accounts](Call& call) {
              auto body = BodyReader::Parse(call.request.body);
              if (!body.ok()) return ErrorResponse(body.status());
              access::AccountUpdate u;
              u.version = body->Int("version", true).value_or(0);
              u.display_name = body->String("display_name", false, 200);
              u.role = body->Enum("role", false, RoleIds());
              u.unit_code = body->String("unit_code", false, 20);
              u.is_disabled = body->Bool("is_disabled", false);
              if (auto s = body->Finish(); !s.ok()) return ErrorResponse(s);
              const std::string& id = call.request.path_params.at("id");
              auto a = accounts.Update(call.subject(), call.actor, id, u);
              if (!a.ok() && a.status().machine_code() == "stale_version") {
                if (auto now = accounts.Get(call.subject(), id); now.ok()) {
                  return StaleResponse(a.status(), AccountJson(*now));
                }
              }
              if (!a.ok()) return ErrorResponse(a.status());
              return JsonResponse(200, AccountJson(*a));
            },
            "Change an account's name, role, unit or disabled state", "accounts");
  guard.Add(router, "GET", "/api/accounts/{id}/history", "account:read",
            [&accounts](Call& call) {
              auto history = accounts.History(call.subject(), call.request.path_params.at("id"));
              if (!history.ok()) return ErrorResponse(history.status());
              json items = json::array();
              for (const auto& v : *history) {
                items.push_back({{"version", v.version}, {"display_name", v.display_name},
                                 {"role", v.role}, {"unit_code", v.unit_code},
                                 {"is_disabled", v.is_disabled}, {"replaced_at", v.replaced_at},
                                 {"replaced_by", v.replaced_by}});
              }
              return JsonResponse(200, {{"items", items}});
            },
            "Earlier versions of an account, oldest first", "accounts");
  guard.Add(router, "POST", "/api/accounts/{id}/password-reset", "account:update",
            [&accounts](Call& call) {
              auto password = accounts.ResetPassword(call.subject(), call.actor, call.request.path_params.at("id"));
              if (!password.ok()) return ErrorResponse(password.status());
              return JsonResponse(200, {{"one_time_password", *password}});
            },
            "Set a one-time password that must be changed at the next sign-in", "accounts");
}

}  // namespace pcmd::api
