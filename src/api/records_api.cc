#include "api/records_api.h"

#include <nlohmann/json.hpp>

#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"
#include "base/csv.h"
#include "base/text.h"
#include "domain/records/record_io.h"
#include "exports/table_file.h"
#include "exports/xlsx_writer.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using records::FieldKind;
using records::RecordType;
using records::Value;

std::string KindName(FieldKind k) {
  switch (k) {
    case FieldKind::kText: return "text";
    case FieldKind::kInteger: return "integer";
    case FieldKind::kDate: return "date";
    case FieldKind::kCode: return "code";
    case FieldKind::kCodes: return "codes";
    case FieldKind::kBool: return "boolean";
    case FieldKind::kUnit: return "unit";
    case FieldKind::kUrl: return "url";
    case FieldKind::kRef: return "reference";
    case FieldKind::kFile: return "file";
    case FieldKind::kAccounts: return "accounts";
  }
  return "text";
}

json ValueJson(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) return *l;
  return nullptr;
}

json RecordJson(const RecordType& type, const records::Record& r) {
  json out = {{"id", r.id},           {"type", type.path},         {"unit", r.unit_code},
              {"date", r.date.ToString()}, {"version", r.version},  {"created_at", r.created_at},
              {"updated_at", r.updated_at}, {"created_by", r.created_by}, {"updated_by", r.updated_by}};
  for (const auto& f : type.fields) {
    auto it = r.values.find(f.name);
    out[f.name] = it == r.values.end() ? json(nullptr) : ValueJson(it->second);
  }
  return out;
}

// A record as the caller is shown it: the references it may not follow (a peer group it does not
// lead) are null and named in "hidden_fields" (RecordStore::HideUnfollowable).
json ShownJson(const records::RecordStore& store, const Call& call, const RecordType& type, records::Record r) {
  const std::vector<std::string> hidden = store.HideUnfollowable(call.subject(), type, r);
  json out = RecordJson(type, r);
  if (!hidden.empty()) out["hidden_fields"] = hidden;
  return out;
}

// Reads the type's fields from a JSON body by their kinds; null clears a field.
records::Values ReadValues(const RecordType& type, const json& body, BodyReader& reader) {
  records::Values values;
  for (const auto& f : type.fields) {
    if (!body.contains(f.name)) continue;
    const json& v = body.at(f.name);
    if (v.is_null()) {
      reader.MarkKnown(f.name);
      values[f.name] = std::monostate{};
      continue;
    }
    switch (f.kind) {
      case FieldKind::kInteger:
        if (auto n = reader.Int(f.name, false)) values[f.name] = *n;
        break;
      case FieldKind::kBool:
        if (auto b = reader.Bool(f.name, false)) values[f.name] = *b;
        break;
      case FieldKind::kCodes:
      case FieldKind::kAccounts:
        if (v.is_array()) {
          if (auto l = reader.StringList(f.name, false)) values[f.name] = *l;
        } else {
          reader.AddError(f.name, "invalid_type", f.label_vi + " phải là danh sách mã",
                          f.label_en + " must be a list of codes");
        }
        break;
      default:
        if (auto s = reader.String(f.name, false, 100000)) values[f.name] = *s;
    }
  }
  return values;
}

records::RecordQuery ReadQuery(const RecordType& type, QueryParams& q) {
  records::RecordQuery query;
  query.unit = q.Text("unit", 20);
  q.DateRange(query.from, query.to);
  query.text = q.Text("q", 100);
  for (const auto& f : type.fields) {
    if (f.kind == FieldKind::kCode || f.kind == FieldKind::kRef) {
      if (auto v = q.Text(f.name, 64)) query.equals[f.name] = *v;
    }
  }
  return query;
}

