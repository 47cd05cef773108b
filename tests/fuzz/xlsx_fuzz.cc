// libFuzzer target for exports::ReadXlsx, the reader of uploaded .xlsx files.
//
// An input starting with "PK" is a whole file for ReadXlsx (zip, then XML). Any other input
// is the package's XML parts separated by NUL bytes (which XML cannot hold), in the order of
// kParts, for the reader behind the zip (internal::ReadWorkbook); a missing or empty workbook
// or relationships part gets a fixed one, so that mutations reach the sheet, shared strings
// and styles parsers directly. Zip checksums are not verified in this build (see zip_archive.h).
//
// Beyond "no crash, no leak, no undefined behaviour", every answer is checked against the
// contract: failures are kInvalidArgument with English and Vietnamese messages; successes
// stay within the limits, and neither a row nor the sheet ends with a blank.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "exports/xlsx_reader.h"

namespace {

constexpr const char* kParts[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                  "xl/sharedStrings.xml", "xl/styles.xml",
                                  "xl/worksheets/sheet1.xml"};

constexpr const char* kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr const char* kRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://x/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://x/styles" Target="styles.xml"/></Relationships>)";

[[noreturn]] void Fail(const char* what) {
  std::fprintf(stderr, "xlsx_fuzz: %s\n", what);
  std::abort();
}

void Check(const pcmd::base::Result<std::vector<std::vector<std::string>>>& rows) {
  if (!rows.ok()) {
    const auto& status = rows.status();
    if (status.code() != pcmd::base::StatusCode::kInvalidArgument) Fail("not kInvalidArgument");
    if (status.message().empty() || status.message_vi().empty()) Fail("a message is missing");
    return;
  }
  if (rows->size() > 1048576) Fail("more rows than Excel has");
  if (!rows->empty() && rows->back().empty()) Fail("a trailing blank row");
  std::size_t cells = 0;
  for (const auto& row : *rows) {
    if (row.size() > 16384) Fail("more columns than Excel has");
    if (!row.empty() && row.back().empty()) Fail("a row ends with a blank cell");
    cells += row.size();
  }
  if (cells > 1000000) Fail("more cells than the limit");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.substr(0, 2) == "PK") {
    Check(pcmd::exports::ReadXlsx(input));
    Check(pcmd::exports::ReadXlsx(input, "Trang 2"));
    return 0;
  }
  std::map<std::string, std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < std::size(kParts) && start <= input.size(); ++i) {
    const std::size_t end = std::min(input.find('\0', start), input.size());
    parts[kParts[i]] = std::string(input.substr(start, end - start));
    start = end + 1;
  }
  if (parts[kParts[0]].empty()) parts[kParts[0]] = kWorkbook;
  if (parts[kParts[1]].empty()) parts[kParts[1]] = kRels;
  const auto read_part =
      [&parts](const std::string& path) -> pcmd::base::Result<std::optional<std::string>> {
    const auto part = parts.find(path);
    if (part == parts.end()) return std::optional<std::string>();
    return std::optional<std::string>(part->second);
  };
  Check(pcmd::exports::internal::ReadWorkbook(read_part, ""));
  return 0;
}
