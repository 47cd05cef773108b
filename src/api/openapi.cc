#include "api/openapi.h"

#include <map>

namespace pcmd::api {
namespace {

using nlohmann::json;

json Ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

json QueryParam(const std::string& name, const std::string& description, json schema) {
  return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description},
          {"schema", std::move(schema)}};
}

json JsonContent(json schema) { return {{"application/json", {{"schema", std::move(schema)}}}}; }

json Reply(const std::string& description, const std::string& schema) {
  return {{"description", description}, {"content", JsonContent(Ref(schema))}};
}

json ErrorReply(const std::string& description) { return Reply(description, "Error"); }

json Schemas() {
  json nullable_string = {{"type", "string"}, {"nullable", true}};
  json date = {{"type", "string"}, {"format", "date"}};
  json field_error = {{"type", "object"},
                      {"properties",
                       {{"field", {{"type", "string"}}},
                        {"code", {{"type", "string"}}},
                        {"message_vi", {{"type", "string"}}},
                        {"message_en", {{"type", "string"}}}}}};
  json unit = {{"type", "object"},
               {"required", {"code", "name", "level", "type", "valid_from"}},
               {"properties",
                {{"code", {{"type", "string"}, {"description", "GSO code"}}},
                 {"name", {{"type", "string"}}},
                 {"level", {{"type", "string"}, {"enum", {"province", "district", "commune"}}}},
                 {"type", {{"type", "string"}}},
                 {"parent_code", nullable_string},
                 {"valid_from", date},
                 {"valid_to", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
                 {"child_count", {{"type", "integer"}}}}}};
  json detail = {{"allOf",
                  {Ref("Unit"),
                   {{"type", "object"},
                    {"properties",
                     {{"path", {{"type", "array"}, {"items", Ref("UnitRef")}}},
                      {"children", {{"type", "array"}, {"items", Ref("Unit")}}},
                      {"counts", {{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}}},
                      {"history", {{"type", "array"}, {"items", {{"type", "object"}}}}},
                      {"date", date}}}}}}};
  json into = {{"oneOf", json::array({{{"type", "string"}},
                                      {{"type", "array"}, {"items", {{"type", "string"}}}}})}};
  json unit_change = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"change", "effective"}},
      {"properties",
       {{"change", {{"type", "string"}, {"enum", {"rename", "move", "merge", "split", "close"}}}},
        {"effective", date},
        {"name", {{"type", "string"}}},
        {"type", {{"type", "string"}}},
        {"parent_code", {{"type", "string"}}},
        {"into", into}}}};
  return {
      {"Error",
       {{"type", "object"},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"required", {"code", "message_vi", "message_en"}},
            {"properties",
             {{"code", {{"type", "string"}}},
              {"message_vi", {{"type", "string"}}},
              {"message_en", {{"type", "string"}}},
              {"fields", {{"type", "array"}, {"items", field_error}}}}}}}}}}},
      {"Unit", unit},
      {"UnitRef",
       {{"type", "object"},
        {"properties",
         {{"code", {{"type", "string"}}}, {"name", {{"type", "string"}}}, {"level", {{"type", "string"}}}}}}},
      {"UnitDetail", detail},
      {"UnitList",
       {{"type", "object"},
        {"properties",
         {{"items", {{"type", "array"}, {"items", Ref("Unit")}}},
          {"total", {{"type", "integer"}}},
          {"limit", {{"type", "integer"}}},
          {"offset", {{"type", "integer"}}}}}}},
      {"NewUnit",
       {{"type", "object"},
        {"additionalProperties", false},
        {"required", {"code", "name", "level", "type"}},
        {"properties",
         {{"code", {{"type", "string"}, {"pattern", "^[0-9]{1,10}$"}}},
          {"name", {{"type", "string"}, {"maxLength", 200}}},
          {"level", {{"type", "string"}, {"enum", {"province", "district", "commune"}}}},
          {"type", {{"type", "string"}, {"maxLength", 50}}},
          {"parent_code", nullable_string},
          {"valid_from", date}}}}},
      {"UnitChange", unit_change},
      {"Session",
       {{"type", "object"},
        {"properties",
         {{"csrf_token", {{"type", "string"}}},
          {"must_change_password", {{"type", "boolean"}}},
          {"must_enrol_totp", {{"type", "boolean"}}},
          {"user", {{"type", "object"}}}}}}},
      {"Account",
       {{"type", "object"},
        {"properties",
         {{"id", {{"type", "string"}}}, {"username", {{"type", "string"}}},
          {"display_name", {{"type", "string"}}}, {"role", {{"type", "string"}}},
          {"unit_code", {{"type", "string"}}}, {"is_disabled", {{"type", "boolean"}}},
          {"must_change_password", {{"type", "boolean"}}}, {"totp_enabled", {{"type", "boolean"}}},
          {"version", {{"type", "integer"}}}, {"created_at", {{"type", "string"}}},
          {"updated_at", {{"type", "string"}}}}}}},
      {"AccountList",
       {{"type", "object"},
        {"properties",
         {{"items", {{"type", "array"}, {"items", Ref("Account")}}}, {"total", {{"type", "integer"}}}}}}},
      {"Health",
       {{"type", "object"},
        {"properties",
         {{"status", {{"type", "string"}}},
          {"engine", {{"type", "string"}, {"enum", {"sqlite", "postgresql"}}}},
          {"schema_version", {{"type", "integer"}}},
          {"version", {{"type", "string"}}}}}}},
  };
}

