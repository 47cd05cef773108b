#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "access/policy.h"
#include "analytics/indicator_engine.h"
#include "api/guard.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/units/unit_tree.h"

// What GET /api/indicators computes, for the routes that answer the same numbers in another form
// (the DHIS2 export, dhis2_api.cc). Defined in indicators_api.cc.
namespace pcmd::api {

// A query of the indicators: the plan, unit, period and tree asked (with their defaults).
struct IndicatorQuery {
  const plan::Plan* plan = nullptr;
  std::string unit;
  base::Period period;
  analytics::TreeChoice tree;
};

// Reads the query with GET /api/indicators' defaults and checks the caller's right to read the
// unit's aggregates (field errors "plan", "unit" out_of_scope / not_found, "period", "tree").
base::Result<IndicatorQuery> ReadIndicatorQuery(
    const Call& call, const analytics::IndicatorEngine& engine, const units::UnitTree& units,
    const access::Policy& policy, const std::optional<std::string>& plan_id,
    const std::optional<std::string>& unit, const std::optional<std::string>& period,
    const std::optional<std::string>& tree);

// The answer of GET /api/indicators for the query: every target (or one) with its value
// (suppressed as that route does), trend, and with children "true" each unit below.
base::Result<nlohmann::json> IndicatorAnswer(analytics::IndicatorEngine& engine,
                                             const units::UnitTree& units,
                                             const IndicatorQuery& query,
                                             const std::optional<std::string>& target,
                                             const std::optional<std::string>& children);

}  // namespace pcmd::api
