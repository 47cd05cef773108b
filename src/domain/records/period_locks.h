#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"
#include "domain/units/unit_tree.h"
#include "store/database.h"

namespace pcmd::records {

// A period lock (khóa số liệu): once the level above approves a unit's report for a period, the
// records of that unit and of every unit below it dated in the period can no longer be created,
// changed or deleted, until the approver unlocks the report, as DHIS2's data approval does. Locks
// live in table period_locks (migration 304); each is set and lifted inside the transaction of the
// approval step that owns it (`source`, e.g. "report_round:<id>"), so that the change and audit
// logs tell who locked and unlocked what. What locks: programme records by their date
// (RecordStore), tips by their receipt (TipStore: create, change, delete; the handling steps go on,
// as the law's deadlines require), clients' assessments and referral outcomes by their dates
// (SupportStore), which are what the indicators count. Tested in record_store_test.cc
// (PeriodLocks), report_rounds_test.cc (approve, unlock) and tests/api/reporting.test.
struct PeriodLock {
  std::string unit_code;
  base::Date first, last;  // inclusive
  std::string source;
  std::string locked_at, locked_by;
};

// The unit and the units above it on `date`: a lock on any of them covers a record of the unit
// dated that day. An unknown unit is just itself.
base::Result<std::vector<std::string>> CoveringUnits(const units::UnitTree& units,
                                                     const std::string& unit_code, base::Date date);

// Sets a lock (again: replaces the one of the same source and unit).
base::Status LockPeriod(store::Transaction& tx, const PeriodLock& lock);
// Lifts the lock of `source` on `unit_code`; none is no error.
base::Status UnlockPeriod(store::Transaction& tx, const std::string& source,
                          const std::string& unit_code);
// Ok when no lock on one of `covering` holds `date`; else kFailedPrecondition "period_locked" with
// a field error on `field` (409), which says in Vietnamese who may unlock.
base::Status CheckPeriodOpen(store::Transaction& tx, const std::vector<std::string>& covering,
                             base::Date date, const std::string& field = "date");
// The locks set on `unit_code` (all units when empty), oldest first.
base::Result<std::vector<PeriodLock>> ListPeriodLocks(store::Transaction& tx,
                                                      const std::string& unit_code);

// The migration of table period_locks.
store::Migration PeriodLockMigration();

}  // namespace pcmd::records
