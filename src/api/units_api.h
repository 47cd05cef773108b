#pragma once

#include "access/policy.h"
#include "access/unit_scope.h"
#include "api/guard.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// Routes of /api/units: list and search, detail with path, children and history,
// create, and dated changes (rename, move, merge, split, close).
void AddUnitRoutes(http::Router& router, Guard& guard, units::UnitTree& tree,
                   const access::Policy& policy, access::UnitScope& scope);

}  // namespace pcmd::api
