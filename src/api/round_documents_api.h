#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "analytics/indicator_engine.h"
#include "api/guard.h"
#include "domain/reporting/report_rounds.h"
#include "domain/reporting/round_documents.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// The consolidated report of a reporting round (báo cáo tổng hợp, issue 8), made by the round's
// level from all its units' reports and kept with the round:
//   POST /api/report-rounds/{id}/documents  {"format":"xlsx"|"docx"|"pdf"}  makes and keeps one:
//        XLSX with three sheets (who reported and when; every target by unit, as each unit
//        submitted it, and the round's unit live; the units' narrative sections), DOCX or PDF laid
//        out as Decree 30/2020/NĐ-CP; 201 with the document's description
//   GET  /api/report-rounds/{id}/documents              the kept ones, newest first
//   GET  /api/report-rounds/{id}/documents/{document}   one file (audited)
// A unit's values are the ones it submitted (frozen); a unit that has not submitted has none.
// Client-derived counts were suppressed when frozen and stay so. Access:
// reporting/round_documents.h. Tested in tests/api/reporting.test and web/e2e/reporting.test.mjs.
void AddRoundDocumentRoutes(http::Router& router, Guard& guard, reporting::ReportRounds& rounds,
                            reporting::RoundDocuments& documents,
                            analytics::IndicatorEngine& engine, const units::UnitTree& units);

void DescribeRoundDocumentRoutes(std::map<std::string, nlohmann::json>& operations,
                                 nlohmann::json& schemas);

}  // namespace pcmd::api
