#pragma once

#include "domain/units/unit_tree.h"
#include "http/router.h"

namespace pcmd::api {

// Routes of /api/units: list and search, detail with path, children and history,
// create, and dated changes (rename, move, merge, split, close).
void AddUnitRoutes(http::Router& router, units::UnitTree& tree);

}  // namespace pcmd::api
