#include "exports/spreadsheet_text.h"

#include <gtest/gtest.h>

#include "base/csv.h"
#include "exports/xlsx_parts.h"
#include "exports/xlsx_reader.h"

namespace pcmd::exports {
namespace {

TEST(SpreadsheetSafeText, NeutralisesExactlyWhatCsvFieldNeutralises) {
  for (const std::string text :
       {"=SUM(A1)", "@cmd", "+84912345678", "-5", "-5.5", "-x", "-", "+", "\tx", "\rx",
        "Xã Ninh Nhất", "", "=", "5-3", " =1", "'=1", "+.", "--1"}) {
    const std::string csv = base::CsvField(text);
    const bool csv_neutralised = csv.rfind('\'', 0) == 0 || csv.rfind("\"'", 0) == 0;
    const bool xlsx_neutralised = SpreadsheetSafeText(text) == "'" + text;
    EXPECT_EQ(xlsx_neutralised, csv_neutralised && text.rfind('\'', 0) != 0) << text;
    if (!xlsx_neutralised) {
      EXPECT_EQ(SpreadsheetSafeText(text), text) << text;
    }
  }
}

TEST(SpreadsheetSafeText, ReplacesInvalidUtf8) {
  EXPECT_EQ(SpreadsheetSafeText("a\xFF"
                                "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(SpreadsheetSafeText("\xC3"), "\xEF\xBF\xBD");  // truncated sequence
  EXPECT_EQ(SpreadsheetSafeText("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SpreadsheetSafeText("đ Hòa 😀"), "đ Hòa 😀");
}

TEST(ExcelSheetNames, FollowExcelRules) {
  const auto names =
      ExcelSheetNames({"Kế hoạch [2024]: a/b*c?d\\e", std::string(40, 'x'), "'Báo cáo'", "",
                       "History", "Hòa", "HÒA", "  ", "Nhất" + std::string(30, 'y')});
  ASSERT_EQ(names.size(), 9u);
  EXPECT_EQ(names[0], "Kế hoạch _2024__ a_b_c_d_e");
  EXPECT_EQ(names[1], std::string(31, 'x'));
  EXPECT_EQ(names[2], "Báo cáo");
  EXPECT_EQ(names[3], "Sheet4");
  EXPECT_EQ(names[4], "History_");
  EXPECT_EQ(names[5], "Hòa");
  EXPECT_EQ(names[6], "HÒA (2)");  // Excel compares names case-insensitively
  EXPECT_EQ(names[7], "Sheet8");
  EXPECT_EQ(names[8], "Nhất" + std::string(27, 'y'));  // 31 characters, not 31 bytes
  EXPECT_EQ(ExcelSheetNames({std::string(31, 'a'), std::string(31, 'a')})[1],
            std::string(27, 'a') + " (2)");
}

TEST(OoxmlText, EscapeAndUnescapeRoundTrip) {
  for (const std::string text : {"_x0041_", "a_x005F_b", "_x", "plain", "_x12G4_", "__x0001__"}) {
    EXPECT_EQ(UnescapeOoxmlText(EscapeOoxmlText(text)), text) << text;
  }
  EXPECT_EQ(UnescapeOoxmlText("a_x000D_b_x0001_"), "a\rb\x01");
  EXPECT_EQ(UnescapeOoxmlText("_xD800_"), "_xD800_");  // a lone surrogate stays as written
  EXPECT_EQ(UnescapeOoxmlText("_x1EA5_"), "ấ");
}

TEST(Utf16, LengthAndTruncation) {
  EXPECT_EQ(Utf16Length("Hòa😀"), 5u);
  EXPECT_EQ(TruncateUtf16("ab😀c", 3), "ab");
  EXPECT_EQ(TruncateUtf16("ab😀c", 4), "ab😀");
}

TEST(XlsxNumberText, IntegersWithoutFractionOthersShortest) {
  EXPECT_EQ(internal::NumberText("5.0"), "5");
  EXPECT_EQ(internal::NumberText("-3"), "-3");
  EXPECT_EQ(internal::NumberText("-0"), "0");
  EXPECT_EQ(internal::NumberText("0.1"), "0.1");
  EXPECT_EQ(internal::NumberText("0.30000000000000004"), "0.30000000000000004");
  EXPECT_EQ(internal::NumberText("1234567890123"), "1234567890123");
  EXPECT_EQ(internal::NumberText("1E+20"), "1e+20");
  EXPECT_EQ(internal::NumberText("2.5E-3"), "0.0025");
  EXPECT_EQ(internal::NumberText("abc"), "abc");  // not a number: as written
  EXPECT_EQ(internal::NumberText("1e999"), "1e999");
}

TEST(XlsxSerialDateText, FollowsExcels1900And1904Systems) {
  EXPECT_EQ(internal::SerialDateText("1", false), "1900-01-01");
  EXPECT_EQ(internal::SerialDateText("59", false), "1900-02-28");
  EXPECT_EQ(internal::SerialDateText("60", false), "1900-02-29");  // the phantom day
  EXPECT_EQ(internal::SerialDateText("61", false), "1900-03-01");
  EXPECT_EQ(internal::SerialDateText("45000", false), "2023-03-15");
  EXPECT_EQ(internal::SerialDateText("45000.99", false), "2023-03-15");
  EXPECT_EQ(internal::SerialDateText("2958465", false), "9999-12-31");
  EXPECT_EQ(internal::SerialDateText("2958466", false), "2958466");
  EXPECT_EQ(internal::SerialDateText("0", false), "0");
  EXPECT_EQ(internal::SerialDateText("-1.5", false), "-1.5");
  EXPECT_EQ(internal::SerialDateText("0", true), "1904-01-01");
  EXPECT_EQ(internal::SerialDateText("43538", true), "2023-03-15");
  EXPECT_EQ(internal::SerialDateText("x", false), "x");
}

TEST(XlsxIsDateFormat, BuiltInIdsAndCustomCodes) {
  EXPECT_TRUE(internal::IsDateFormat(14, ""));
  EXPECT_TRUE(internal::IsDateFormat(22, ""));
  EXPECT_FALSE(internal::IsDateFormat(0, ""));
  EXPECT_FALSE(internal::IsDateFormat(3, ""));
  EXPECT_FALSE(internal::IsDateFormat(45, ""));  // mm:ss
  EXPECT_TRUE(internal::IsDateFormat(164, "dd/mm/yyyy"));
  EXPECT_TRUE(internal::IsDateFormat(165, "[$-42A]mmmm\\ yyyy;@"));
  EXPECT_TRUE(internal::IsDateFormat(166, "mmm"));
  EXPECT_FALSE(internal::IsDateFormat(167, "h:mm"));
  EXPECT_FALSE(internal::IsDateFormat(168, "[h]:mm:ss"));
  EXPECT_FALSE(internal::IsDateFormat(169, "#,##0\" ngày\""));
  EXPECT_FALSE(internal::IsDateFormat(170, "General"));
  EXPECT_FALSE(internal::IsDateFormat(171, "0.00E+00"));
  EXPECT_FALSE(internal::IsDateFormat(172, "@"));
}

TEST(XlsxPartPath, ResolvesRelativeAndAbsoluteTargets) {
  EXPECT_EQ(internal::ResolvePartPath("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
  EXPECT_EQ(internal::ResolvePartPath("xl/", "/xl/worksheets/s.xml"), "xl/worksheets/s.xml");
  EXPECT_EQ(internal::ResolvePartPath("xl/", "../customXml/item1.xml"), "customXml/item1.xml");
  EXPECT_EQ(internal::ResolvePartPath("xl/", "../../../x.xml"), "x.xml");
  EXPECT_EQ(internal::ResolvePartPath("", "./xl//workbook.xml"), "xl/workbook.xml");
}

}  // namespace
}  // namespace pcmd::exports
