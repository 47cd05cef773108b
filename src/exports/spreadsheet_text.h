#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pcmd::exports {

// Text rules that spreadsheet files impose, shared by the XLSX writer and reader.
// All functions are pure and safe from any thread.

// `text` as pcmd exports it: valid UTF-8 (each bad byte becomes U+FFFD), and text that a
// spreadsheet would run as a formula (starting with = + - @, tab or carriage return, and not
// a plain signed number such as -5 or +84912) prefixed with ', the rule of base::CsvField.
std::string SpreadsheetSafeText(std::string_view text);

// Excel sheet names for `names`, in order: valid UTF-8, at most 31 UTF-16 units, none of
// []:*?/\ or control characters (each becomes _), no ' at either end, "SheetN" for an empty
// name, not Excel's reserved "History", and unique after folding case and diacritics
// (base::FoldForSearch); a clash gets " (2)", " (3)", ...
std::vector<std::string> ExcelSheetNames(const std::vector<std::string>& names);

// OOXML strings read "_xHHHH_" as the character U+HHHH (Excel writes control characters
// so). Escape keeps a literal "_xHHHH_" by writing its underscore as "_x005F_"; Unescape
// decodes every "_xHHHH_" that names a character XML may not hold or a valid scalar value.
std::string EscapeOoxmlText(std::string_view text);
std::string UnescapeOoxmlText(std::string_view text);

// Valid UTF-8: each byte that does not start a well-formed sequence becomes U+FFFD.
std::string ValidUtf8(std::string_view text);

// Length of valid UTF-8 `text` in UTF-16 code units, Excel's unit for text limits.
std::size_t Utf16Length(std::string_view text);

// The longest prefix of valid UTF-8 `text` of at most `units` UTF-16 code units.
std::string TruncateUtf16(std::string_view text, std::size_t units);

}  // namespace pcmd::exports
