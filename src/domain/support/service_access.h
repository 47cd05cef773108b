#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/date.h"

namespace pcmd::support {

// What target T12 needs to know of one client: the needs assessments (date, the services the
// person was assessed as eligible for — a subset of those needed) and the services received
// (referrals closed with outcome "received", on their outcome date). No identifier.
struct ClientServiceFacts {
  struct Assessment {
    base::Date on;
    std::vector<std::string> eligible;  // codes of support_need, needed and eligible
  };
  struct Receipt {
    base::Date on;
    std::string service;  // code of support_need
  };
  std::vector<Assessment> assessments;
  std::vector<Receipt> receipts;
};

// Target T12 for a period: of the clients assessed in the period as needing and eligible for at
// least one service (denominator), those who received at least one of those services in the
// period (numerator): a referral with outcome "received" whose outcome date lies in the period
// and whose service is among the eligible ones of the client's assessments in the period.
struct ServiceAccess {
  std::int64_t denominator = 0;
  std::int64_t numerator = 0;
  // numerator / denominator in percent, 0 when there is no denominator.
  double percent() const {
    return denominator == 0
               ? 0.0
               : 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
  }
};

inline constexpr double kT12TargetPercent = 60.0;

// T12 over `clients` for the inclusive dates [first, last]. Pure.
ServiceAccess ComputeServiceAccess(const std::vector<ClientServiceFacts>& clients, base::Date first,
                                   base::Date last);

}  // namespace pcmd::support
