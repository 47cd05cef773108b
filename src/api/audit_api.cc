#include "api/audit_api.h"

#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/query_params.h"
#include "base/date.h"

namespace pcmd::api {

namespace {

// "YYYY-MM-DD" or an ISO 8601 time starting with one.
bool IsDateOrTime(const std::string& text) {
  return text.size() >= 10 && base::Date::Parse(text.substr(0, 10)).ok() &&
         (text.size() == 10 || text[10] == 'T');
}

}  // namespace

void AddAuditRoutes(http::Router& router, Guard& guard, store::Database& db,
                    const access::AccountStore& accounts) {
  guard.Add(router, "GET", "/api/audit", "audit:read",
            [&db, &accounts](Call& call) {
              QueryParams q(call.request);
              store::AuditQuery query;
              query.actor = q.Text("actor", 64).value_or("");
              query.action = q.Text("action", 40).value_or("");
              query.entity = q.Text("entity", 40).value_or("");
              query.entity_id = q.Text("entity_id", 100).value_or("");
              query.outcome = q.Text("outcome", 20).value_or("");
              query.from = q.Text("from", 30).value_or("");
              query.to = q.Text("to", 30).value_or("");
              query.limit = q.Limit();
              query.offset = q.Offset();
              if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
              for (const auto* bound : {&query.from, &query.to}) {
                if (!bound->empty() && !IsDateOrTime(*bound)) {
                  return ErrorResponse(
                      base::Validation::Fail(bound == &query.from ? "from" : "to", "invalid_value",
                                             "Phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601",
                                             "must be a date YYYY-MM-DD or an ISO 8601 time")
                          .WithMachineCode("invalid_query"));
                }
              }
              // Account ids and user names name the same people; the filter takes either.
              std::map<std::string, std::string> usernames;
              if (auto all = accounts.ListSystem(); all.ok()) {
                for (const auto& a : *all) {
                  usernames[a.id] = a.username;
                  if (query.actor == a.username) query.actor = a.id;
                }
              }
              auto page = db.ReadAudit(query);
              if (!page.ok()) return ErrorResponse(page.status());
              (void)db.AuditOnly(call.actor, "read", "audit", "", "ok");
              nlohmann::json items = nlohmann::json::array();
              for (const auto& e : page->first) {
                auto name = usernames.find(e.actor);
                items.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor},
                                 {"actor_username", name == usernames.end() ? nlohmann::json(nullptr)
                                                                            : nlohmann::json(name->second)},
                                 {"role", e.role},
                                 {"action", e.action}, {"entity", e.entity},
                                 {"entity_id", e.entity_id}, {"outcome", e.outcome},
                                 {"request_id", e.request_id}, {"hash", e.hash}});
              }
              return JsonResponse(200, {{"items", items}, {"total", page->second},
                                        {"limit", query.limit}, {"offset", query.offset}});
            },
            "Audit entries, newest first, with filters", "audit");
  guard.Add(router, "GET", "/api/audit/verify", "audit:read",
            [&db](Call&) {
              auto v = db.VerifyAudit();
              if (!v.ok()) return ErrorResponse(v.status());
              return JsonResponse(200, {{"ok", v->ok}, {"entries", v->entries},
                                        {"first_bad_seq", v->first_bad_seq},
                                        {"problem", v->problem}, {"problem_code", v->problem_code},
                                        {"head_hash", v->head_hash}});
            },
            "Walk the hash chain and name the first bad entry", "audit");
}

}  // namespace pcmd::api
