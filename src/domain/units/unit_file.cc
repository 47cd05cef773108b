#include "domain/units/unit_file.h"

#include <algorithm>
#include <set>

#include "base/csv.h"
#include "base/text.h"
#include "domain/units/unit_rules.h"

namespace pcmd::units {

namespace {

// The rows of a UTF-8 CSV file (a BOM skipped), or the encoding error.
base::Result<std::vector<std::vector<std::string>>> ReadCsv(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  if (!base::IsValidUtf8(csv)) {
    return base::Validation::Fail("file", "invalid_encoding", "Tệp không phải UTF-8", "the file is not UTF-8");
  }
  return base::ParseCsv(csv);
}

}  // namespace

base::Result<std::vector<UnitRow>> ParseUnitFile(std::string_view csv) {
  base::Validation v;
  PCMD_ASSIGN_OR_RETURN(auto records, ReadCsv(csv));
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

base::Result<std::vector<ChangeRow>> ParseChangeFile(std::string_view csv) {
  base::Validation v;
  PCMD_ASSIGN_OR_RETURN(auto records, ReadCsv(csv));
  const std::vector<std::string> header = {"effective_date", "old_code", "old_name", "new_code", "new_name", "kind"};
  const bool has_source = !records.empty() && records[0].size() == 7 && records[0][6] == "source";
  if (records.empty() || records[0].size() < header.size() ||
      !std::equal(header.begin(), header.end(), records[0].begin()) || (records[0].size() > 6 && !has_source)) {
    v.Add("header", "invalid_format",
          "Dòng tiêu đề phải là effective_date,old_code,old_name,new_code,new_name,kind[,source]",
          "the header must be effective_date,old_code,old_name,new_code,new_name,kind[,source]");
    return v.ToStatus();
  }
  static const std::set<std::string> kKinds = {"merge", "split", "rename", "moved", "unchanged"};
  std::vector<ChangeRow> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    const int line = static_cast<int>(r) + 1;
    const std::string at = "line " + std::to_string(line) + ": ";
    if (rec.size() == 1 && rec[0].empty()) continue;
    if (rec.size() != records[0].size()) {
      v.Add("line " + std::to_string(line), "column_count", "Số cột của dòng khác dòng tiêu đề",
            "a row must have as many columns as the header");
      continue;
    }
    auto cell = [&](std::size_t i) { return std::string(base::TrimAscii(rec[i])); };
    ChangeRow row;
    row.line = line;
    auto date = base::Date::Parse(cell(0));
    if (!date.ok()) {
      v.Add(at + "effective_date", "invalid_format", "Ngày phải có dạng YYYY-MM-DD", "the date must be YYYY-MM-DD");
    } else {
      row.effective = *date;
    }
    row.old_code = cell(1);
    row.old_name = cell(2);
    if (!cell(3).empty()) row.new_code = cell(3);
    row.new_name = cell(4);
    row.kind = cell(5);
    row.source = has_source ? cell(6) : "";
    if (row.old_code.empty()) v.Add(at + "old_code", "required", "Thiếu mã đơn vị cũ", "the old code is missing");
    if (!kKinds.count(row.kind)) {
      v.Add(at + "kind", "invalid_value", "Loại thay đổi phải là merge, split, rename, moved hoặc unchanged",
            "kind must be merge, split, rename, moved or unchanged");
    }
    if (!row.new_code && row.kind != "merge" && row.kind != "split") {
      v.Add(at + "new_code", "required", "Thiếu mã đơn vị mới", "the new code is missing");
    }
    rows.push_back(std::move(row));
  }
  if (!v.ok()) return v.ToStatus();
  return rows;
}

base::Status NameFileInFields(const base::Status& status, const std::string& file) {
  if (status.code() != base::StatusCode::kInvalidArgument || status.fields().empty()) return status;
  base::Validation v;
  for (const auto& f : status.fields()) {
    v.Add(f.field == "effective" ? f.field : file + ": " + f.field, f.code, f.message_vi, f.message_en);
  }
  return v.ToStatus();
}

base::Result<TreeFiles> ReadTreeFiles(std::string_view units_csv, std::optional<std::string_view> changes_csv,
                                      const std::string& units_name, const std::string& changes_name) {
  TreeFiles files;
  files.units_name = units_name;
  files.changes_name = changes_name;
  base::Validation v;
  auto add = [&v](const base::Status& s) {
    for (const auto& f : s.fields()) v.Add(f.field, f.code, f.message_vi, f.message_en);
  };
  auto units = ParseUnitFile(units_csv);
  if (units.ok()) {
    files.units = std::move(*units);
  } else {
    add(NameFileInFields(units.status(), units_name));
  }
  if (changes_csv) {
    auto changes = ParseChangeFile(*changes_csv);
    if (changes.ok()) {
      files.changes = std::move(*changes);
    } else {
      add(NameFileInFields(changes.status(), changes_name));
    }
  }
  PCMD_RETURN_IF_ERROR(v.ToStatus());
  return files;
}

}  // namespace pcmd::units
