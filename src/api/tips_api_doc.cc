// The OpenAPI description of the tips routes (tips_api.cc).
#include "api/tips_api.h"

namespace pcmd::api {

using nlohmann::json;
using internal::StatusIds;
using internal::StepIds;

void DescribeTipRoutes(std::map<std::string, json>& ops, json& schemas) {
  auto ref = [](const std::string& name) { return json{{"$ref", "#/components/schemas/" + name}}; };
  auto reply = [&](const std::string& d, json schema) {
    return json{{"description", d}, {"content", {{"application/json", {{"schema", schema}}}}}};
  };
  auto body = [&](json schema) {
    return json{{"required", true}, {"content", {{"application/json", {{"schema", schema}}}}}};
  };
  const json error = reply("error", ref("Error"));
  auto param = [](const std::string& name, const std::string& d) {
    return json{{"name", name},
                {"in", "query"},
                {"required", false},
                {"description", d},
                {"schema", {{"type", "string"}}}};
  };
  const json str = {{"type", "string"}};
  const json nstr = {{"type", "string"}, {"nullable", true}};
  const json integer = {{"type", "integer"}};
  const json date = {{"type", "string"}, {"format", "date"}};
  const json time = {{"type", "string"}, {"format", "date-time"}};
  const json ntime = {{"type", "string"}, {"format", "date-time"}, {"nullable", true}};
  const json statuses = {{"type", "string"}, {"enum", StatusIds()}};
  const json timeliness = {{"type", "string"},
                           {"enum", {"not_due", "due_soon", "overdue", "on_time", "late"}}};

  schemas["Tip"] = {
      {"type", "object"},
      {"description",
       "Tố giác, tin báo, khiếu nại / a tip, denunciation or complaint (never its denouncer)"},
      {"properties",
       {{"id", {{"type", "string"}, {"format", "uuid"}}},
        {"unit",
         {{"type", "string"},
          {"description", "GSO code of the unit that received and handles it"}}},
        {"channel", {{"type", "string"}, {"description", "code of tip_channel"}}},
        {"kind", {{"type", "string"}, {"description", "code of tip_kind"}}},
        {"received_at", time},
        {"received_on", date},
        {"establishment_id", nstr},
        {"place", nstr},
        {"subject_unit", nstr},
        {"content", {{"type", "string"}, {"maxLength", 4000}}},
        {"is_anonymous", {{"type", "boolean"}}},
        {"status", statuses},
        {"assignee", nstr},
        {"deadline", date},
        {"deadline_days", integer},
        {"extended_days", integer},
        {"extensions", integer},
        {"timeliness", timeliness},
        {"days_left", integer},
        {"verified_at", ntime},
        {"classified_at", ntime},
        {"assigned_at", ntime},
        {"handled_at", ntime},
        {"closed_at", ntime},
        {"outcome",
         {{"type", "string"}, {"nullable", true}, {"description", "code of tip_outcome"}}},
        {"transferred_to", nstr},
        {"inspection_id", nstr},
        {"version", integer},
        {"created_at", time},
        {"updated_at", time},
        {"created_by", str},
        {"updated_by", str}}}};
  schemas["Denouncer"] = {
      {"type", "object"},
      {"description", "Người tố giác / the denouncer's identity, sealed at rest"},
      {"properties",
       {{"name", {{"type", "string"}, {"maxLength", 200}}},
        {"id_number", {{"type", "string"}, {"maxLength", 20}}},
        {"address", {{"type", "string"}, {"maxLength", 300}}},
        {"phone", {{"type", "string"}, {"maxLength", 20}}},
        {"email", {{"type", "string"}, {"maxLength", 200}}}}}};
  json new_tip = schemas["Tip"];
  new_tip["description"] = "A tip to receive; `denouncer` needs the denouncer create grant";
  new_tip["properties"] = {
      {"id", {{"type", "string"}, {"format", "uuid"}}},
      {"unit", str},
      {"channel", str},
      {"kind", str},
      {"received_at",
       {{"type", "string"},
        {"description", "ISO 8601 date-time (Z or offset; none: Vietnam time) or a date"}}},
      {"establishment_id", str},
      {"place", {{"type", "string"}, {"maxLength", 300}}},
      {"subject_unit", str},
      {"content", {{"type", "string"}, {"maxLength", 4000}}},
      {"is_anonymous", {{"type", "boolean"}}},
      {"denouncer", ref("Denouncer")}};
  new_tip["required"] = {"unit", "channel", "kind", "received_at", "content"};
  schemas["NewTip"] = new_tip;
  json counts = {{"type", "object"}, {"properties", json::object()}};
  for (const char* k : {"received", "verified", "classified", "handled", "handled_on_time",
                        "handled_late", "open", "overdue", "due_soon"}) {
    counts["properties"][k] = integer;
  }
  schemas["TipCounts"] = counts;
  schemas["TipDeadlines"] = {{"type", "object"},
                             {"properties",
                              {{"items",
                                {{"type", "array"},
                                 {"items",
                                  {{"type", "object"},
                                   {"properties",
                                    {{"kind", str},
                                     {"days", integer},
                                     {"max_extensions", integer},
                                     {"max_extension_days", integer},
                                     {"default_days", integer},
                                     {"default_max_extensions", integer},
                                     {"default_max_extension_days", integer},
                                     {"legal_basis_vi", str},
                                     {"legal_basis_en", str}}}}}}},
                               {"due_soon_days", integer}}}};

  const json list_params = {
      param("unit", "this unit and below"),
      param("period", "DHIS2 period of the received date (2024, 2024Q1, 202403)"),
      param("from", "received on or after (YYYY-MM-DD)"),
      param("to", "received on or before (YYYY-MM-DD)"),
      param("status", "received|verified|classified|assigned|handled|closed|transferred"),
      param("kind", "code of tip_kind"),
      param("assignee", "account id"),
      param("due", "overdue|due_soon (open tips)"),
      param("limit", "page size (default 50, max 1000)"),
      param("offset", "rows to skip")};
  const json page = {{"type", "object"},
                     {"properties",
                      {{"items", {{"type", "array"}, {"items", ref("Tip")}}},
                       {"total", integer},
                       {"limit", integer},
                       {"offset", integer}}}};
  ops["GET /api/tips"] = {
      {"parameters", list_params},
      {"responses", {{"200", reply("a page", page)}, {"400", error}, {"403", error}}}};
  ops["POST /api/tips"] = {
      {"requestBody", body(ref("NewTip"))},
      {"responses",
       {{"201", reply("received", ref("Tip"))},
        {"200", reply("the same tip was sent again", ref("Tip"))},
        {"400", error},
        {"403",
         reply("forbidden, or a denouncer without the grant (field denouncer)", ref("Error"))},
        {"409", error},
        {"422", error}}}};
  ops["GET /api/tips/summary"] = {
      {"parameters",
       {param("unit", "the unit (default: the caller's), with its subtree"),
        param("period", "DHIS2 period of the received date (default: this year)")}},
      {"responses",
       {{"200",
         reply("counts of the tips received in the period, as they stand today",
               {{"type", "object"},
                {"properties",
                 {{"unit", str},
                  {"period", str},
                  {"from", date},
                  {"to", date},
                  {"as_of", date},
                  {"totals", ref("TipCounts")},
                  {"units",
                   {{"type", "array"},
                    {"items",
                     {{"type", "object"},
                      {"properties",
                       {{"unit", str},
                        {"is_own", {{"type", "boolean"}}},
                        {"counts", ref("TipCounts")}}}}}}},
                  {"handlers",
                   {{"type", "array"},
                    {"items",
                     {{"type", "object"},
                      {"properties", {{"assignee", nstr}, {"counts", ref("TipCounts")}}}}}}}}}})},
        {"400", error},
        {"403", error}}}};
  json export_params = list_params;
  export_params.push_back(param("format", "csv (default) or xlsx"));
  ops["GET /api/tips/assignable-accounts"] = {
      {"parameters", {param("unit", "the tip's unit")}},
      {"responses", {{"200", {{"description", "accounts: id, display_name, role, unit"}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
                     {"403", {{"description", "forbidden"}}}, {"422", {{"description", "unit missing"}}}}}};
  ops["POST /api/tips/import"] = {
      {"parameters", {param("mode", "all (default): nothing unless every row is valid; valid: the valid rows")}},
      {"requestBody", {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}}},
      {"responses", {{"200", {{"description", "import report"}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
                     {"422", {{"description", "not stored; the problems by line"}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}}},
                     {"403", {{"description", "forbidden"}}}, {"413", {{"description", "too large"}}}}}};
  ops["GET /api/tips/export"] = {
      {"parameters", export_params},
      {"responses",
       {{"200",
         {{"description", "CSV or XLSX file without content or identity"},
          {"content", {{"text/csv", {{"schema", str}}}}}}},
        {"400", error},
        {"403", error}}}};
  ops["GET /api/tips/{id}"] = {
      {"responses", {{"200", reply("the tip", ref("Tip"))}, {"404", error}}}};
  ops["PATCH /api/tips/{id}"] = {{"requestBody", body({{"type", "object"},
                                                       {"required", {"version"}},
                                                       {"properties",
                                                        {{"version", integer},
                                                         {"channel", str},
                                                         {"kind", str},
                                                         {"establishment_id", nstr},
                                                         {"place", nstr},
                                                         {"subject_unit", nstr},
                                                         {"content", str}}}})},
                                 {"responses",
                                  {{"200", reply("the tip", ref("Tip"))},
                                   {"403", error},
                                   {"404", error},
                                   {"409", error},
                                   {"422", error}}}};
  ops["DELETE /api/tips/{id}"] = {
      {"parameters",
       {{{"name", "version"},
         {"in", "query"},
         {"required", false},
         {"description", "the tip's version (or If-Match)"},
         {"schema", integer}}}},
      {"responses",
       {{"200", reply("deleted", ref("Tip"))}, {"403", error}, {"404", error}, {"409", error}}}};
  ops["GET /api/tips/{id}/history"] = {
      {"responses",
       {{"200", reply("events", {{"type", "object"},
                                 {"properties",
                                  {{"items",
                                    {{"type", "array"},
                                     {"items",
                                      {{"type", "object"},
                                       {"properties",
                                        {{"seq", integer},
                                         {"step", str},
                                         {"changed_at", time},
                                         {"changed_by", str},
                                         {"note", nstr},
                                         {"assignee", nstr},
                                         {"kind", nstr},
                                         {"outcome", nstr},
                                         {"agency", nstr},
                                         {"days", {{"type", "integer"}, {"nullable", true}}},
                                         {"legal_basis", nstr}}}}}}}}}})},
        {"404", error}}}};
  ops["POST /api/tips/{id}/steps"] = {
      {"requestBody",
       body({{"type", "object"},
             {"required", {"step", "version"}},
             {"properties",
              {{"step", {{"type", "string"}, {"enum", StepIds()}}},
               {"version", integer},
               {"note",
                {{"type", "string"},
                 {"maxLength", 2000},
                 {"description", "handle: the result; extend: the reason"}}},
               {"assignee", {{"type", "string"}, {"description", "assign: an account id"}}},
               {"outcome", {{"type", "string"}, {"description", "close: a code of tip_outcome"}}},
               {"agency", {{"type", "string"}, {"description", "transfer: the receiving agency"}}},
               {"days", {{"type", "integer"}, {"description", "extend: days added"}}},
               {"kind", {{"type", "string"}, {"description", "classify: a code of tip_kind"}}},
               {"inspection_id",
                {{"type", "string"}, {"description", "handle: an inspection record"}}}}}})},
      {"responses",
       {{"200", reply("the tip after the step", ref("Tip"))},
        {"403", error},
        {"404", error},
        {"409", reply("invalid transition, extension limit, or stale version (with `current`)",
                      ref("Error"))},
        {"422", error}}}};
  ops["GET /api/tips/{id}/denouncer"] = {
      {"responses",
       {{"200", reply("the identity (read audited)", ref("Denouncer"))}, {"404", error}}}};
  ops["PUT /api/tips/{id}/denouncer"] = {
      {"requestBody", body(ref("Denouncer"))},
      {"responses",
       {{"200", reply("the identity as stored", ref("Denouncer"))},
        {"404", error},
        {"409", error},
        {"422", error}}}};
  ops["GET /api/tip-deadlines"] = {
      {"responses", {{"200", reply("rules", ref("TipDeadlines"))}, {"403", error}}}};
  ops["PUT /api/tip-deadlines"] = {
      {"requestBody", body({{"type", "object"},
                            {"required", {"items"}},
                            {"properties",
                             {{"items",
                               {{"type", "array"},
                                {"items",
                                 {{"type", "object"},
                                  {"required", {"kind"}},
                                  {"properties",
                                   {{"kind", str},
                                    {"days", integer},
                                    {"max_extensions", integer},
                                    {"max_extension_days", integer}}}}}}}}}})},
      {"responses",
       {{"200", reply("rules", ref("TipDeadlines"))}, {"403", error}, {"422", error}}}};
  ops["GET /api/notifications"] = {
      {"responses",
       {{"200",
         reply("the caller's open tips", {{"type", "object"},
                                          {"properties",
                                           {{"items",
                                             {{"type", "array"},
                                              {"items",
                                               {{"type", "object"},
                                                {"properties",
                                                 {{"type", str},
                                                  {"id", str},
                                                  {"kind", str},
                                                  {"status", statuses},
                                                  {"deadline", date},
                                                  {"timeliness", timeliness},
                                                  {"days_left", integer},
                                                  {"is_overdue", {{"type", "boolean"}}},
                                                  {"is_due_soon", {{"type", "boolean"}}}}}}}}},
                                            {"total", integer}}}})}}}};
}

}  // namespace pcmd::api
