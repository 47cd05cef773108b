#include "exports/xlsx_parts.h"

#include <expat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <map>

#include "exports/spreadsheet_text.h"

namespace pcmd::exports::internal {
namespace {

constexpr std::size_t kMaxSharedStrings = 1000000;
// Far beyond what Excel writes; they bound the memory a small zip bomb can make us spend.
constexpr int kMaxDepth = 256;  // open elements; Excel's parts nest about 10 deep
constexpr std::size_t kMaxSheets = 10000;
constexpr std::size_t kMaxRelationships = 100000;
constexpr std::size_t kMaxFormats = 100000;  // Excel allows about 64,000 cell formats

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  const auto bar = n.rfind('|');  // expat's namespace separator, set below
  return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

// Expat's callbacks, with the state they share.
struct Session {
  XML_Parser parser = nullptr;
  XmlVisitor* visitor = nullptr;
  std::string_view part;
  std::string_view root;
  bool has_root = false;
  int depth = 0;
  base::Status status;

  void Stop(base::Status s) {
    if (status.ok()) status = std::move(s);
    XML_StopParser(parser, XML_FALSE);
  }
};

void XMLCALL OnStart(void* user, const XML_Char* name, const XML_Char** attributes) {
  auto* s = static_cast<Session*>(user);
  if (!s->status.ok()) return;
  const std::string_view local = LocalName(name);
  if (++s->depth > kMaxDepth) {
    return s->Stop(NotXlsx(std::string(s->part) + ": elements nested too deeply"));
  }
  if (!s->has_root) {
    s->has_root = true;
    if (local != s->root)
      return s->Stop(NotXlsx(std::string(s->part) + ": unexpected root element"));
  }
  base::Status st = s->visitor->Start(local, attributes);
  if (!st.ok()) s->Stop(std::move(st));
}

void XMLCALL OnEnd(void* user, const XML_Char* name) {
  auto* s = static_cast<Session*>(user);
  if (!s->status.ok()) return;
  --s->depth;
  base::Status st = s->visitor->End(LocalName(name));
  if (!st.ok()) s->Stop(std::move(st));
}

void XMLCALL OnText(void* user, const XML_Char* text, int length) {
  auto* s = static_cast<Session*>(user);
  if (s->status.ok() && length > 0) {
    s->visitor->Text(std::string_view(text, static_cast<std::size_t>(length)));
  }
}

void XMLCALL OnDoctype(void* user, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* s = static_cast<Session*>(user);
  s->Stop(NotXlsx(std::string(s->part) + ": document type declarations are not allowed"));
}

class WorkbookVisitor : public XmlVisitor {
 public:
  base::Status Start(std::string_view name, const char** a) override {
    if (name == "sheet") {
      if (workbook_.sheets.size() == kMaxSheets) return NotXlsx("more than 10,000 sheets");
      workbook_.sheets.push_back({std::string(Attribute(a, "name").value_or("")),
                                  std::string(Attribute(a, "id").value_or(""))});
    } else if (name == "workbookPr") {
      const auto v = Attribute(a, "date1904").value_or("0");
      workbook_.is_date1904 = v == "1" || v == "true";
    }
    return base::Status::Ok();
  }
  base::Status End(std::string_view) override { return base::Status::Ok(); }
  void Text(std::string_view) override {}

  Workbook workbook_;
};

class RelationshipsVisitor : public XmlVisitor {
 public:
  explicit RelationshipsVisitor(std::string_view base_dir) : base_dir_(base_dir) {}
  base::Status Start(std::string_view name, const char** a) override {
    if (name == "Relationship" && Attribute(a, "TargetMode").value_or("") != "External") {
      if (relationships_.size() == kMaxRelationships) {
        return NotXlsx("more than 100,000 relationships");
      }
      relationships_.push_back({std::string(Attribute(a, "Id").value_or("")),
                                std::string(Attribute(a, "Type").value_or("")),
                                ResolvePartPath(base_dir_, Attribute(a, "Target").value_or(""))});
    }
    return base::Status::Ok();
  }
  base::Status End(std::string_view) override { return base::Status::Ok(); }
  void Text(std::string_view) override {}

  std::string_view base_dir_;
  std::vector<Relationship> relationships_;
};

// Collects the text of the <t> elements of each <si>, except under phonetic runs <rPh>.
class SharedStringsVisitor : public XmlVisitor {
 public:
  base::Status Start(std::string_view name, const char**) override {
    if (name == "si") {
      in_item_ = true;
      text_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      in_text_ = true;
    }
    return base::Status::Ok();
  }
  base::Status End(std::string_view name) override {
    if (name == "si" && in_item_) {
      if (strings_.size() == kMaxSharedStrings) {
        return base::InvalidArgument("xlsx file has more than 1,000,000 shared strings")
            .WithVi("Tệp Excel có hơn 1.000.000 chuỗi văn bản.");
      }
      strings_.push_back(UnescapeOoxmlText(text_));
      in_item_ = false;
    } else if (name == "rPh" && phonetic_depth_ > 0) {
      --phonetic_depth_;
    } else if (name == "t") {
      in_text_ = false;
    }
    return base::Status::Ok();
  }
  void Text(std::string_view text) override {
    if (in_item_ && in_text_ && phonetic_depth_ == 0) text_.append(text);
  }

  std::vector<std::string> strings_;