// Parameters, body and replies of every operation, by "METHOD pattern".
const std::map<std::string, json>& Operations() {
  static const std::map<std::string, json> ops = [] {
    std::map<std::string, json> m;
    const json date_param = QueryParam("date", "validity date (default today)", {{"type", "string"}, {"format", "date"}});
    m["GET /api/health"] = {{"responses",
                             {{"200", Reply("the store answers", "Health")},
                              {"503", ErrorReply("the store does not answer")}}}};
    m["GET /api/openapi.json"] = {
        {"responses", {{"200", {{"description", "this document"}, {"content", JsonContent({{"type", "object"}})}}}}}};
    m["GET /api/units"] = {
        {"parameters",
         {QueryParam("level", "province, district or commune", {{"type", "string"}, {"enum", {"province", "district", "commune"}}}),
          QueryParam("parent", "direct children of this code", {{"type", "string"}}),
          QueryParam("q", "name (without diacritics or case) or code prefix", {{"type", "string"}}),
          date_param,
          QueryParam("limit", "page size", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 50}}),
          QueryParam("offset", "rows to skip", {{"type", "integer"}, {"minimum", 0}, {"default", 0}})}},
        {"responses", {{"200", Reply("a page of units", "UnitList")}, {"400", ErrorReply("bad query parameter")}}}};
    m["GET /api/units/{code}"] = {
        {"parameters", {date_param}},
        {"responses",
         {{"200", Reply("the unit", "UnitDetail")}, {"404", ErrorReply("no such unit on that date")}}}};
    m["POST /api/units"] = {
        {"requestBody", {{"required", true}, {"content", JsonContent(Ref("NewUnit"))}}},
        {"responses",
         {{"201", Reply("created", "Unit")},
          {"200", Reply("the same unit was already recorded", "Unit")},
          {"400", ErrorReply("malformed JSON")},
          {"409", ErrorReply("another unit holds this code")},
          {"413", ErrorReply("body too large")},
          {"422", ErrorReply("invalid fields")}}}};
    m["PATCH /api/units/{code}"] = {
        {"requestBody", {{"required", true}, {"content", JsonContent(Ref("UnitChange"))}}},
        {"responses",
         {{"200", Reply("the unit after the change", "Unit")},
          {"400", ErrorReply("malformed JSON")},
          {"404", ErrorReply("no such unit on the effective date")},
          {"422", ErrorReply("invalid change")}}}};
    const json change_item = {
        {"type", "object"},
        {"properties",
         {{"id", {{"type", "integer"}}},
          {"effective", {{"type", "string"}, {"format", "date"}}},
          {"kind", {{"type", "string"}, {"enum", {"merge", "split", "rename", "moved", "unchanged"}}}},
          {"old_code", {{"type", "string"}}},
          {"old_name", {{"type", "string"}}},
          {"new_code", {{"type", {"string", "null"}}}},
          {"new_name", {{"type", "string"}}},
          {"source", {{"type", "string"}}},
          {"status", {{"type", "string"}, {"enum", {"confirmed", "to_confirm"}}}},
          {"confirmed_by", {{"type", {"string", "null"}}}},
          {"confirmed_at", {{"type", {"string", "null"}}}}}}};
    m["GET /api/unit-changes"] = {
        {"parameters",
         {QueryParam("effective", "only the changes of this date", {{"type", "string"}, {"format", "date"}}),
          QueryParam("status", "to_confirm: the rows an officer must still settle",
                     {{"type", "string"}, {"enum", {"to_confirm", "all"}}, {"default", "all"}})}},
        {"responses",
         {{"200", {{"description", "the change rows between tree versions"},
                   {"content", JsonContent({{"type", "object"},
                                            {"properties", {{"items", {{"type", "array"}, {"items", change_item}}},
                                                            {"total", {{"type", "integer"}}}}}})}}},
          {"400", ErrorReply("bad query parameter")}}}};
    m["POST /api/unit-changes/{id}/confirm"] = {
        {"requestBody",
         {{"required", false},
          {"content", JsonContent({{"type", "object"},
                                   {"properties", {{"new_code", {{"type", "string"}, {"maxLength", 20}}}}}})}}},
        {"responses",
         {{"200", {{"description", "the row, confirmed"}, {"content", JsonContent(change_item)}}},
          {"400", ErrorReply("malformed JSON")},
          {"404", ErrorReply("no such change row")},
          {"422", ErrorReply("no receiving unit, or one not valid on the change's date (new_code)")}}}};
    const json count = {{"type", "integer"}, {"minimum", 0}};
    m["POST /api/units/import"] = {
        {"requestBody",
         {{"required", true},
          {"content",
           JsonContent({{"type", "object"},
                        {"additionalProperties", false},
                        {"required", {"effective", "units_csv"}},
                        {"properties",
                         {{"effective", {{"type", "string"}, {"format", "date"}, {"description", "the new tree's first day"}}},
                          {"units_csv", {{"type", "string"}, {"description", "a unit file: code,name,level,type,parent_code"}}},
                          {"changes_csv",
                           {{"type", "string"},
                            {"description", "a change file: effective_date,old_code,old_name,new_code,new_name,kind[,source]; "
                                            "its rows of `effective` are recorded"}}}}}})}}},
        {"responses",
         {{"200",
           {{"description", "what the import did (the same files again change nothing); changes null without a change file"},
            {"content",
             JsonContent({{"type", "object"},
                          {"properties",
                           {{"effective", {{"type", "string"}, {"format", "date"}}},
                            {"units", {{"type", "object"},
                                       {"properties", {{"added", count}, {"changed", count}, {"closed", count}, {"unchanged", count}}}}},
                            {"changes", {{"type", "object"},
                                         {"nullable", true},
                                         {"properties", {{"added", count}, {"unchanged", count}, {"to_confirm", count}}}}}}}})}}},
          {"400", ErrorReply("malformed JSON")},
          {"413", ErrorReply("body too large")},
          {"422", ErrorReply("invalid file or date; fields name the file and the line (\"units_csv: line 7: parent_code\"), "
                             "or effective; nothing is stored")}}}};
    m["GET /api/unit-accounts"] = {
        {"parameters", {QueryParam("on", "the day to look at (default today)", {{"type", "string"}, {"format", "date"}})}},
        {"responses",
         {{"200",
           {{"description", "the accounts the administrator reads whose unit was closed before that day"},
            {"content",
             JsonContent(
                 {{"type", "object"},
                  {"properties",
                   {{"on", {{"type", "string"}, {"format", "date"}}},
                    {"total", count},
                    {"items",
                     {{"type", "array"},
                      {"items",
                       {{"type", "object"},
                        {"properties",
                         {{"id", {{"type", "string"}}},
                          {"username", {{"type", "string"}}},
                          {"display_name", {{"type", "string"}}},
                          {"role", {{"type", "string"}}},
                          {"unit_code", {{"type", "string"}}},
                          {"unit_name", {{"type", "string"}}},
                          {"unit_level", {{"type", "string"}}},
                          {"closed_on", {{"type", "string"}, {"format", "date"}, {"description", "the first day without the unit"}}},
                          {"successors", {{"type", "array"}, {"items", Ref("UnitRef")}}}}}}}}}}}})}}},
          {"400", ErrorReply("bad query parameter")}}}};
    m["GET /api/unit-versions"] = {
        {"responses",
         {{"200",
           {{"description", "the versions of the tree, oldest first: a new one on every day a unit starts or after one ends"},
            {"content",
             JsonContent({{"type", "object"},
                          {"properties",
                           {{"items",
                             {{"type", "array"},
                              {"items",
                               {{"type", "object"},
                                {"properties",
                                 {{"from", {{"type", "string"}, {"format", "date"}}},
                                  {"to", {{"type", "string"}, {"format", "date"}, {"nullable", true}}},
                                  {"levels",
                                   {{"type", "object"},
                                    {"properties", {{"province", count}, {"district", count}, {"commune", count}}}}}}}}}}}}}})}}}}}};
    const json bad_body = ErrorReply("malformed JSON");
    const json invalid = ErrorReply("invalid fields");
    const json unauth = ErrorReply("no valid session");
    const json forbidden = ErrorReply("CSRF token missing, limited session, or not allowed for the role");
    auto body = [](json schema) { return json{{"required", true}, {"content", JsonContent(std::move(schema))}}; };
    auto object = [](std::initializer_list<std::pair<const char*, json>> props,
                     std::vector<std::string> required) {
      json p = json::object();
      for (const auto& [k, v] : props) p[k] = v;
      return json{{"type", "object"}, {"additionalProperties", false}, {"properties", p},
                  {"required", required}};
    };
    const json str = {{"type", "string"}};
    m["POST /api/auth/login"] = {
        {"requestBody", body(object({{"username", str}, {"password", str}, {"totp", str}},
                                    {"username", "password"}))},
        {"responses", {{"200", Reply("signed in; sets the session cookie", "Session")},
                       {"400", bad_body},
                       {"401", ErrorReply("invalid_credentials or totp_required")},
                       {"422", invalid},
                       {"429", ErrorReply("throttled; see Retry-After")}}}};
    m["POST /api/auth/logout"] = {{"responses", {{"200", {{"description", "signed out"}}}, {"401", unauth}, {"403", forbidden}}}};
    m["GET /api/auth/me"] = {{"responses", {{"200", Reply("the session", "Session")}, {"401", unauth}}}};
    m["POST /api/auth/password"] = {
        {"requestBody", body(object({{"current_password", str}, {"new_password", str}},
                                    {"current_password", "new_password"}))},
        {"responses", {{"200", {{"description", "changed"}}}, {"401", unauth}, {"403", forbidden},
                       {"422", ErrorReply("too_short, too_long, too_common, same_as_username, incorrect")}}}};
    m["POST /api/auth/totp/enrol"] = {
        {"responses", {{"200", {{"description", "secret and otpauth URI"},
                                {"content", JsonContent(object({{"secret", str}, {"otpauth_uri", str}}, {}))}}},
                       {"401", unauth}, {"403", forbidden}}}};
    m["POST /api/auth/totp/confirm"] = {
        {"requestBody", body(object({{"code", str}}, {"code"}))},
        {"responses", {{"200", {{"description", "TOTP on; 10 recovery codes"},
                                {"content", JsonContent(object({{"recovery_codes", {{"type", "array"}, {"items", str}}}}, {}))}}},
                       {"401", unauth}, {"403", forbidden}, {"409", ErrorReply("enrolment not started")},
                       {"422", ErrorReply("the code does not match")}}}};
    m["GET /api/roles"] = {{"responses", {{"200", {{"description", "roles"}, {"content", JsonContent({{"type", "object"}})}}}, {"401", unauth}}}};
    const json account_list_params = {
        QueryParam("q", "user name or display name", str), QueryParam("role", "role id", str),
        QueryParam("unit", "accounts of this unit and below", str),
        QueryParam("limit", "page size", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}}),
        QueryParam("offset", "rows to skip", {{"type", "integer"}, {"minimum", 0}})};
    m["GET /api/accounts"] = {{"parameters", account_list_params},
                              {"responses", {{"200", Reply("accounts", "AccountList")}, {"401", unauth}, {"403", forbidden}}}};
    m["POST /api/accounts"] = {
        {"requestBody", body(object({{"username", str}, {"display_name", str}, {"role", str}, {"unit_code", str}},
                                    {"username", "role", "unit_code"}))},
        {"responses", {{"201", Reply("created, with one_time_password", "Account")}, {"400", bad_body},
                       {"401", unauth}, {"403", forbidden}, {"409", ErrorReply("user name taken")}, {"422", invalid}}}};
    m["GET /api/accounts/{id}"] = {{"responses", {{"200", Reply("the account", "Account")}, {"401", unauth},
                                                  {"404", ErrorReply("unknown or outside your unit")}}}};
    m["PATCH /api/accounts/{id}"] = {
        {"requestBody", body(object({{"version", {{"type", "integer"}}}, {"display_name", str}, {"role", str},
                                     {"unit_code", str}, {"is_disabled", {{"type", "boolean"}}}},
                                    {"version"}))},
        {"responses", {{"200", Reply("the account", "Account")}, {"401", unauth}, {"403", forbidden},
                       {"404", ErrorReply("unknown or outside your unit")}, {"409", ErrorReply("stale version")},
                       {"422", invalid}}}};
    m["GET /api/accounts/{id}/history"] = {
        {"responses", {{"200", {{"description", "earlier versions"}, {"content", JsonContent({{"type", "object"}})}}},
                       {"401", unauth}, {"404", ErrorReply("unknown or outside your unit")}}}};
    m["POST /api/accounts/{id}/password-reset"] = {
        {"responses", {{"200", {{"description", "one_time_password"}}}, {"401", unauth}, {"403", forbidden},
                       {"404", ErrorReply("unknown or outside your unit")}}}};
    m["GET /api/audit"] = {
        {"parameters", {QueryParam("actor", "account id", str), QueryParam("action", "action", str),
                        QueryParam("entity", "record type", str), QueryParam("entity_id", "record id", str),
                        QueryParam("outcome", "ok, denied, failed", str),
                        QueryParam("from", "ISO date or time", str), QueryParam("to", "ISO date or time", str),
                        QueryParam("limit", "page size", {{"type", "integer"}}),
                        QueryParam("offset", "rows to skip", {{"type", "integer"}})}},
        {"responses", {{"200", {{"description", "entries"}, {"content", JsonContent({{"type", "object"}})}}},
                       {"401", unauth}, {"403", forbidden}}}};
    m["GET /api/audit/verify"] = {{"responses", {{"200", {{"description", "chain state"}, {"content", JsonContent({{"type", "object"}})}}},
                                                 {"401", unauth}, {"403", forbidden}}}};
    return m;
  }();
  return ops;
}

