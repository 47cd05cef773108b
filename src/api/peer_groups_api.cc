#include "api/peer_groups_api.h"

#include "analytics/suppression.h"
#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using namespace support;  // NOLINT: the module this file serves

json MembershipItems(const std::vector<Membership>& list) {
  json items = json::array();
  for (const auto& m : list) items.push_back(MembershipJson(m));
  return {{"items", items}};
}

const std::string& Id(Call& call, const char* name = "id") {
  return call.request.path_params.at(name);
}


// T13 rows as JSON: the member counts are client-derived and leave the groups' units here, so
// the small-cell rule applies, with the first row (the unit) as the total of the others.
json SummaryJson(const std::vector<PeerProgrammeRow>& rows, int year) {
  std::vector<std::int64_t> members;
  analytics::SuppressionGroup group{0, {}};
  for (std::size_t i = 0; i < rows.size(); ++i) {
    members.push_back(rows[i].members);
    if (i > 0) group.parts.push_back(i);
  }
  // The parts only add up to the total when no group sits at the unit itself and no client
  // belongs to groups of two units; the rule is applied as if they did (safe either way).
  const auto hidden = analytics::Suppress(members, {group});
  json items = json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    items.push_back({{"unit", r.unit_code},
                     {"groups", r.groups},
                     {"active_groups", r.active_groups},
                     {"members", hidden[i] ? json(nullptr) : json(r.members)},
                     {"members_shown", analytics::ShowCount(r.members, hidden[i])},
                     {"activities", r.activities},
                     {"participants", r.participants},
                     {"condoms", r.condoms},
                     {"lubricant", r.lubricant},
                     {"leaflets", r.leaflets},
                     {"referrals_made", r.referrals_made}});
  }
  return {{"year", year}, {"total", items.at(0)}, {"items", json(items.begin() + 1, items.end())}};
}

}  // namespace

nlohmann::json MembershipJson(const support::Membership& m) {
  return {{"id", m.id},
          {"group_id", m.group_id},
          {"client_id", m.client_id},
          {"uic", m.uic},
          {"joined_on", m.joined_on.ToString()},
          {"left_on", m.left_on ? json(m.left_on->ToString()) : json(nullptr)},
          {"version", m.version},
          {"recorded_by", m.recorded_by},
          {"recorded_at", m.recorded_at},
          {"updated_at", m.updated_at},
          {"updated_by", m.updated_by}};
}

