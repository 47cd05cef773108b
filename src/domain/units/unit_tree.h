#pragma once

#include <map>
#include <string>
#include <optional>
#include <set>
#include <vector>

#include "base/result.h"
#include "domain/units/unit.h"
#include "store/database.h"

namespace pcmd::units {

// The UnitTree is the administrative tree over time, kept in the store: every version
// of every unit with the dates it was valid, and the lineage of merges and splits.
// Nothing is overwritten: a change closes a version and opens the next one.
// Failures: kInvalidArgument with field errors for bad input, kNotFound for a code
// that has no version on the asked date, kConflict for an overlapping version.
// Thread-safe (each call is its own transaction).
class UnitTree {
 public:
  explicit UnitTree(store::Database& db) : db_(db) {}

  base::Result<UnitPage> List(const UnitQuery& query) const;
  base::Result<UnitDetail> Get(const std::string& code, base::Date date) const;
  // The version of `code` valid on `date`.
  base::Result<Unit> Find(const std::string& code, base::Date date) const;

  // Every code with the parent of its latest version ("" for roots), and a stamp that
  // changes whenever the table does (for caches such as access::UnitScope).
  base::Result<std::map<std::string, std::string>> LatestParents(std::string* stamp) const;
  // Every version of every unit (code, level, parent, validity; no names), and a stamp that
  // changes whenever the units or the recorded changes between versions do (the indicator
  // engine's trees; unit_lineage.cc).
  base::Result<std::vector<Unit>> AllVersions(std::string* stamp) const;
  // The codes of `root` and every unit below it, as any version links them ("VN": every
  // unit), narrowed to those also below `within` when given; sorted. What a role bound to
  // `root` reaches, filtered to a unit it asked about: an account of a district closed by a
  // reorganisation keeps its communes' history, also of those now directly under the province.
  base::Result<std::vector<std::string>> CodesBelow(const std::string& root,
                                                    const std::optional<std::string>& within = std::nullopt) const;
  // A cheap stamp of the table's state: row count and highest row id.
  base::Result<std::string> Stamp() const;

  // Records a new unit. Re-sending the same unit returns it with `created` false.
  base::Result<Unit> Create(const store::Actor& actor, const NewUnit& input, bool* created);
  base::Result<Unit> Change(const store::Actor& actor, const std::string& code,
                            const UnitChange& change);

  // Loads a whole tree as valid from `effective`: adds new units, versions the changed
  // ones, closes units of the same provinces that the file no longer lists — and of
  // `merged_provinces`, provinces that became part of one of the file's (July 2025: Hà Nam and
  // Nam Định into Ninh Bình). Idempotent.
  base::Result<ImportReport> Import(const store::Actor& actor, const std::vector<UnitRow>& rows,
                                    base::Date effective, const std::set<std::string>& merged_provinces = {});
  // The provinces that a change file's rows of `effective` merge into another province.
  base::Result<std::set<std::string>> MergedProvinces(const std::vector<ChangeRow>& rows, base::Date effective) const;
  // Loads a reorganisation from its files (ReadTreeFiles) in one transaction: the tree valid from
  // `effective` as Import does, closing also the provinces the change rows merge into one of the
  // file's, then the change rows of that date as ImportChanges does. A problem anywhere stores
  // nothing; field errors name the file ("units_csv: line 7: parent_code", "changes_csv: line 12:
  // new_code") or "effective". Idempotent: the same files again change nothing.
  // `pcmd units import` and POST /api/units/import.
  base::Result<TreeImportReport> ImportTree(const store::Actor& actor, const TreeFiles& files, base::Date effective);
  // The versions of the whole tree, oldest first: a new version starts on every day a unit starts
  // or the day after one ends; each with its units counted by level (unit_lineage.cc).
  base::Result<std::vector<TreeVersion>> Versions() const;

  // The lineage (unit_lineage.cc). ImportChanges records the rows of a change file that take
  // effect on `effective` (the file may hold other dates: they wait for their own import);
  // idempotent. A row's old unit must have been valid the day before, its new unit on the day.
  // Rows sourced "inferred:" or "unsourced:" are recorded to be confirmed.
  base::Result<ChangeImportReport> ImportChanges(const store::Actor& actor, const std::vector<ChangeRow>& rows,
                                                 base::Date effective);
  base::Result<std::vector<LineageEntry>> ListChanges(std::optional<base::Date> effective, bool to_confirm_only) const;
  // An officer confirms a row as recorded, or corrects its receiving unit (`to_code`, valid on
  // the row's date). Audited through the change log.
  base::Result<LineageEntry> ConfirmChange(const store::Actor& actor, std::int64_t id,
                                           const std::optional<std::string>& to_code);
  // Where a unit valid on `on` is on the tree of `later`: the units that received it through
  // every change in between (itself when nothing changed it). A change with no receiving unit
  // yet leaves the old code, which the caller sees is not valid on `later`.
  base::Result<std::vector<std::string>> Walk(const std::string& code, base::Date on, base::Date later) const;
  // The units that took over `code` at the first change after `on` (empty when none is recorded).
  base::Result<std::vector<Unit>> SuccessorsAfter(const std::string& code, base::Date on) const;
  // The last day of `code`'s latest version that ended before `date` (none when the code was
  // never closed before it): a record dated `date` on that code names a closed unit.
  base::Result<std::optional<base::Date>> ClosedBefore(const std::string& code, base::Date date) const;
  // Fails (field "unit", code "unit_closed") when `code` was closed before `date`, the message
  // naming when and the units that took it over; ok otherwise (also for a code never known).
  base::Status CheckNotClosed(const std::string& code, base::Date date) const;

 private:
  // The steps of Import, ImportChanges and MergedProvinces inside a caller's transaction.
  static base::Status ImportIn(store::Transaction& tx, const std::vector<UnitRow>& rows, base::Date effective,
                               const std::set<std::string>& merged_provinces, ImportReport& report);
  static base::Status ImportChangesIn(store::Transaction& tx, const std::vector<ChangeRow>& rows,
                                      base::Date effective, ChangeImportReport& report);
  static base::Result<std::set<std::string>> MergedProvincesIn(store::Transaction& tx,
                                                               const std::vector<ChangeRow>& rows,
                                                               base::Date effective);

  store::Database& db_;
};

// The tables of this module.
std::vector<store::Migration> UnitMigrations();

}  // namespace pcmd::units
