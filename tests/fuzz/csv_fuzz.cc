// libFuzzer target for base::ParseCsv, the parser of uploaded CSV files, and for the round
// trip of what the CSV export writes: ParseCsv(CsvLine(fields)) gives the fields back, each
// either as it was or (formula-like text only) with the leading ' that CsvField adds.
//
// Input layout for the round trip: byte 0 separates fields, byte 1 separates records, the
// rest is split on them (so fields may hold any other byte, commas, quotes and newlines).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"

namespace {

using Records = std::vector<std::vector<std::string>>;

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "csv_fuzz: %s\n", what);
  std::abort();
}

Records Split(std::string_view input) {
  Records records;
  if (input.size() < 2) return records;
  const char field_separator = input[0], record_separator = input[1];
  records.emplace_back(1);
  for (char c : input.substr(2)) {
    if (c == record_separator) {
      records.emplace_back(1);
    } else if (c == field_separator) {
      records.back().emplace_back();
    } else {
      records.back().back() += c;
    }
  }
  return records;
}

// What CsvField promises for `field`, read back from a parsed `got`.
bool RoundTripped(const std::string& field, const std::string& got) {
  if (got == field) {
    // Text a spreadsheet would run must not come back unchanged.
    return field.empty() ||
           (field[0] != '=' && field[0] != '@' && field[0] != '\t' && field[0] != '\r');
  }
  if (got != "'" + field) return false;
  return field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' ||
         field[0] == '\t' || field[0] == '\r';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  // 1. Any bytes parse without crashing, and every record has at least one field.
  for (const auto& record : pcmd::base::ParseCsv(input)) {
    if (record.empty()) Fail("a parsed record has no field");
  }

  // 2. The export's lines parse back to the exported fields.
  const Records records = Split(input);
  std::string csv;
  for (const auto& fields : records) csv += pcmd::base::CsvLine(fields);
  const Records parsed = pcmd::base::ParseCsv(csv);
  if (parsed.size() != records.size()) Fail("round trip changed the number of records");
  for (std::size_t r = 0; r < records.size(); ++r) {
    if (parsed[r].size() != records[r].size()) Fail("round trip changed the number of fields");
    for (std::size_t f = 0; f < records[r].size(); ++f) {
      if (!RoundTripped(records[r][f], parsed[r][f])) Fail("round trip changed a field");
    }
  }
  return 0;
}
