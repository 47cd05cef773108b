// Period locks: see period_locks.h.
#include "domain/records/period_locks.h"

#include <set>

namespace pcmd::records {

using base::Result;
using base::Status;

Result<std::vector<std::string>> CoveringUnits(const units::UnitTree& units,
                                               const std::string& unit_code, base::Date date) {
  std::vector<std::string> out = {unit_code};
  std::set<std::string> seen = {unit_code};
  std::string code = unit_code;
  while (true) {
    auto unit = units.Find(code, date);
    if (!unit.ok()) {
      if (unit.status().code() == base::StatusCode::kNotFound) break;
      return unit.status();
    }
    if (!unit->parent_code || !seen.insert(*unit->parent_code).second) break;
    code = *unit->parent_code;
    out.push_back(code);
  }
  return out;
}

Status LockPeriod(store::Transaction& tx, const PeriodLock& lock) {
  PCMD_RETURN_IF_ERROR(UnlockPeriod(tx, lock.source, lock.unit_code));
  return tx
      .Exec(
          "INSERT INTO period_locks (source, unit_code, first_day, last_day, locked_at, "
          "locked_by) VALUES (:1, :2, :3, :4, :5, :6)",
          {lock.source, lock.unit_code, lock.first.ToString(), lock.last.ToString(), lock.locked_at,
           lock.locked_by})
      .status();
}

Status UnlockPeriod(store::Transaction& tx, const std::string& source,
                    const std::string& unit_code) {
  return tx
      .Exec("DELETE FROM period_locks WHERE source = :1 AND unit_code = :2", {source, unit_code})
      .status();
}

Status CheckPeriodOpen(store::Transaction& tx, const std::vector<std::string>& covering,
                       base::Date date, const std::string& field) {
  if (covering.empty()) return Status::Ok();
  std::string sql =
      "SELECT unit_code FROM period_locks WHERE first_day <= :1 AND last_day >= :2 "
      "AND unit_code IN (";
  store::Params params = {date.ToString(), date.ToString()};
  for (std::size_t i = 0; i < covering.size(); ++i) {
    sql += (i ? ", :" : ":") + std::to_string(i + 3);
    params.emplace_back(covering[i]);
  }
  PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql + ") LIMIT 1", params));
  if (rows.empty()) return Status::Ok();
  const std::string vi =
      "Số liệu của đơn vị trong kỳ này đã bị khóa vì báo cáo đã được duyệt; cần cấp duyệt mở khóa "
      "báo cáo trước khi sửa";
  const std::string en =
      "the report covering this unit and day is approved, which locks its "
      "records; the approver must unlock it first";
  return base::FailedPrecondition(en)
      .WithVi(vi)
      .WithMachineCode("period_locked")
      .WithField({field, "period_locked", vi, en});
}

Result<std::vector<PeriodLock>> ListPeriodLocks(store::Transaction& tx,
                                                const std::string& unit_code) {
  std::string sql =
      "SELECT unit_code, first_day, last_day, source, locked_at, locked_by FROM "
      "period_locks";
  store::Params params;
  if (!unit_code.empty()) {
    sql += " WHERE unit_code = :1";
    params.emplace_back(unit_code);
  }
  PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql + " ORDER BY locked_at, source", params));
  std::vector<PeriodLock> out;
  for (const auto& r : rows) {
    PeriodLock lock;
    lock.unit_code = r.Text(0);
    PCMD_ASSIGN_OR_RETURN(lock.first, base::Date::Parse(r.Text(1)));
    PCMD_ASSIGN_OR_RETURN(lock.last, base::Date::Parse(r.Text(2)));
    lock.source = r.Text(3);
    lock.locked_at = r.Text(4);
    lock.locked_by = r.Text(5);
    out.push_back(std::move(lock));
  }
  return out;
}

store::Migration PeriodLockMigration() {
  return {304, "period_locks",
          "CREATE TABLE period_locks (source TEXT NOT NULL, unit_code TEXT NOT NULL, "
          "first_day TEXT NOT NULL, last_day TEXT NOT NULL, locked_at TEXT NOT NULL, "
          "locked_by TEXT NOT NULL, PRIMARY KEY (source, unit_code));\n"
          "CREATE INDEX period_locks_unit ON period_locks (unit_code, first_day)",
          ""};
}

}  // namespace pcmd::records
