#pragma once

#include <vector>

#include "access/accounts.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/units/unit_tree.h"

namespace pcmd::access {

// An account bound to a unit that a reorganisation closed: what an administrator needs to move it
// to the unit that took the old one over.
struct ClosedUnitAccount {
  Account account;
  units::Unit unit;                     // the unit's last version (its name before the closure)
  base::Date closed_on;                 // the first day the unit no longer existed
  std::vector<units::Unit> successors;  // the units that took it over (none while unsettled)
};

// The active accounts of `accounts` whose unit is not valid on `on` because it was closed before
// (an account bound to "VN" or to a code the tree never knew is no reorganisation's), in the order
// given. `pcmd units accounts` passes every account, GET /api/unit-accounts those the
// administrator may read. Fails only when the store does.
base::Result<std::vector<ClosedUnitAccount>> AccountsOnClosedUnits(const std::vector<Account>& accounts,
                                                                   const units::UnitTree& tree, base::Date on);

}  // namespace pcmd::access
