// The OpenAPI description of the DHIS2 routes (dhis2_api.h); openapi_test.cc checks that every
// served route is described.
#include "api/dhis2_api.h"

#include "api/openapi_parts.h"

namespace pcmd::api {

using nlohmann::json;

void DescribeDhis2Routes(std::map<std::string, json>& ops, json& schemas) {
  const auto ref = openapi::SchemaRef;
  const json str = {{"type", "string"}};
  const json integer = {{"type", "integer"}};
  const json error = {{"description", "error"},
                      {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
  const json data_value = {
      {"type", "object"},
      {"required", {"dataElement", "value"}},
      {"properties",
       {{"dataElement", str},
        {"period",
         {{"type", "string"}, {"description", "DHIS2 ISO: YYYY, YYYYSn, YYYYQn, YYYYMM"}}},
        {"orgUnit", str},
        {"categoryOptionCombo", str},
        {"attributeOptionCombo", str},
        {"value",
         {{"type", "string"}, {"description", "a plain decimal (a JSON number is taken too)"}}}}}};
  schemas["Dhis2DataValueSet"] = {
      {"type", "object"},
      {"description",
       "DHIS2 dataValueSets document; the document's period, orgUnit and attributeOptionCombo "
       "apply to data values without their own"},
      {"required", {"dataValues"}},
      {"properties",
       {{"dataSet", str},
        {"period", str},
        {"orgUnit", str},
        {"attributeOptionCombo", str},
        {"dataValues", {{"type", "array"}, {"items", data_value}}}}}};
  const json conflict = {{"type", "object"},
                         {"properties",
                          {{"row", {{"type", "integer"}, {"description", "index in dataValues"}}},
                           {"field", str},
                           {"code", str},
                           {"message", str}}}};
  schemas["Dhis2ImportSummary"] = {
      {"type", "object"},
      {"properties",
       {{"status", {{"type", "string"}, {"enum", {"SUCCESS", "ERROR"}}}},
        {"round", str},
        {"period", str},
        {"imported", integer},
        {"updated", {{"type", "integer"}, {"description", "stored again (changed or not)"}}},
        {"ignored",
         {{"type", "integer"},
          {"description", "rows of units that do not report in the round or of another period"}}},
        {"deleted", integer},
        {"conflicts", {{"type", "array"}, {"items", conflict}}}}}};
  json params = json::array();
  for (const char* p : {"plan", "unit", "period", "tree", "children", "format"}) {
    json schema = str;
    if (std::string(p) == "format") schema = {{"type", "string"}, {"enum", {"json", "adx"}}};
    if (std::string(p) == "children") schema = {{"type", "string"}, {"enum", {"true", "false"}}};
    params.push_back({{"name", p}, {"in", "query"}, {"required", false}, {"schema", schema}});
  }
  ops["GET /api/indicators/dhis2"] = {
      {"parameters", params},
      {"responses",
       {{"200",
         {{"description",
           "the values as a dataValueSets document (json) or an ADX message (adx; namespace "
           "urn:ihe:qrph:adx:2015)"},
          {"content",
           {{"application/json", {{"schema", ref("Dhis2DataValueSet")}}},
            {"application/adx+xml", {{"schema", {{"type", "string"}}}}}}}}},
        {"400", error},
        {"403", error},
        {"409", error},
        {"422", error}}}};
  ops["POST /api/report-rounds/{id}/dhis2"] = {
      {"requestBody",
       {{"required", true},
        {"content", {{"application/json", {{"schema", ref("Dhis2DataValueSet")}}}}}}},
      {"responses",
       {{"200",
         {{"description", "the import summary"},
          {"content", {{"application/json", {{"schema", ref("Dhis2ImportSummary")}}}}}}},
        {"400", error},
        {"403", error},
        {"404", error},
        {"409", error},
        {"422",
         {{"description",
           "bad rows: the error envelope with a field error per conflict "
           "(dataValues[row].field), plus the import summary (status ERROR, nothing stored)"},
          {"content", {{"application/json", {{"schema", ref("Error")}}}}}}}}}};
  ops["GET /api/report-rounds/{id}/dhis2-values"] = {
      {"responses",
       {{"200",
         {{"description", "the values imported into the round"},
          {"content",
           {{"application/json",
             {{"schema",
               {{"type", "object"},
                {"properties",
                 {{"round", str},
                  {"items",
                   {{"type", "array"},
                    {"items",
                     {{"type", "object"},
                      {"properties",
                       {{"unit", str},
                        {"target", str},
                        {"value", {{"type", "number"}}},
                        {"imported_at", str},
                        {"imported_by", str}}}}}}}}}}}}}}}}},
        {"404", error}}}};
}

}  // namespace pcmd::api
