#include "access/closed_unit_accounts.h"

namespace pcmd::access {

base::Result<std::vector<ClosedUnitAccount>> AccountsOnClosedUnits(const std::vector<Account>& accounts,
                                                                   const units::UnitTree& tree, base::Date on) {
  std::vector<ClosedUnitAccount> out;
  for (const Account& a : accounts) {
    if (a.is_disabled || tree.Find(a.unit_code, on).ok()) continue;
    PCMD_ASSIGN_OR_RETURN(auto last_day, tree.ClosedBefore(a.unit_code, on.AddDays(1)));
    if (!last_day) continue;
    ClosedUnitAccount entry{a, {}, last_day->AddDays(1), {}};
    PCMD_ASSIGN_OR_RETURN(entry.unit, tree.Find(a.unit_code, *last_day));
    PCMD_ASSIGN_OR_RETURN(entry.successors, tree.SuccessorsAfter(a.unit_code, *last_day));
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace pcmd::access
