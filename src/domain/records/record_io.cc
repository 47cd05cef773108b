#include "domain/records/record_io.h"

#include <charconv>
#include <set>

#include "base/id.h"
#include "base/text.h"

namespace pcmd::records {
namespace {

std::string Cell(const std::string& label, const std::string& name) {
  return label + " (" + name + ")";
}

// The field name a header cell stands for, or "" when unknown.
std::string HeaderName(const RecordType& type, const std::string& cell) {
  std::string text(base::TrimAscii(cell));
  if (!text.empty() && text.back() == ')') {
    const auto open = text.rfind('(');
    if (open != std::string::npos) text = text.substr(open + 1, text.size() - open - 2);
  }
  static const std::map<std::string, std::string> kStandard = {
      {"id", "id"}, {"unit", "unit"}, {"unit_name", "unit_name"}, {"date", "date"},
      {"version", "version"}, {"ma ban ghi", "id"}, {"ma don vi", "unit"}, {"ten don vi", "unit_name"},
      {"phien ban", "version"}};
  const std::string folded = base::FoldForSearch(text);
  if (auto it = kStandard.find(text); it != kStandard.end()) return it->second;
  if (auto it = kStandard.find(folded); it != kStandard.end()) return it->second;
  if (folded == base::FoldForSearch(type.date_label_vi)) return "date";
  for (const auto& f : type.fields) {
    if (f.name == text || base::FoldForSearch(f.label_vi) == folded) return f.name;
  }
  return "";
}

std::string FormatValue(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* l = std::get_if<std::vector<std::string>>(&v)) {
    std::string out;
    for (const auto& c : *l) out += (out.empty() ? "" : ";") + c;
    return out;
  }
  return "";
}

// Folded text with only letters and digits, so "Hội nghị, tọa đàm" matches "hoi nghi toa dam".
std::string Bare(const std::string& text) {
  std::string out;
  for (char c : base::FoldForSearch(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

// A code given by its code or its label.
std::string ToCode(const CodeLists& lists, const std::string& list, const std::string& text) {
  auto codes = lists.Get(list);
  if (!codes.ok()) return text;
  const std::string bare = Bare(text);
  for (const auto& c : *codes) {
    if (c.code == text || Bare(c.label_vi) == bare || Bare(c.label_en) == bare) {
      return c.code;
    }
  }
  return text;
}

}  // namespace

std::vector<std::string> SheetHeader(const RecordType& type) {
  std::vector<std::string> header = {Cell("Mã bản ghi", "id"), Cell("Mã đơn vị", "unit"),
                                     Cell("Tên đơn vị", "unit_name"), Cell(type.date_label_vi, "date")};
  for (const auto& f : type.fields) header.push_back(Cell(f.label_vi, f.name));
  header.push_back(Cell("Phiên bản", "version"));
  return header;
}

std::vector<std::vector<std::string>> SheetRows(const RecordType& type,
                                                const std::vector<Record>& records,
                                                const std::map<std::string, std::string>& unit_names) {
  std::vector<std::vector<std::string>> rows = {SheetHeader(type)};
  for (const auto& r : records) {
    auto name = unit_names.find(r.unit_code);
    std::vector<std::string> row = {r.id, r.unit_code, name == unit_names.end() ? "" : name->second,
                                    r.date.ToString()};
    for (const auto& f : type.fields) {
      auto it = r.values.find(f.name);
      row.push_back(it == r.values.end() ? "" : FormatValue(it->second));
    }
    row.push_back(std::to_string(r.version));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<ImportRow> ReadSheet(const RecordType& type,
                                 const std::vector<std::vector<std::string>>& cells,
                                 const CodeLists& code_lists, std::vector<ImportProblem>* problems) {
  std::vector<ImportRow> rows;
  if (cells.empty()) {
    problems->push_back({1, "header", "required", "Tệp trống, thiếu dòng tiêu đề", "the file is empty"});
    return rows;
  }
  std::vector<std::string> columns;
  bool has_unit = false, has_date = false;
  for (const auto& cell : cells[0]) {
    std::string name = HeaderName(type, cell);
    if (name.empty() && !base::TrimAscii(cell).empty()) {
      problems->push_back({1, cell, "unknown_column", "Cột '" + cell + "' không có trong mẫu",
                           "column '" + cell + "' is not in the layout"});
    }
    has_unit |= name == "unit";
    has_date |= name == "date";
    columns.push_back(name);
  }
  if (!has_unit || !has_date) {
    problems->push_back({1, "header", "missing_column", "Thiếu cột mã đơn vị hoặc ngày",
                         "the unit or date column is missing"});
    return rows;
  }
  for (std::size_t r = 1; r < cells.size(); ++r) {
    const auto& rec = cells[r];
    const int line = static_cast<int>(r) + 1;
    bool blank = true;
    for (const auto& c : rec) blank &= base::TrimAscii(c).empty();
    if (blank) continue;
    ImportRow row;
    row.line = line;
    std::string date_text;
    for (std::size_t c = 0; c < columns.size() && c < rec.size(); ++c) {
      std::string value(base::TrimAscii(rec[c]));
      // Undo the export's neutralisation of formula-like text ('=…, '+…, '-…, '@…).
      if (value.size() > 1 && value[0] == '\'' &&
          (value[1] == '=' || value[1] == '+' || value[1] == '-' || value[1] == '@' ||
           value[1] == '\t' || value[1] == '\r')) {
        value.erase(0, 1);
      }
      const std::string& name = columns[c];
      if (value.empty() || name.empty() || name == "unit_name" || name == "version") continue;
      if (name == "id") {
        row.record.id = value;
      } else if (name == "unit") {
        row.record.unit_code = value;
      } else if (name == "date") {
        date_text = value;
      } else if (const FieldSpec* f = type.Field(name)) {
        switch (f->kind) {
          case FieldKind::kInteger: {
            std::int64_t n = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || ptr != value.data() + value.size()) {
              problems->push_back({line, name, "invalid_number", f->label_vi + " phải là số nguyên",
                                   f->label_en + " must be a whole number"});
            } else {
              row.record.values[name] = n;
            }
            break;
          }
          case FieldKind::kBool: {
            const std::string b = base::FoldForSearch(value);
            if (b == "true" || b == "1" || b == "co" || b == "x") {
              row.record.values[name] = true;
            } else if (b == "false" || b == "0" || b == "khong") {
              row.record.values[name] = false;
            } else {
              problems->push_back({line, name, "invalid_value", f->label_vi + " phải là có hoặc không",
                                   f->label_en + " must be yes or no"});
            }
            break;
          }
          case FieldKind::kCode:
            row.record.values[name] = ToCode(code_lists, f->code_list, value);
            break;
          case FieldKind::kCodes:
          case FieldKind::kAccounts: {
            std::vector<std::string> list;
            std::size_t start = 0;
            while (start <= value.size()) {
              auto semi = value.find(';', start);
              if (semi == std::string::npos) semi = value.size();
              std::string one(base::TrimAscii(value.substr(start, semi - start)));
              if (!one.empty()) {
                list.push_back(f->kind == FieldKind::kCodes ? ToCode(code_lists, f->code_list, one) : one);
              }
              start = semi + 1;
            }
            row.record.values[name] = list;
            break;
          }
          default:
            row.record.values[name] = value;
        }
      }
    }
    auto date = base::Date::Parse(date_text);
    if (!date.ok()) {
      problems->push_back({line, "date", date_text.empty() ? "required" : "invalid_date",
                           type.date_label_vi + " phải là ngày dạng YYYY-MM-DD",
                           type.date_label_en + " must be a date YYYY-MM-DD"});
    } else {
      row.record.date = *date;
    }
    if (!row.record.id) {
      row.record.id = base::UuidFromName(type.id + "|" + row.record.unit_code + "|" + date_text + "|" +
                                         EncodeValues(row.record.values));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

base::Result<ImportReport> ImportSheet(RecordStore& store, const access::Subject& subject,
                                 const store::Actor& actor, const RecordType& type,
                                 const std::vector<std::vector<std::string>>& cells,
                                 const CodeLists& code_lists, bool valid_only) {
  ImportReport report;
  std::vector<ImportRow> rows = ReadSheet(type, cells, code_lists, &report.problems);
  std::set<int> bad_lines;
  for (const auto& p : report.problems) bad_lines.insert(p.line);
  std::set<std::string> seen_ids;
  std::vector<ImportRow> good;
  for (const auto& row : rows) {
    base::Validation v;
    if (!base::IsUuid(*row.record.id)) {
      v.Add("id", "invalid_format", "Mã bản ghi phải là UUID", "id must be a UUID");
    } else if (!seen_ids.insert(*row.record.id).second) {
      v.Add("id", "duplicate", "Mã bản ghi bị lặp trong tệp", "the id appears twice in the file");
    }
    if (!row.record.unit_code.empty() && !store.MayCreateAt(subject, type, row.record.unit_code, row.record.values)) {
      v.Add("unit", "out_of_scope", "Chỉ được ghi cho đơn vị thuộc phạm vi của mình",
            "the unit must be your unit or a unit below it");
    }
    if (base::IsUuid(*row.record.id)) {
      auto existing = store.FindForImport(type, *row.record.id);
      if (existing.ok() && *existing) {
        const Record& old = **existing;
        records::Values kept;
        for (const auto& [k, val] : row.record.values) {
          if (!std::holds_alternative<std::monostate>(val)) kept[k] = val;
        }
        if (old.type != type.id || old.unit_code != row.record.unit_code || old.date != row.record.date ||
            EncodeValues(old.values) != EncodeValues(kept) || old.is_deleted) {
          v.Add("id", "id_conflict", "Mã bản ghi đã được dùng cho một bản ghi khác",
                "a different record already has this id");
        }
      }
    }
    base::Status checked =
        store.Validate(type, row.record.unit_code, row.record.date, row.record.values, &subject);
    const base::Status own = v.ToStatus();
    for (const auto& f : own.fields()) {
      report.problems.push_back({row.line, f.field, f.code, f.message_vi, f.message_en});
    }
    for (const auto& f : checked.fields()) {
      // Without a readable date the unit cannot be checked on it; the date is reported already.
      if (f.field == "unit" && bad_lines.count(row.line)) continue;
      report.problems.push_back({row.line, f.field, f.code, f.message_vi, f.message_en});
    }
    if (v.ok() && checked.ok() && type.same_as) {
      // A row already stored (a re-import) is not its own duplicate.
      auto existing = store.FindForImport(type, *row.record.id);
      if (existing.ok() && !*existing) {
        auto duplicates = store.FindDuplicates(subject, type, row.record.unit_code, row.record.values);
        if (duplicates.ok() && !duplicates->empty()) {
          const auto& d = duplicates->front();
          report.problems.push_back({row.line, d.field, "possible_duplicate",
                                     "Có thể trùng với bản ghi đã có (mã " + d.record.id + "); hãy gộp hoặc nhập qua biểu mẫu",
                                     "likely the same as the stored record " + d.record.id});
          bad_lines.insert(row.line);
          continue;
        }
      }
    }
    if (!v.ok() || !checked.ok() || bad_lines.count(row.line)) {
      bad_lines.insert(row.line);
      continue;
    }
    good.push_back(row);
  }
  bool header_bad = false;
  for (const auto& p : report.problems) header_bad |= p.line == 1;
  report.rejected = static_cast<int>(bad_lines.size()) - (header_bad ? 1 : 0);
  if (header_bad || (!valid_only && !report.problems.empty()) || good.empty()) return report;
  auto stored = store.CreateBatch(subject, actor, type, good);
  if (!stored.ok()) {
    if (stored.status().code() == base::StatusCode::kConflict ||
        stored.status().code() == base::StatusCode::kInvalidArgument) {
      report.problems.push_back({0, "file", stored.status().machine_code(),
                                 stored.status().message_vi(), stored.status().message()});
      return report;
    }
    return stored.status();
  }
  report.created = stored->first;
  report.unchanged = stored->second;
  report.stored = true;
  return report;
}

}  // namespace pcmd::records
