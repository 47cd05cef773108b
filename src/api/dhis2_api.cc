#include "api/dhis2_api.h"

#include <algorithm>

#include "api/errors.h"
#include "api/indicators_query.h"
#include "api/json_body.h"
#include "api/query_params.h"
#include "domain/reporting/round_values.h"

namespace pcmd::api {
namespace {

using nlohmann::json;

base::Status NoMapping() {
  return base::FailedPrecondition("no dhis2 mapping is configured")
      .WithVi("Chưa cấu hình tệp ánh xạ DHIS2")
      .WithMachineCode("no_dhis2_mapping");
}

// The values of an indicators answer to export: each target's value for the unit and, when
// asked, each unit below; null values (suppressed, or none) are left out.
std::vector<exports::Dhis2Export> ExportsOf(const json& answer) {
  std::vector<exports::Dhis2Export> out;
  const std::string period = answer["period"].get<std::string>();
  auto add = [&](const std::string& target, const json& v) {
    if (v["value"].is_number()) {
      out.push_back({target, v["unit"].get<std::string>(), period, v["value"].get<double>()});
    }
  };
  for (const auto& item : answer["items"]) {
    const std::string target = item["id"].get<std::string>();
    add(target, item["current"]);
    if (item.contains("children")) {
      for (const auto& c : item["children"]) add(target, c);
    }
  }
  return out;
}

json DataValueSetJson(const exports::Dhis2Mapping& mapping, const std::string& org_unit,
                      const std::string& period, const std::vector<exports::Dhis2DataValue>& dv) {
  json values = json::array();
  for (const auto& v : dv) {
    json j = {{"dataElement", v.data_element}, {"period", v.period}, {"orgUnit", v.org_unit}};
    if (!v.category_option_combo.empty()) j["categoryOptionCombo"] = v.category_option_combo;
    if (!v.attribute_option_combo.empty()) j["attributeOptionCombo"] = v.attribute_option_combo;
    j["value"] = v.value;
    values.push_back(std::move(j));
  }
  return {{"dataSet", mapping.data_set},
          {"period", period},
          {"orgUnit", org_unit},
          {"dataValues", std::move(values)}};
}

// A string field of a JSON object: empty when absent or null; `bad` set when of another type.
// Values may also be numbers (DHIS2 writes them as strings; some clients send numbers).
std::string Field(const json& o, const char* key, bool is_value, bool& bad) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (is_value && it->is_number()) return it->dump();
  bad = true;
  return "";
}

struct Document {
  std::vector<exports::Dhis2ImportRow> rows;
  std::vector<exports::Dhis2Conflict> conflicts;
};

// The rows of a dataValueSets document, the document's period, orgUnit and attributeOptionCombo
// applied to rows without their own.
base::Result<Document> ReadDocument(const std::string& body, const exports::Dhis2Mapping& mapping) {
  PCMD_RETURN_IF_ERROR(BodyReader::Parse(body).status());  // malformed JSON: 400 as every route
  const json doc = json::parse(body, nullptr, false);
  auto it = doc.find("dataValues");
  if (it == doc.end() || !it->is_array()) {
    return base::Validation::Fail("dataValues", it == doc.end() ? "required" : "invalid_type",
                                  "Cần danh sách dataValues", "dataValues must be an array");
  }
  Document out;
  bool bad_top = false;
  const std::string data_set = Field(doc, "dataSet", false, bad_top);
  const std::string period = Field(doc, "period", false, bad_top);
  const std::string org_unit = Field(doc, "orgUnit", false, bad_top);
  const std::string aoc = Field(doc, "attributeOptionCombo", false, bad_top);
  if (bad_top) {
    return base::Validation::Fail(
        "dataSet", "invalid_type", "dataSet, period, orgUnit, attributeOptionCombo phải là chuỗi",
        "dataSet, period, orgUnit and attributeOptionCombo must be strings");
  }
  if (!data_set.empty() && data_set != mapping.data_set) {
    return base::Validation::Fail("dataSet", "not_mapped",
                                  "Bộ dữ liệu không phải bộ trong tệp ánh xạ",
                                  "dataSet is not the data set of the mapping");
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& row = (*it)[i];
    if (!row.is_object()) {
      out.conflicts.push_back(
          {i, "dataValues", "invalid_type", "each data value must be an object"});
      out.rows.emplace_back();
      continue;
    }
    bool bad = false;
    exports::Dhis2ImportRow r{Field(row, "dataElement", false, bad),
                              Field(row, "categoryOptionCombo", false, bad),
                              Field(row, "attributeOptionCombo", false, bad),
                              Field(row, "orgUnit", false, bad),
                              Field(row, "period", false, bad),
                              Field(row, "value", true, bad)};
    if (bad) {
      out.conflicts.push_back(
          {i, "dataValues", "invalid_type",
           "dataElement, orgUnit, period and the combos must be strings, value a "
           "string or a number"});
    }
    if (r.period.empty()) r.period = period;
    if (r.org_unit.empty()) r.org_unit = org_unit;
    if (r.attribute_option_combo.empty()) r.attribute_option_combo = aoc;
    out.rows.push_back(std::move(r));
  }
  return out;
}

json ConflictsJson(const std::vector<exports::Dhis2Conflict>& conflicts) {
  json out = json::array();
  for (const auto& c : conflicts) {
    out.push_back({{"row", c.row}, {"field", c.field}, {"code", c.code}, {"message", c.message}});
  }
  return out;
}

// The refusal of a document with bad rows: the error envelope (422, a field error per conflict,
// named "dataValues[row].field") with the import summary of nothing stored.
http::Response Refused(const std::vector<exports::Dhis2Conflict>& conflicts) {
  base::Validation v;
  for (const auto& c : conflicts) {
    v.Add("dataValues[" + std::to_string(c.row) + "]." + c.field, c.code,
          "Dòng " + std::to_string(c.row) + ": " + c.message, c.message);
  }
  http::Response r = ErrorResponse(v.ToStatus());
  json body = json::parse(r.body, nullptr, false);
  if (body.is_object()) {
    body["status"] = "ERROR";
    body["imported"] = body["updated"] = body["ignored"] = body["deleted"] = 0;
    body["conflicts"] = ConflictsJson(conflicts);
    r.body = body.dump();
  }
  return r;
}

}  // namespace

