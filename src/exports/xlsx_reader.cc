#include "exports/xlsx_reader.h"

#include <charconv>
#include <cmath>
#include <cstdint>

#include "base/date.h"
#include "exports/spreadsheet_text.h"
#include "exports/xlsx_parts.h"
#include "exports/zip_archive.h"

namespace pcmd::exports {
namespace {

using Rows = std::vector<std::vector<std::string>>;

constexpr std::size_t kMaxPartBytes = std::size_t{50} << 20;
constexpr std::size_t kMaxCells = 1000000;
constexpr std::size_t kMaxColumns = 16384;
constexpr std::size_t kMaxRows = 1048576;
// Shared strings can be repeated in many cells: without this, a 10 MiB string in a million
// cells would ask for 10 TiB.
constexpr std::size_t kMaxTextBytes = std::size_t{100} << 20;

base::Status TooManyCells() {
  return base::InvalidArgument("xlsx sheet has more than 1,000,000 cells")
      .WithVi("Trang tính có hơn 1.000.000 ô; hãy chia thành nhiều tệp nhỏ hơn.");
}
base::Status TooManyColumns() {
  return base::InvalidArgument("xlsx sheet has more than 16,384 columns")
      .WithVi("Trang tính có hơn 16.384 cột.");
}
base::Status TooMuchText() {
  return base::InvalidArgument("xlsx sheet holds more than 100 MiB of text")
      .WithVi("Trang tính chứa quá nhiều dữ liệu (hơn 100 MiB văn bản).");
}
base::Status TooManyRows() {
  return base::InvalidArgument("xlsx sheet has more than 1,048,576 rows")
      .WithVi("Trang tính có hơn 1.048.576 dòng.");
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// A whole decimal number in `s` (SIZE_MAX when too large), or nullopt.
std::optional<std::size_t> ParseIndex(std::string_view s) {
  s = Trim(s);
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || end != s.data() + s.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) return SIZE_MAX;
  return ec == std::errc() ? std::optional(value) : std::nullopt;
}

std::optional<double> ParseNumber(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// The column (1-based) of a cell reference such as "C5".
base::Result<std::size_t> ReferenceColumn(std::string_view ref) {
  std::size_t column = 0, i = 0;
  for (; i < ref.size(); ++i) {
    const char c = ref[i];
    const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    if (upper < 'A' || upper > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(upper - 'A' + 1);
    if (column > kMaxColumns) return TooManyColumns();
  }
  bool is_digits_only = i > 0;
  for (std::size_t k = i; k < ref.size(); ++k) {
    is_digits_only = is_digits_only && ref[k] >= '0' && ref[k] <= '9';
  }
  if (!is_digits_only) return internal::NotXlsx("invalid cell reference");
  return column;
}

// Collects the values of one worksheet into rows (see ReadXlsx for what each becomes).
class SheetVisitor : public internal::XmlVisitor {
 public:
  SheetVisitor(const std::vector<std::string>& strings, const std::vector<bool>& date_styles,
               bool is_date1904)
      : strings_(strings), date_styles_(date_styles), is_date1904_(is_date1904) {}

  base::Status Start(std::string_view name, const char** a) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return base::Status::Ok();
    } else if (name == "row") {
      in_row_ = true;
      column_ = 0;
      if (const auto r = internal::Attribute(a, "r")) {
        const auto number = ParseIndex(*r);
        if (!number || *number == 0) return internal::NotXlsx("invalid row number");
        row_ = *number;
      } else {
        ++row_;
      }
      if (row_ > kMaxRows) return TooManyRows();
    } else if (name == "c" && in_row_) {
      in_cell_ = true;
      value_.clear();
      inline_.clear();
      type_ = std::string(internal::Attribute(a, "t").value_or("n"));
      style_ = ParseIndex(internal::Attribute(a, "s").value_or("0"));
      if (const auto ref = internal::Attribute(a, "r")) {
        PCMD_ASSIGN_OR_RETURN(column_, ReferenceColumn(*ref));
      } else if (++column_ > kMaxColumns) {
        return TooManyColumns();
      }
    } else if (in_cell_) {
      if (name == "v") in_value_ = true;
      if (name == "is") in_inline_ = true;
      if (name == "t") in_text_ = true;
      if (name == "rPh") ++phonetic_depth_;
    }
    return base::Status::Ok();
  }

  base::Status End(std::string_view name) override {
    if (name == "sheetData") in_data_ = false;
    if (name == "row") in_row_ = false;
    if (name == "v") in_value_ = false;
    if (name == "is") in_inline_ = false;
    if (name == "t") in_text_ = false;
    if (name == "rPh" && phonetic_depth_ > 0) --phonetic_depth_;
    if (name == "c" && in_cell_) {
      in_cell_ = false;
      PCMD_ASSIGN_OR_RETURN(std::string text, CellText());
      if (!text.empty()) return Place(std::move(text));
    }
    return base::Status::Ok();
  }

  void Text(std::string_view text) override {
    if (in_value_) {
      value_.append(text);
    } else if (in_inline_ && in_text_ && phonetic_depth_ == 0) {
      inline_.append(text);
    }
  }

  Rows rows_;

 private:
  base::Result<std::string> CellText() const {
    if (type_ == "s") {
      const auto index = ParseIndex(value_);
      if (!index || *index >= strings_.size()) {
        return internal::NotXlsx("shared string index out of range");
      }
      return strings_[*index];
    }
    if (type_ == "inlineStr") return UnescapeOoxmlText(inline_);
    if (type_ == "str") return UnescapeOoxmlText(value_);
    if (type_ == "b") return value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
    if (type_ == "d") {  // ISO 8601; a date at midnight is shown as the date alone
      const std::string_view v = Trim(value_);
      return std::string(v.size() > 10 &&
                                 v.substr(10).find_first_not_of("T0:.Z") == std::string_view::npos
                             ? v.substr(0, 10)
                             : v);
    }
    if (type_ != "n") return value_;  // "e" (an error such as #N/A) and anything unknown
    if (value_.empty()) return UnescapeOoxmlText(inline_);
    const bool is_date = style_ && *style_ < date_styles_.size() && date_styles_[*style_];
    return is_date ? internal::SerialDateText(value_, is_date1904_) : internal::NumberText(value_);
  }

  base::Status Place(std::string text) {
    text_bytes_ += text.size();
    if (text_bytes_ > kMaxTextBytes) return TooMuchText();
    if (rows_.size() < row_) rows_.resize(row_);
    auto& cells = rows_[row_ - 1];
    if (cells.size() < column_) {
      cells_ += column_ - cells.size();
      if (cells_ > kMaxCells) return TooManyCells();
      cells.resize(column_);
    }
    cells[column_ - 1] = std::move(text);
    return base::Status::Ok();
  }

  const std::vector<std::string>& strings_;
  const std::vector<bool>& date_styles_;
  const bool is_date1904_;
  bool in_data_ = false, in_row_ = false, in_cell_ = false;
  bool in_value_ = false, in_inline_ = false, in_text_ = false;
  int phonetic_depth_ = 0;
  std::size_t row_ = 0, column_ = 0, cells_ = 0;  // row_ and column_ are 1-based
  std::size_t text_bytes_ = 0;
  std::string type_, value_, inline_;
  std::optional<std::size_t> style_;
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const internal::Relationship* FindRelationship(const std::vector<internal::Relationship>& rels,
                                               std::string_view type_suffix,
                                               std::string_view id = "") {
  for (const auto& rel : rels) {
    if (EndsWith(rel.type, type_suffix) && (id.empty() || rel.id == id)) return &rel;
  }
  return nullptr;
}

}  // namespace

namespace internal {

std::string NumberText(std::string_view value) {
  const auto number = ParseNumber(value);
  if (!number) return std::string(value);
  char buffer[64];
  std::to_chars_result done{};
  if (std::trunc(*number) == *number && std::fabs(*number) < 1e15) {
    done = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(*number));
  } else {
    done = std::to_chars(buffer, buffer + sizeof buffer, *number);
  }
  return std::string(buffer, done.ptr);
}

std::string SerialDateText(std::string_view value, bool is_date1904) {
  const auto number = ParseNumber(value);
  if (!number) return std::string(value);
  const double days = std::floor(*number);
  if (is_date1904) {
    if (days < 0 || days > 2957003) return NumberText(value);
    const auto epoch = base::Date::FromCivil(1904, 1, 1).days();
    return base::Date::FromDays(epoch + static_cast<std::int32_t>(days)).ToString();
  }
  if (days < 1 || days > 2958465) return NumberText(value);  // 1900-01-01 .. 9999-12-31
  if (days == 60) return "1900-02-29";  // Excel's phantom leap day (Lotus 1-2-3's bug)
  const auto epoch = base::Date::FromCivil(1899, 12, days < 60 ? 31 : 30).days();
  return base::Date::FromDays(epoch + static_cast<std::int32_t>(days)).ToString();
}

base::Result<Rows> ReadWorkbook(const PartReader& read_part, const std::string& sheet_name) {
  // Each part's XML is dropped once parsed (blocks below): parts may be 50 MiB each.
  std::string workbook_path = "xl/workbook.xml";
  {
    PCMD_ASSIGN_OR_RETURN(const auto xml, read_part("_rels/.rels"));
    if (xml) {
      PCMD_ASSIGN_OR_RETURN(const auto rels, ParseRelationships(*xml, "package rels", ""));
      if (const auto* main = FindRelationship(rels, "/officeDocument")) {
        workbook_path = main->target;
      }
    }
  }
  Workbook workbook;
  {
    PCMD_ASSIGN_OR_RETURN(const auto xml, read_part(workbook_path));
    if (!xml) return NotXlsx("missing xl/workbook.xml");
    PCMD_ASSIGN_OR_RETURN(workbook, ParseWorkbook(*xml, "workbook"));
  }
  const std::size_t slash = workbook_path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : workbook_path.substr(0, slash + 1);
  std::vector<Relationship> rels;
  {
    const std::string file = workbook_path.substr(dir.size());
    PCMD_ASSIGN_OR_RETURN(const auto xml, read_part(dir + "_rels/" + file + ".rels"));
    if (!xml) return NotXlsx("missing workbook relationships");
    PCMD_ASSIGN_OR_RETURN(rels, ParseRelationships(*xml, "workbook rels", dir));
  }

  const Relationship* sheet = nullptr;
  for (const auto& entry : workbook.sheets) {
    if (!sheet_name.empty() && entry.name != sheet_name) continue;
    sheet = FindRelationship(rels, "/worksheet", entry.relationship_id);
    if (sheet != nullptr || !sheet_name.empty()) break;
  }
  if (sheet == nullptr) {
    return sheet_name.empty()
               ? base::InvalidArgument("xlsx file has no worksheet")
                     .WithVi("Tệp Excel không có trang tính nào.")
               : base::InvalidArgument("xlsx file has no worksheet with the requested name")
                     .WithVi("Tệp Excel không có trang tính với tên đã chọn.");
  }

  std::vector<std::string> strings;
  if (const auto* rel = FindRelationship(rels, "/sharedStrings")) {
    PCMD_ASSIGN_OR_RETURN(const auto xml, read_part(rel->target));
    if (xml) {
      PCMD_ASSIGN_OR_RETURN(strings, ParseSharedStrings(*xml, "shared strings"));
    }
  }
  std::vector<bool> date_styles;
  if (const auto* rel = FindRelationship(rels, "/styles")) {
    PCMD_ASSIGN_OR_RETURN(const auto xml, read_part(rel->target));
    if (xml) {
      PCMD_ASSIGN_OR_RETURN(date_styles, ParseDateStyles(*xml, "styles"));
    }
  }
  PCMD_ASSIGN_OR_RETURN(const auto sheet_xml, read_part(sheet->target));
  if (!sheet_xml) return NotXlsx("missing worksheet part");
  SheetVisitor visitor(strings, date_styles, workbook.is_date1904);
  PCMD_RETURN_IF_ERROR(ParseXml(*sheet_xml, "worksheet", "worksheet", visitor));
  return std::move(visitor.rows_);
}

}  // namespace internal

base::Result<Rows> ReadXlsx(std::string_view bytes, const std::string& sheet_name) {
  PCMD_ASSIGN_OR_RETURN(auto zip, internal::ZipArchive::Open(bytes));
  return internal::ReadWorkbook(
      [&zip](const std::string& path) { return zip.Read(path, kMaxPartBytes); }, sheet_name);
}

}  // namespace pcmd::exports