http::Response CreateOrChange(records::RecordStore& store, const RecordType& type, Call& call,
                              bool is_create) {
  auto reader = BodyReader::Parse(call.request.body);
  if (!reader.ok()) return ErrorResponse(reader.status());
  const json body = json::parse(call.request.body, nullptr, false);
  std::optional<std::string> id, unit;
  std::optional<base::Date> date;
  std::int64_t version = 0;
  bool is_duplicate_confirmed = false;
  if (is_create) {
    id = reader->String("id", false, 64);
    unit = reader->String("unit", true, 20);
    date = reader->Date("date", true);
    if (type.same_as) is_duplicate_confirmed = reader->Bool("confirm_not_duplicate", false).value_or(false);
  } else {
    version = reader->Int("version", true).value_or(0);
    unit = reader->String("unit", false, 20);
    date = reader->Date("date", false);
  }
  records::Values values = ReadValues(type, body, *reader);
  if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
  if (is_create) {
    bool created = false;
    auto r = store.Create(call.subject(), call.actor, type,
                          {id, unit.value_or(""), date.value_or(base::Date()), values, is_duplicate_confirmed},
                          &created);
    if (!r.ok()) return ErrorResponse(r.status());
    return JsonResponse(created ? 201 : 200, ShownJson(store, call, type, *r));
  }
  const std::string& record_id = call.request.path_params.at("id");
  auto r = store.Update(call.subject(), call.actor, type, record_id, {version, unit, date, values});
  if (!r.ok() && r.status().machine_code() == "stale_version") {
    if (auto now = store.Get(call.subject(), type, record_id); now.ok()) {
      return StaleResponse(r.status(), ShownJson(store, call, type, *now));
    }
  }
  if (!r.ok()) return ErrorResponse(r.status());
  return JsonResponse(200, ShownJson(store, call, type, *r));
}

json TypeJson(const RecordType& type) {
  json fields = json::array();
  for (const auto& f : type.fields) {
    json field = {{"name", f.name},         {"kind", KindName(f.kind)}, {"required", f.required},
                  {"label_vi", f.label_vi}, {"label_en", f.label_en}};
    if (f.kind == FieldKind::kText || f.kind == FieldKind::kUrl) field["max_length"] = f.max_length;
    if (f.kind == FieldKind::kInteger) {
      field["min"] = f.min;
      field["max"] = f.max;
    }
    if (!f.code_list.empty()) field["code_list"] = f.code_list;
    if (!f.reference_type.empty()) field["reference_type"] = f.reference_type;
    fields.push_back(field);
  }
  return {{"id", type.id},
          {"path", type.path},
          {"label_vi", type.label_vi},
          {"label_en", type.label_en},
          {"date_label_vi", type.date_label_vi},
          {"date_label_en", type.date_label_en},
          {"unit_levels", type.unit_levels},
          {"resource", std::string(access::ResourceId(type.resource))},
          {"fields", fields}};
}

// The export's rows as a worksheet: integers and dates typed, the rest text.
exports::Sheet ToSheet(const RecordType& type, const std::vector<std::vector<std::string>>& rows) {
  exports::Sheet sheet;
  sheet.name = type.label_vi;
  for (const auto& header : rows.front()) sheet.columns.push_back({header, 0});
  std::vector<FieldKind> kinds = {FieldKind::kText, FieldKind::kText, FieldKind::kText, FieldKind::kDate};
  for (const auto& f : type.fields) kinds.push_back(f.kind);
  kinds.push_back(FieldKind::kInteger);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::vector<exports::Cell> cells;
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& text = rows[r][c];
      if (text.empty()) {
        cells.emplace_back(std::monostate{});
      } else if (kinds[c] == FieldKind::kInteger) {
        cells.emplace_back(static_cast<std::int64_t>(std::atoll(text.c_str())));
      } else if (kinds[c] == FieldKind::kDate && base::Date::Parse(text).ok()) {
        cells.emplace_back(base::Date::Parse(text).value());
      } else {
        cells.emplace_back(text);
      }
    }
    sheet.rows.push_back(std::move(cells));
  }
  return sheet;
}

}  // namespace

base::Result<RecordsFileBytes> RecordsFile(const RecordType& type, const std::vector<records::Record>& items,
                                           const std::map<std::string, std::string>& unit_names,
                                           const std::string& format) {
  const auto rows = records::SheetRows(type, items, unit_names);
  if (format == "xlsx") {
    PCMD_ASSIGN_OR_RETURN(std::string bytes, exports::WriteXlsx({ToSheet(type, rows)}));
    return RecordsFileBytes{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(bytes)};
  }
  std::string csv = "\xEF\xBB\xBF";  // a BOM, so that spreadsheet programs read UTF-8
  for (const auto& row : rows) csv += base::CsvLine(row);
  return RecordsFileBytes{"text/csv; charset=utf-8", std::move(csv)};
}

