#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "access/policy.h"
#include "base/result.h"
#include "domain/reporting/report_rounds.h"
#include "store/database.h"

namespace pcmd::reporting {

// One aggregate value of a round received from another system (a DHIS2 dataValueSets import):
// a target's value for a unit that must report in the round, for the round's period.
struct RoundValue {
  std::string unit_code;
  std::string target;  // plan target id, e.g. "T1"
  std::string value;   // the number as a plain decimal ("12.5"), as received after canonical form
  std::string imported_at, imported_by;
};

// A value to import, with where it came from (its row in the document) for the caller's summary.
struct ValueToImport {
  std::size_t row = 0;
  std::string unit_code, target, period;  // pcmd ids; `period` as the round's ("2025H1")
  std::string value;                      // canonical decimal text
};

// What an import did, counted as DHIS2's importSummary: values stored for the first time,
// values stored again (changed or not: a re-import is idempotent), rows left aside because their
// unit does not report in the round or their period is not the round's.
struct ImportCounts {
  std::int64_t imported = 0, updated = 0, ignored = 0;
};

// RoundValues keeps the values imported into reporting rounds (table report_round_values,
// migration 620), keyed (round, unit, target): a re-import replaces, never duplicates.
// Access through the one policy, as the round's approver: an import needs `report_round` update
// at the round's unit (a caller who sees the round but may not: kPermissionDenied "forbidden";
// one who does not see it: kNotFound, as ReportRounds answers); the list needs `report_round`
// read at the round's unit, or `report` read at units of the round (it then lists those units'
// values only). An import is one transaction with one change-log and audit entry
// ("report_round_values", the round's id, "import"). Thread-safe.
class RoundValues {
 public:
  RoundValues(store::Database& db, const access::Policy& policy) : db_(db), policy_(policy) {}

  // The round, if the subject may import into it (see above).
  base::Result<Round> RoundToImport(const access::Subject& subject,
                                    const std::string& round_id) const;
  // Stores the values for the round's units and period; the others are counted as ignored.
  base::Result<ImportCounts> Import(const access::Subject& subject, const store::Actor& actor,
                                    const std::string& round_id,
                                    const std::vector<ValueToImport>& values);
  // The stored values of the round the subject may see, by unit then target.
  base::Result<std::vector<RoundValue>> List(const access::Subject& subject,
                                             const std::string& round_id) const;

 private:
  bool Sees(const access::Subject& subject, const Round& round) const;
  bool Imports(const access::Subject& subject, const Round& round) const;

  store::Database& db_;
  const access::Policy& policy_;
};

// The table of this class (version 620).
std::vector<store::Migration> RoundValueMigrations();

}  // namespace pcmd::reporting
