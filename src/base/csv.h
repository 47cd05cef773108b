#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pcmd::base {

// Splits CSV text into records of fields (RFC 4180: quotes, doubled quotes, CRLF).
// A UTF-8 byte-order mark at the start is skipped.
std::vector<std::vector<std::string>> ParseCsv(std::string_view csv);

// One CSV field, quoted when needed. Text that a spreadsheet would run as a formula
// (starting with = + - @, tab or carriage return) is neutralised with a leading quote.
std::string CsvField(std::string_view value);

// A whole CSV line (with CRLF, as spreadsheet programs write it).
std::string CsvLine(const std::vector<std::string>& fields);

}  // namespace pcmd::base
