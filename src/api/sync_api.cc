#include "api/sync_api.h"

#include "api/errors.h"
#include "base/digest.h"
#include "base/id.h"
#include "store/idempotency.h"

namespace pcmd::api {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxOperations = 200;
constexpr std::size_t kMaxSyncBody = 8 * 1024 * 1024;

// A reply as JSON: the body when it is JSON, else null (files are not synced).
json ReplyJson(const http::Response& r) {
  if (r.body.empty()) return nullptr;
  json j = json::parse(r.body, nullptr, false);
  return j.is_discarded() ? json(nullptr) : j;
}

json ErrorJson(const base::Status& status) { return ReplyJson(ErrorResponse(status)); }

}  // namespace

void AddSyncRoutes(http::Router& router, Guard& guard, store::Database& db) {
  auto keys = std::make_shared<store::IdempotencyKeys>(db);
  guard.Add(
      router, "POST", "/api/sync", "signed_in",
      [&router, keys](Call& call) {
        json body = json::parse(call.request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("operations") || !body["operations"].is_array()) {
          return ErrorResponse(base::Validation::Fail("operations", "required", "Thiếu danh sách thao tác cần đồng bộ",
                                                      "operations is a list of the writes to apply"));
        }
        const json& ops = body["operations"];
        if (ops.size() > kMaxOperations) {
          return ErrorResponse(base::Validation::Fail("operations", "too_many",
                                                      "Tối đa " + std::to_string(kMaxOperations) + " thao tác mỗi lần",
                                                      "at most " + std::to_string(kMaxOperations) + " operations a batch"));
        }
        const std::string account = call.subject().account_id;
        json results = json::array();
        for (std::size_t i = 0; i < ops.size(); ++i) {
          const json& op = ops[i];
          const std::string field = "operations[" + std::to_string(i) + "]";
          auto fail = [&](const std::string& key, const base::Status& s, int status) {
            results.push_back({{"key", key}, {"status", status}, {"body", ErrorJson(s)}, {"replayed", false}});
          };
          const std::string key = op.is_object() && op.value("key", json()).is_string() ? op["key"].get<std::string>() : "";
          const std::string method = op.is_object() && op.value("method", json()).is_string() ? op["method"].get<std::string>() : "";
          const std::string path = op.is_object() && op.value("path", json()).is_string() ? op["path"].get<std::string>() : "";
          if (!base::IsUuid(key)) {
            fail(key, base::Validation::Fail(field + ".key", "invalid_value", "Khóa thao tác phải là một UUID tạo trên máy",
                                             "key is a UUID made on the device"), 422);
            continue;
          }
          if (method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") {
            fail(key, base::Validation::Fail(field + ".method", "invalid_value", "Chỉ đồng bộ thao tác ghi (POST, PUT, PATCH, DELETE)",
                                             "method is POST, PUT, PATCH or DELETE"), 422);
            continue;
          }
          if (path.rfind("/api/", 0) != 0 || path.find('?') != std::string::npos || path.rfind("/api/sync", 0) == 0 ||
              path.rfind("/api/auth/", 0) == 0) {
            fail(key, base::Validation::Fail(field + ".path", "invalid_value", "Đường dẫn không được phép đồng bộ",
                                             "path is an API path of a record (no query, not sign-in, not sync)"), 422);
            continue;
          }
          const std::string payload = op.contains("body") && !op["body"].is_null() ? op["body"].dump() : "";
          const std::string digest = base::Sha256Hex(method + " " + path + "\n" + payload);
          auto claim = keys->Begin(account, key, digest);
          if (!claim.ok()) {
            fail(key, claim.status(), 503);
            continue;
          }
          using State = store::IdempotencyKeys::State;
          if (claim->state == State::kDone) {
            json reply = json::parse(claim->reply, nullptr, false);
            results.push_back({{"key", key}, {"status", claim->status},
                               {"body", reply.is_discarded() ? json(nullptr) : reply}, {"replayed", true}});
            continue;
          }
          if (claim->state == State::kReused) {
            fail(key, base::Validation::Fail(field + ".key", "idempotency_key_reused",
                                             "Khóa này đã dùng cho một thao tác khác",
                                             "this key was used for another operation"), 422);
            continue;
          }
          if (claim->state == State::kInProgress) {
            fail(key, base::Conflict("this operation is still being applied").WithVi("Thao tác này đang được xử lý").WithMachineCode("in_progress"), 409);
            continue;
          }
          // Applied as the caller would send it on its own, through the same route and guard.
          http::Request one = call.request;
          one.method = method;
          one.path = path;
          one.query.clear();
          one.body = payload;
          one.path_params.clear();
          one.request_id = call.request.request_id + "-" + std::to_string(i + 1);
          const http::Route* route = nullptr;
          http::Response reply;
          switch (router.Match(method, path, &route, one.path_params)) {
            case http::Router::MatchResult::kFound:
              one.route = route->pattern;
              reply = route->handler(one);
              break;
            case http::Router::MatchResult::kWrongMethod:
              reply = ErrorResponse(base::Status(base::StatusCode::kInvalidArgument, "method not allowed on this path")
                                        .WithVi("Phương thức không dùng được cho đường dẫn này")
                                        .WithMachineCode("method_not_allowed"));
              reply.status = 405;
              break;
            case http::Router::MatchResult::kNoPath:
              reply = ErrorResponse(base::NotFound("no such path").WithVi("Không tìm thấy").WithMachineCode("not_found"));
              break;
          }
          // A reply the device must act on (a refusal, a conflict) is kept as well: sent again,
          // the same operation gets the same answer. Only a failure of the server itself lets the
          // key go, so that the operation can be sent again.
          if (reply.status >= 500) {
            (void)keys->Release(account, key);
          } else if (auto s = keys->Finish(account, key, reply.status, reply.body); !s.ok()) {
            (void)keys->Release(account, key);
          }
          results.push_back({{"key", key}, {"status", reply.status}, {"body", ReplyJson(reply)}, {"replayed", false}});
        }
        return JsonResponse(200, {{"results", results}});
      },
      "Apply the writes a device queued offline, in order, each once for its idempotency key", "sync");
  router.SetMaxBody("POST", "/api/sync", kMaxSyncBody);
}

