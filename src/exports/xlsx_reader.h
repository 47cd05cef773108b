#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace pcmd::exports {

// Returns one sheet of the .xlsx workbook in `bytes` as rows of cell texts: the first
// worksheet in tab order, or the one named exactly `sheet_name`.
//
// rows[i] is Excel's row i + 1: blank rows before the last row with data are kept as empty
// rows, so that row numbers in messages match what the user sees; blank rows after it are
// dropped. A row ends at its last non-empty cell; cells skipped by references (A1, C1) are "".
// A cell's text is what it holds, not how it is displayed:
//   - strings (shared, inline, formula results) as written, rich-text runs joined, phonetic
//     runs left out, "_xHHHH_" escapes decoded; a leading ' is kept;
//   - booleans as TRUE or FALSE, errors as written (#DIV/0!);
//   - numbers in the shortest form that reads back the same, integers without ".0" (5, -3,
//     0.1, 1e+20); a number under a date format (built-in ids 14-22 or a custom format with
//     d, m or y) as YYYY-MM-DD, the time of day dropped, in the workbook's date system (1900,
//     with Excel's phantom 1900-02-29 as serial 60, or 1904); outside 1900..9999, the number;
//   - formulas as their cached value (never evaluated).
//
// Fails with kInvalidArgument, lower-case English and a Vietnamese message, when the bytes
// are not an xlsx workbook ("not a valid xlsx file: ..."), the sheet does not exist or is
// not a worksheet, or on the limits against zip bombs and huge files: more than 50 MiB in
// one uncompressed part, 1,000,000 cells (blank cells before a row's last value included),
// 16,384 columns, 1,048,576 rows or 1,000,000 shared strings. Never evaluates anything,
// never reads outside `bytes`, uses no temporary files. Safe from any thread.
base::Result<std::vector<std::vector<std::string>>> ReadXlsx(std::string_view bytes,
                                                             const std::string& sheet_name = "");

namespace internal {

// The bytes of the package part at `path` ("xl/workbook.xml"), or nullopt when absent.
using PartReader = std::function<base::Result<std::optional<std::string>>(const std::string& path)>;

// ReadXlsx over any package: what it does once the zip is open (also what a fuzzer drives).
base::Result<std::vector<std::vector<std::string>>> ReadWorkbook(const PartReader& read_part,
                                                                 const std::string& sheet_name);

// The text ReadXlsx gives a number cell holding `value` ("5.0" is "5").
std::string NumberText(std::string_view value);

// The text ReadXlsx gives a date-formatted number cell holding `value` ("45000" is
// "2023-03-15"); the number itself when it is no date.
std::string SerialDateText(std::string_view value, bool is_date1904);

}  // namespace internal
}  // namespace pcmd::exports
