#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <utility>

#include "exports/spreadsheet_text.h"
#include "exports/xlsx_reader.h"
#include "exports/xlsx_writer.h"
#include "exports/zip_archive.h"

namespace pcmd::exports {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using Parts = std::vector<std::pair<std::string, std::string>>;

// A zip of `parts` made with minizip's writer, as another program would make it.
std::string Zip(const Parts& parts, int level = Z_DEFAULT_COMPRESSION) {
  std::string path = ::testing::TempDir() + "/pcmd-zip-XXXXXX";
  const int fd = mkstemp(path.data());
  close(fd);
  zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  for (const auto& [name, bytes] : parts) {
    zip_fileinfo info{};
    zipOpenNewFileInZip64(zip, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                          level == 0 ? 0 : Z_DEFLATED, level, 0);
    zipWriteInFileInZip(zip, bytes.data(), static_cast<unsigned>(bytes.size()));
    zipCloseFileInZip(zip);
  }
  zipClose(zip, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path.c_str());
  return bytes;
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const char* kNs = R"( xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
const char* kRelNs = R"(http://schemas.openxmlformats.org/officeDocument/2006/relationships)";

// A workbook of one sheet named "Dữ liệu" with `sheet_data`, shared strings and styles, laid
// out as Excel lays it out (prefixes included).
std::string HandMadeXlsx(const std::string& sheet_data, const std::string& shared = "",
                         const std::string& sheet_xml_override = "") {
  const std::string rel = "<Relationship Id=\"rId";
  const std::string rels =
      std::string(
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
          "relationships\">") +
      rel + "1\" Type=\"" + kRelNs + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" + rel +
      "2\" Type=\"" + kRelNs + "/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>" + rel +
      "3\" Type=\"" + kRelNs + "/styles\" Target=\"styles.xml\"/></Relationships>";
  return Zip({
      {"[Content_Types].xml", "<Types/>"},
      {"xl/workbook.xml", std::string("<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/"
                                      "spreadsheetml/2006/main\" xmlns:r=\"") +
                              kRelNs +
                              "\"><x:sheets><x:sheet name=\"Dữ liệu\" sheetId=\"1\" "
                              "r:id=\"rId1\"/></x:sheets></x:workbook>"},
      {"xl/_rels/workbook.xml.rels", rels},
      {"xl/sharedStrings.xml", std::string("<sst") + kNs + ">" + shared + "</sst>"},
      {"xl/styles.xml",
       std::string("<styleSheet") + kNs +
           R"(><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>)"
           R"(<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>)"
           R"(<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="3"/>)"
           R"(</cellXfs><dxfs><dxf><numFmt numFmtId="0" formatCode="yyyy"/></dxf></dxfs></styleSheet>)"},
      {"xl/worksheets/sheet1.xml", sheet_xml_override.empty()
                                       ? std::string("<worksheet") + kNs + "><sheetData>" +
                                             sheet_data + "</sheetData></worksheet>"
                                       : sheet_xml_override},
  });
}

TEST(WriteXlsx, WorkbookReadsBackWithReadXlsx) {
  Sheet sheet{.name = "Danh sách đơn vị",
              .columns = {{"Tên đơn vị"}, {"Số người", 12}, {"Ngày"}, {"Ghi chú"}, {"Tỷ lệ"}}};
  sheet.rows = {
      {"Xã Ninh Nhất", 1234, base::Date::FromCivil(2024, 3, 15), "=SUM(A1:A9)", 0.25},
      {"Phường Hòa", -5, base::Date::FromCivil(1900, 3, 1), "đ", -2.5},
      {Cell{}, 1234567, base::Date::FromCivil(2023, 12, 31), "+84912345678", 3.0},
      {"@x", std::int64_t{1234567890123456789}, base::Date::FromCivil(1899, 12, 1), "-x"},
      {std::string("a\001b\r\nc"), Cell{}, Cell{}, "_x0041_", Cell{}, "beyond the header"},
  };
  const auto bytes = WriteXlsx({sheet, Sheet{.name = "Trang 2", .rows = {{"only"}}}});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");

  const auto rows = ReadXlsx(*bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const Rows expected = {
      {"Tên đơn vị", "Số người", "Ngày", "Ghi chú", "Tỷ lệ"},
      {"Xã Ninh Nhất", "1234", "2024-03-15", "'=SUM(A1:A9)", "0.25"},
      {"Phường Hòa", "-5", "1900-03-01", "đ", "-2.5"},
      {"", "1234567", "2023-12-31", "+84912345678", "3"},
      {"'@x", "1234567890123456789", "1899-12-01", "'-x"},
      {std::string("a\001b\r\nc"), "", "", "_x0041_", "", "beyond the header"},
  };
  EXPECT_EQ(*rows, expected);

  const auto second = ReadXlsx(*bytes, "Trang 2");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(*second, (Rows{{"only"}}));
  EXPECT_EQ(ReadXlsx(*bytes, "Trang 3").status().code(), base::StatusCode::kInvalidArgument);
}

TEST(WriteXlsx, LaysOutHeaderFormatsAndNoFormulas) {
  Sheet sheet{.name = "S", .columns = {{"Mã"}, {"Số"}, {"Ngày"}}};
  sheet.rows = {{"=1+1", 5, base::Date::FromCivil(2024, 1, 2)}, {"x", 6, Cell{}}};
  const auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto zip = internal::ZipArchive::Open(*bytes);
  ASSERT_TRUE(zip.ok());
  const auto sheet_xml = zip->Read("xl/worksheets/sheet1.xml", 1 << 20);
  const auto styles = zip->Read("xl/styles.xml", 1 << 20);
  ASSERT_TRUE(sheet_xml.ok() && sheet_xml->has_value() && styles.ok() && styles->has_value());
  const std::string& xml = **sheet_xml;
  EXPECT_NE(
      xml.find(R"(<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>)"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find(R"(<autoFilter ref="A1:C3"/>)"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<cols>"), std::string::npos);
  EXPECT_EQ(xml.find("<f>"), std::string::npos);  // text is never a formula
  EXPECT_NE((*styles)->find(R"(formatCode="#,##0")"), std::string::npos);
  EXPECT_NE((*styles)->find(R"(formatCode="dd/mm/yyyy")"), std::string::npos);
  EXPECT_NE((*styles)->find("<b/>"), std::string::npos);
  EXPECT_NE((*styles)->find(R"(<fill><patternFill patternType="solid">)"), std::string::npos);
}

TEST(WriteXlsx, RefusesWhatExcelCannotHold) {
  EXPECT_EQ(WriteXlsx({}).status().code(), base::StatusCode::kInvalidArgument);
  const auto nan = WriteXlsx({Sheet{.name = "S", .rows = {{1, std::nan("")}}}});
  EXPECT_EQ(nan.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(nan.status().message(), "sheet 1, row 1, column 2: real value is not finite");
  EXPECT_FALSE(nan.status().message_vi().empty());
  const auto long_text = WriteXlsx({Sheet{.rows = {{std::string(32768, 'a')}}}});
  EXPECT_EQ(long_text.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(WriteXlsx({Sheet{.rows = {{std::string(32767, 'a')}}}}).ok());
  const auto wide = WriteXlsx({Sheet{.rows = {std::vector<Cell>(16385)}}});
  EXPECT_EQ(wide.status().code(), base::StatusCode::kInvalidArgument);
}

TEST(WriteXlsx, RandomTextRoundTrips) {
  std::mt19937 random(20240315);
  const std::string alphabet[] = {"a",    "đ", "Ấ",  "_",  "x",  "0",    "=",
                                  "-",    "'", "\t", "\r", "\n", "\x01", "\x1f",
                                  "\xff", "😀", " ",  "&",  "<",  "\"",   "]"};
  std::vector<std::vector<Cell>> cells;
  Rows expected;
  for (int r = 0; r < 200; ++r) {
    std::string text;
    for (int n = static_cast<int>(random() % 12); n > 0; --n) text += alphabet[random() % 21];
    cells.push_back({text});
    const std::string stored = SpreadsheetSafeText(text);
    expected.push_back(stored.empty() ? std::vector<std::string>{} : std::vector{stored});
  }
  while (!expected.empty() && expected.back().empty()) expected.pop_back();
  const auto bytes = WriteXlsx({Sheet{.name = "R", .rows = cells}});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  const auto rows = ReadXlsx(*bytes);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, expected);
}

TEST(ReadXlsx, ReadsAWorkbookMadeByAnotherProgram) {
  const std::string shared =
      "<si><t>Tên</t></si>"
      "<si><r><rPr><b/></rPr><t>Ninh </t></r><r><t xml:space=\"preserve\">Nhất</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si>"
      "<si><t>Hòa_x000D_</t></si>";
  const std::string data =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"
      R"(<row r="3" spans="1:6"><c r="A3" t="inlineStr"><is><t>đ</t></is></c>)"
      R"(<c r="B3" s="1"><v>45000</v></c><c r="C3" s="2"><v>45366.5</v></c>)"
      R"(<c r="D3" s="3"><v>1234.0</v></c><c r="E3" t="b"><v>1</v></c>)"
      R"(<c r="F3" t="e"><v>#DIV/0!</v></c><c r="G3" t="str"><f>A1</f><v>Tên</v></c>)"
      R"(<c r="H3" s="2"/><c r="I3"><v>0.1</v></c></row>)"
      R"(<row r="4"><c r="A4"><v>1</v></c><c><v>2</v></c><c r="D4" t="s"><v>2</v></c></row>)"
      R"(<row r="6"><c r="B6" s="1"/></row><row r="9"><c r="A9" t="inlineStr"><is><t></t></is></c></row>)";
  const auto rows = ReadXlsx(HandMadeXlsx(data, shared));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const Rows expected = {
      {"Tên", "", "Ninh Nhất"},
      {},
      {"đ", "2023-03-15", "2024-03-15", "1234", "TRUE", "#DIV/0!", "Tên", "", "0.1"},
      {"1", "2", "", "Hòa\r"},
  };
  EXPECT_EQ(*rows, expected);
  EXPECT_TRUE(ReadXlsx(HandMadeXlsx(data, shared), "Dữ liệu").ok());
  EXPECT_EQ(ReadXlsx(HandMadeXlsx(data, shared), "Other").status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST(ReadXlsx, MalformedInputIsInvalidArgument) {
  std::mt19937 random(7);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(random());
  const auto good = WriteXlsx({Sheet{.name = "S", .rows = {{"a", 1}}}});
  ASSERT_TRUE(good.ok());
  const std::string bomb =
      "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
      "\"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty", ""},
      {"random bytes", noise},
      {"zip without workbook", Zip({{"xl/other.xml", "<a/>"}})},
      {"truncated", good->substr(0, good->size() / 2)},
      {"cut in the zip directory", good->substr(0, good->size() - 40)},
      {"cut in the last entry", good->substr(0, good->size() - 400)},
      {"not xml", HandMadeXlsx("", "", "not xml at all")},
      {"wrong root", HandMadeXlsx("", "", "<sst/>")},
      {"doctype", HandMadeXlsx("", "", bomb + "<worksheet>&lol2;</worksheet>")},
      {"string index", HandMadeXlsx(R"(<row><c t="s"><v>7</v></c></row>)")},
      {"negative index", HandMadeXlsx(R"(<row><c t="s"><v>-1</v></c></row>)")},
      {"bad reference", HandMadeXlsx(R"(<row><c r="1A"><v>1</v></c></row>)")},
      {"bad row", HandMadeXlsx(R"(<row r="x"><c><v>1</v></c></row>)")},
      {"row zero", HandMadeXlsx(R"(<row r="0"><c><v>1</v></c></row>)")},
      // Regression: a zip bomb of 50 MiB of "<a>" made expat hold millions of open elements.
      {"deep nesting", HandMadeXlsx("", "",
                                    "<worksheet>" + Repeat("<a>", 100000) + Repeat("</a>", 100000) +
                                        "</worksheet>")},
  };
  for (const auto& [what, bytes] : cases) {
    const auto rows = ReadXlsx(bytes);
    EXPECT_EQ(rows.status().code(), base::StatusCode::kInvalidArgument) << what;
    EXPECT_EQ(rows.status().message().rfind("not a valid xlsx file: ", 0), 0u)
        << what << ": " << rows.status().message();
    EXPECT_FALSE(rows.status().message_vi().empty()) << what;
  }
}

TEST(ReadXlsx, LimitsAgainstZipBombsAndHugeSheets) {
  std::string wide_rows;  // 62 rows reaching column XFD: 1,015,808 cells
  for (int r = 1; r <= 62; ++r) {
    wide_rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) +
                 "\"><v>1</v></c></row>";
  }
  const std::string huge_part = std::string("<worksheet") + kNs + ">" +
                                std::string(50 * 1024 * 1024 + 1, ' ') + "<sheetData/></worksheet>";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"xlsx sheet has more than 1,000,000 cells", HandMadeXlsx(wide_rows)},
      {"xlsx sheet has more than 16,384 columns",
       HandMadeXlsx(R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)")},
      {"xlsx sheet has more than 16,384 columns",
       HandMadeXlsx(R"(<row r="1"><c r="AAAAAAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>)")},
      {"xlsx sheet has more than 1,048,576 rows",
       HandMadeXlsx(R"(<row r="1048577"><c r="A1048577"><v>1</v></c></row>)")},
      {"xlsx sheet has more than 1,048,576 rows",
       HandMadeXlsx(R"(<row r="99999999999999999999999"><c><v>1</v></c></row>)")},
      {"xlsx part larger than 50 MiB uncompressed: xl/worksheets/sheet1.xml",
       HandMadeXlsx("", "", huge_part)},
      // Regression: one 1 MiB shared string in 101 cells asked for 101 MiB (10 TiB at scale).
      {"xlsx sheet holds more than 100 MiB of text",
       HandMadeXlsx("<row>" + Repeat(R"(<c t="s"><v>0</v></c>)", 101) + "</row>",
                    "<si><t>" + std::string(std::size_t{1} << 20, 'x') + "</t></si>")},
  };
  for (const auto& [message, bytes] : cases) {
    const auto rows = ReadXlsx(bytes);
    EXPECT_EQ(rows.status().code(), base::StatusCode::kInvalidArgument) << message;
    EXPECT_EQ(rows.status().message(), message);
    EXPECT_FALSE(rows.status().message_vi().empty()) << message;
  }
  // Just under the limits is fine: the last column, the last row.
  const auto edge = ReadXlsx(HandMadeXlsx(
      R"(<row r="1"><c r="XFD1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>)"));
  ASSERT_TRUE(edge.ok()) << edge.status().ToString();
  EXPECT_EQ(edge->size(), 1048576u);
  EXPECT_EQ(edge->front().size(), 16384u);
  EXPECT_EQ(edge->back(), std::vector<std::string>{"2"});
}

}  // namespace
}  // namespace pcmd::exports
