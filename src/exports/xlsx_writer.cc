#include "exports/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "base/text.h"
#include "exports/spreadsheet_text.h"
#include "exports/temp_file.h"

namespace pcmd::exports {
namespace {

constexpr std::size_t kMaxRows = 1048576;  // Excel's sheet, header row included
constexpr std::size_t kMaxColumns = 16384;
constexpr std::size_t kMaxTextUnits = 32767;                // UTF-16 code units in one cell
constexpr std::int64_t kMaxExactInteger = 999999999999999;  // 15 digits, Excel's precision
constexpr double kMinAutoWidth = 8, kMaxAutoWidth = 60;

base::Status CellError(std::size_t sheet, std::size_t row, std::size_t column,
                       const std::string& en, const std::string& vi) {
  const std::string where = std::to_string(sheet + 1) + ", row " + std::to_string(row + 1) +
                            ", column " + std::to_string(column + 1);
  const std::string where_vi = std::to_string(sheet + 1) + ", dòng " + std::to_string(row + 1) +
                               ", cột " + std::to_string(column + 1);
  return base::InvalidArgument("sheet " + where + ": " + en)
      .WithVi("Trang " + where_vi + ": " + vi);
}

// Display width of a cell in characters; also checks what Excel cannot hold.
base::Result<std::size_t> CellWidth(const Cell& cell, std::size_t sheet, std::size_t row,
                                    std::size_t column) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    const std::string safe = SpreadsheetSafeText(*text);
    if (Utf16Length(safe) > kMaxTextUnits) {
      return CellError(sheet, row, column, "text longer than 32,767 characters",
                       "văn bản dài quá 32.767 ký tự.");
    }
    std::size_t widest = 0, start = 0;
    while (start <= safe.size()) {
      const std::size_t end = std::min(safe.find('\n', start), safe.size());
      widest =
          std::max(widest, base::Utf8Length(std::string_view(safe).substr(start, end - start)));
      start = end + 1;
    }
    return widest;
  }
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
    const std::size_t digits = std::to_string(*integer).size();
    return digits + (digits - (*integer < 0 ? 2 : 1)) / 3;  // thousands separators
  }
  if (const auto* real = std::get_if<double>(&cell)) {
    if (!std::isfinite(*real)) {
      return CellError(sheet, row, column, "real value is not finite", "giá trị số không hợp lệ.");
    }
    return std::min<std::size_t>(std::to_string(*real).size(), 12);
  }
  return std::holds_alternative<base::Date>(cell) ? 10 : 0;
}

// Checks `sheet` against Excel's limits and returns the width of each of its columns.
base::Result<std::vector<double>> ColumnWidths(const Sheet& sheet, std::size_t index) {
  const std::size_t header_rows = sheet.columns.empty() ? 0 : 1;
  if (sheet.rows.size() + header_rows > kMaxRows) {
    return base::InvalidArgument("sheet " + std::to_string(index + 1) +
                                 ": more than 1,048,576 rows")
        .WithVi("Trang " + std::to_string(index + 1) + ": quá 1.048.576 dòng.");
  }
  std::size_t width = sheet.columns.size();
  for (const auto& row : sheet.rows) width = std::max(width, row.size());
  if (width > kMaxColumns) {
    return base::InvalidArgument("sheet " + std::to_string(index + 1) +
                                 ": more than 16,384 columns")
        .WithVi("Trang " + std::to_string(index + 1) + ": quá 16.384 cột.");
  }
  std::vector<std::size_t> chars(width, 0);
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    chars[c] = base::Utf8Length(sheet.columns[c].header) + 4;  // bold text and filter button
  }
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      PCMD_ASSIGN_OR_RETURN(const std::size_t w, CellWidth(sheet.rows[r][c], index, r, c));
      chars[c] = std::max(chars[c], w);
    }
  }
  std::vector<double> widths(width);
  for (std::size_t c = 0; c < width; ++c) {
    const double given = c < sheet.columns.size() ? sheet.columns[c].width : 0;
    widths[c] = given > 0
                    ? std::min(given, 255.0)
                    : std::clamp(static_cast<double>(chars[c]) + 2, kMinAutoWidth, kMaxAutoWidth);
  }
  return widths;
}

// The formats every sheet shares; they belong to the workbook.
struct Formats {
  lxw_format* header;
  lxw_format* integer;
  lxw_format* date;
};

