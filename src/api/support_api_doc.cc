// The OpenAPI description of the support routes (support_api.cc).
#include "api/support_api.h"

namespace pcmd::api {

using nlohmann::json;

void DescribeSupportRoutes(std::map<std::string, nlohmann::json>& ops, nlohmann::json& schemas) {
  const json str = {{"type", "string"}}, nstr = {{"type", "string"}, {"nullable", true}};
  const json integer = {{"type", "integer"}}, boolean = {{"type", "boolean"}};
  const json date = {{"type", "string"}, {"format", "date"}};
  const json codes = {{"type", "array"}, {"items", str}};
  auto ref = [](const char* name) {
    return json{{"$ref", std::string("#/components/schemas/") + name}};
  };
  auto object = [](json properties, std::vector<std::string> required = {}) {
    json o = {{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) o["required"] = required;
    return o;
  };
  auto list_of = [&](const char* name) {
    return object({{"items", {{"type", "array"}, {"items", ref(name)}}}});
  };
  const json answers = object({{"sex", {{"type", "string"}, {"enum", {"M", "F", "K"}}}},
                               {"birth_year", integer},
                               {"birth_month", integer},
                               {"given_name", str},
                               {"mother_given_name", str},
                               {"father_given_name", str}},
                              {"sex", "birth_year"});
  schemas["UicAnswers"] = answers;
  schemas["Client"] = object({{"id", str},
                              {"uic", str},
                              {"unit", str},
                              {"assigned", codes},
                              {"sex", str},
                              {"birth_year", {{"type", "integer"}, {"nullable", true}}},
                              {"registered_on", date},
                              {"is_erased", boolean},
                              {"erased_at", nstr},
                              {"version", integer},
                              {"created_at", str},
                              {"updated_at", str},
                              {"created_by", str},
                              {"updated_by", str}});
  schemas["ClientContact"] = object({{"nickname", nstr}, {"phone", nstr}, {"note", nstr}});
  schemas["Consent"] = object(
      {{"id", str},
       {"purpose", {{"type", "string"}, {"enum", {"record_keeping", "referral", "contact"}}}},
       {"provider_id", nstr},
       {"service", nstr},
       {"notice_version", str},
       {"method", str},
       {"given_on", date},
       {"withdrawn_on", date},
       {"withdraws", str},
       {"is_withdrawal", boolean},
       {"is_current", boolean},
       {"recorded_by", str},
       {"recorded_at", str}});
  schemas["Assessment"] = object({{"id", str},
                                  {"assessed_on", date},
                                  {"needs", codes},
                                  {"eligible", codes},
                                  {"recorded_by", str},
                                  {"recorded_at", str}});
  schemas["Referral"] = object({{"id", str},
                                {"client_id", str},
                                {"provider_id", str},
                                {"service", str},
                                {"referred_on", date},
                                {"due_on", date},
                                {"outcome", nstr},
                                {"reason", nstr},
                                {"outcome_on", nstr},
                                {"is_overdue", boolean},
                                {"version", integer}});
  schemas["Incident"] = object({{"id", str},
                                {"kind", str},
                                {"occurred_on", date},
                                {"place_type", str},
                                {"services_offered", codes},
                                {"services_accepted", codes}});
  schemas["Provider"] = object({{"id", str},
                                {"name", str},
                                {"unit", str},
                                {"services", codes},
                                {"contact", nstr},
                                {"is_active", boolean},
                                {"version", integer}});
  const json error = {{"description", "error"},
                      {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
  auto op = [&](const std::string& key, json reply, std::vector<int> errors, json body = nullptr,
                json parameters = nullptr) {
    json o = {
        {"responses",
         {{key.rfind("POST", 0) == 0 && key.find("/erase") == std::string::npos &&
                   key.find("/withdraw") == std::string::npos && key != "POST /api/uic"
               ? "201"
               : "200",
           {{"description", "ok"}, {"content", {{"application/json", {{"schema", reply}}}}}}}}}};
    for (int e : errors) o["responses"][std::to_string(e)] = error;
    if (!body.is_null())
      o["requestBody"] = {{"required", true},
                          {"content", {{"application/json", {{"schema", body}}}}}};
    if (!parameters.is_null()) {
      for (const auto& [name, schema] : parameters.items()) {
        o["parameters"].push_back(
            {{"name", name}, {"in", "query"}, {"required", false}, {"schema", schema}});
      }
    }
    ops[key] = o;
  };
  const json recipe = object({{"recipe", str}, {"default", str}});
  op("POST /api/uic", object({{"uic", str}, {"recipe", str}, {"existing", codes}}), {403, 422},
     [&] {
       json b = answers;
       b["properties"]["unit"] = str;
       return b;
     }());
  op("GET /api/uic/recipe", recipe, {403});
  op("PUT /api/uic/recipe", recipe, {403, 422}, object({{"recipe", str}}, {"recipe"}));
  op("GET /api/clients",
     [&] {
       json l = list_of("Client");
       l["properties"]["total"] = integer;
       return l;
     }(),
     {403}, nullptr, {{"unit", str}, {"uic", str}, {"limit", integer}, {"offset", integer}});
  op("POST /api/clients", ref("Client"), {403, 409, 422},
     object({{"id", str},
             {"unit", str},
             {"answers", ref("UicAnswers")},
             {"assigned", codes},
             {"registered_on", date},
             {"confirm_new_person", boolean}},
            {"unit", "answers"}));
  op("GET /api/clients/referrals", list_of("Referral"), {403}, nullptr,
     {{"due", {{"type", "string"}, {"enum", {"overdue", "open"}}}}});
  op("GET /api/clients/service-access",
     object({{"unit", str},
             {"period", str},
             {"from", date},
             {"to", date},
             {"denominator", {{"type", "integer"}, {"nullable", true}}},
             {"numerator", {{"type", "integer"}, {"nullable", true}}},
             {"percent", {{"type", "number"}, {"nullable", true}}},
             {"shown", object({{"denominator", str}, {"numerator", str}})},
             {"is_suppressed", boolean},
             {"target_percent", {{"type", "number"}}}}),
     {400, 403}, nullptr, {{"unit", str}, {"period", str}});
  op("GET /api/clients/{id}", ref("Client"), {404});
  op("PATCH /api/clients/{id}", ref("Client"), {403, 404, 409, 422},
     object({{"version", integer},
             {"unit", str},
             {"assigned", codes},
             {"registered_on", date},
             {"answers", ref("UicAnswers")}},
            {"version"}));
  op("GET /api/clients/{id}/history", list_of("Client"), {404});
  op("GET /api/clients/{id}/subject-access",
     object({{"client", ref("Client")},
             {"contact", ref("ClientContact")},
             {"history", {{"type", "array"}, {"items", ref("Client")}}},
             {"consents", {{"type", "array"}, {"items", ref("Consent")}}},
             {"assessments", {{"type", "array"}, {"items", ref("Assessment")}}},
             {"referrals", {{"type", "array"}, {"items", ref("Referral")}}},
             {"incidents", {{"type", "array"}, {"items", ref("Incident")}}},
             {"memberships", {{"type", "array"}, {"items", ref("Membership")}}},
             {"attended_activities", codes}}),
     {404});
  op("POST /api/clients/{id}/erase", ref("Client"), {403, 404, 409, 422},
     object({{"version", integer}}, {"version"}));
  op("GET /api/clients/{id}/contact", ref("ClientContact"), {404});
  op("PUT /api/clients/{id}/contact", ref("ClientContact"), {403, 404, 422}, ref("ClientContact"));
  op("DELETE /api/clients/{id}/contact", object({{"ok", boolean}}), {403, 404});
  op("GET /api/clients/{id}/consents", list_of("Consent"), {404});
  op("POST /api/clients/{id}/consents", ref("Consent"), {403, 404, 409, 422},
     object({{"purpose", str},
             {"provider_id", str},
             {"service", str},
             {"notice_version", str},
             {"method", str},
             {"given_on", date}},
            {"purpose", "notice_version", "method"}));
  op("POST /api/clients/{id}/consents/{consent_id}/withdraw", ref("Consent"), {403, 404, 409, 422},
     object({{"withdrawn_on", date}}));
  op("GET /api/clients/{id}/assessments", list_of("Assessment"), {404});
  op("POST /api/clients/{id}/assessments", ref("Assessment"), {403, 404, 409, 422},
     object({{"assessed_on", date}, {"needs", codes}, {"eligible", codes}},
            {"assessed_on", "needs"}));
  op("GET /api/clients/{id}/referrals", list_of("Referral"), {404});
  op("POST /api/clients/{id}/referrals", ref("Referral"), {403, 404, 409, 422},
     object({{"provider_id", str}, {"service", str}, {"referred_on", date}, {"due_on", date}},
            {"provider_id", "service"}));
  op("PATCH /api/clients/{id}/referrals/{referral_id}", ref("Referral"), {403, 404, 409, 422},
     object({{"version", integer},
             {"outcome", {{"type", "string"}, {"enum", {"received", "not_received"}}}},
             {"reason", str},
             {"outcome_on", date}},
            {"version", "outcome"}));
  op("GET /api/clients/{id}/incidents", list_of("Incident"), {404});
  op("POST /api/clients/{id}/incidents", ref("Incident"), {403, 404, 409, 422},
     object({{"kind", str},
             {"occurred_on", date},
             {"place_type", str},
             {"services_offered", codes},
             {"services_accepted", codes}},
            {"kind", "occurred_on", "place_type"}));
  const json provider_body = object({{"id", str},
                                     {"name", str},
                                     {"unit", str},
                                     {"services", codes},
                                     {"contact", str},
                                     {"is_active", boolean},
                                     {"version", integer}});
  op("GET /api/providers", list_of("Provider"), {403}, nullptr, {{"unit", str}, {"service", str}});
  op("POST /api/providers", ref("Provider"), {403, 409, 422}, provider_body);
  op("GET /api/providers/{id}", ref("Provider"), {404});
  op("PATCH /api/providers/{id}", ref("Provider"), {403, 404, 409, 422}, provider_body);
}

}  // namespace pcmd::api