void DescribeSyncRoutes(std::map<std::string, nlohmann::json>& ops, nlohmann::json& schemas) {
  const json str = {{"type", "string"}};
  schemas["SyncOperation"] = {{"type", "object"},
                              {"required", {"key", "method", "path"}},
                              {"properties",
                               {{"key", {{"type", "string"}, {"format", "uuid"}}},
                                {"method", {{"type", "string"}, {"enum", {"POST", "PUT", "PATCH", "DELETE"}}}},
                                {"path", str},
                                {"body", {{"type", "object"}}}}}};
  schemas["SyncResult"] = {{"type", "object"},
                           {"properties",
                            {{"key", str},
                             {"status", {{"type", "integer"}}},
                             {"body", {{"type", "object"}, {"nullable", true}}},
                             {"replayed", {{"type", "boolean"}}}}}};
  const json error = {{"description", "error"},
                      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  ops["POST /api/sync"] = {
      {"requestBody",
       {{"required", true},
        {"content",
         {{"application/json",
           {{"schema",
             {{"type", "object"},
              {"properties",
               {{"operations", {{"type", "array"}, {"maxItems", kMaxOperations},
                                {"items", {{"$ref", "#/components/schemas/SyncOperation"}}}}}}}}}}}}}}},
      {"responses",
       {{"200",
         {{"description", "one result per operation, in order"},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"properties",
                 {{"results", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/SyncResult"}}}}}}}}}}}}}}},
        {"400", error},
        {"401", error},
        {"403", error},
        {"413", error},
        {"422", error}}}};
}

}  // namespace pcmd::api
