#pragma once

#include <map>
#include <string>
#include <optional>
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
  // The codes of `root` and every unit below it, as the latest versions link them ("VN":
  // every unit), narrowed to those also below `within` when given; sorted. What a role
  // bound to `root` reaches, filtered to a unit it asked about.
  base::Result<std::vector<std::string>> CodesBelow(const std::string& root,
                                                    const std::optional<std::string>& within = std::nullopt) const;
  // A cheap stamp of the table's state: row count and highest row id.
  base::Result<std::string> Stamp() const;

  // Records a new unit. Re-sending the same unit returns it with `created` false.
  base::Result<Unit> Create(const store::Actor& actor, const NewUnit& input, bool* created);
  base::Result<Unit> Change(const store::Actor& actor, const std::string& code,
                            const UnitChange& change);

  // Loads a whole tree as valid from `effective`: adds new units, versions the changed
  // ones, closes units of the same provinces that the file no longer lists. Idempotent.
  base::Result<ImportReport> Import(const store::Actor& actor, const std::vector<UnitRow>& rows,
                                    base::Date effective);

 private:
  store::Database& db_;
};

// The tables of this module.
std::vector<store::Migration> UnitMigrations();

}  // namespace pcmd::units
