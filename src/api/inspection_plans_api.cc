#include "api/inspection_plans_api.h"

#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"
#include "base/csv.h"
#include "exports/xlsx_writer.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using enforcement::EstablishmentStatus;
using enforcement::PlanItem;
using enforcement::PlanTeam;

json StatusJson(const EstablishmentStatus& s) {
  json reasons = json::array();
  for (const auto& r : s.reasons) {
    reasons.push_back({{"code", r.code}, {"points", r.points}, {"message_vi", r.message_vi}, {"message_en", r.message_en}});
  }
  return {{"id", s.id},
          {"unit", s.unit_code},
          {"district", s.district_code},
          {"name", s.name},
          {"kind", s.kind},
          {"is_closed", s.is_closed},
          {"inspected_years", s.inspected_years},
          {"last_inspected", s.last_inspected.empty() ? json(nullptr) : json(s.last_inspected)},
          {"is_inspected_this_year", s.is_inspected_this_year},
          {"is_ever_inspected", s.is_ever_inspected},
          {"violations_recent", s.violations_recent},
          {"open_tips", s.open_tips},
          {"risk_score", s.risk_score},
          {"risk_level", s.risk_level},
          {"risk_reasons", reasons}};
}

// Names of establishments and units, for replies and the printed plan.
struct Names {
  std::map<std::string, std::string> establishments;
  std::map<std::string, std::string> units;
};

Names NamesFor(enforcement::EstablishmentRegister& establishments, const units::UnitTree& tree,
               const access::Subject& subject, const std::string& unit, int year) {
  Names n;
  if (auto all = establishments.Statuses(subject, unit, year); all.ok()) {
    for (const auto& s : *all) n.establishments[s.id] = s.name;
  }
  if (auto us = tree.List({.date = base::Date::Today(), .limit = 100000}); us.ok()) {
    for (const auto& u : us->items) n.units[u.code] = u.name;
  }
  return n;
}

json ItemsJson(const std::vector<PlanItem>& items, const Names& names) {
  json out = json::array();
  for (const auto& i : items) {
    auto e = names.establishments.find(i.establishment_id);
    auto d = names.units.find(i.district);
    out.push_back({{"establishment_id", i.establishment_id},
                   {"establishment_name", e == names.establishments.end() ? "" : e->second},
                   {"district", i.district},
                   {"district_name", d == names.units.end() ? "" : d->second},
                   {"team_id", i.team_id},
                   {"month", i.month},
                   {"reasons", i.reasons}});
  }
  return out;
}

json TeamsJson(const std::vector<PlanTeam>& teams) {
  json out = json::array();
  for (const auto& t : teams) out.push_back({{"id", t.id}, {"monthly_capacity", t.monthly_capacity}, {"districts", t.districts}});
  return out;
}

// Teams from a body: [{id, monthly_capacity: [12 ints], districts: [codes]}].
std::vector<PlanTeam> ReadTeams(const json& body, BodyReader& reader) {
  std::vector<PlanTeam> out;
  reader.MarkKnown("teams");
  if (!body.contains("teams") || !body["teams"].is_array() || body["teams"].empty()) {
    reader.AddError("teams", "required", "Cần ít nhất một đoàn kiểm tra với năng lực theo tháng",
                    "at least one team with its monthly capacity is required");
    return out;
  }
  for (std::size_t i = 0; i < body["teams"].size(); ++i) {
    const json& t = body["teams"][i];
    const std::string at = "teams[" + std::to_string(i) + "]";
    PlanTeam team;
    if (!t.is_object() || !t.contains("id") || !t["id"].is_string() || !t.contains("monthly_capacity") ||
        !t["monthly_capacity"].is_array() || t["monthly_capacity"].size() != 12) {
      reader.AddError(at, "invalid", "Đoàn kiểm tra cần mã và năng lực của 12 tháng",
                      "a team needs an id and a capacity for each of the 12 months");
      continue;
    }
    team.id = t["id"].get<std::string>();
    for (std::size_t m = 0; m < 12; ++m) {
      const json& c = t["monthly_capacity"][m];
      if (!c.is_number_integer() || c.get<int>() < 0 || c.get<int>() > 1000) {
        reader.AddError(at + ".monthly_capacity[" + std::to_string(m) + "]", "out_of_range",
                        "Năng lực mỗi tháng là số nguyên từ 0 đến 1000", "capacity must be a whole number 0..1000");
      } else {
        team.monthly_capacity[m] = c.get<int>();
      }
    }
    if (t.contains("districts") && t["districts"].is_array()) {
      for (const auto& d : t["districts"]) {
        if (d.is_string()) team.districts.push_back(d.get<std::string>());
      }
    }
    out.push_back(std::move(team));
  }
  return out;
}