void AddDhis2Routes(http::Router& router, Guard& guard, store::Database& db,
                    analytics::IndicatorEngine& engine, const units::UnitTree& units,
                    const access::Policy& policy,
                    std::shared_ptr<const exports::Dhis2Mapping> mapping) {
  auto values = std::make_shared<reporting::RoundValues>(db, policy);
  guard.Add(
      router, "GET", "/api/indicators/dhis2", "aggregate:read",
      [&engine, &units, &policy, mapping](Call& call) {
        QueryParams q(call.request);
        auto plan_id = q.Text("plan", 64);
        auto unit = q.Text("unit", 20);
        auto period = q.Text("period", 20);
        auto children = q.Enum("children", {"true", "false"});
        auto tree = q.Text("tree", 10);
        const std::string format = q.Enum("format", {"json", "adx"}).value_or("json");
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto query = ReadIndicatorQuery(call, engine, units, policy, plan_id, unit, period, tree);
        if (!query.ok()) return ErrorResponse(query.status());
        if (!mapping) return ErrorResponse(NoMapping());
        if (auto s = exports::CheckDhis2Period(*mapping, query->period.id); !s.ok())
          return ErrorResponse(s);
        if (auto caught = engine.CatchUp(); !caught.ok()) return ErrorResponse(caught.status());
        auto answer = IndicatorAnswer(engine, units, *query, std::nullopt, children);
        if (!answer.ok()) return ErrorResponse(answer.status());
        auto dv = exports::ToDataValues(*mapping, ExportsOf(*answer));
        if (!dv.ok()) return ErrorResponse(dv.status());
        const std::string dhis2_period = exports::ToDhis2Period(query->period.id).value_or("");
        http::Response r;
        if (format == "adx") {
          r.content_type = "application/adx+xml";
          r.body = exports::WriteAdx(*mapping, *dv, base::NowIsoUtc());
        } else {
          r = JsonResponse(200,
                           DataValueSetJson(*mapping, mapping->OrgUnitOf(query->unit).value_or(""),
                                            dhis2_period, *dv));
        }
        r.WithHeader("Content-Disposition", "attachment; filename=\"dhis2-" + query->unit + "-" +
                                                dhis2_period +
                                                (format == "adx" ? ".adx.xml\"" : ".json\""));
        return r;
      },
      "The values of GET /api/indicators (same access, same suppression) as a DHIS2 dataValueSets "
      "document (format=json) or an ADX message (format=adx) through the mapping file",
      "indicators");
  guard.Add(
      router, "POST", "/api/report-rounds/{id}/dhis2", "report_round:update",
      [values, &units, mapping](Call& call) {
        auto round = values->RoundToImport(call.subject(), call.request.path_params.at("id"));
        if (!round.ok()) return ErrorResponse(round.status());
        if (!mapping) return ErrorResponse(NoMapping());
        if (auto p = exports::ToDhis2Period(round->period.id); !p.ok()) {
          return ErrorResponse(base::FailedPrecondition("the round's period has no dhis2 period")
                                   .WithVi("Kỳ của đợt báo cáo không có trong DHIS2")
                                   .WithMachineCode("no_dhis2_period"));
        }
        auto doc = ReadDocument(call.request.body, *mapping);
        if (!doc.ok()) return ErrorResponse(doc.status());
        exports::Dhis2Resolution resolved = exports::ResolveDataValues(*mapping, doc->rows);
        std::vector<exports::Dhis2Conflict> conflicts = doc->conflicts;
        std::vector<reporting::ValueToImport> to_import;
        for (const auto& v : resolved.values) {
          if (!units.Find(v.unit_code, round->period.last).ok()) {
            conflicts.push_back({v.row, "orgUnit", "unknown_org_unit",
                                 "no unit with this code on the round's last day"});
            continue;
          }
          to_import.push_back(
              {v.row, v.unit_code, v.target, v.period, exports::FormatDhis2Value(v.value)});
        }
        for (auto& c : resolved.conflicts) {
          // a row already refused for its shape is reported once
          bool is_known = false;
          for (const auto& d : doc->conflicts) is_known = is_known || d.row == c.row;
          if (!is_known) conflicts.push_back(std::move(c));
        }
        if (!conflicts.empty()) {
          std::sort(conflicts.begin(), conflicts.end(),
                    [](const auto& a, const auto& b) { return a.row < b.row; });
          return Refused(conflicts);
        }
        auto counts = values->Import(call.subject(), call.actor, round->id, to_import);
        if (!counts.ok()) return ErrorResponse(counts.status());
        return JsonResponse(200, {{"status", "SUCCESS"},
                                  {"round", round->id},
                                  {"period", exports::ToDhis2Period(round->period.id).value_or("")},
                                  {"imported", counts->imported},
                                  {"updated", counts->updated},
                                  {"ignored", counts->ignored},
                                  {"deleted", 0},
                                  {"conflicts", json::array()}});
      },
      "Imports a DHIS2 dataValueSets document into a reporting round (the units that must report, "
      "the round's period); re-imports replace; any bad row stores nothing",
      "reporting");
  guard.Add(
      router, "GET", "/api/report-rounds/{id}/dhis2-values", "report_round:read",
      [values](Call& call) {
        const std::string& id = call.request.path_params.at("id");
        auto list = values->List(call.subject(), id);
        if (!list.ok()) return ErrorResponse(list.status());
        json items = json::array();
        for (const auto& v : *list) {
          items.push_back({{"unit", v.unit_code},
                           {"target", v.target},
                           {"value", json::parse(v.value, nullptr, false)},
                           {"imported_at", v.imported_at},
                           {"imported_by", v.imported_by}});
        }
        return JsonResponse(200, {{"round", id}, {"items", std::move(items)}});
      },
      "The values imported into a reporting round from DHIS2, by unit and target", "reporting");
}

}  // namespace pcmd::api
