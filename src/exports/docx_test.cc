// The Word writer (docx_writer.cc, temp_file.cc): a report laid out as Decree 30/2020 opens as a
// package whose parts are well-formed XML, holds its text (Vietnamese letters with two marks
// as they are, markup characters escaped, invalid UTF-8 replaced), its tables, its pictures (a
// media part, its relationship, its content type and an inline drawing) and the date written as
// the decree asks.
#include <expat.h>
#include <gtest/gtest.h>

#include "exports/chart_image.h"
#include "exports/docx_writer.h"
#include "exports/zip_archive.h"

namespace pcmd::exports {
namespace {

bool WellFormed(const std::string& xml) {
  XML_Parser parser = XML_ParserCreate("UTF-8");
  const bool ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  XML_ParserFree(parser);
  return ok;
}

std::string Part(const std::string& docx, const std::string& name) {
  auto zip = internal::ZipArchive::Open(docx);
  EXPECT_TRUE(zip.ok());
  if (!zip.ok()) return "";
  auto part = zip->Read(name, 1 << 22);
  EXPECT_TRUE(part.ok() && part->has_value()) << name;
  return part.ok() && part->has_value() ? **part : "";
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

OfficialReport Sample() {
  OfficialReport r;
  r.parent_body = "UBND tỉnh Ninh Bình";
  r.body = "Sở Lao động - Thương binh và Xã hội";
  r.number = "Số:      /BC-SLĐTBXH";
  r.place = "Ninh Bình";
  r.date = base::Date::FromCivil(2025, 1, 5);
  r.subject = "Kết quả thực hiện công tác phòng, chống mại dâm năm 2024";
  r.content.push_back(Para("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", Paragraph::Align::kLeft, true));
  Table t{{900, 5000, 1200, 1200}, {}, 1, true};
  t.rows.push_back({CellOf("Mã", true), CellOf("Chỉ tiêu", true), CellOf("Mục tiêu", true), CellOf("Kết quả", true)});
  t.rows.push_back({CellOf("T1"), CellOf("Xã, phường tổ chức tuyên truyền <thường xuyên> & duy trì"), CellOf("70%"),
                    CellOf("82,5%")});
  r.content.push_back(t);
  r.content.push_back(Para("Ghi chú có byte hỏng: \xC3\x28 hết."));
  r.recipients = {"Bộ Lao động - Thương binh và Xã hội", "UBND tỉnh", "Lưu: VT"};
  r.signer_authority = "Giám đốc";
  return r;
}

TEST(WriteDocx, AReportOpensAsAWordPackageOfWellFormedParts) {
  auto bytes = WriteDocx(LayOut(Sample()));
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_EQ(bytes->substr(0, 2), "PK");
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                           "word/styles.xml", "docProps/core.xml"}) {
    EXPECT_TRUE(WellFormed(Part(*bytes, name))) << name;
  }
  EXPECT_NE(Part(*bytes, "word/styles.xml").find("Times New Roman"), std::string::npos);
  EXPECT_NE(Part(*bytes, "docProps/core.xml").find("BÁO CÁO Kết quả thực hiện"), std::string::npos);
}

TEST(WriteDocx, HoldsTheTextAndTablesOfADecree30Report) {
  const std::string xml = Part(*WriteDocx(LayOut(Sample())), "word/document.xml");
  for (const char* text : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                           "Ninh Bình, ngày 05 tháng 01 năm 2025", "BÁO CÁO", "Sở Lao động - Thương binh và Xã hội",
                           "Số:      /BC-SLĐTBXH", "Nơi nhận:", "- Bộ Lao động - Thương binh và Xã hội;", "- Lưu: VT.",
                           "(Ký, ghi rõ họ tên, đóng dấu)",
                           "Xã, phường tổ chức tuyên truyền &lt;thường xuyên&gt; &amp; duy trì", "82,5%",
                           "Ghi chú có byte hỏng: \xEF\xBF\xBD( hết."}) {
    EXPECT_NE(xml.find(text), std::string::npos) << text;
  }
  // The heading and the signature block (no borders) and the indicators table (a header row).
  EXPECT_EQ(Count(xml, "<w:tbl>"), 3u);
  EXPECT_EQ(Count(xml, "<w:tblHeader/>"), 1u);
  EXPECT_NE(xml.find("<w:caps/>"), std::string::npos);  // the issuing body in capitals
  EXPECT_NE(xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);  // A4
}

TEST(WriteDocx, APictureIsAMediaPartWithItsRelationshipAndAnInlineDrawing) {
  OfficialReport r = Sample();
  BarChart chart{"Biểu đồ", {{"T1 Tuyên truyền", 82.5, 70, true}, {"T2 Hỗ trợ", 41, 60, false}}};
  auto png = DrawBarChartPng(chart);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  r.content.push_back(Picture{*png, 16, 5.5, "Biểu đồ \"kết quả\" & mục tiêu"});
  r.content.push_back(Para("Biểu đồ: Kết quả thực hiện các chỉ tiêu", Paragraph::Align::kCenter));
  auto bytes = WriteDocx(LayOut(r));
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(Part(*bytes, "word/media/image1.png"), *png);  // the bytes as given
  const std::string types = Part(*bytes, "[Content_Types].xml");
  EXPECT_NE(types.find("<Default Extension=\"png\" ContentType=\"image/png\"/>"), std::string::npos);
  const std::string rels = Part(*bytes, "word/_rels/document.xml.rels");
  EXPECT_TRUE(WellFormed(rels));
  EXPECT_NE(rels.find("Id=\"rIdImg1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
                      "Target=\"media/image1.png\""),
            std::string::npos);
  const std::string xml = Part(*bytes, "word/document.xml");
  EXPECT_TRUE(WellFormed(xml));
  EXPECT_EQ(Count(xml, "<w:drawing>"), 1u);
  EXPECT_EQ(Count(xml, "<wp:inline "), 1u);
  EXPECT_EQ(Count(xml, "<pic:pic>"), 1u);
  EXPECT_NE(xml.find("<a:blip r:embed=\"rIdImg1\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<wp:extent cx=\"5760000\" cy=\"1980000\"/>"), std::string::npos);  // 16 × 5.5 cm
  EXPECT_NE(xml.find("descr=\"Biểu đồ &quot;kết quả&quot; &amp; mục tiêu\""), std::string::npos);
  // The drawing comes after the indicators table and before its caption.
  EXPECT_LT(xml.find("82,5%"), xml.find("<w:drawing>"));
  EXPECT_LT(xml.find("<w:drawing>"), xml.find("Biểu đồ: Kết quả"));
  // A document without pictures has no media part.
  auto plain = WriteDocx(LayOut(Sample()));
  auto zip = internal::ZipArchive::Open(*plain);
  ASSERT_TRUE(zip.ok());
  auto none = zip->Read("word/media/image1.png", 1 << 20);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(PlaceAndDate, LeadingZerosAsDecree30Asks) {
  EXPECT_EQ(PlaceAndDate("Ninh Bình", base::Date::FromCivil(2025, 12, 20)), "Ninh Bình, ngày 20 tháng 12 năm 2025");
  EXPECT_EQ(PlaceAndDate("Hà Nội", base::Date::FromCivil(2026, 2, 3)), "Hà Nội, ngày 03 tháng 02 năm 2026");
  EXPECT_EQ(PlaceAndDate("Hà Nội", base::Date::FromCivil(2026, 7, 9)), "Hà Nội, ngày 09 tháng 7 năm 2026");
}

}  // namespace
}  // namespace pcmd::exports
