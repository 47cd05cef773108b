#include "api/record_merge_api.h"

#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using records::FieldKind;
using records::RecordType;

}  // namespace

void AddRecordMergeRoutes(http::Router& router, Guard& guard, records::RecordStore& store,
                          const std::vector<const RecordType*>& types) {
  for (const RecordType* type_ptr : types) {
    const RecordType& type = *type_ptr;
    if (!type.same_as) continue;
    const std::string base_path = "/api/" + type.path;
    const std::string resource(access::ResourceId(type.resource));
    guard.Add(router, "GET", base_path + "/duplicates", resource + ":read",
              [&store, &type](Call& call) {
                QueryParams q(call.request);
                const std::string unit = q.Text("unit", 20).value_or("");
                records::Values values;
                for (const auto& f : type.fields) {
                  if (f.kind != FieldKind::kText) continue;
                  if (auto v = q.Text(f.name, f.max_length)) values[f.name] = *v;
                }
                std::optional<std::string> exclude = q.Text("exclude", 64);
                if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
                if (unit.empty()) {
                  return ErrorResponse(base::Validation::Fail("unit", "required", "Cần chọn đơn vị", "unit is required"));
                }
                auto found = store.FindDuplicates(call.subject(), type, unit, values, exclude.value_or(""));
                if (!found.ok()) return ErrorResponse(found.status());
                json items = json::array();
                for (const auto& d : *found) {
                  json item = {{"id", d.record.id}, {"unit", d.record.unit_code}, {"date", d.record.date.ToString()},
                               {"version", d.record.version}, {"matched_on", d.field}};
                  for (const auto& f : type.fields) {
                    auto it = d.record.values.find(f.name);
                    if (f.kind == FieldKind::kText && it != d.record.values.end()) {
                      if (const auto* text = std::get_if<std::string>(&it->second)) item[f.name] = *text;
                    }
                  }
                  items.push_back(item);
                }
                return JsonResponse(200, {{"items", items}});
              },
              "The stored " + type.label_en + " records a new one would likely duplicate", type.path);
    guard.Add(router, "POST", base_path + "/{id}/merge", resource + ":update",
              [&store, &type, types](Call& call) {
                auto reader = BodyReader::Parse(call.request.body);
                if (!reader.ok()) return ErrorResponse(reader.status());
                const std::string into = reader->String("into", true, 64).value_or("");
                const std::int64_t version = reader->Int("version", true).value_or(0);
                if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
                auto kept = store.Merge(call.subject(), call.actor, type, call.request.path_params.at("id"), version,
                                        into, types);
                if (!kept.ok()) return ErrorResponse(kept.status());
                return JsonResponse(200, {{"id", kept->id}, {"merged", call.request.path_params.at("id")}});
              },
              "Merge a " + type.label_en + " record into another: references move to the kept one", type.path);
  }
}

void AddAssignableAccountsRoutes(http::Router& router, Guard& guard, const access::Policy& policy,
                                 const access::UnitContainment& units, access::AccountStore& accounts,
                                 const std::vector<const RecordType*>& types) {
  for (const RecordType* type_ptr : types) {
    const RecordType& type = *type_ptr;
    if (type.assignee_field.empty()) continue;
    guard.Add(router, "GET", "/api/" + type.path + "/assignable-accounts", std::string(access::ResourceId(type.resource)) + ":read",
              [&policy, &units, &accounts, &type](Call& call) {
                QueryParams q(call.request);
                const std::string unit = q.Text("unit", 20).value_or("");
                if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
                if (unit.empty()) {
                  return ErrorResponse(base::Validation::Fail("unit", "required", "Cần chọn đơn vị", "unit is required"));
                }
                json items = json::array();
                // Only for units the caller works in: nobody learns who works elsewhere.
                if (call.subject().unit_code == "VN" || units.Contains(call.subject().unit_code, unit)) {
                  auto all = accounts.ListSystem();
                  if (!all.ok()) return ErrorResponse(all.status());
                  for (const auto& a : *all) {
                    if (a.is_disabled) continue;
                    const access::Subject who{a.id, a.role, a.unit_code};
                    if (!policy.Allows(who, access::Action::kRead, {type.resource, unit, {a.id}})) continue;
                    items.push_back({{"id", a.id}, {"display_name", a.display_name},
                                     {"role", std::string(access::RoleId(a.role))}, {"unit", a.unit_code}});
                  }
                }
                return JsonResponse(200, {{"items", items}});
              },
              "Accounts that could be named in a " + type.label_en + " record at a unit", type.path);
  }
}

void DescribeRecordMergeRoutes(const std::vector<const RecordType*>& types, std::map<std::string, json>& ops) {
  const json error = {{"description", "error"},
                      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  const json object = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  for (const RecordType* t : types) {
    const std::string base = "/api/" + t->path;
    if (!t->assignee_field.empty()) {
      json listed = object;
      listed["description"] = "accounts: id, display_name, role, unit";
      ops["GET " + base + "/assignable-accounts"] = {
          {"parameters", json::array({{{"name", "unit"}, {"in", "query"}, {"required", true}, {"schema", {{"type", "string"}}}}})},
          {"responses", {{"200", listed}, {"403", error}, {"422", error}}}};
    }
    if (!t->same_as) continue;
    json params = json::array({{{"name", "unit"}, {"in", "query"}, {"required", true}, {"schema", {{"type", "string"}}}},
                               {{"name", "exclude"}, {"in", "query"}, {"required", false},
                                {"description", "a record id to leave out (the record being edited)"},
                                {"schema", {{"type", "string"}}}}});
    for (const auto& f : t->fields) {
      if (f.kind == FieldKind::kText) {
        params.push_back({{"name", f.name}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
      }
    }
    json listed = object;
    listed["description"] = "likely duplicates, with the field they matched on";
    ops["GET " + base + "/duplicates"] = {{"parameters", params}, {"responses", {{"200", listed}, {"400", error}, {"403", error}, {"422", error}}}};
    json merged = object;
    merged["description"] = "merged: the kept record's id";
    ops["POST " + base + "/{id}/merge"] = {
        {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}, {"properties", {{"into", {{"type", "string"}}}, {"version", {{"type", "integer"}}}}}}}}}}}}},
        {"responses", {{"200", merged}, {"404", error}, {"409", error}, {"422", error}}}};
  }
}

}  // namespace pcmd::api
