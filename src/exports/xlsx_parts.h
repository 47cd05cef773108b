#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace pcmd::exports::internal {

// Parsers of the XML parts of an XLSX package other than the worksheet itself. Each fails
// with kInvalidArgument "not a valid xlsx file: ..." on XML that is not well formed, has a
// document type declaration (no entity tricks) or has the wrong root element.

// kInvalidArgument "not a valid xlsx file: <detail>", with the Vietnamese message.
base::Status NotXlsx(const std::string& detail);

// A SAX visitor for ParseXml. Element names arrive without namespace (prefixes vary between
// producers and the Strict dialect uses other namespace names); a non-ok status stops parsing.
class XmlVisitor {
 public:
  virtual ~XmlVisitor() = default;
  // `attributes` is expat's null-terminated name, value, name, value, ... array.
  virtual base::Status Start(std::string_view name, const char** attributes) = 0;
  virtual base::Status End(std::string_view name) = 0;
  virtual void Text(std::string_view text) = 0;
};

// Parses `xml` (the part named `part`, for messages) with expat, calling `visitor`; the root
// element must be `root`. Returns the visitor's first failure, if any.
base::Status ParseXml(std::string_view xml, std::string_view part, std::string_view root,
                      XmlVisitor& visitor);

// The value of the attribute whose local name is `name`, if present.
std::optional<std::string_view> Attribute(const char** attributes, std::string_view name);

// xl/workbook.xml: the sheets in tab order, and the date system.
struct WorkbookSheet {
  std::string name;
  std::string relationship_id;
};
struct Workbook {
  std::vector<WorkbookSheet> sheets;
  bool is_date1904 = false;
};
base::Result<Workbook> ParseWorkbook(std::string_view xml, std::string_view part);

// A .rels part: internal relationships with targets resolved against `base_dir` ("xl/").
struct Relationship {
  std::string id;
  std::string type;    // a URI ending in "/worksheet", "/sharedStrings", "/styles", ...
  std::string target;  // a part path such as "xl/worksheets/sheet1.xml"
};
base::Result<std::vector<Relationship>> ParseRelationships(std::string_view xml,
                                                           std::string_view part,
                                                           std::string_view base_dir);

// The part path that `target` names from a part in `base_dir`; "/..." is from the root.
std::string ResolvePartPath(std::string_view base_dir, std::string_view target);

// xl/sharedStrings.xml: the text of each item, rich-text runs joined, phonetic runs left
// out, "_xHHHH_" escapes decoded. More than 1,000,000 items fail with kInvalidArgument.
base::Result<std::vector<std::string>> ParseSharedStrings(std::string_view xml,
                                                          std::string_view part);

// xl/styles.xml: for each cell format (cellXfs, the cell's s index), whether it shows a
// number as a date.
base::Result<std::vector<bool>> ParseDateStyles(std::string_view xml, std::string_view part);

// Whether number format `id` with code `code` ("" for a built-in id) shows a date: built-in
// ids 14 to 22, or a code with d, y or m (m only without h or s, which make it a time) outside
// quoted text, escaped characters and [...] sections.
bool IsDateFormat(int id, std::string_view code);

}  // namespace pcmd::exports::internal
