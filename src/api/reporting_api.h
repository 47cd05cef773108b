#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "access/policy.h"
#include "analytics/indicator_engine.h"
#include "api/guard.h"
#include "domain/reporting/report_rounds.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// Reporting rounds up the tree (activity A9, issue 8; docs/contract.md "Reporting rounds"):
//   POST /api/report-rounds                         the province asks the units below for a report
//   GET  /api/report-rounds                         the rounds the caller sees, with its counts
//   GET  /api/report-rounds/{id}                    one, with completeness and timeliness per unit
//   GET  /api/report-rounds/{id}/reports/{unit}     a unit's report: its sections, and the plan's
//        targets for the unit and period, live from the indicator engine until submitted, the
//        values frozen at submission after (client-derived counts suppressed as GET
//        /api/indicators)
//   PUT  /api/report-rounds/{id}/reports/{unit}     the unit saves its sections (with `version`)
//   POST /api/report-rounds/{id}/reports/{unit}/submit | /return | /approve | /unlock
//        (approval locks the unit's records of the period, records/period_locks.h; unlock lifts it)
void AddReportingRoutes(http::Router& router, Guard& guard, reporting::ReportRounds& rounds,
                        analytics::IndicatorEngine& engine, const units::UnitTree& units);

// Unit names on the tree of `day` (a round's units are named on its period's last day).
std::map<std::string, std::string> NamesOn(const units::UnitTree& units, base::Date day);
// Every target of the round's plan for the unit and the round's period, on the round's tree, live:
// {"plan","period","from","to","computed_at","is_plan_loaded","tree","items":[{"target",
// "name_vi","value","goal","status","shown",…}]}, client-derived counts suppressed.
base::Result<nlohmann::json> LiveValues(analytics::IndicatorEngine& engine,
                                        const reporting::Round& round, const std::string& unit);

// The OpenAPI operations and schemas of those routes (reporting_api_doc.cc).
void DescribeReportingRoutes(std::map<std::string, nlohmann::json>& operations,
                             nlohmann::json& schemas);

}  // namespace pcmd::api