std::vector<PlanItem> ReadItems(const json& body, BodyReader& reader) {
  std::vector<PlanItem> out;
  reader.MarkKnown("items");
  if (!body.contains("items")) return out;
  if (!body["items"].is_array()) {
    reader.AddError("items", "invalid_type", "Danh sách cơ sở phải là mảng", "items must be an array");
    return out;
  }
  for (std::size_t i = 0; i < body["items"].size(); ++i) {
    const json& it = body["items"][i];
    if (!it.is_object() || !it.contains("establishment_id") || !it["establishment_id"].is_string() ||
        !it.contains("team_id") || !it["team_id"].is_string() || !it.contains("month") || !it["month"].is_number_integer()) {
      reader.AddError("items[" + std::to_string(i) + "]", "invalid", "Mỗi dòng cần cơ sở, đoàn và tháng",
                      "each item needs establishment_id, team_id and month");
      continue;
    }
    PlanItem item;
    item.establishment_id = it["establishment_id"].get<std::string>();
    item.team_id = it["team_id"].get<std::string>();
    item.month = it["month"].get<int>();
    item.district = it.value("district", "");
    if (it.contains("reasons") && it["reasons"].is_array()) {
      for (const auto& r : it["reasons"]) {
        if (r.is_string()) item.reasons.push_back(r.get<std::string>());
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

json PlanJson(const enforcement::StoredPlan& p, const Names& names) {
  return {{"id", p.id},
          {"unit", p.unit_code},
          {"year", p.year},
          {"first_month", p.first_month},
          {"status", p.status},
          {"teams", TeamsJson(p.teams)},
          {"items", ItemsJson(p.items, names)},
          {"version", p.version},
          {"created_at", p.created_at},
          {"created_by", p.created_by},
          {"updated_at", p.updated_at},
          {"updated_by", p.updated_by},
          {"approved_at", p.approved_at.empty() ? json(nullptr) : json(p.approved_at)},
          {"approved_by", p.approved_by.empty() ? json(nullptr) : json(p.approved_by)}};
}

enforcement::CalendarDate Today() {
  const std::string t = base::Date::Today().ToString();
  return {std::atoi(t.substr(0, 4).c_str()), std::atoi(t.substr(5, 2).c_str()), std::atoi(t.substr(8, 2).c_str())};
}

int YearParam(QueryParams& q) { return q.Int("year", 2000, 2100).value_or(Today().year); }

}  // namespace

void AddInspectionPlanRoutes(http::Router& router, Guard& guard, enforcement::EstablishmentRegister& establishments,
                             enforcement::InspectionPlans& plans, const units::UnitTree& units) {
  // The status is drawn from inspection files: the enforcement world's (inspection:read), never
  // the support world's, though both read the establishments themselves.
  guard.Add(router, "GET", "/api/establishment-status", "inspection:read",
            [&establishments](Call& call) {
              QueryParams q(call.request);
              const auto unit = q.Text("unit", 20);
              const int year = YearParam(q);
              if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
              auto all = establishments.Statuses(call.subject(), unit, year);
              if (!all.ok()) return ErrorResponse(all.status());
              json items = json::array();
              for (const auto& s : *all) items.push_back(StatusJson(s));
              return JsonResponse(200, {{"year", year}, {"items", items}});
            },
            "Every establishment's inspection history and risk, derived (never typed)", "establishments");
  guard.Add(router, "GET", "/api/establishments/{id}/status", "inspection:read",
            [&establishments](Call& call) {
              QueryParams q(call.request);
              const int year = YearParam(q);
              if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
              auto s = establishments.StatusOf(call.subject(), call.request.path_params.at("id"), year);
              if (!s.ok()) return ErrorResponse(s.status());
              json out = StatusJson(*s);
              out["year"] = year;
              return JsonResponse(200, out);
            },
            "One establishment's inspection history and risk", "establishments");

  guard.Add(router, "POST", "/api/inspection-plans/proposals", "inspection:create",
            [&plans, &establishments, &units](Call& call) {
              auto reader = BodyReader::Parse(call.request.body);
              if (!reader.ok()) return ErrorResponse(reader.status());
              const json body = json::parse(call.request.body, nullptr, false);
              enforcement::PlanInput in;
              const std::string unit = reader->String("unit", true, 20).value_or("");
              in.year = static_cast<int>(reader->Int("year", true).value_or(0));
              in.first_month = static_cast<int>(reader->Int("first_month", false).value_or(1));
              in.plan_end_year = static_cast<int>(reader->Int("plan_end_year", false).value_or(2025));
              in.fill_capacity = reader->Bool("fill_capacity", false).value_or(false);
              in.teams = ReadTeams(body, *reader);
              if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
              auto names = NamesFor(establishments, units, call.subject(), unit, in.year);
              for (const auto& [code, name] : names.units) in.district_names[code] = name;
              auto plan = plans.Propose(call.subject(), unit, in);
              if (!plan.ok()) return ErrorResponse(plan.status());
              json shortfalls = json::array();
              for (const auto& s : plan->shortfalls) {
                shortfalls.push_back({{"district", s.district}, {"rule", s.rule}, {"cause", s.cause},
                                      {"required", s.required}, {"already_done", s.already_done},
                                      {"planned", s.planned}, {"message_vi", s.message_vi}, {"message_en", s.message}});
              }
              json districts = json::array();
              for (const auto& d : plan->districts) {
                districts.push_back({{"district", d.district}, {"district_name", names.units[d.district]},
                                     {"establishments", d.establishments}, {"inspected_this_year", d.inspected_this_year},
                                     {"never_inspected", d.never_inspected}, {"required_share", d.required_share},
                                     {"required_never", d.required_never}, {"planned", d.planned},
                                     {"planned_never", d.planned_never}});
              }
              return JsonResponse(200, {{"unit", unit}, {"year", in.year}, {"first_month", in.first_month},
                                        {"is_feasible", plan->is_feasible()}, {"teams", TeamsJson(in.teams)},
                                        {"items", ItemsJson(plan->items, names)}, {"shortfalls", shortfalls},
                                        {"districts", districts}});
            },
            "Propose the year's inspection plan of a unit for the teams' monthly capacity (T10)", "inspection-plans");
  guard.Add(router, "GET", "/api/inspection-plans", "inspection:read",
            [&plans](Call& call) {
              QueryParams q(call.request);
              const auto unit = q.Text("unit", 20);
              const auto year = q.Int("year", 2000, 2100);
              if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
              auto all = plans.List(call.subject(), unit, year);
              if (!all.ok()) return ErrorResponse(all.status());
              json items = json::array();
              for (const auto& p : *all) {
                items.push_back({{"id", p.id}, {"unit", p.unit_code}, {"year", p.year}, {"status", p.status},
                                 {"items", p.items.size()}, {"version", p.version}, {"updated_at", p.updated_at}});
              }
              return JsonResponse(200, {{"items", items}});
            },
            "Stored inspection plans", "inspection-plans");
  guard.Add(router, "POST", "/api/inspection-plans", "inspection:create",
            [&plans, &establishments, &units](Call& call) {
              auto reader = BodyReader::Parse(call.request.body);
              if (!reader.ok()) return ErrorResponse(reader.status());
              const json body = json::parse(call.request.body, nullptr, false);
              enforcement::StoredPlan p;
              p.unit_code = reader->String("unit", true, 20).value_or("");
              p.year = static_cast<int>(reader->Int("year", true).value_or(0));
              p.first_month = static_cast<int>(reader->Int("first_month", false).value_or(1));
              p.teams = ReadTeams(body, *reader);
              p.items = ReadItems(body, *reader);
              if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
              auto stored = plans.Create(call.subject(), call.actor, p);
              if (!stored.ok()) return ErrorResponse(stored.status());
              return JsonResponse(201, PlanJson(*stored, NamesFor(establishments, units, call.subject(),
                                                                  stored->unit_code, stored->year)));
            },
            "Store an inspection plan as a draft", "inspection-plans");
  guard.Add(router, "GET", "/api/inspection-plans/{id}/export", "inspection:read",
            [&plans, &establishments, &units](Call& call) {
              QueryParams q(call.request);
              const std::string format = q.Enum("format", {"csv", "xlsx"}).value_or("csv");
              if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
              auto plan = plans.Get(call.subject(), call.request.path_params.at("id"));
              if (!plan.ok()) return ErrorResponse(plan.status());
              auto progress = plans.Progress(call.subject(), *plan, Today());
              if (!progress.ok()) return ErrorResponse(progress.status());
              const Names names = NamesFor(establishments, units, call.subject(), plan->unit_code, plan->year);
              std::vector<std::string> header = {"Tháng", "Huyện", "Cơ sở", "Mã cơ sở", "Đoàn kiểm tra", "Lý do", "Tiến độ"};
              exports::Sheet sheet;
              sheet.name = "Kế hoạch kiểm tra " + std::to_string(plan->year);
              for (const auto& h : header) sheet.columns.push_back({h, 0});
              std::string csv = "\xEF\xBB\xBF" + base::CsvLine(header);
              for (const auto& it : progress->items) {
                const auto e = names.establishments.find(it.item.establishment_id);
                const auto d = names.units.find(it.item.district);
                std::string reasons;
                for (const auto& r : it.item.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
                const std::vector<std::string> row = {
                    std::to_string(it.item.month), d == names.units.end() ? it.item.district : d->second,
                    e == names.establishments.end() ? "" : e->second, it.item.establishment_id, it.item.team_id, reasons,
                    std::string(enforcement::ItemProgressName(it.progress))};
                csv += base::CsvLine(row);
                std::vector<exports::Cell> cells = {exports::Cell(std::int64_t{it.item.month})};
                for (std::size_t c = 1; c < row.size(); ++c) cells.emplace_back(row[c]);
                sheet.rows.push_back(std::move(cells));
              }
              http::Response r;
              if (format == "xlsx") {
                auto bytes = exports::WriteXlsx({sheet});
                if (!bytes.ok()) return ErrorResponse(bytes.status());
                r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                r.body = std::move(bytes).value();
              } else {
                r.content_type = "text/csv; charset=utf-8";
                r.body = std::move(csv);
              }
              r.WithHeader("Content-Disposition", "attachment; filename=\"ke-hoach-kiem-tra-" +
                                                      std::to_string(plan->year) + "." + format + "\"");
              return r;
            },
            "The plan as a spreadsheet to print, with each item's progress", "inspection-plans");
  guard.Add(router, "GET", "/api/inspection-plans/{id}", "inspection:read",
            [&plans, &establishments, &units](Call& call) {
              auto plan = plans.Get(call.subject(), call.request.path_params.at("id"));
              if (!plan.ok()) return ErrorResponse(plan.status());
              auto progress = plans.Progress(call.subject(), *plan, Today());
              if (!progress.ok()) return ErrorResponse(progress.status());
              json out = PlanJson(*plan, NamesFor(establishments, units, call.subject(), plan->unit_code, plan->year));
              for (std::size_t i = 0; i < progress->items.size() && i < out["items"].size(); ++i) {
                out["items"][i]["progress"] = std::string(enforcement::ItemProgressName(progress->items[i].progress));
              }
              out["progress"] = {{"done", progress->done}, {"overdue", progress->overdue}, {"planned", progress->planned}};
              return JsonResponse(200, out);
            },
            "An inspection plan with each item's progress (planned, done, overdue)", "inspection-plans");
  guard.Add(router, "PATCH", "/api/inspection-plans/{id}", "inspection:update",
            [&plans, &establishments, &units](Call& call) {
              auto reader = BodyReader::Parse(call.request.body);
              if (!reader.ok()) return ErrorResponse(reader.status());
              const json body = json::parse(call.request.body, nullptr, false);
              const std::int64_t version = reader->Int("version", true).value_or(0);
              auto teams = ReadTeams(body, *reader);
              auto items = ReadItems(body, *reader);
              if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
              auto plan = plans.Update(call.subject(), call.actor, call.request.path_params.at("id"), version,
                                       std::move(teams), std::move(items));
              if (!plan.ok()) return ErrorResponse(plan.status());
              return JsonResponse(200, PlanJson(*plan, NamesFor(establishments, units, call.subject(),
                                                                plan->unit_code, plan->year)));
            },
            "Change a draft plan's teams and items (send its version)", "inspection-plans");
  guard.Add(router, "POST", "/api/inspection-plans/{id}/approve", "inspection:update",
            [&plans, &establishments, &units](Call& call) {
              auto reader = BodyReader::Parse(call.request.body);
              if (!reader.ok()) return ErrorResponse(reader.status());
              const std::int64_t version = reader->Int("version", true).value_or(0);
              if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
              auto plan = plans.Approve(call.subject(), call.actor, call.request.path_params.at("id"), version);
              if (!plan.ok()) return ErrorResponse(plan.status());
              return JsonResponse(200, PlanJson(*plan, NamesFor(establishments, units, call.subject(),
                                                                plan->unit_code, plan->year)));
            },
            "Approve a draft plan; it no longer changes", "inspection-plans");
}

void DescribeInspectionPlanRoutes(std::map<std::string, json>& ops) {
  const json error = {{"description", "error"},
                      {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  auto reply = [](const std::string& d) {
    return json{{"description", d}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  };
  auto param = [](const std::string& name, const std::string& d, bool required = false) {
    return json{{"name", name}, {"in", "query"}, {"required", required}, {"description", d}, {"schema", {{"type", "string"}}}};
  };
  const json body = {{"required", true}, {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
  ops["GET /api/establishment-status"] = {{"parameters", {param("unit", "this unit and below"), param("year", "the year (default this year)")}},
                                          {"responses", {{"200", reply("statuses")}, {"400", error}, {"403", error}}}};
  ops["GET /api/establishments/{id}/status"] = {{"parameters", {param("year", "the year (default this year)")}},
                                                {"responses", {{"200", reply("the status")}, {"404", error}}}};
  ops["POST /api/inspection-plans/proposals"] = {
      {"requestBody", body},
      {"responses", {{"200", reply("the proposal: items, shortfalls, district summaries")}, {"403", error}, {"422", error}}}};
  ops["GET /api/inspection-plans"] = {{"parameters", {param("unit", "the plan's unit"), param("year", "the plan's year")}},
                                      {"responses", {{"200", reply("plans")}, {"403", error}}}};
  ops["POST /api/inspection-plans"] = {{"requestBody", body},
                                       {"responses", {{"201", reply("the draft plan")}, {"403", error}, {"422", error}}}};
  ops["GET /api/inspection-plans/{id}"] = {{"responses", {{"200", reply("the plan with progress")}, {"404", error}}}};
  ops["PATCH /api/inspection-plans/{id}"] = {{"requestBody", body},
                                             {"responses", {{"200", reply("the plan")}, {"404", error}, {"409", error}, {"422", error}}}};
  ops["POST /api/inspection-plans/{id}/approve"] = {{"requestBody", body},
                                                    {"responses", {{"200", reply("the approved plan")}, {"404", error}, {"409", error}}}};
  ops["GET /api/inspection-plans/{id}/export"] = {
      {"parameters", {param("format", "csv (default) or xlsx")}},
      {"responses", {{"200", {{"description", "CSV or XLSX file"}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}}}, {"404", error}}}};
}

}  // namespace pcmd::api
