#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

#include "base/result.h"
#include "store/database.h"

namespace pcmd::bench {

// What to generate: the events of 60 months (2021-01 to 2025-12) over every unit of a unit file,
// from a fixed seed. The sizes are 2,000,000 and 20,000,000 events over 200,000
// establishments; the default is a size a CI machine does in a minute.
struct DatasetOptions {
  std::string units_file;         // code,name,level,type,parent_code (../shared/data/vn-units.csv)
  std::int64_t events = 200'000;  // event rows, split between the kinds below
  std::int64_t establishments = 0;  // 0: events / 10, between 2,000 and 200,000
  std::uint32_t seed = 184;

  std::int64_t EstablishmentCount() const;
  // The text stored in the store's settings, to recognise a store made with these options.
  std::string Stamp() const;
};

// What was stored, by table or record type.
struct DatasetReport {
  std::map<std::string, std::int64_t> rows;  // "records:<type>", "tips", "clients", ...
  std::int64_t events = 0;                   // rows of events (what --events asks for)
  std::int64_t registers =
      0;  // rows of registers and denominators (establishments, officials, ...)
  std::int64_t units = 0;
  double units_seconds = 0;  // loading the unit file through UnitTree::Import
  double rows_seconds = 0;   // generating and inserting every other row
};

// The generator of national-scale data for the indicator benchmark. Into a fresh, migrated store
// it imports the unit file (UnitTree::Import, valid from 2021-01-01) and bulk-inserts, with
// multi-row INSERTs in a few large transactions (Database::Write), the registers (establishments
// with their yearly workforce, officials, trainings, district plans, crime statistics, industrial
// zones and schools with their denominators, pilot models, peer groups, service providers) and
// the events of 2021–2025: communication activities and press items, outreach, inspections, tips,
// training participants, peer-group activities, and clients' assessments and referrals (the
// services). Rows go straight into the tables (`records`, `tips`, `clients`, ...) as the stores
// write them, without history rows, change-log or audit entries: the indicator engine reads only
// the tables. Deterministic for a seed. Reports progress on `log`.
base::Result<DatasetReport> GenerateNationalData(store::Database& db, const DatasetOptions& options,
                                                 std::ostream& log);

}  // namespace pcmd::bench