 private:
  bool in_item_ = false, in_text_ = false;
  int phonetic_depth_ = 0;
  std::string text_;
};

class StylesVisitor : public XmlVisitor {
 public:
  base::Status Start(std::string_view name, const char** a) override {
    if (codes_.size() + format_ids_.size() > kMaxFormats) {
      return NotXlsx("more than 100,000 number or cell formats");
    }
    if (name == "numFmts" || name == "cellXfs") {
      section_ = std::string(name);
    } else if (name == "numFmt" && section_ == "numFmts") {
      codes_[ParseId(Attribute(a, "numFmtId"))] =
          std::string(Attribute(a, "formatCode").value_or(""));
    } else if (name == "xf" && section_ == "cellXfs") {
      format_ids_.push_back(ParseId(Attribute(a, "numFmtId")));
    }
    return base::Status::Ok();
  }
  base::Status End(std::string_view name) override {
    if (name == section_) section_.clear();
    return base::Status::Ok();
  }
  void Text(std::string_view) override {}

  std::vector<bool> DateStyles() const {
    std::vector<bool> out;
    out.reserve(format_ids_.size());
    for (int id : format_ids_) {
      const auto code = codes_.find(id);
      out.push_back(IsDateFormat(id, code == codes_.end() ? "" : code->second));
    }
    return out;
  }

 private:
  static int ParseId(std::optional<std::string_view> v) {
    int id = 0;
    if (!v || std::from_chars(v->data(), v->data() + v->size(), id).ec != std::errc()) return -1;
    return id;
  }

  std::string section_;
  std::map<int, std::string> codes_;
  std::vector<int> format_ids_;
};

}  // namespace

base::Status NotXlsx(const std::string& detail) {
  return base::InvalidArgument("not a valid xlsx file: " + detail)
      .WithVi("Tệp không phải là tệp Excel (.xlsx) hợp lệ.");
}

base::Status ParseXml(std::string_view xml, std::string_view part, std::string_view root,
                      XmlVisitor& visitor) {
  if (xml.size() > static_cast<std::size_t>(INT_MAX)) return NotXlsx("xml part too large");
  Session session;
  session.parser = XML_ParserCreateNS(nullptr, '|');
  if (session.parser == nullptr) return base::Internal("xlsx reader: cannot create a parser");
  session.visitor = &visitor;
  session.part = part;
  session.root = root;
  XML_SetUserData(session.parser, &session);
  XML_SetElementHandler(session.parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(session.parser, OnText);
  XML_SetStartDoctypeDeclHandler(session.parser, OnDoctype);
  const XML_Status parsed =
      XML_Parse(session.parser, xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  std::string error;
  if (parsed != XML_STATUS_OK && session.status.ok()) {
    error = std::string(part) + ": " + XML_ErrorString(XML_GetErrorCode(session.parser)) +
            " at line " + std::to_string(XML_GetCurrentLineNumber(session.parser));
  }
  XML_ParserFree(session.parser);
  if (!session.status.ok()) return session.status;
  if (!error.empty()) return NotXlsx(error);
  if (!session.has_root) return NotXlsx(std::string(part) + ": no root element");
  return base::Status::Ok();
}

std::optional<std::string_view> Attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; a != nullptr && a[0] != nullptr; a += 2) {
    if (LocalName(a[0]) == name) return std::string_view(a[1]);
  }
  return std::nullopt;
}

std::string ResolvePartPath(std::string_view base_dir, std::string_view target) {
  std::string joined = !target.empty() && target[0] == '/'
                           ? std::string(target.substr(1))
                           : std::string(base_dir) + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t end = std::min(joined.find('/', start), joined.size());
    const std::string segment = joined.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  std::string path;
  for (const auto& s : segments) path += (path.empty() ? "" : "/") + s;
  return path;
}

base::Result<Workbook> ParseWorkbook(std::string_view xml, std::string_view part) {
  WorkbookVisitor visitor;
  PCMD_RETURN_IF_ERROR(ParseXml(xml, part, "workbook", visitor));
  return std::move(visitor.workbook_);
}

base::Result<std::vector<Relationship>> ParseRelationships(std::string_view xml,
                                                           std::string_view part,
                                                           std::string_view base_dir) {
  RelationshipsVisitor visitor(base_dir);
  PCMD_RETURN_IF_ERROR(ParseXml(xml, part, "Relationships", visitor));
  return std::move(visitor.relationships_);
}

base::Result<std::vector<std::string>> ParseSharedStrings(std::string_view xml,
                                                          std::string_view part) {
  SharedStringsVisitor visitor;
  PCMD_RETURN_IF_ERROR(ParseXml(xml, part, "sst", visitor));
  return std::move(visitor.strings_);
}

base::Result<std::vector<bool>> ParseDateStyles(std::string_view xml, std::string_view part) {
  StylesVisitor visitor;
  PCMD_RETURN_IF_ERROR(ParseXml(xml, part, "styleSheet", visitor));
  return visitor.DateStyles();
}

bool IsDateFormat(int id, std::string_view code) {
  if (code.empty()) return id >= 14 && id <= 22;
  bool has_date = false, has_month = false, has_time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {
      i = std::min(code.find('"', i + 1), code.size());
    } else if (c == '[') {
      i = std::min(code.find(']', i + 1), code.size());
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or a fill)
    } else if (c == 'd' || c == 'y') {
      has_date = true;
    } else if (c == 'm') {
      has_month = true;
    } else if (c == 'h' || c == 's') {
      has_time = true;
    }
  }
  return has_date || (has_month && !has_time);
}

}  // namespace pcmd::exports::internal