void AddRecordRoutes(http::Router& router, Guard& guard, store::Database& db,
                     records::RecordStore& store, records::CodeLists& code_lists,
                     const units::UnitTree& units, std::vector<const RecordType*> types) {
  guard.Add(router, "GET", "/api/record-types", "signed_in",
            [types](Call&) {
              json items = json::array();
              for (const auto* t : types) items.push_back(TypeJson(*t));
              return JsonResponse(200, {{"items", items}});
            },
            "The record types with their fields, for forms and spreadsheets", "records");
  guard.Add(router, "GET", "/api/code-lists/{list}", "signed_in",
            [&code_lists](Call& call) {
              auto codes = code_lists.Get(call.request.path_params.at("list"));
              if (!codes.ok()) return ErrorResponse(codes.status());
              json items = json::array();
              for (const auto& c : *codes) {
                items.push_back({{"code", c.code}, {"label_vi", c.label_vi}, {"label_en", c.label_en},
                                 {"sort", c.sort}, {"is_active", c.is_active}});
              }
              return JsonResponse(200, {{"items", items}});
            },
            "The codes of an editable list", "records");
  guard.Add(router, "PUT", "/api/code-lists/{list}/{code}", "code_list:update",
            [&code_lists](Call& call) {
              auto reader = BodyReader::Parse(call.request.body);
              if (!reader.ok()) return ErrorResponse(reader.status());
              records::Code c;
              c.code = call.request.path_params.at("code");
              c.label_vi = reader->String("label_vi", true, 200).value_or("");
              c.label_en = reader->String("label_en", false, 200).value_or("");
              c.sort = static_cast<int>(reader->Int("sort", false).value_or(50));
              c.is_active = reader->Bool("is_active", false).value_or(true);
              if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
              const std::string list = call.request.path_params.at("list");
              if (auto s = code_lists.Put(call.actor, list, c); !s.ok()) return ErrorResponse(s);
              return JsonResponse(200, {{"code", c.code}, {"label_vi", c.label_vi},
                                        {"label_en", c.label_en}, {"sort", c.sort},
                                        {"is_active", c.is_active}});
            },
            "Add a code to a list, or change its labels, order or active flag", "records");

  for (const RecordType* type_ptr : types) {
    const RecordType& type = *type_ptr;
    const std::string base_path = "/api/" + type.path;
    const std::string resource(access::ResourceId(type.resource));
    // The fixed sub-paths first: the router takes the first pattern that matches.
    guard.Add(router, "GET", base_path + "/export", resource + ":export",
              [&store, &db, &units, &type](Call& call) {
                QueryParams q(call.request);
                records::RecordQuery query = ReadQuery(type, q);
                const std::string format = q.Enum("format", {"csv", "xlsx"}).value_or("csv");
                query.limit = 100000;
                if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
                auto page = store.List(call.subject(), type, query);
                if (!page.ok()) return ErrorResponse(page.status());
                for (auto& r : page->items) store.HideUnfollowable(call.subject(), type, r);
                std::map<std::string, std::string> names;
                if (auto parents = units.List({.date = base::Date::Today(), .limit = 100000}); parents.ok()) {
                  for (const auto& u : parents->items) names[u.code] = u.name;
                }
                auto file = RecordsFile(type, page->items, names, format);
                if (!file.ok()) return ErrorResponse(file.status());
                http::Response r;
                r.content_type = file->content_type;
                r.body = std::move(file->bytes);
                (void)db.AuditOnly(call.actor, "export", type.id, std::to_string(page->items.size()), "ok");
                r.WithHeader("Content-Disposition",
                             "attachment; filename=\"" + type.path + "." + format + "\"");
                return r;
              },
              "Export the list (same filters) as CSV laid out for re-import", type.path);
    guard.Add(router, "POST", base_path + "/import", resource + ":create",
              [&store, &code_lists, &type](Call& call) {
                QueryParams q(call.request);
                const std::string mode = q.Enum("mode", {"all", "valid"}).value_or("all");
                if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
                auto cells = exports::ReadTableFile(call.request.body);
                if (!cells.ok()) return ErrorResponse(cells.status());
                auto report = records::ImportSheet(store, call.subject(), call.actor, type, *cells,
                                                   code_lists, mode == "valid");
                if (!report.ok()) return ErrorResponse(report.status());
                return ImportReply(*report);
              },
              "Import a CSV file laid out like the export: the whole file, or the valid rows", type.path);
    router.SetMaxBody("POST", base_path + "/import", 16u << 20);
    guard.Add(router, "GET", base_path, resource + ":read",
              [&store, &type](Call& call) {
                QueryParams q(call.request);
                records::RecordQuery query = ReadQuery(type, q);
                query.limit = q.Limit();
                query.offset = q.Offset();
                if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
                auto page = store.List(call.subject(), type, query);
                if (!page.ok()) return ErrorResponse(page.status());
                json items = json::array();
                for (const auto& r : page->items) items.push_back(ShownJson(store, call, type, r));
                return JsonResponse(200, {{"items", items}, {"total", page->total},
                                          {"limit", query.limit}, {"offset", query.offset}});
              },
              "List " + type.label_en + " records with filters", type.path);
    guard.Add(router, "POST", base_path, resource + ":create",
              [&store, &type](Call& call) { return CreateOrChange(store, type, call, true); },
              "Create a " + type.label_en + " record (a re-sent id creates nothing)", type.path);
    guard.Add(router, "GET", base_path + "/{id}", resource + ":read",
              [&store, &type](Call& call) {
                auto r = store.Get(call.subject(), type, call.request.path_params.at("id"));
                if (!r.ok()) return ErrorResponse(r.status());
                return JsonResponse(200, ShownJson(store, call, type, *r));
              },
              "One " + type.label_en + " record", type.path);
    guard.Add(router, "PATCH", base_path + "/{id}", resource + ":update",
              [&store, &type](Call& call) { return CreateOrChange(store, type, call, false); },
              "Change a " + type.label_en + " record (send its version)", type.path);
    guard.Add(router, "DELETE", base_path + "/{id}", resource + ":delete",
              [&store, &type](Call& call) {
                QueryParams q(call.request);
                std::int64_t version = 0;
                if (auto v = call.request.Query("version")) {
                  version = std::atoll(v->c_str());
                } else if (auto m = call.request.Header("if-match")) {
                  version = std::atoll(m->c_str() + (m->size() && (*m)[0] == '"' ? 1 : 0));
                }
                if (version <= 0) {
                  return ErrorResponse(base::Validation::Fail("version", "required",
                                                              "Cần gửi phiên bản của bản ghi",
                                                              "send the record's version"));
                }
                const std::string& record_id = call.request.path_params.at("id");
                auto r = store.Delete(call.subject(), call.actor, type, record_id, version);
                if (!r.ok() && r.status().machine_code() == "stale_version") {
                  if (auto now = store.Get(call.subject(), type, record_id); now.ok()) {
                    return StaleResponse(r.status(), ShownJson(store, call, type, *now));
                  }
                }
                if (!r.ok()) return ErrorResponse(r.status());
                return JsonResponse(200, ShownJson(store, call, type, *r));
              },
              "Delete a " + type.label_en + " record (kept in its history)", type.path);
    guard.Add(router, "GET", base_path + "/{id}/history", resource + ":read",
              [&store, &type](Call& call) {
                auto h = store.History(call.subject(), type, call.request.path_params.at("id"));
                if (!h.ok()) return ErrorResponse(h.status());
                json items = json::array();
                for (const auto& v : *h) {
                  json entry = ShownJson(store, call, type, v.record);
                  entry["op"] = v.op;
                  entry["changed_at"] = v.changed_at;
                  entry["changed_by"] = v.changed_by;
                  items.push_back(entry);
                }
                return JsonResponse(200, {{"items", items}});
              },
              "Every version of a " + type.label_en + " record, oldest first", type.path);
  }
}

}  // namespace pcmd::api