json AllSchemas(const json& extra) {
  json all = Schemas();
  for (const auto& [k, v] : extra.items()) all[k] = v;
  return all;
}

json SecuritySchemes() {
  json session = {{"type", "apiKey"},
                  {"in", "cookie"},
                  {"name", "__Host-pcmd_session"},
                  {"description",
                   "session cookie from POST /api/auth/login; state-changing requests also send "
                   "X-CSRF-Token"}};
  return {{"session", session}};
}

}  // namespace

json OpenApiDocument(const http::Router& router, const std::string& version,
                     std::vector<std::string>* undocumented,
                     const std::map<std::string, json>& extra_operations, const json& extra_schemas) {
  json paths = json::object();
  for (const auto& route : router.routes()) {
    const std::string key = route.method + " " + route.pattern;
    json op = {{"summary", route.summary},
               {"tags", {route.tag}},
               {"operationId", key},
               {"x-access", route.access}};
    if (route.access != "public") op["security"] = {{{"session", json::array()}}};
    auto it = Operations().find(key);
    auto extra = extra_operations.find(key);
    if (it != Operations().end()) {
      op.update(it->second);
    } else if (extra != extra_operations.end()) {
      op.update(extra->second);
    } else {
      if (undocumented) undocumented->push_back(key);
      op["responses"] = {{"default", {{"description", "undocumented"}}}};
    }
    // Path parameters come from the pattern itself.
    std::string::size_type pos = 0;
    while ((pos = route.pattern.find('{', pos)) != std::string::npos) {
      const auto end = route.pattern.find('}', pos);
      op["parameters"].push_back({{"name", route.pattern.substr(pos + 1, end - pos - 1)},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", {{"type", "string"}}}});
      pos = end;
    }
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.pattern][method] = std::move(op);
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "pcmd API"},
            {"version", version},
            {"description",
             "pcmd: information system of the prostitution prevention and control programme "
             "(Plan 184/KH-UBND). Errors use one envelope; see the Error schema."}}},
          {"servers", {{{"url", "/"}}}},
          {"paths", std::move(paths)},
          {"components", {{"schemas", AllSchemas(extra_schemas)}, {"securitySchemes", SecuritySchemes()}}}};
}

}  // namespace pcmd::api
