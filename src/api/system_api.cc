#include "api/system_api.h"

#include <memory>
#include <mutex>

#include "api/errors.h"
#include "api/openapi.h"

namespace pcmd::api {

void AddHealthRoute(http::Router& router, store::Database& db, std::string version) {
  router.Add({"GET", "/api/health",
              [&db, version](http::Request&) {
                if (auto s = db.Ping(); !s.ok()) return ErrorResponse(s);
                auto schema = db.SchemaVersion();
                if (!schema.ok()) return ErrorResponse(schema.status());
                auto demo = db.GetSetting("demo");
                return JsonResponse(200, {{"status", "ok"},
                                          {"engine", std::string(store::EngineName(db.engine()))},
                                          {"schema_version", *schema},
                                          {"version", version},
                                          {"demo", demo.ok() && *demo == "1"}});
              },
              "Store reachable, schema and build version", "system", 0, "public"});
}

void AddOpenApiRoute(http::Router& router, std::string version,
                     std::map<std::string, nlohmann::json> extra_operations, nlohmann::json extra_schemas) {
  // Built on first use, when every route is in the table.
  auto cache = std::make_shared<std::pair<std::once_flag, std::string>>();
  const http::Router* table = &router;
  router.Add({"GET", "/api/openapi.json",
              [cache, table, version, extra_operations, extra_schemas](http::Request&) {
                std::call_once(cache->first, [&] {
                  cache->second =
                      OpenApiDocument(*table, version, nullptr, extra_operations, extra_schemas).dump();
                });
                http::Response r;
                r.body = cache->second;
                return r;
              },
              "This OpenAPI document", "system", 0, "public"});
}

}  // namespace pcmd::api
