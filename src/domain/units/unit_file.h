#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/units/unit.h"

namespace pcmd::units {

// Reads a unit file: UTF-8 CSV with the header `code,name,level,type,parent_code`
// (a BOM and CRLF line ends are accepted, quoted fields too). Every bad row is
// reported at once, as fields named "line N: column" in one validation status.
base::Result<std::vector<UnitRow>> ParseUnitFile(std::string_view csv);

// Reads a change file: the header `effective_date,old_code,old_name,new_code,new_name,kind`
// with an optional `source` column; kinds merge, split, rename, moved, unchanged. Errors as above.
base::Result<std::vector<ChangeRow>> ParseChangeFile(std::string_view csv);

// Reads the files of a reorganisation: a unit file and, optionally, a change file. Every problem
// of both is reported at once, each field error named after its file: "units_csv: line 7:
// parent_code" (the names are `units_name` and `changes_name`).
base::Result<TreeFiles> ReadTreeFiles(std::string_view units_csv, std::optional<std::string_view> changes_csv,
                                      const std::string& units_name = "units_csv",
                                      const std::string& changes_name = "changes_csv");

// `status` with each field error named after `file` ("line 7: code" → "units_csv: line 7: code");
// the field "effective" (the date of the whole import) is left as it is.
base::Status NameFileInFields(const base::Status& status, const std::string& file);

}  // namespace pcmd::units
