#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "domain/reporting/report_rounds.h"
#include "store/database.h"

// What report_rounds.cc and unit_reports.cc share: reading rows and the refusals.
namespace pcmd::reporting::internal {

// The round with its units, or none.
base::Result<std::optional<Round>> ReadRound(store::Transaction& tx, const std::string& id);
// The report of `unit` in the round with its history; "missing" with version 0 when none is stored.
base::Result<UnitReport> ReadReport(store::Transaction& tx, const std::string& round_id,
                                    const std::string& unit);

// Every miss of a round (no such round, or not seen) answers the same.
base::Status RoundNotFound();
// Every miss of a report (no round, a unit that is not the round's, or not read) answers the same.
base::Status ReportNotFound();
base::Status Forbidden();
base::Status Stale();

}  // namespace pcmd::reporting::internal