Formats AddFormats(lxw_workbook* workbook) {
  Formats f{workbook_add_format(workbook), workbook_add_format(workbook),
            workbook_add_format(workbook)};
  format_set_bold(f.header);
  format_set_pattern(f.header, LXW_PATTERN_SOLID);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(f.integer, "#,##0");
  format_set_num_format(f.date, "dd/mm/yyyy");
  return f;
}

lxw_error WriteText(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& text,
                    lxw_format* format) {
  const std::string stored = EscapeOoxmlText(SpreadsheetSafeText(text));
  return worksheet_write_string(ws, r, c, stored.c_str(), format);
}

lxw_error WriteCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& cell,
                    const Formats& formats) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    return WriteText(ws, r, c, *text, nullptr);
  }
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
    if (*integer > kMaxExactInteger || *integer < -kMaxExactInteger) {
      return worksheet_write_string(ws, r, c, std::to_string(*integer).c_str(), nullptr);
    }
    return worksheet_write_number(ws, r, c, static_cast<double>(*integer), formats.integer);
  }
  if (const auto* real = std::get_if<double>(&cell)) {
    return worksheet_write_number(ws, r, c, *real, nullptr);
  }
  if (const auto* date = std::get_if<base::Date>(&cell)) {
    if (date->year() < 1900 || date->year() > 9999) {
      return worksheet_write_string(ws, r, c, date->ToString().c_str(), nullptr);
    }
    lxw_datetime when{date->year(),
                      static_cast<std::uint8_t>(date->month()),
                      static_cast<std::uint8_t>(date->day()),
                      0,
                      0,
                      0.0};
    return worksheet_write_datetime(ws, r, c, &when, formats.date);
  }
  return LXW_NO_ERROR;
}

lxw_error WriteSheet(lxw_worksheet* ws, const Sheet& sheet, const std::vector<double>& widths,
                     const Formats& formats) {
  lxw_error error = LXW_NO_ERROR;
  auto keep_first = [&error](lxw_error e) {
    if (error == LXW_NO_ERROR) error = e;
  };
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    keep_first(worksheet_set_column(ws, col, col, widths[c], nullptr));
  }
  lxw_row_t row = 0;
  if (!sheet.columns.empty()) {
    for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
      keep_first(
          WriteText(ws, 0, static_cast<lxw_col_t>(c), sheet.columns[c].header, formats.header));
    }
    worksheet_freeze_panes(ws, 1, 0);
    keep_first(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                                    static_cast<lxw_col_t>(sheet.columns.size() - 1)));
    row = 1;
  }
  for (const auto& cells : sheet.rows) {  // in order: the workbook streams rows
    for (std::size_t c = 0; c < cells.size(); ++c) {
      keep_first(WriteCell(ws, row, static_cast<lxw_col_t>(c), cells[c], formats));
    }
    ++row;
  }
  return error;
}

}  // namespace

base::Result<std::string> WriteXlsx(const std::vector<Sheet>& sheets) {
  if (sheets.empty()) {
    return base::InvalidArgument("workbook needs at least one sheet")
        .WithVi("Tệp Excel cần ít nhất một trang.");
  }
  std::vector<std::vector<double>> widths;
  std::vector<std::string> names;
  for (std::size_t s = 0; s < sheets.size(); ++s) {
    PCMD_ASSIGN_OR_RETURN(auto w, ColumnWidths(sheets[s], s));
    widths.push_back(std::move(w));
    names.push_back(sheets[s].name);
  }
  names = ExcelSheetNames(names);

  internal::TempFile file("pcmd-xlsx");
  if (file.path().empty()) return base::Internal("xlsx writer: cannot create a temporary file");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to temporary files as they are written
  options.tmpdir = file.dir().data();
  options.use_zip64 = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (workbook == nullptr) return base::Internal("xlsx writer: cannot create the workbook");
  const Formats formats = AddFormats(workbook);
  lxw_error error = LXW_NO_ERROR;
  for (std::size_t s = 0; s < sheets.size() && error == LXW_NO_ERROR; ++s) {
    lxw_worksheet* ws = workbook_add_worksheet(workbook, names[s].c_str());
    error = ws == nullptr ? LXW_ERROR_PARAMETER_VALIDATION
                          : WriteSheet(ws, sheets[s], widths[s], formats);
  }
  const lxw_error close_error = workbook_close(workbook);  // frees the workbook in any case
  if (error == LXW_NO_ERROR) error = close_error;
  if (error != LXW_NO_ERROR) {
    return base::Internal(std::string("xlsx writer: ") + lxw_strerror(error));
  }
  return internal::ReadWholeFile(file.path(), "xlsx writer");
}

}  // namespace pcmd::exports
