#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "access/policy.h"
#include "analytics/indicator_engine.h"
#include "api/guard.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// The plans' targets, live (docs/contract.md "Indicators"):
//   GET /api/plans                                    the loaded plans and their targets
//   GET /api/indicators?plan=&unit=&period=&target=&children=&tree=   every target (or one) for a unit and
//       period: value, numerator, denominator, target, status, trend; with children=true the same for
//       each unit directly below (for rankings)
//   GET /api/indicators/export?plan=&unit=&period=&tree=   the same, with each unit below, as XLSX
//   GET /api/indicators/report?plan=&unit=&period=&tree=   a report of them as DOCX (Decree 30/2020)
//   GET /api/indicators/{target}/records?plan=&unit=&period=&limit=&offset=&tree=   the records behind the
//       numerator that the caller may read
void AddIndicatorRoutes(http::Router& router, Guard& guard, analytics::IndicatorEngine& engine,
                        const units::UnitTree& units, const access::Policy& policy);

void DescribeIndicatorRoutes(std::map<std::string, nlohmann::json>& operations, nlohmann::json& schemas);

}  // namespace pcmd::api
