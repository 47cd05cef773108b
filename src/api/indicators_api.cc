#include "api/indicators_api.h"

#include <cmath>
#include <tuple>

#include "analytics/suppression.h"
#include "api/errors.h"
#include "api/indicators_report.h"
#include "api/indicators_query.h"
#include "api/query_params.h"
#include "exports/xlsx_writer.h"

namespace pcmd::api {
namespace {

using analytics::IndicatorValue;
using base::Date;
using base::Period;
using nlohmann::json;

std::string_view ComparisonId(plan::Comparison c) {
  switch (c) {
    case plan::Comparison::kAtLeast: return "at_least";
    case plan::Comparison::kAtMost: return "at_most";
    case plan::Comparison::kBetween: return "between";
  }
  return "at_least";
}

std::string_view StatusVi(analytics::IndicatorStatus s) {
  switch (s) {
    case analytics::IndicatorStatus::kMet: return "Đạt";
    case analytics::IndicatorStatus::kNotMet: return "Chưa đạt";
    case analytics::IndicatorStatus::kOnTrack: return "Đang tiến triển kịp";
    case analytics::IndicatorStatus::kBehind: return "Chậm";
    case analytics::IndicatorStatus::kNoData: return "Chưa có số liệu";
  }
  return "";
}

json TargetJson(const plan::Target& t) {
  json j = {{"id", t.id},
            {"name_vi", t.name_vi},
            {"name_en", t.name_en},
            {"level", t.level},
            {"period", t.period},
            {"value", t.value_kind},
            {"comparison", std::string(ComparisonId(t.comparison))},
            {"target", t.target},
            {"target_max", t.comparison == plan::Comparison::kBetween ? json(t.target_max) : json(nullptr)},
            {"is_client_derived", t.is_client_derived},
            {"goal_at_plan_end", t.is_cumulative_goal},
            {"note_vi", t.note_vi.empty() ? json(nullptr) : json(t.note_vi)},
            {"note_en", t.note_en.empty() ? json(nullptr) : json(t.note_en)}};
  return j;
}

json PlanJson(const plan::Plan& p) {
  json targets = json::array();
  for (const auto& t : p.targets) targets.push_back(TargetJson(t));
  return {{"id", p.id},      {"name_vi", p.name_vi},         {"name_en", p.name_en},
          {"start", p.start.ToString()}, {"end", p.end.ToString()}, {"units", p.units},
          {"targets", targets}};
}

// A value as JSON; `hide_num` / `hide_den`: client-derived counts of 1–4 (and those the secondary
// rule hides) leave as null with "<5", and so does the value made from them.
json ValueJson(const IndicatorValue& v, bool hide_num, bool hide_den) {
  const bool hidden = hide_num || hide_den;
  return {{"unit", v.unit_code},
          {"period", v.period.id},
          {"as_of", v.as_of.ToString()},
          {"value", hidden || !v.value ? json(nullptr) : json(*v.value)},
          {"numerator", hide_num ? json(nullptr) : json(v.numerator)},
          {"denominator", hide_den || !v.denominator ? json(nullptr) : json(*v.denominator)},
          {"shown",
           {{"numerator", analytics::ShowCount(v.numerator, hide_num)},
            {"denominator", v.denominator ? json(analytics::ShowCount(*v.denominator, hide_den)) : json(nullptr)}}},
          {"is_suppressed", hidden},
          {"expected", v.expected},
          {"status", hidden ? "suppressed" : std::string(analytics::IndicatorStatusId(v.status))},
          {"status_vi", hidden ? "Số nhỏ, không công bố" : std::string(StatusVi(v.status))}};
}

// The periods of a trend: the plan's years up to the period's (a year or the plan), or the
// quarters / months of the period's year up to it.
std::vector<Period> TrendOf(const Period& p, const plan::Plan& plan) {
  std::vector<Period> out;
  auto add = [&](const std::string& id) {
    if (auto q = Period::Parse(id); q.ok()) out.push_back(*q);
  };
  switch (p.kind) {
    case Period::Kind::kYear:
    case Period::Kind::kYears:
      for (int y = plan.start.year(); y <= p.last.year() && y <= plan.end.year(); ++y) add(std::to_string(y));
      break;
    case Period::Kind::kQuarter:
      for (int q = 1; q <= (p.last.month() + 2) / 3; ++q) add(std::to_string(p.last.year()) + "Q" + std::to_string(q));
      break;
    case Period::Kind::kMonth:
      for (int m = 1; m <= p.last.month(); ++m) {
        add(std::to_string(p.last.year()) + (m < 10 ? "0" : "") + std::to_string(m));
      }
      break;
  }
  return out;
}

using Query = IndicatorQuery;  // indicators_query.h

base::Status BadPeriod() {
  return base::Validation::Fail("period", "invalid_value", "Kỳ không hợp lệ (YYYY, YYYYQn, YYYYMM, PYYYY-YYYY)",
                                "period must be YYYY, YYYYQn, YYYYMM or PYYYY-YYYY");
}

// The plan, unit and period asked for, with their defaults, and the caller's right to see
// aggregates of that unit.
base::Result<Query> ReadQuery(QueryParams& q, const Call& call, const analytics::IndicatorEngine& engine,
                              const units::UnitTree& units, const access::Policy& policy,
                              const std::optional<std::string>& plan_id,
                              const std::optional<std::string>& unit, const std::optional<std::string>& period,
                              const std::optional<std::string>& tree) {
  Query out;
  if (engine.plans().empty()) {
    return base::NotFound("no plan is loaded").WithVi("Chưa nạp kế hoạch nào").WithMachineCode("not_found");
  }
  out.plan = plan_id ? engine.FindPlan(*plan_id) : &engine.plans().front();
  if (!out.plan) {
    return base::Validation::Fail("plan", "not_found", "Không có kế hoạch với mã này", "no plan with this id");
  }
  const std::string& own = call.subject().unit_code;
  out.unit = unit.value_or(own == "VN" && !out.plan->units.empty() ? out.plan->units.front() : own);
  auto p = Period::Parse(period.value_or(std::to_string(std::min(Date::Today().year(), out.plan->end.year()))));
  if (!p.ok()) return BadPeriod();
  out.period = *p;
  (void)q;
  // The tree asked on: "period" (as it was at the period's end), a day (the tree valid on it), or
  // by default today's (the period's own for a unit closed since).
  if (tree && *tree == "period") {
    out.tree.kind = analytics::TreeChoice::Kind::kAsWas;
  } else if (tree) {
    auto day = Date::Parse(*tree);
    if (!day.ok()) {
      return base::Validation::Fail("tree", "invalid_value", "Cây đơn vị: \"period\" hoặc một ngày YYYY-MM-DD",
                                    "tree is \"period\" or a day YYYY-MM-DD");
    }
    out.tree = {analytics::TreeChoice::Kind::kOn, *day};
  }
  const bool on_tree = out.tree.kind == analytics::TreeChoice::Kind::kOn
                           ? units.Find(out.unit, out.tree.on).ok()
                           : out.tree.kind == analytics::TreeChoice::Kind::kDefault && units.Find(out.unit, Date::Today()).ok();
  if (!on_tree && !units.Find(out.unit, std::min(out.period.last, Date::Today())).ok() &&
      !units.Find(out.unit, out.period.first).ok()) {
    return base::Validation::Fail("unit", "not_found", "Không có đơn vị với mã này", "no unit with this code");
  }
  if (!policy.Allows(call.subject(), access::Action::kRead, {access::Resource::kAggregate, out.unit, {}})) {
    return base::Validation::Fail("unit", "out_of_scope", "Đơn vị ngoài phạm vi của bạn", "the unit is outside your scope");
  }
  return out;
}

// The answer of GET /api/indicators for a query (the export lays the same out as sheets): every
// target (or one) on the tree asked, with its trend and, when asked, each unit below with its name.
base::Result<json> IndicatorsJson(analytics::IndicatorEngine& engine, const units::UnitTree& units, const Query* query,
                                  const std::optional<std::string>& target, const std::optional<std::string>& children) {
  auto Fail = [](const base::Status& st) { return base::Result<json>(st); };
  const plan::Plan& plan = *query->plan;
  if (target && !plan.Find(*target)) {
    return Fail(base::Validation::Fail("target", "not_found", "Không có chỉ tiêu với mã này",
                                                "no target with this id in the plan"));
  }
  // The children, the trend and the value itself are read on one tree.
  auto tree_day = engine.TreeOf(query->unit, query->period, query->tree);
  if (!tree_day.ok()) return Fail(tree_day.status());
  const analytics::TreeChoice on_tree{analytics::TreeChoice::Kind::kOn, *tree_day};
  std::vector<std::string> child_units;
  std::map<std::string, std::string> names;
  if (children.value_or("false") == "true") {
    auto page = units.List({.parent_code = query->unit, .date = *tree_day, .limit = 100000});
    if (!page.ok()) return Fail(page.status());
    for (const auto& u : page->items) child_units.push_back(u.code), names[u.code] = u.name;
  }
  if (auto self = units.Find(query->unit, *tree_day); self.ok()) names[query->unit] = self->name;
  const auto trend_periods = TrendOf(query->period, plan);
  json items = json::array();
  for (const auto& t : plan.targets) {
    if (target && t.id != *target) continue;
    auto v = engine.Evaluate(plan.id, t.id, query->unit, query->period, on_tree);
    if (!v.ok()) return Fail(v.status());
    std::vector<IndicatorValue> kids;
    for (const auto& c : child_units) {
      auto cv = engine.Evaluate(plan.id, t.id, c, query->period, on_tree);
      if (!cv.ok()) return Fail(cv.status());
      kids.push_back(*cv);
    }
    // Client-derived counts leave their units here: the small-cell rule over the total and
    // its children (numerators and denominators apart).
    std::vector<bool> hidden(2 + 2 * kids.size(), false);
    if (t.is_client_derived) {
      std::vector<std::int64_t> cells = {v->numerator, v->denominator.value_or(0)};
      analytics::SuppressionGroup nums{0, {}}, dens{1, {}};
      for (const auto& k : kids) {
        nums.parts.push_back(cells.size());
        cells.push_back(k.numerator);
        dens.parts.push_back(cells.size());
        cells.push_back(k.denominator.value_or(0));
      }
      hidden = analytics::Suppress(cells, kids.empty() ? std::vector<analytics::SuppressionGroup>{}
                                                       : std::vector<analytics::SuppressionGroup>{nums, dens});
    }
    json j = TargetJson(t);
    j["current"] = ValueJson(*v, hidden[0], hidden[1]);
    json trend = json::array();
    for (const auto& p : trend_periods) {
      auto tv = engine.Evaluate(plan.id, t.id, query->unit, p, on_tree);
      if (!tv.ok() && !tv.status().fields().empty()) {
        // A period after the tree asked on has no value on it.
        IndicatorValue none;
        none.unit_code = query->unit;
        none.period = p;
        none.as_of = std::min(p.last, Date::Today());
        trend.push_back(ValueJson(none, false, false));
        continue;
      }
      if (!tv.ok()) return Fail(tv.status());
      const bool hn = t.is_client_derived && tv->numerator >= 1 && tv->numerator <= analytics::kSmallCellMax;
      const bool hd = t.is_client_derived && tv->denominator && *tv->denominator >= 1 &&
                      *tv->denominator <= analytics::kSmallCellMax;
      trend.push_back(ValueJson(*tv, hn || hd, hn || hd));
    }
    j["trend"] = trend;
    if (!child_units.empty()) {
      json cj = json::array();
      for (std::size_t i = 0; i < kids.size(); ++i) {
        cj.push_back(ValueJson(kids[i], hidden[2 + 2 * i], hidden[3 + 2 * i]));
        cj.back()["unit_name"] = names[kids[i].unit_code];
      }
      j["children"] = cj;
    }
    items.push_back(j);
  }
  return json{{"plan", plan.id},
              {"unit", query->unit},
              {"unit_name", names[query->unit]},
              {"period", query->period.id},
              {"from", query->period.first.ToString()},
              {"to", query->period.last.ToString()},
              {"tree", tree_day->ToString()},
              {"last_seq", engine.last_seq()},
              {"items", items}};
}

// A value as a cell: the number (percent and growth to one decimal), "<5" when suppressed, or
// nothing.
exports::Cell ValueCell(const json& v, const char* key) {
  if (key == std::string("value")) {
    if (v["value"].is_null()) return v["is_suppressed"].get<bool>() ? exports::Cell(std::string("<5")) : exports::Cell();
    return std::round(v["value"].get<double>() * 10) / 10;
  }
  const json& n = v[key];
  if (n.is_number_integer()) return n.get<std::int64_t>();
  const json& shown = v["shown"][key];
  return shown.is_string() ? exports::Cell(shown.get<std::string>()) : exports::Cell();
}

// The workbook of GET /api/indicators/export: what was asked, the unit's targets, each unit
// below, and the trend (Vietnamese headers).
std::vector<exports::Sheet> IndicatorSheets(const json& answer, const plan::Plan& plan) {
  std::vector<exports::Sheet> sheets;
  exports::Sheet about{"Thông tin", {}, {}};
  const std::string unit_name = answer.value("unit_name", std::string());
  about.rows.push_back({std::string("Kế hoạch"), plan.name_vi});
  about.rows.push_back({std::string("Đơn vị"), unit_name + " (" + answer["unit"].get<std::string>() + ")"});
  about.rows.push_back({std::string("Kỳ"), answer["period"].get<std::string>() + " (" + answer["from"].get<std::string>() +
                                               " – " + answer["to"].get<std::string>() + ")"});
  about.rows.push_back({std::string("Cây đơn vị hành chính từ ngày"), answer["tree"].get<std::string>()});
  about.rows.push_back({std::string("Ghi chú"), std::string("Số từ 1 đến 4 tính từ người được hỗ trợ không công bố (<5).")});
  sheets.push_back(std::move(about));
  exports::Sheet targets{"Chỉ tiêu",
                         {{"Mã", 6}, {"Chỉ tiêu", 60}, {"Cấp đánh giá", 12}, {"Mục tiêu", 10}, {"Giá trị", 10},
                          {"Tử số", 10}, {"Mẫu số", 10}, {"Đánh giá", 22}, {"Tính đến ngày", 14}},
                         {}};
  for (const auto& t : answer["items"]) {
    const json& v = t["current"];
    targets.rows.push_back({t["id"].get<std::string>(), t["name_vi"].get<std::string>(), t["level"].get<std::string>(),
                            t["target"].get<double>(), ValueCell(v, "value"), ValueCell(v, "numerator"),
                            ValueCell(v, "denominator"), v["status_vi"].get<std::string>(),
                            Date::Parse(v["as_of"].get<std::string>()).value_or(Date())});
  }
  sheets.push_back(std::move(targets));
  if (!answer["items"].empty() && answer["items"][0].contains("children")) {
    exports::Sheet below{"Theo đơn vị", {{"Mã đơn vị", 10}, {"Đơn vị", 28}}, {}};
    for (const auto& t : answer["items"]) below.columns.push_back({t["id"].get<std::string>(), 9});
    const auto& first = answer["items"][0]["children"];
    for (std::size_t i = 0; i < first.size(); ++i) {
      std::vector<exports::Cell> row = {first[i]["unit"].get<std::string>(), first[i].value("unit_name", std::string())};
      for (const auto& t : answer["items"]) row.push_back(ValueCell(t["children"][i], "value"));
      below.rows.push_back(std::move(row));
    }
    sheets.push_back(std::move(below));
  }
  exports::Sheet trend{"Xu hướng", {{"Mã", 6}, {"Chỉ tiêu", 50}}, {}};
  if (!answer["items"].empty()) {
    for (const auto& p : answer["items"][0]["trend"]) trend.columns.push_back({p["period"].get<std::string>(), 10});
  }
  for (const auto& t : answer["items"]) {
    std::vector<exports::Cell> row = {t["id"].get<std::string>(), t["name_vi"].get<std::string>()};
    for (const auto& p : t["trend"]) row.push_back(ValueCell(p, "value"));
    trend.rows.push_back(std::move(row));
  }
  sheets.push_back(std::move(trend));
  return sheets;
}

}  // namespace

base::Result<IndicatorQuery> ReadIndicatorQuery(const Call& call, const analytics::IndicatorEngine& engine,
                                                const units::UnitTree& units, const access::Policy& policy,
                                                const std::optional<std::string>& plan_id,
                                                const std::optional<std::string>& unit,
                                                const std::optional<std::string>& period,
                                                const std::optional<std::string>& tree) {
  QueryParams q(call.request);
  return ReadQuery(q, call, engine, units, policy, plan_id, unit, period, tree);
}

base::Result<json> IndicatorAnswer(analytics::IndicatorEngine& engine, const units::UnitTree& units,
                                   const IndicatorQuery& query, const std::optional<std::string>& target,
                                   const std::optional<std::string>& children) {
  return IndicatorsJson(engine, units, &query, target, children);
}

void AddIndicatorRoutes(http::Router& router, Guard& guard, analytics::IndicatorEngine& engine,
                        const units::UnitTree& units, const access::Policy& policy) {
  guard.Add(
      router, "GET", "/api/plans", "signed_in",
      [&engine](Call&) {
        json items = json::array();
        for (const auto& p : engine.plans()) items.push_back(PlanJson(p));
        return JsonResponse(200, {{"items", items}});
      },
      "The plans loaded from data/plans and their targets", "indicators");
  guard.Add(
      router, "GET", "/api/indicators", "aggregate:read",
      [&engine, &units, &policy](Call& call) {
        QueryParams q(call.request);
        auto plan_id = q.Text("plan", 64);
        auto unit = q.Text("unit", 20);
        auto period = q.Text("period", 20);
        auto target = q.Text("target", 20);
        auto children = q.Enum("children", {"true", "false"});
        auto tree = q.Text("tree", 10);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto query = ReadQuery(q, call, engine, units, policy, plan_id, unit, period, tree);
        if (!query.ok()) return ErrorResponse(query.status());
        if (auto caught = engine.CatchUp(); !caught.ok()) return ErrorResponse(caught.status());
        auto answer = IndicatorsJson(engine, units, &*query, target, children);
        if (!answer.ok()) return ErrorResponse(answer.status());
        return JsonResponse(200, *answer);
      },
      "Every target of a plan (or one) for a unit and period: value, numerator, denominator, target, status "
      "(met, not_met, on_track, behind, no_data, suppressed) and trend; children=true adds each unit below",
      "indicators");
  // The same answer as files: the workbook, and the report as a Word document.
  for (const bool report : {false, true}) {
    guard.Add(
        router, "GET", report ? "/api/indicators/report" : "/api/indicators/export", "aggregate:read",
        [&engine, &units, &policy, report](Call& call) {
          QueryParams q(call.request);
          auto plan_id = q.Text("plan", 64);
          auto unit = q.Text("unit", 20);
          auto period = q.Text("period", 20);
          auto tree = q.Text("tree", 10);
          const auto format = report ? q.Text("format", 10) : q.Enum("format", {"xlsx"});
          if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
          // The report's format is a value of the route, like its period: 422 naming it.
          if (report && format && !format->empty() && *format != "docx" && *format != "pdf") {
            return ErrorResponse(base::Validation::Fail("format", "invalid_value", "Định dạng báo cáo phải là docx hoặc pdf",
                                                        "format must be docx or pdf"));
          }
          const bool is_pdf = report && format == "pdf";
          auto query = ReadQuery(q, call, engine, units, policy, plan_id, unit, period, tree);
          if (!query.ok()) return ErrorResponse(query.status());
          if (auto caught = engine.CatchUp(); !caught.ok()) return ErrorResponse(caught.status());
          auto answer = IndicatorsJson(engine, units, &*query, std::nullopt, std::string("true"));
          if (!answer.ok()) return ErrorResponse(answer.status());
          auto bytes = !report ? exports::WriteXlsx(IndicatorSheets(*answer, *query->plan))
                       : is_pdf ? IndicatorsReportPdf(*answer, *query->plan, units, Date::Today())
                                : IndicatorsReportDocx(*answer, *query->plan, units, Date::Today());
          if (!bytes.ok()) return ErrorResponse(bytes.status());
          http::Response r;
          r.content_type = !report  ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : is_pdf ? "application/pdf"
                                    : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
          r.body = std::move(*bytes);
          r.WithHeader("Content-Disposition", std::string("attachment; filename=\"") +
                                                  (report ? "bao-cao-" : "chi-tieu-") + query->unit + "-" +
                                                  query->period.id + (!report ? ".xlsx\"" : is_pdf ? ".pdf\"" : ".docx\""));
          return r;
        },
        report ? "The targets of a plan for a unit and period as a report laid out as Decree 30/2020/NĐ-CP, "
                 "editable (format=docx, the default) or to send as it is (format=pdf): the targets, a chart of "
                 "the percentage ones, each unit below by status, sections for the unit to complete"
               : "The targets of a plan for a unit and period as an XLSX workbook: the unit's values, each unit below "
                 "(on the tree asked) and the trend, with the same suppression as GET /api/indicators",
        "indicators");
  }
  guard.Add(
      router, "GET", "/api/indicators/{target}/records", "aggregate:read",
      [&engine, &units, &policy](Call& call) {
        QueryParams q(call.request);
        auto plan_id = q.Text("plan", 64);
        auto unit = q.Text("unit", 20);
        auto period = q.Text("period", 20);
        const int limit = q.Int("limit", 1, 1000).value_or(100);
        const int offset = q.Int("offset", 0, 100'000'000).value_or(0);
        auto tree = q.Text("tree", 10);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto query = ReadQuery(q, call, engine, units, policy, plan_id, unit, period, tree);
        if (!query.ok()) return ErrorResponse(query.status());
        const std::string& target_id = call.request.path_params.at("target");
        const plan::Target* t = query->plan->Find(target_id);
        if (!t) {
          return ErrorResponse(base::NotFound("no such target").WithVi("Không có chỉ tiêu này").WithMachineCode("not_found"));
        }
        if (t->is_client_derived) {
          return ErrorResponse(base::PermissionDenied("a value counted from clients has no list of records")
                                   .WithVi("Chỉ tiêu tính từ người được hỗ trợ chỉ công bố số liệu tổng hợp")
                                   .WithMachineCode("counts_only"));
        }
        if (auto caught = engine.CatchUp(); !caught.ok()) return ErrorResponse(caught.status());
        auto facts = engine.FactsBehind(query->plan->id, target_id, query->unit, query->period, query->tree);
        if (!facts.ok()) return ErrorResponse(facts.status());
        json items = json::array();
        std::int64_t total = 0, hidden = 0;
        for (const auto& f : *facts) {
          if (!policy.Allows(call.subject(), access::Action::kRead, {f.resource, f.unit, f.assignees})) {
            ++hidden;
            continue;
          }
          if (total >= offset && total < offset + limit) {
            items.push_back({{"type", f.type}, {"id", f.id}, {"unit", f.unit}, {"date", f.date.ToString()},
                             {"path", f.path.empty() ? json(nullptr) : json(f.path)}});
          }
          ++total;
        }
        auto tree_day = engine.TreeOf(query->unit, query->period, query->tree);
        if (!tree_day.ok()) return ErrorResponse(tree_day.status());
        return JsonResponse(200, {{"target", target_id},
                                  {"unit", query->unit},
                                  {"tree", tree_day->ToString()},
                                  {"period", query->period.id},
                                  {"items", items},
                                  {"total", total},
                                  {"not_shown", hidden},
                                  {"limit", limit},
                                  {"offset", offset}});
      },
      "The records behind a target's numerator for a unit and period, those the caller may read "
      "(not_shown: how many others); none for values counted from clients",
      "indicators");
}

void DescribeIndicatorRoutes(std::map<std::string, nlohmann::json>& ops, nlohmann::json& schemas) {
  const json str = {{"type", "string"}}, nstr = {{"type", "string"}, {"nullable", true}};
  const json integer = {{"type", "integer"}}, number = {{"type", "number"}};
  const json nnum = {{"type", "number"}, {"nullable", true}}, nint = {{"type", "integer"}, {"nullable", true}};
  auto ref = [](const char* name) { return json{{"$ref", std::string("#/components/schemas/") + name}}; };
  auto object = [](json properties) { return json{{"type", "object"}, {"properties", std::move(properties)}}; };
  schemas["PlanTarget"] = object({{"id", str}, {"name_vi", str}, {"name_en", str}, {"level", str}, {"period", str},
                                  {"value", str}, {"comparison", str}, {"target", number}, {"target_max", nnum},
                                  {"is_client_derived", {{"type", "boolean"}}}, {"goal_at_plan_end", {{"type", "boolean"}}},
                                  {"note_vi", nstr}, {"note_en", nstr}});
  schemas["Plan"] = object({{"id", str}, {"name_vi", str}, {"name_en", str}, {"start", str}, {"end", str},
                            {"units", {{"type", "array"}, {"items", str}}},
                            {"targets", {{"type", "array"}, {"items", ref("PlanTarget")}}}});
  schemas["IndicatorValue"] = object({{"unit", str}, {"period", str}, {"as_of", str}, {"value", nnum},
                                      {"numerator", nint}, {"denominator", nint},
                                      {"shown", object({{"numerator", str}, {"denominator", nstr}})},
                                      {"is_suppressed", {{"type", "boolean"}}},
                                      {"expected", number}, {"status", str}, {"status_vi", str},
                                      {"unit_name", str}});
  const json error = {{"description", "error"}, {"content", {{"application/json", {{"schema", ref("Error")}}}}}};
  auto op = [&](const std::string& key, json reply, std::vector<int> errors, json parameters) {
    json o = {{"responses",
               {{"200", {{"description", "ok"}, {"content", {{"application/json", {{"schema", reply}}}}}}}}}};
    for (int e : errors) o["responses"][std::to_string(e)] = error;
    for (const auto& [name, schema] : parameters.items()) {
      o["parameters"].push_back({{"name", name}, {"in", "query"}, {"required", false}, {"schema", schema}});
    }
    ops[key] = o;
  };
  op("GET /api/plans", object({{"items", {{"type", "array"}, {"items", ref("Plan")}}}}), {}, json::object());
  json item = schemas["PlanTarget"];
  item["properties"]["current"] = ref("IndicatorValue");
  item["properties"]["trend"] = {{"type", "array"}, {"items", ref("IndicatorValue")}};
  item["properties"]["children"] = {{"type", "array"}, {"items", ref("IndicatorValue")}};
  op("GET /api/indicators",
     object({{"plan", str}, {"unit", str}, {"unit_name", str}, {"period", str}, {"from", str}, {"to", str}, {"tree", str},
             {"last_seq", integer},
             {"items", {{"type", "array"}, {"items", item}}}}),
     {400, 403, 404, 422},
     {{"plan", str}, {"unit", str}, {"period", str}, {"target", str}, {"children", str}, {"tree", str}});
  op("GET /api/indicators/{target}/records",
     object({{"target", str}, {"unit", str}, {"tree", str}, {"period", str}, {"total", integer}, {"not_shown", integer},
             {"items", {{"type", "array"},
                        {"items", object({{"type", str}, {"id", str}, {"unit", str}, {"date", str}, {"path", nstr}})}}}}),
     {400, 403, 404, 422},
     {{"plan", str}, {"unit", str}, {"period", str}, {"limit", integer}, {"offset", integer}, {"tree", str}});
  for (const auto& [key, type, what] :
       {std::tuple{"GET /api/indicators/export", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "an XLSX workbook (sheets Thông tin, Chỉ tiêu, Theo đơn vị, Xu hướng)"},
        std::tuple{"GET /api/indicators/report", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   "the report (Decree 30/2020 layout, A4, with a chart of the percentage targets): DOCX (Times New "
                   "Roman) with format=docx, the default; PDF (Noto Sans embedded, pages numbered) with format=pdf; "
                   "Content-Disposition names it bao-cao-UNIT-PERIOD.docx or .pdf"}}) {
    op(key, object({}), {400, 403, 404, 422}, {{"plan", str}, {"unit", str}, {"period", str}, {"tree", str}, {"format", str}});
    ops[key]["responses"]["200"] = {{"description", what},
                                    {"content", {{type, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
  }
  for (auto& parameter : ops["GET /api/indicators/report"]["parameters"]) {
    if (parameter["name"] == "format") {
      parameter["schema"] = {{"type", "string"}, {"enum", {"docx", "pdf"}}, {"default", "docx"}};
      parameter["description"] = "docx (editable) or pdf (to send as it is); 422 naming format for anything else";
    }
  }
  ops["GET /api/indicators/report"]["responses"]["200"]["content"]["application/pdf"] = {
      {"schema", {{"type", "string"}, {"format", "binary"}}}};
}

}  // namespace pcmd::api