namespace pcmd::api {

void DescribeRecordRoutes(const std::vector<const RecordType*>& types,
                          std::map<std::string, json>& ops, json& schemas) {
  auto ref = [](const std::string& name) { return json{{"$ref", "#/components/schemas/" + name}}; };
  auto reply = [&](const std::string& d, json schema) {
    return json{{"description", d}, {"content", {{"application/json", {{"schema", schema}}}}}};
  };
  const json error = reply("error", ref("Error"));
  auto param = [](const std::string& name, const std::string& d, json schema) {
    return json{{"name", name}, {"in", "query"}, {"required", false}, {"description", d}, {"schema", schema}};
  };
  const json str = {{"type", "string"}};
  ops["GET /api/record-types"] = {{"responses", {{"200", reply("record types", {{"type", "object"}})}}}};
  ops["GET /api/code-lists/{list}"] = {{"responses", {{"200", reply("codes", {{"type", "object"}})}, {"404", error}}}};
  ops["PUT /api/code-lists/{list}/{code}"] = {
      {"requestBody", {{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}, {"properties", {{"label_vi", str}, {"label_en", str}, {"sort", {{"type", "integer"}}}, {"is_active", {{"type", "boolean"}}}}}}}}}}}}},
      {"responses", {{"200", reply("the code", {{"type", "object"}})}, {"403", error}, {"404", error}, {"422", error}}}};
  for (const RecordType* t : types) {
    const std::string name = "Record_" + t->id;
    json props = {{"id", {{"type", "string"}, {"format", "uuid"}}},
                  {"unit", {{"type", "string"}, {"description", "GSO unit code"}}},
                  {"date", {{"type", "string"}, {"format", "date"}}},
                  {"version", {{"type", "integer"}}},
                  {"hidden_fields",
                   {{"type", "array"},
                    {"items", {{"type", "string"}}},
                    {"readOnly", true},
                    {"description", "references the caller may not follow (a peer group it does not lead): shown "
                                    "as null; only when there are any"}}}};
    json required = {"unit", "date"};
    for (const auto& f : t->fields) {
      json schema;
      switch (f.kind) {
        case FieldKind::kInteger: schema = {{"type", "integer"}, {"minimum", f.min}, {"maximum", f.max}}; break;
        case FieldKind::kBool: schema = {{"type", "boolean"}}; break;
        case FieldKind::kCodes:
        case FieldKind::kAccounts: schema = {{"type", "array"}, {"items", {{"type", "string"}}}}; break;
        case FieldKind::kDate: schema = {{"type", "string"}, {"format", "date"}}; break;
        default: schema = {{"type", "string"}};
      }
      if (f.kind == FieldKind::kText || f.kind == FieldKind::kUrl) schema["maxLength"] = f.max_length;
      schema["description"] = f.label_vi + " / " + f.label_en +
                              (f.code_list.empty() ? "" : " (code list " + f.code_list + ")");
      props[f.name] = schema;
      if (f.required) required.push_back(f.name);
    }
    schemas[name] = {{"type", "object"}, {"properties", props}, {"required", required},
                     {"description", t->label_vi + " / " + t->label_en}};
    const std::string base = "/api/" + t->path;
    json list_params = {param("unit", "this unit and below", str), param("from", "first date", str),
                        param("to", "last date", str), param("period", "DHIS2 period (2023, 2023Q2, 202305)", str),
                        param("q", "text, without diacritics", str),
                        param("limit", "page size", {{"type", "integer"}}),
                        param("offset", "rows to skip", {{"type", "integer"}})};
    for (const auto& f : t->fields) {
      if (f.kind == FieldKind::kCode) list_params.push_back(param(f.name, "code of " + f.code_list, str));
      if (f.kind == FieldKind::kRef) list_params.push_back(param(f.name, "id of a " + f.reference_type, str));
    }
    const json body = {{"required", true}, {"content", {{"application/json", {{"schema", ref(name)}}}}}};
    ops["GET " + base] = {{"parameters", list_params},
                          {"responses", {{"200", reply("a page", {{"type", "object"}, {"properties", {{"items", {{"type", "array"}, {"items", ref(name)}}}, {"total", {{"type", "integer"}}}}}})}, {"400", error}, {"403", error}}}};
    ops["POST " + base] = {{"requestBody", body},
                           {"responses", {{"201", reply("created", ref(name))}, {"200", reply("the same record was sent again", ref(name))},
                                          {"400", error}, {"403", error}, {"409", error}, {"422", error}}}};
    ops["GET " + base + "/{id}"] = {{"responses", {{"200", reply("the record", ref(name))}, {"404", error}}}};
    ops["PATCH " + base + "/{id}"] = {{"requestBody", body},
                                      {"responses", {{"200", reply("the record", ref(name))}, {"404", error}, {"409", error}, {"422", error}}}};
    ops["DELETE " + base + "/{id}"] = {{"parameters", {param("version", "the record's version (or If-Match)", {{"type", "integer"}})}},
                                       {"responses", {{"200", reply("deleted (kept in history)", ref(name))}, {"404", error}, {"409", error}}}};
    ops["GET " + base + "/{id}/history"] = {{"responses", {{"200", reply("versions", {{"type", "object"}})}, {"404", error}}}};
    json export_params = list_params;
    export_params.push_back(param("format", "csv (default) or xlsx", str));
    ops["GET " + base + "/export"] = {{"parameters", export_params},
                                      {"responses", {{"200", {{"description", "CSV or XLSX file"}, {"content", {{"text/csv", {{"schema", str}}}}}}}, {"403", error}}}};
    ops["POST " + base + "/import"] = {
        {"parameters", {param("mode", "all (default): nothing unless every row is valid; valid: the valid rows", str)}},
        {"requestBody", {{"required", true}, {"content", {{"text/csv", {{"schema", str}}},
                                                          {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                                           {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
        {"responses", {{"200", reply("import report", {{"type", "object"}})}, {"422", reply("not stored; the problems by line", {{"type", "object"}})}, {"403", error}, {"413", error}}}};
  }
}

}  // namespace pcmd::api
