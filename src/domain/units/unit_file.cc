#include "domain/units/unit_file.h"

#include "base/csv.h"
#include "base/text.h"
#include "domain/units/unit_rules.h"

namespace pcmd::units {

base::Result<std::vector<UnitRow>> ParseUnitFile(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  base::Validation v;
  if (!base::IsValidUtf8(csv)) {
    v.Add("file", "invalid_encoding", "Tệp không phải UTF-8", "the file is not UTF-8");
    return v.ToStatus();
  }
  auto records = base::ParseCsv(csv);
  const std::vector<std::string> header = {"code", "name", "level", "type", "parent_code"};
  if (records.empty() || records[0] != header) {
    v.Add("header", "invalid_format", "Dòng tiêu đề phải là code,name,level,type,parent_code",
          "the header must be code,name,level,type,parent_code");
    return v.ToStatus();
  }
  std::vector<UnitRow> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const int line = static_cast<int>(r) + 1;
    if (rec.size() == 1 && rec[0].empty()) continue;  // blank line
    if (rec.size() != header.size()) {
      v.Add("line " + std::to_string(line), "column_count", "Dòng phải có đúng 5 cột",
            "a row must have exactly 5 columns");
      continue;
    }
    UnitRow row{line, std::string(base::TrimAscii(rec[0])), std::string(base::TrimAscii(rec[1])),
                std::string(base::TrimAscii(rec[2])), std::string(base::TrimAscii(rec[3])),
                std::nullopt};
    if (auto parent = base::TrimAscii(rec[4]); !parent.empty()) row.parent_code = std::string(parent);
    CheckUnitFields(row.code, row.name, row.level, row.type, row.parent_code,
                    "line " + std::to_string(line) + ": ", v);
    rows.push_back(std::move(row));
  }
  if (!v.ok()) return v.ToStatus();
  return rows;
}

}  // namespace pcmd::units
