#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "access/policy.h"
#include "analytics/indicator_engine.h"
#include "api/guard.h"
#include "domain/units/unit_tree.h"
#include "exports/dhis2.h"
#include "http/router.h"
#include "store/database.h"

namespace pcmd::api {

// Exchange with DHIS2 through the mapping file (issue 8; docs/dhis2.md):
//   GET  /api/indicators/dhis2?plan=&unit=&period=&tree=&children=&format=json|adx   the values of
//        GET /api/indicators (the same numbers, the same access, suppressed values left out) as a
//        DHIS2 dataValueSets document (application/json) or an ADX message
//        (application/adx+xml); targets the mapping does not name are left out
//   POST /api/report-rounds/{id}/dhis2        imports a dataValueSets document into the round: the
//        values of the units that must report, for the round's period, stored keyed (round, unit,
//        target) and replaced on re-import; the reply counts them as DHIS2's importSummary
//        {status, imported, updated, ignored, deleted, conflicts}. Any bad row (conflicts name the
//        row and field) stores nothing (422). Access: the round's approver (report_round update).
//   GET  /api/report-rounds/{id}/dhis2-values  the values imported into the round
// Without a mapping (`mapping` null: no file) the routes answer 409 "no_dhis2_mapping".
void AddDhis2Routes(http::Router& router, Guard& guard, store::Database& db,
                    analytics::IndicatorEngine& engine, const units::UnitTree& units,
                    const access::Policy& policy,
                    std::shared_ptr<const exports::Dhis2Mapping> mapping);

// The OpenAPI operations and schemas of those routes.
void DescribeDhis2Routes(std::map<std::string, nlohmann::json>& operations,
                         nlohmann::json& schemas);

}  // namespace pcmd::api
