#pragma once

#include <string>
#include <vector>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "api/guard.h"
#include "api/query_params.h"
#include "domain/enforcement/tip_store.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::api {

// Tips, denunciations and complaints with their workflow and deadlines (A4, target T8):
//   GET    /api/tips?unit=&period=&from=&to=&status=&kind=&assignee=&due=&limit=&offset=
//   POST   /api/tips                      receive one (a `denouncer` needs denouncer:create)
//   GET    /api/tips/summary?unit=&period=   T8 counts per unit and handler
//   GET    /api/tips/export?format=csv|xlsx  the list's filters; never the identity or content
//   GET|PATCH|DELETE /api/tips/{id}       PATCH only before classification; with `version`
//   GET    /api/tips/{id}/history         the workflow's events
//   POST   /api/tips/{id}/steps           verify, classify, assign, handle, close, transfer, extend
//   GET|PUT /api/tips/{id}/denouncer      the sealed identity (intake officers; reads audited)
//   GET|PUT /api/tip-deadlines            days per kind with their legal basis
//   GET    /api/notifications             the caller's open tips with their deadlines
void AddTipRoutes(http::Router& router, Guard& guard, store::Database& db,
                  enforcement::TipStore& tips, const units::UnitTree& units);
// The export and import routes (tips_files_api.cc); AddTipRoutes adds them.
void AddTipFileRoutes(http::Router& router, Guard& guard, store::Database& db, enforcement::TipStore& tips,
                      const units::UnitTree& units);

// The OpenAPI operations ("METHOD pattern" → operation) and schemas of those routes.
void DescribeTipRoutes(std::map<std::string, nlohmann::json>& operations, nlohmann::json& schemas);

namespace internal {
// The list's filters of GET /api/tips and its export (unit, period, from, to, status, kind,
// assignee, due).
enforcement::TipQuery ReadTipQuery(QueryParams& q);
// The tip statuses and workflow steps by their API names (routes and their description).
const std::vector<std::string>& StatusIds();
const std::vector<std::string>& StepIds();
}  // namespace internal

}  // namespace pcmd::api
