#pragma once

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

}  // namespace pcmd::units
