// The OpenAPI description of the reporting routes (reporting_api.cc).
#include "api/reporting_api.h"

#include "api/openapi_parts.h"

namespace pcmd::api {

using nlohmann::json;

void DescribeReportingRoutes(std::map<std::string, json>& ops, json& schemas) {
  const auto ref = openapi::SchemaRef;
  const auto reply = openapi::JsonReply;
  const auto body = openapi::JsonBody;
  const json error = reply("error", ref("Error"));
  const json str = {{"type", "string"}};
  const json nstr = {{"type", "string"}, {"nullable", true}};
  const json integer = {{"type", "integer"}};
  const json boolean = {{"type", "boolean"}};
  const json date = {{"type", "string"}, {"format", "date"}};
  const json ndate = {{"type", "string"}, {"format", "date"}, {"nullable", true}};
  const json ntime = {{"type", "string"}, {"format", "date-time"}, {"nullable", true}};
  const json statuses = {{"type", "string"},
                         {"enum", {"missing", "draft", "submitted", "returned", "approved"}}};
  json counts_props = json::object();
  for (const char* k : {"expected", "missing", "draft", "submitted", "returned", "approved",
                        "on_time", "late", "overdue"}) {
    counts_props[k] = integer;
  }
  const json counts = {{"type", "object"},
                       {"description",
                        "the reports the caller reads, by status; on_time / late: of those ever "
                        "submitted (judged on "
                        "the first submission); overdue: not submitted yet and past the due date"},
                       {"properties", counts_props}};

  schemas["ReportRound"] = {
      {"type", "object"},
      {"description",
       "Đợt báo cáo / a reporting round: the units below that must report on a period by a due "
       "date"},
      {"properties",
       {{"id", str},
        {"name", str},
        {"kind", {{"type", "string"}, {"enum", {"six_month", "year", "final_review"}}}},
        {"period",
         {{"type", "string"},
          {"description", "YYYYH1, YYYYH2, YYYY, PYYYY-YYYY (YYYYQn, YYYYMM too)"}}},
        {"from", date},
        {"to", date},
        {"unit", str},
        {"unit_name", str},
        {"level",
         {{"type", "string"},
          {"nullable", true},
          {"description", "when the units were chosen by level"}}},
        {"units",
         {{"type", "array"}, {"items", str}, {"description", "the units that must report"}}},
        {"due_on", date},
        {"plan", str},
        {"tree_on", ndate},
        {"version", integer},
        {"created_at", str},
        {"created_by", str},
        {"updated_at", str},
        {"updated_by", str},
        {"counts", counts},
        {"reports",
         {{"type", "array"},
          {"description",
           "GET /api/report-rounds/{id} only: each unit whose report the caller reads"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"unit", str},
              {"unit_name", str},
              {"status", statuses},
              {"is_late", boolean},
              {"first_submitted_at", ntime},
              {"approved_at", ntime}}}}}}}}}};
  const json value = {
      {"type", "object"},
      {"properties",
       {{"target", str},
        {"name_vi", str},
        {"name_en", str},
        {"level", str},
        {"value_kind", str},
        {"goal", {{"type", "number"}}},
        {"goal_max", {{"type", "number"}, {"nullable", true}}},
        {"is_client_derived", boolean},
        {"value", {{"type", "number"}, {"nullable", true}}},
        {"numerator", {{"type", "integer"}, {"nullable", true}}},
        {"denominator", {{"type", "integer"}, {"nullable", true}}},
        {"shown",
         {{"type", "object"}, {"properties", {{"numerator", str}, {"denominator", nstr}}}}},
        {"is_suppressed", boolean},
        {"expected", {{"type", "number"}}},
        {"status",
         {{"type", "string"},
          {"enum", {"met", "not_met", "on_track", "behind", "no_data", "suppressed"}}}},
        {"as_of", date}}}};
  schemas["UnitReport"] = {
      {"type", "object"},
      {"description",
       "Báo cáo của một đơn vị trong đợt / a unit's report: narrative sections, status and "
       "history, and the plan's "
       "targets for the unit and period (live until submitted; frozen at each submission)"},
      {"properties",
       {{"round", str},
        {"round_name", str},
        {"period", str},
        {"due_on", date},
        {"unit", str},
        {"unit_name", str},
        {"status", statuses},
        {"version", {{"type", "integer"}, {"description", "0 while missing"}}},
        {"results", str},
        {"difficulties", str},
        {"proposals", str},
        {"return_comment", nstr},
        {"is_late", boolean},
        {"created_at", ntime},
        {"created_by", nstr},
        {"updated_at", ntime},
        {"updated_by", nstr},
        {"first_submitted_at", ntime},
        {"submitted_at", ntime},
        {"submitted_by", nstr},
        {"returned_at", ntime},
        {"returned_by", nstr},
        {"approved_at", ntime},
        {"approved_by", nstr},
        {"history",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"version", integer},
              {"action", {{"type", "string"}, {"enum", {"save", "submit", "return", "approve", "unlock"}}}},
              {"at", str},
              {"actor", str},
              {"comment", nstr}}}}}}},
        {"steps",
         {{"type", "array"},
          {"items", {{"type", "string"}, {"enum", {"save", "submit", "return", "approve", "unlock"}}}},
          {"description", "what the caller may do now"}}},
        {"values_source", {{"type", "string"}, {"enum", {"live", "snapshot"}}}},
        {"values",
         {{"type", "object"},
          {"nullable", true},
          {"properties",
           {{"plan", str},
            {"is_plan_loaded", boolean},
            {"period", str},
            {"from", date},
            {"to", date},
            {"tree", ndate},
            {"computed_at", str},
            {"items", {{"type", "array"}, {"items", value}}}}}}}}}};

  const json version_only = {{"type", "object"},
                             {"additionalProperties", false},
                             {"required", {"version"}},
                             {"properties", {{"version", integer}}}};
  const json report_reply = reply("the report", ref("UnitReport"));
  const json stale =
      reply("stale_version (with the report as it is now under `current`) or invalid_transition",
            ref("Error"));
  ops["POST /api/report-rounds"] = {
      {"requestBody",
       body(
           {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"name", "kind", "period", "unit", "due_on"}},
            {"properties",
             {{"name", str},
              {"kind", {{"type", "string"}, {"enum", {"six_month", "year", "final_review"}}}},
              {"period",
               {{"type", "string"},
                {"description", "six_month: YYYYH1|YYYYH2; year: YYYY; final_review: PYYYY-YYYY"}}},
              {"unit",
               {{"type", "string"},
                {"description", "the unit that runs the round (the caller's or below)"}}},
              {"level",
               {{"type", "string"},
                {"enum", {"district", "commune"}},
                {"description",
                 "every unit of this level below `unit` on the period's last day (or give "
                 "`units`)"}}},
              {"units",
               {{"type", "array"},
                {"items", str},
                {"description", "the codes of the units that must report"}}},
              {"due_on", date},
              {"plan",
               {{"type", "string"},
                {"description",
                 "the plan whose targets pre-fill the reports (default the first loaded)"}}},
              {"tree_on",
               {{"type", "string"},
                {"format", "date"},
                {"description", "the tree the values are read on"}}}}}})},
      {"responses",
       {{"201", reply("the round", ref("ReportRound"))},
        {"400", error},
        {"403", error},
        {"422", reply("invalid fields (unit out_of_scope, period kind_mismatch, level, units[i], "
                      "due_on, plan)",
                      ref("Error"))}}}};
  ops["GET /api/report-rounds"] = {
      {"responses",
       {{"200", reply("the rounds the caller runs or reports in",
                      {{"type", "object"},
                       {"properties",
                        {{"items", {{"type", "array"}, {"items", ref("ReportRound")}}},
                         {"total", integer}}}})},
        {"403", error}}}};
  ops["GET /api/report-rounds/{id}"] = {
      {"responses",
       {{"200", reply("the round with its reports' completeness", ref("ReportRound"))},
        {"404", error}}}};
  ops["GET /api/report-rounds/{id}/reports/{unit}"] = {
      {"responses",
       {{"200", report_reply},
        {"404", reply("no such round, unit or report you read", ref("Error"))}}}};
  ops["PUT /api/report-rounds/{id}/reports/{unit}"] = {
      {"requestBody", body({{"type", "object"},
                            {"additionalProperties", false},
                            {"required", {"version"}},
                            {"properties",
                             {{"version", integer},
                              {"results", str},
                              {"difficulties", str},
                              {"proposals", str}}}})},
      {"responses",
       {{"200", report_reply},
        {"400", error},
        {"403", error},
        {"404", error},
        {"409", stale},
        {"422", reply("a section too long", ref("Error"))}}}};
  ops["POST /api/report-rounds/{id}/reports/{unit}/submit"] = {
      {"requestBody", body(version_only)},
      {"responses",
       {{"200", report_reply},
        {"400", error},
        {"403", error},
        {"404", error},
        {"409", stale},
        {"422", reply("results is empty", ref("Error"))}}}};
  const json comment_step = {
      {"requestBody", body({{"type", "object"},
                            {"additionalProperties", false},
                            {"required", {"version", "comment"}},
                            {"properties", {{"version", integer}, {"comment", str}}}})},
      {"responses",
       {{"200", report_reply},
        {"400", error},
        {"403", error},
        {"404", error},
        {"409", stale},
        {"422", reply("comment missing or too long", ref("Error"))}}}};
  ops["POST /api/report-rounds/{id}/reports/{unit}/return"] = comment_step;
  ops["POST /api/report-rounds/{id}/reports/{unit}/unlock"] = comment_step;
  ops["POST /api/report-rounds/{id}/reports/{unit}/approve"] = {
      {"requestBody", body(version_only)},
      {"responses",
       {{"200", report_reply}, {"400", error}, {"403", error}, {"404", error}, {"409", stale}}}};
}

}  // namespace pcmd::api
