#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace pcmd::exports {

// The rows of cell texts of an uploaded table file: an XLSX workbook (told by its zip
// signature; its first sheet, as ReadXlsx reads it) or else UTF-8 CSV (a byte order mark
// allowed). Errors name the field "file" with Vietnamese messages: invalid_xlsx,
// invalid_encoding.
base::Result<std::vector<std::vector<std::string>>> ReadTableFile(std::string_view bytes);

}  // namespace pcmd::exports
