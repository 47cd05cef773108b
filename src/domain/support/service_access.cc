#include "domain/support/service_access.h"

#include <set>

namespace pcmd::support {

ServiceAccess ComputeServiceAccess(const std::vector<ClientServiceFacts>& clients, base::Date first,
                                   base::Date last) {
  ServiceAccess out;
  for (const auto& c : clients) {
    std::set<std::string> eligible;
    for (const auto& a : c.assessments) {
      if (a.on < first || a.on > last) continue;
      eligible.insert(a.eligible.begin(), a.eligible.end());
    }
    if (eligible.empty()) continue;
    ++out.denominator;
    for (const auto& r : c.receipts) {
      if (r.on >= first && r.on <= last && eligible.count(r.service)) {
        ++out.numerator;
        break;
      }
    }
  }
  return out;
}

}  // namespace pcmd::support
