#include "api/reporting_api.h"

#include "analytics/suppression.h"
#include "api/errors.h"
#include "api/json_body.h"
#include "api/query_params.h"

namespace pcmd::api {
namespace {

using nlohmann::json;
using reporting::Round;
using reporting::UnitReport;

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string NameOf(const std::map<std::string, std::string>& names, const std::string& code) {
  auto it = names.find(code);
  return it == names.end() ? "" : it->second;
}

json RoundJson(const Round& r, const std::map<std::string, std::string>& names) {
  return {{"id", r.id},
          {"name", r.name},
          {"kind", r.kind},
          {"period", r.period.id},
          {"from", r.period.first.ToString()},
          {"to", r.period.last.ToString()},
          {"unit", r.unit_code},
          {"unit_name", NameOf(names, r.unit_code)},
          {"level", r.level ? json(*r.level) : json(nullptr)},
          {"units", r.units},
          {"due_on", r.due_on.ToString()},
          {"plan", r.plan_id},
          {"tree_on", r.tree_on ? json(r.tree_on->ToString()) : json(nullptr)},
          {"version", r.version},
          {"created_at", r.created_at},
          {"created_by", r.created_by},
          {"updated_at", r.updated_at},
          {"updated_by", r.updated_by}};
}

// A target's value as a report shows it. Client-derived counts leave their unit through the one
// small-cell rule (analytics::Suppress), over the value's own numerator and denominator as GET
// /api/indicators does for a unit asked without its children: 1–4 become null with "<5", and so
// does the value made from them.
json ValueJson(const plan::Target& t, const analytics::IndicatorValue& v) {
  std::vector<bool> hidden = {false, false};
  if (t.is_client_derived)
    hidden = analytics::Suppress({v.numerator, v.denominator.value_or(0)}, {});
  const bool hide_num = hidden[0], hide_den = hidden[1], is_hidden = hide_num || hide_den;
  return {
      {"target", t.id},
      {"name_vi", t.name_vi},
      {"name_en", t.name_en},
      {"level", t.level},
      {"value_kind", t.value_kind},
      {"goal", t.target},
      {"goal_max", t.comparison == plan::Comparison::kBetween ? json(t.target_max) : json(nullptr)},
      {"is_client_derived", t.is_client_derived},
      {"value", is_hidden || !v.value ? json(nullptr) : json(*v.value)},
      {"numerator", hide_num ? json(nullptr) : json(v.numerator)},
      {"denominator", hide_den || !v.denominator ? json(nullptr) : json(*v.denominator)},
      {"shown",
       {{"numerator", analytics::ShowCount(v.numerator, hide_num)},
        {"denominator",
         v.denominator ? json(analytics::ShowCount(*v.denominator, hide_den)) : json(nullptr)}}},
      {"is_suppressed", is_hidden},
      {"expected", v.expected},
      {"status", is_hidden ? "suppressed" : std::string(analytics::IndicatorStatusId(v.status))},
      {"as_of", v.as_of.ToString()}};
}


json ReportJson(const Round& round, const UnitReport& r, const std::vector<std::string>& steps,
                const std::map<std::string, std::string>& names) {
  json history = json::array();
  for (const auto& e : r.history) {
    history.push_back({{"version", e.version},
                       {"action", e.action},
                       {"at", e.at},
                       {"actor", e.actor},
                       {"comment", OrNull(e.comment)}});
  }
  return {{"round", round.id},
          {"round_name", round.name},
          {"period", round.period.id},
          {"due_on", round.due_on.ToString()},
          {"unit", r.unit_code},
          {"unit_name", NameOf(names, r.unit_code)},
          {"status", r.status},
          {"version", r.version},
          {"results", r.results},
          {"difficulties", r.difficulties},
          {"proposals", r.proposals},
          {"return_comment", OrNull(r.return_comment)},
          {"is_late", r.is_late},
          {"created_at", OrNull(r.created_at)},
          {"created_by", OrNull(r.created_by)},
          {"updated_at", OrNull(r.updated_at)},
          {"updated_by", OrNull(r.updated_by)},
          {"first_submitted_at", OrNull(r.first_submitted_at)},
          {"submitted_at", OrNull(r.submitted_at)},
          {"submitted_by", OrNull(r.submitted_by)},
          {"returned_at", OrNull(r.returned_at)},
          {"returned_by", OrNull(r.returned_by)},
          {"approved_at", OrNull(r.approved_at)},
          {"approved_by", OrNull(r.approved_by)},
          {"history", history},
          {"steps", steps}};
}

// The reply for a report: its fields, and the values (frozen once submitted, live otherwise).
http::Response ReportResponse(int status, Call& call, reporting::ReportRounds& rounds,
                              analytics::IndicatorEngine& engine, const units::UnitTree& units,
                              const base::Result<UnitReport>& report) {
  if (!report.ok() && report.status().machine_code() != "stale_version")
    return ErrorResponse(report.status());
  const std::string& id = call.request.path_params.at("id");
  const std::string& unit = call.request.path_params.at("unit");
  auto round = rounds.Get(call.subject(), id);
  if (!round.ok()) return ErrorResponse(round.status());
  auto current = report.ok() ? report : rounds.GetReport(call.subject(), id, unit);
  if (!current.ok()) return ErrorResponse(current.status());
  json out = ReportJson(*round, *current, rounds.StepsFor(call.subject(), *round, *current),
                        NamesOn(units, round->period.last));
  if (current->is_frozen()) {
    out["values_source"] = "snapshot";
    out["values"] = json::parse(current->snapshot, nullptr, false);
    if (out["values"].is_discarded()) out["values"] = nullptr;
  } else {
    auto live = LiveValues(engine, *round, unit);
    if (!live.ok()) return ErrorResponse(live.status());
    out["values_source"] = "live";
    out["values"] = std::move(*live);
  }
  if (!report.ok()) return StaleResponse(report.status(), out);
  return JsonResponse(status, out);
}

json CountsJson(const reporting::Completeness& c) {
  json counts = json::object();
  for (const auto& [k, n] : c.counts) counts[k] = n;
  return counts;
}

// The version of a step's body (required), and the body's other fields through `more`.
template <typename F>
base::Result<std::int64_t> ReadStep(Call& call, F more) {
  PCMD_ASSIGN_OR_RETURN(BodyReader reader, BodyReader::Parse(call.request.body));
  const std::int64_t version = reader.Int("version", true).value_or(-1);
  more(reader);
  PCMD_RETURN_IF_ERROR(reader.Finish());
  return version;
}

}  // namespace

// Unit names on the tree of the period's last day (the units that had to report then).
std::map<std::string, std::string> NamesOn(const units::UnitTree& units, base::Date day) {
  std::map<std::string, std::string> out;
  if (auto page = units.List({.date = day, .limit = 10'000'000}); page.ok()) {
    for (const auto& u : page->items) out[u.code] = u.name;
  }
  return out;
}

// Every target of the round's plan for the unit and the round's period, on the round's tree, live.
base::Result<json> LiveValues(analytics::IndicatorEngine& engine, const Round& round,
                              const std::string& unit) {
  const plan::Plan* plan = engine.FindPlan(round.plan_id);
  json out = {{"plan", round.plan_id},
              {"period", round.period.id},
              {"from", round.period.first.ToString()},
              {"to", round.period.last.ToString()},
              {"computed_at", base::NowIsoUtc()}};
  if (!plan) {
    out["is_plan_loaded"] = false;
    out["tree"] = nullptr;
    out["items"] = json::array();
    return out;
  }
  if (auto caught = engine.CatchUp(); !caught.ok()) return caught.status();
  const base::Period period = round.period.AsPeriod();
  analytics::TreeChoice choice;
  if (round.tree_on) choice = {analytics::TreeChoice::Kind::kOn, *round.tree_on};
  PCMD_ASSIGN_OR_RETURN(base::Date tree_day, engine.TreeOf(unit, period, choice));
  const analytics::TreeChoice on_tree{analytics::TreeChoice::Kind::kOn, tree_day};
  json items = json::array();
  for (const auto& t : plan->targets) {
    PCMD_ASSIGN_OR_RETURN(analytics::IndicatorValue v,
                          engine.Evaluate(plan->id, t.id, unit, period, on_tree));
    items.push_back(ValueJson(t, v));
  }
  out["is_plan_loaded"] = true;
  out["tree"] = tree_day.ToString();
  out["items"] = std::move(items);
  return out;
}

void AddReportingRoutes(http::Router& router, Guard& guard, reporting::ReportRounds& rounds,
                        analytics::IndicatorEngine& engine, const units::UnitTree& units) {
  guard.Add(
      router, "POST", "/api/report-rounds", "report_round:create",
      [&rounds, &engine, &units](Call& call) {
        auto reader = BodyReader::Parse(call.request.body);
        if (!reader.ok()) return ErrorResponse(reader.status());
        reporting::NewRound in;
        in.name = reader->String("name", false, reporting::kMaxNameChars).value_or("");
        in.kind = reader->String("kind", true, 20).value_or("");
        in.period = reader->String("period", true, 20).value_or("");
        in.unit_code = reader->String("unit", true, 20).value_or("");
        in.level = reader->String("level", false, 20);
        in.units = reader->StringList("units", false);
        in.due_on = reader->Date("due_on", true);
        const auto plan = reader->String("plan", false, 64);
        in.tree_on = reader->Date("tree_on", false);
        if (auto s = reader->Finish(); !s.ok()) return ErrorResponse(s);
        if (plan && !engine.FindPlan(*plan)) {
          return ErrorResponse(base::Validation::Fail(
              "plan", "not_found", "Không có kế hoạch với mã này", "no plan with this id"));
        }
        in.plan_id = plan.value_or(engine.plans().empty() ? "" : engine.plans().front().id);
        auto round = rounds.Create(call.subject(), call.actor, in);
        if (!round.ok()) return ErrorResponse(round.status());
        json out = RoundJson(*round, NamesOn(units, round->period.last));
        if (auto c = rounds.CompletenessOf(call.subject(), *round); c.ok())
          out["counts"] = CountsJson(*c);
        return JsonResponse(201, out);
      },
      "Start a reporting round: the units below that must report on a period by a due date",
      "reporting");
  guard.Add(
      router, "GET", "/api/report-rounds", "report_round:read",
      [&rounds, &units](Call& call) {
        QueryParams q(call.request);
        if (auto s = q.Finish(); !s.ok()) return ErrorResponse(s);
        auto all = rounds.List(call.subject());
        if (!all.ok()) return ErrorResponse(all.status());
        json items = json::array();
        std::map<base::Date, std::map<std::string, std::string>> names;
        for (const auto& r : *all) {
          auto& on = names[r.period.last];
          if (on.empty()) on = NamesOn(units, r.period.last);
          json item = RoundJson(r, on);
          auto c = rounds.CompletenessOf(call.subject(), r);
          if (!c.ok()) return ErrorResponse(c.status());
          item["counts"] = CountsJson(*c);
          items.push_back(std::move(item));
        }
        return JsonResponse(200, {{"items", items}, {"total", items.size()}});
      },
      "The reporting rounds the caller runs or reports in, newest period first, with the counts of "
      "its reports",
      "reporting");
  guard.Add(
      router, "GET", "/api/report-rounds/{id}", "report_round:read",
      [&rounds, &units](Call& call) {
        auto round = rounds.Get(call.subject(), call.request.path_params.at("id"));
        if (!round.ok()) return ErrorResponse(round.status());
        auto c = rounds.CompletenessOf(call.subject(), *round);
        if (!c.ok()) return ErrorResponse(c.status());
        const auto names = NamesOn(units, round->period.last);
        json out = RoundJson(*round, names);
        out["counts"] = CountsJson(*c);
        json reports = json::array();
        for (const auto& p : c->units) {
          reports.push_back({{"unit", p.unit_code},
                             {"unit_name", NameOf(names, p.unit_code)},
                             {"status", p.status},
                             {"is_late", p.is_late},
                             {"first_submitted_at", OrNull(p.first_submitted_at)},
                             {"approved_at", OrNull(p.approved_at)}});
        }
        out["reports"] = std::move(reports);
        return JsonResponse(200, out);
      },
      "A reporting round with the completeness and timeliness of the reports the caller reads",
      "reporting");
  guard.Add(
      router, "GET", "/api/report-rounds/{id}/reports/{unit}", "report:read",
      [&rounds, &engine, &units](Call& call) {
        auto report = rounds.GetReport(call.subject(), call.request.path_params.at("id"),
                                       call.request.path_params.at("unit"));
        return ReportResponse(200, call, rounds, engine, units, report);
      },
      "A unit's report: sections, status, history and the plan's targets for the unit and period "
      "(live until "
      "submitted, as submitted after)",
      "reporting");
  guard.Add(
      router, "PUT", "/api/report-rounds/{id}/reports/{unit}", "report:update",
      [&rounds, &engine, &units](Call& call) {
        reporting::Sections sections;
        auto version = ReadStep(call, [&](BodyReader& r) {
          sections.results = r.String("results", false, reporting::kMaxSectionChars).value_or("");
          sections.difficulties =
              r.String("difficulties", false, reporting::kMaxSectionChars).value_or("");
          sections.proposals =
              r.String("proposals", false, reporting::kMaxSectionChars).value_or("");
        });
        if (!version.ok()) return ErrorResponse(version.status());
        auto report = rounds.Save(call.subject(), call.actor, call.request.path_params.at("id"),
                                  call.request.path_params.at("unit"), *version, sections);
        return ReportResponse(200, call, rounds, engine, units, report);
      },
      "The unit saves its report's sections (results, difficulties, proposals; send its version, 0 "
      "for the first)",
      "reporting");
  guard.Add(
      router, "POST", "/api/report-rounds/{id}/reports/{unit}/submit", "report:update",
      [&rounds, &engine, &units](Call& call) {
        auto version = ReadStep(call, [](BodyReader&) {});
        if (!version.ok()) return ErrorResponse(version.status());
        const std::string& id = call.request.path_params.at("id");
        const std::string& unit = call.request.path_params.at("unit");
        // The values to freeze are read before the step, by a caller who reads the report (and so
        // sees its round); the step checks the rest.
        auto seen = rounds.GetReport(call.subject(), id, unit);
        if (!seen.ok()) return ErrorResponse(seen.status());
        auto round = rounds.Get(call.subject(), id);
        if (!round.ok()) return ErrorResponse(round.status());
        auto values = LiveValues(engine, *round, unit);
        if (!values.ok()) return ErrorResponse(values.status());
        auto report = rounds.Submit(call.subject(), call.actor, id, unit, *version, values->dump());
        return ReportResponse(200, call, rounds, engine, units, report);
      },
      "The unit submits its report to the level above; the values shown are frozen with it",
      "reporting");
  // The steps of the level above that need a comment: return and unlock.
  using CommentStep = base::Result<UnitReport> (reporting::ReportRounds::*)(
      const access::Subject&, const store::Actor&, const std::string&, const std::string&,
      std::int64_t, const std::string&);
  auto with_comment = [&rounds, &engine, &units](CommentStep step) {
    return [&rounds, &engine, &units, step](Call& call) {
      std::string comment;
      auto version = ReadStep(call, [&](BodyReader& r) {
        comment = r.String("comment", false, reporting::kMaxCommentChars).value_or("");
      });
      if (!version.ok()) return ErrorResponse(version.status());
      auto report = (rounds.*step)(call.subject(), call.actor, call.request.path_params.at("id"),
                                   call.request.path_params.at("unit"), *version, comment);
      return ReportResponse(200, call, rounds, engine, units, report);
    };
  };
  guard.Add(router, "POST", "/api/report-rounds/{id}/reports/{unit}/return",
            "report_round:update", with_comment(&reporting::ReportRounds::Return),
            "The level above returns a submitted report to its unit with a comment (required)",
            "reporting");
  guard.Add(router, "POST", "/api/report-rounds/{id}/reports/{unit}/unlock",
            "report_round:update", with_comment(&reporting::ReportRounds::Unlock),
            "The level above unlocks an approved report with a reason (required): the unit's "
            "records of the period unlock and the report goes back to the unit as returned",
            "reporting");
  guard.Add(
      router, "POST", "/api/report-rounds/{id}/reports/{unit}/approve", "report_round:update",
      [&rounds, &engine, &units](Call& call) {
        auto version = ReadStep(call, [](BodyReader&) {});
        if (!version.ok()) return ErrorResponse(version.status());
        auto report = rounds.Approve(call.subject(), call.actor, call.request.path_params.at("id"),
                                     call.request.path_params.at("unit"), *version);
        return ReportResponse(200, call, rounds, engine, units, report);
      },
      "The level above approves a submitted report, which locks the records of the unit and "
      "the units below it dated in the period (409 period_locked on their writes) until an unlock", "reporting");
}

}  // namespace pcmd::api
