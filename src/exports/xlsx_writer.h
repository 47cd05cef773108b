#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace pcmd::exports {

// One cell of a sheet: empty, text, integer, real or date. `Cell c = 5;` is an integer,
// `Cell c = 2.5;` a real, `Cell c = std::string("x");` text.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, base::Date>;

// One column of a sheet: its header (shown bold on a fill) and its width in Excel's
// character units; 0 means "from the content", between 8 and 60.
struct Column {
  std::string header;
  double width = 0;
};

// One sheet of a workbook. When `columns` is empty there is no header row (and so no
// frozen pane and no filter); rows may be wider than `columns`.
struct Sheet {
  std::string name;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

// Returns the bytes of an .xlsx workbook holding `sheets` in order.
//
// Layout: the header row is bold on a fill, frozen, and carries an autofilter over the
// columns; integers use "#,##0", reals "General", dates "dd/mm/yyyy". Integers beyond
// Excel's 15 significant digits and dates before 1900 are written as text so that no
// digit is lost.
//
// Text is always a string cell, never a formula, stored as SpreadsheetSafeText(text): a
// leading ' on formula-like text, as base::CsvField does, and U+FFFD for invalid UTF-8.
// Sheet names are ExcelSheetNames(names) (spreadsheet_text.h): valid and unique for Excel.
//
// Fails with kInvalidArgument (naming sheet, row and column from 1, the row counted in
// Sheet::rows without the header; never a value) on no sheets,
// more than 1,048,576 rows or 16,384 columns, a text longer than 32,767 characters or a
// real that is not finite; with kInternal when libxlsxwriter or the temporary file fails.
// Safe from any thread: each call has its own workbook and private temporary files in
// $TMPDIR (or /tmp), which are removed before it returns.
base::Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets);

}  // namespace pcmd::exports
