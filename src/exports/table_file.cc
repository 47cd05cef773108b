#include "exports/table_file.h"

#include "base/csv.h"
#include "base/text.h"
#include "exports/xlsx_reader.h"

namespace pcmd::exports {

base::Result<std::vector<std::vector<std::string>>> ReadTableFile(std::string_view bytes) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    auto sheet = ReadXlsx(bytes);
    if (!sheet.ok()) {
      return base::Validation::Fail(
          "file", "invalid_xlsx",
          sheet.status().message_vi().empty() ? "Tệp XLSX không hợp lệ" : sheet.status().message_vi(),
          sheet.status().message());
    }
    return sheet;
  }
  if (!base::IsValidUtf8(bytes)) {
    return base::Validation::Fail("file", "invalid_encoding", "Tệp không phải UTF-8", "the file is not UTF-8");
  }
  return base::ParseCsv(bytes);
}

}  // namespace pcmd::exports
