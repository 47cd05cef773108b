// The OpenAPI description of the yearly plan routes (yearly_plans_api.cc).
#include "api/yearly_plans_api.h"

#include "api/openapi_parts.h"

namespace pcmd::api {

using nlohmann::json;

void DescribeYearlyPlanRoutes(std::map<std::string, json>& ops, json& schemas) {
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
  const json strings = {{"type", "array"}, {"items", str}};
  const json progress = {{"type", "string"}, {"enum", {"not_started", "in_progress", "done"}}};
  const json plan_steps = {
      {"type", "array"},
      {"items", {{"type", "string"}, {"enum", {"update", "issue", "add_task"}}}},
      {"description", "what the caller may do to the plan now"}};

  schemas["PlanTask"] = {
      {"type", "object"},
      {"description",
       "Nhiệm vụ của kế hoạch năm / a task of a yearly plan: the unit it is assigned to, the lead "
       "and cooperating agencies, deadline, linked targets, progress reports"},
      {"properties",
       {{"id", str},
        {"plan", str},
        {"title", str},
        {"description", str},
        {"assignee_unit", str},
        {"assignee_unit_name", str},
        {"lead_agency", nstr},
        {"cooperating", strings},
        {"deadline", date},
        {"targets", {{"type", "array"}, {"items", str}, {"description", "target codes (T1…)"}}},
        {"progress", progress},
        {"is_overdue",
         {{"type", "boolean"},
          {"description", "the deadline has passed (Vietnam's day) and the task is not done"}}},
        {"version", integer},
        {"reports",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"version", integer},
              {"status", progress},
              {"note", nstr},
              {"evidence", nstr},
              {"evidence_file", nstr},
              {"evidence_link", nstr},
              {"at", str},
              {"reported_by", str}}}}}}},
        {"steps",
         {{"type", "array"},
          {"items", {{"type", "string"}, {"enum", {"update", "progress"}}}},
          {"description", "what the caller may do to the task now"}}},
        {"created_at", str},
        {"created_by", str},
        {"updated_at", str},
        {"updated_by", str},
        {"plan_unit", {{"type", "string"}, {"description", "GET /api/plan-tasks only"}}},
        {"plan_unit_name", str},
        {"plan_title", str},
        {"plan_number", nstr},
        {"plan_year", integer}}}};
  json counts_props = json::object();
  for (const char* k : {"tasks", "not_started", "in_progress", "done", "overdue"})
    counts_props[k] = integer;
  schemas["YearlyPlan"] = {
      {"type", "object"},
      {"description",
       "Kế hoạch năm / a unit's yearly plan: draft, then issued; tasks: those the caller sees "
       "(all to the readers of the plan's unit, the assigned ones to an assignee)"},
      {"properties",
       {{"id", str},
        {"unit", str},
        {"unit_name", str},
        {"year", integer},
        {"document_number", nstr},
        {"document_date", ndate},
        {"title", str},
        {"plan", {{"type", "string"}, {"description", "the programme plan of the linked targets"}}},
        {"status", {{"type", "string"}, {"enum", {"draft", "issued"}}}},
        {"issued_at", nstr},
        {"issued_by", nstr},
        {"version", integer},
        {"created_at", str},
        {"created_by", str},
        {"updated_at", str},
        {"updated_by", str},
        {"counts", {{"type", "object"}, {"properties", counts_props}}},
        {"tasks",
         {{"type", "array"},
          {"items", ref("PlanTask")},
          {"description", "not in GET /api/yearly-plans"}}},
        {"steps", plan_steps}}}};

  const json task_props = {
      {"title", str},
      {"description", str},
      {"assignee_unit",
       {{"type", "string"}, {"description", "the plan's unit or a unit below it"}}},
      {"lead_agency", str},
      {"cooperating", strings},
      {"deadline", date},
      {"targets", strings}};
  const json plan_reply = reply("the plan", ref("YearlyPlan"));
  const json task_reply = reply("the task", ref("PlanTask"));
  const json stale =
      reply("stale_version (with the record as it is now under `current`) or invalid_transition",
            ref("Error"));
  ops["POST /api/yearly-plans"] = {
      {"requestBody",
       body({{"type", "object"},
             {"additionalProperties", false},
             {"required", {"unit", "year", "title"}},
             {"properties",
              {{"unit", {{"type", "string"}, {"description", "the caller's own unit"}}},
               {"year", integer},
               {"title", str},
               {"document_number", {{"type", "string"}, {"description", "e.g. 45/KH-UBND"}}},
               {"document_date", date},
               {"plan",
                {{"type", "string"},
                 {"description",
                  "the programme plan of the targets (default the first loaded)"}}}}}})},
      {"responses",
       {{"201", plan_reply},
        {"400", error},
        {"403", error},
        {"422", reply("invalid fields (unit out_of_scope, year, title, plan)", ref("Error"))}}}};
  json year_param = {{"name", "year"}, {"in", "query"}, {"schema", integer}};
  ops["GET /api/yearly-plans"] = {
      {"parameters", {year_param}},
      {"responses",
       {{"200", reply("the plans the caller sees",
                      {{"type", "object"},
                       {"properties",
                        {{"items", {{"type", "array"}, {"items", ref("YearlyPlan")}}},
                         {"total", integer}}}})},
        {"400", error},
        {"403", error}}}};
  ops["GET /api/yearly-plans/{id}"] = {{"responses", {{"200", plan_reply}, {"404", error}}}};
  ops["PATCH /api/yearly-plans/{id}"] = {{"requestBody", body({{"type", "object"},
                                                               {"additionalProperties", false},
                                                               {"required", {"version"}},
                                                               {"properties",
                                                                {{"version", integer},
                                                                 {"title", str},
                                                                 {"year", integer},
                                                                 {"document_number", str},
                                                                 {"document_date", ndate}}}})},
                                         {"responses",
                                          {{"200", plan_reply},
                                           {"400", error},
                                           {"403", error},
                                           {"404", error},
                                           {"409", stale},
                                           {"422", error}}}};
  ops["POST /api/yearly-plans/{id}/issue"] = {
      {"requestBody", body({{"type", "object"},
                            {"additionalProperties", false},
                            {"required", {"version"}},
                            {"properties", {{"version", integer}}}})},
      {"responses",
       {{"200", plan_reply},
        {"400", error},
        {"403", error},
        {"404", error},
        {"409", stale},
        {"422", reply("document_number, document_date or tasks missing", ref("Error"))}}}};
  ops["POST /api/yearly-plans/{id}/tasks"] = {
      {"requestBody", body({{"type", "object"},
                            {"additionalProperties", false},
                            {"required", {"title", "assignee_unit", "deadline"}},
                            {"properties", task_props}})},
      {"responses",
       {{"201", task_reply},
        {"400", error},
        {"403", error},
        {"404", error},
        {"422",
         reply("invalid fields (assignee_unit not_below, deadline, targets[i])", ref("Error"))}}}};
  json change_props = task_props;
  change_props["version"] = integer;
  ops["PATCH /api/yearly-plans/{id}/tasks/{task}"] = {
      {"requestBody", body({{"type", "object"},
                            {"additionalProperties", false},
                            {"required", {"version"}},
                            {"properties", change_props}})},
      {"responses",
       {{"200", task_reply},
        {"400", error},
        {"403", error},
        {"404", error},
        {"409", stale},
        {"422", error}}}};
  ops["POST /api/yearly-plans/{id}/tasks/{task}/progress"] = {
      {"requestBody",
       body({{"type", "object"},
             {"additionalProperties", false},
             {"required", {"version", "status"}},
             {"properties",
              {{"version", integer},
               {"status", progress},
               {"note", str},
               {"evidence", str},
               {"evidence_file", {{"type", "string"}, {"description", "a record file's id"}}},
               {"evidence_link", {{"type", "string"}, {"description", "http(s)://…"}}}}}})},
      {"responses",
       {{"200", task_reply},
        {"400", error},
        {"403", error},
        {"404", error},
        {"409",
         reply("stale_version, or invalid_transition (the plan is not issued)", ref("Error"))},
        {"422", reply("status, evidence (required for done), evidence_link", ref("Error"))}}}};
  ops["GET /api/plan-tasks"] = {
      {"parameters",
       {{{"name", "assignee"},
         {"in", "query"},
         {"schema", str},
         {"description", "an assignee unit"}},
        {{"name", "overdue"},
         {"in", "query"},
         {"schema", {{"type", "string"}, {"enum", {"true", "false"}}}}},
        {{"name", "plan"}, {"in", "query"}, {"schema", str}}}},
      {"responses",
       {{"200", reply("tasks of issued plans the caller reads, by deadline",
                      {{"type", "object"},
                       {"properties",
                        {{"items", {{"type", "array"}, {"items", ref("PlanTask")}}},
                         {"total", integer}}}})},
        {"400", error},
        {"403", error}}}};
  (void)boolean;
}

}  // namespace pcmd::api