void AddPeerGroupRoutes(http::Router& router, Guard& guard, PeerGroupStore& groups) {
  guard.Add(
      router, "GET", "/api/peer-groups/summary", "peer_group:read",
      [&groups](Call& call) {
        QueryParams q(call.request);
        auto unit = q.Text("unit", 20);
        auto year = q.Int("year", 2000, 2100);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        const int y = year.value_or(base::Date::Today().year());
        return Written(groups.Summary(call.subject(), unit, y), 200,
                       [y](const auto& rows) { return SummaryJson(rows, y); });
      },
      "Target T13 for a unit and year: groups, active groups, members (counts 1-4 shown as <5), "
      "activities and what they gave out, for the unit and each unit below it",
      "support");
  guard.Add(
      router, "GET", "/api/peer-groups/{id}/members", "peer_group:read",
      [&groups](Call& call) {
        return Written(groups.Members(call.subject(), Id(call)), 200, [](const MemberList& l) {
          json j = MembershipItems(l.items);
          // Counts of one group: shown exactly only to those who run it (they see the codes).
          const bool hide_current = !l.shows_codes && l.current >= 1 && l.current <= analytics::kSmallCellMax;
          const bool hide_ever = !l.shows_codes && l.ever >= 1 && l.ever <= analytics::kSmallCellMax;
          j["current"] = hide_current ? json(nullptr) : json(l.current);
          j["ever"] = hide_ever ? json(nullptr) : json(l.ever);
          j["current_shown"] = analytics::ShowCount(l.current, hide_current);
          j["ever_shown"] = analytics::ShowCount(l.ever, hide_ever);
          j["shows_codes"] = l.shows_codes;
          return j;
        });
      },
      "Members of a group by client code (to those who run it; others see the counts)", "support");
  guard.Add(
      router, "POST", "/api/peer-groups/{id}/members", "peer_group:update",
      [&groups](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        NewMembership in;
        in.id = reader->String("id", false, 64);
        in.client_id = reader->String("client_id", true, 64).value_or("");
        in.joined_on = reader->Date("joined_on", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        bool created = false;
        auto m = groups.AddMember(call.subject(), call.actor, Id(call), in, &created);
        return Written(m, created ? 201 : 200, MembershipJson);
      },
      "Adds a client (one the caller works with) to a group", "support");
  guard.Add(
      router, "POST", "/api/peer-groups/{id}/members/{member_id}/end", "peer_group:update",
      [&groups](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        auto version = reader->Int("version", true);
        auto left_on = reader->Date("left_on", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(groups.EndMembership(call.subject(), call.actor, Id(call), Id(call, "member_id"),
                                            left_on.value_or(base::Date::Today()), *version),
                       200, MembershipJson);
      },
      "Ends a membership on a date (default today)", "support");
  guard.Add(
      router, "GET", "/api/peer-group-activities/{id}/attendance", "peer_group:read",
      [&groups](Call& call) {
        return Written(groups.Attendance(call.subject(), Id(call)), 200, MembershipItems);
      },
      "The members recorded as present at an activity (to those who run its group)", "support");
  guard.Add(
      router, "PUT", "/api/peer-group-activities/{id}/attendance", "peer_group:update",
      [&groups](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        auto ids = reader->StringList("member_ids", true);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        return Written(groups.SetAttendance(call.subject(), call.actor, Id(call), *ids), 200,
                       MembershipItems);
      },
      "Replaces the attendance of an activity by these memberships of its group", "support");
  guard.Add(
      router, "GET", "/api/clients/{id}/groups", "client:read",
      [&groups](Call& call) {
        return Written(groups.GroupsOf(call.subject(), Id(call)), 200, MembershipItems);
      },
      "The groups a client belongs or belonged to", "support");
}

void DescribePeerGroupRoutes(std::map<std::string, nlohmann::json>& ops, nlohmann::json& schemas) {
  const json str = {{"type", "string"}}, nstr = {{"type", "string"}, {"nullable", true}};
  const json integer = {{"type", "integer"}}, nint = {{"type", "integer"}, {"nullable", true}};
  const json date = {{"type", "string"}, {"format", "date"}};
  auto ref = [](const char* name) {
    return json{{"$ref", std::string("#/components/schemas/") + name}};
  };
  auto object = [](json properties, std::vector<std::string> required = {}) {
    json o = {{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) o["required"] = required;
    return o;
  };
  schemas["Membership"] = object({{"id", str},
                                  {"group_id", str},
                                  {"client_id", str},
                                  {"uic", str},
                                  {"joined_on", date},
                                  {"left_on", nstr},
                                  {"version", integer}});
  const json members = object({{"items", {{"type", "array"}, {"items", ref("Membership")}}}});
  json row = object({{"unit", str},
                     {"groups", integer},
                     {"active_groups", integer},
                     {"members", nint},
                     {"members_shown", str},
                     {"activities", integer},
                     {"participants", integer},
                     {"condoms", integer},
                     {"lubricant", integer},
                     {"leaflets", integer},
                     {"referrals_made", integer}});
  schemas["PeerProgrammeRow"] = row;
  const json error = {{"description", "error"},
                      {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
  auto op = [&](const std::string& key, json reply, std::vector<int> errors, json body = nullptr,
                json parameters = nullptr) {
    const bool creates = key == "POST /api/peer-groups/{id}/members";
    json o = {{"responses",
               {{creates ? "201" : "200",
                 {{"description", "ok"}, {"content", {{"application/json", {{"schema", reply}}}}}}}}}};
    for (int e : errors) o["responses"][std::to_string(e)] = error;
    if (!body.is_null())
      o["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", body}}}}}};
    if (!parameters.is_null()) {
      for (const auto& [name, schema] : parameters.items()) {
        o["parameters"].push_back({{"name", name}, {"in", "query"}, {"required", false}, {"schema", schema}});
      }
    }
    ops[key] = o;
  };
  op("GET /api/peer-groups/summary",
     object({{"year", integer},
             {"total", ref("PeerProgrammeRow")},
             {"items", {{"type", "array"}, {"items", ref("PeerProgrammeRow")}}}}),
     {400, 403}, nullptr, {{"unit", str}, {"year", integer}});
  op("GET /api/peer-groups/{id}/members",
     [&] {
       json j = members;
       j["properties"]["current"] = nint;
       j["properties"]["ever"] = nint;
       j["properties"]["current_shown"] = str;
       j["properties"]["ever_shown"] = str;
       j["properties"]["shows_codes"] = {{"type", "boolean"}};
       return j;
     }(),
     {404});
  op("POST /api/peer-groups/{id}/members", ref("Membership"), {403, 404, 409, 422},
     object({{"id", str}, {"client_id", str}, {"joined_on", date}}, {"client_id"}));
  op("POST /api/peer-groups/{id}/members/{member_id}/end", ref("Membership"), {403, 404, 409, 422},
     object({{"version", integer}, {"left_on", date}}, {"version"}));
  op("GET /api/peer-group-activities/{id}/attendance", members, {403, 404});
  op("PUT /api/peer-group-activities/{id}/attendance", members, {403, 404, 422},
     object({{"member_ids", {{"type", "array"}, {"items", str}}}}, {"member_ids"}));
  op("GET /api/clients/{id}/groups", members, {404});
}

}  // namespace pcmd::api
