#include "api/audit_api.h"

#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/query_params.h"

namespace pcmd::api {

void AddAuditRoutes(http::Router& router, Guard& guard, store::Database& db) {
  guard.Add(router, "GET", "/api/audit", "audit:read",
            [&db](Call& call) {
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
              auto page = db.ReadAudit(query);
              if (!page.ok()) return ErrorResponse(page.status());
              (void)db.AuditOnly(call.actor, "read", "audit", "", "ok");
              nlohmann::json items = nlohmann::json::array();
              for (const auto& e : page->first) {
                items.push_back({{"seq", e.seq}, {"at", e.at}, {"actor", e.actor}, {"role", e.role},
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
                                        {"problem", v->problem}, {"head_hash", v->head_hash}});
            },
            "Walk the hash chain and name the first bad entry", "audit");
}

}  // namespace pcmd::api
