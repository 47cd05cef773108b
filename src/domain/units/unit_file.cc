#include "domain/units/unit_file.h"

#include "base/text.h"
#include "domain/units/unit_rules.h"

namespace pcmd::units {

std::vector<std::vector<std::string>> ParseCsv(std::string_view csv) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool in_quotes = false, field_started = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < csv.size() && csv[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && !field_started) {
      in_quotes = field_started = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      record.push_back(std::move(field));
      field.clear();
      field_started = false;
      records.push_back(std::move(record));
      record.clear();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (field_started || !field.empty() || !record.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

base::Result<std::vector<UnitRow>> ParseUnitFile(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  base::Validation v;
  if (!base::IsValidUtf8(csv)) {
    v.Add("file", "invalid_encoding", "Tệp không phải UTF-8", "the file is not UTF-8");
    return v.ToStatus();
  }
  auto records = ParseCsv(csv);
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
