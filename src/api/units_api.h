#pragma once

#include "access/accounts.h"
#include "access/policy.h"
#include "access/unit_scope.h"
#include "api/guard.h"
#include "domain/units/unit_tree.h"

namespace pcmd::api {

// Routes of /api/units: list and search, detail with path, children and history,
// create, and dated changes (rename, move, merge, split, close); the reorganisations: a new tree
// with its change rows (/api/units/import), the rows to confirm (/api/unit-changes), the accounts
// of closed units (/api/unit-accounts) and the versions of the tree (/api/unit-versions).
void AddUnitRoutes(http::Router& router, Guard& guard, units::UnitTree& tree,
                   const access::Policy& policy, access::UnitScope& scope, access::AccountStore& accounts);

}  // namespace pcmd::api
