#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"

namespace pcmd::units {

// The levels of the administrative tree, top down. A unit's parent is always of a
// higher level (after July 2025 a commune's parent is its province).
inline constexpr const char* kLevels[] = {"province", "district", "commune"};
// 0 for province, 1 district, 2 commune, -1 for anything else.
int LevelRank(const std::string& level);

// One version of an administrative unit: its name, type and parent between two dates.
// A unit is known by its GSO code; a code may be reused for another unit after a change,
// so a code is read together with a date.
struct Unit {
  std::string code;
  std::string name;
  std::string level;
  std::string type;
  std::optional<std::string> parent_code;
  base::Date valid_from;
  std::optional<base::Date> valid_to;  // inclusive; none while still valid
  std::int64_t child_count = 0;        // children valid on the asked date
  std::string parent_name;             // in lists: the parent's name on the asked date

  bool ValidOn(base::Date d) const { return valid_from <= d && (!valid_to || d <= *valid_to); }
};

struct UnitQuery {
  std::optional<std::string> level;
  std::optional<std::string> parent_code;  // direct children of this unit
  std::optional<std::string> text;         // folded match on name, or code prefix
  base::Date date;                         // units valid on this date
  int limit = 50;
  int offset = 0;
};

struct UnitPage {
  std::vector<Unit> items;
  std::int64_t total = 0;
};

// A unit with its surroundings on one date.
struct UnitDetail {
  Unit unit;
  std::vector<Unit> path;      // root first, the unit itself last
  std::vector<Unit> children;  // valid on the date, in code order
  std::map<std::string, std::int64_t> counts;  // descendants by level
  std::vector<Unit> history;   // every version of the code, oldest first
};

struct NewUnit {
  std::string code;
  std::string name;
  std::string level;
  std::string type;
  std::optional<std::string> parent_code;
  base::Date valid_from;
};

// A change to a unit that takes effect on a date: the version valid the day before
// is closed, and a new version (or the successors) carry on from `effective`.
struct UnitChange {
  enum class Kind { kRename, kMove, kMerge, kSplit, kClose };
  Kind kind = Kind::kRename;
  base::Date effective;
  std::optional<std::string> name;         // rename
  std::optional<std::string> type;         // rename (optional)
  std::optional<std::string> parent_code;  // move
  std::vector<std::string> into;           // merge (one survivor) or split (successors)
};

// One row of a unit file: code,name,level,type,parent_code.
struct UnitRow {
  int line = 0;
  std::string code;
  std::string name;
  std::string level;
  std::string type;
  std::optional<std::string> parent_code;
};

// One row of a change file (docs/units.md): effective_date,old_code,old_name,new_code,new_name,
// kind,source. A unit split between several gets a row per receiving unit; new_code is empty
// when no source names the receiving unit.
struct ChangeRow {
  int line = 0;
  base::Date effective;
  std::string old_code, old_name;
  std::optional<std::string> new_code;
  std::string new_name, kind, source;
};

// A recorded change between two versions of the tree (table unit_lineage). Rows whose source
// is only inferred, or names no receiving unit, wait for an officer to confirm or correct them.
struct LineageEntry {
  std::int64_t id = 0;
  base::Date effective;
  std::string kind;  // merge, split, rename, moved, unchanged; create and close from a tree import
  std::string from_code, from_name;
  std::optional<std::string> to_code;
  std::string to_name, source;
  std::string status;  // "confirmed" or "to_confirm"
  std::optional<std::string> confirmed_by, confirmed_at;
};

struct ChangeImportReport {
  int added = 0;
  int unchanged = 0;
  int to_confirm = 0;  // of the rows added
};

struct ImportReport {
  int added = 0;
  int changed = 0;
  int closed = 0;
  int unchanged = 0;
};

// The files of a reorganisation, read (unit_file.h ReadTreeFiles): a whole tree and, optionally,
// the change rows that lead to it. Each file has the name its errors carry: the form field
// ("units_csv", "changes_csv") or the path the operator gave.
struct TreeFiles {
  std::string units_name = "units_csv";
  std::vector<UnitRow> units;
  std::string changes_name = "changes_csv";
  std::optional<std::vector<ChangeRow>> changes;
};

// What loading a reorganisation did: the tree, and the change rows (when a change file came).
struct TreeImportReport {
  ImportReport units;
  std::optional<ChangeImportReport> changes;
};

// One version of the whole tree: the days between two changes of any unit (`to` inclusive, none
// for the tree still in force) and how many units of each level were valid then.
struct TreeVersion {
  base::Date from;
  std::optional<base::Date> to;
  std::map<std::string, std::int64_t> levels;  // every level of kLevels, 0 when none
};

}  // namespace pcmd::units
