// The PDF writer (pdf_writer.cc, pdf_text.cc): a Decree 30 report comes back from pdftotext with
// its Vietnamese text (letters with two marks as they are); rendered by pdftoppm, "Ệ" has its
// marks above and below the "E" (not the empty-glyph box); long tables continue on the next page
// under their header, pages from the second are numbered; pictures are drawn; libharu and font
// failures are Status values. Skipped when poppler-utils (pdftotext, pdftoppm) are missing.
#include "exports/pdf_writer.h"

#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>

#include "exports/chart_image.h"
#include "exports/pdf_text.h"
#include "exports/temp_file.h"

namespace pcmd::exports {
namespace {

bool HasTool(const char* name) {
  return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

// Runs `command`, returns its standard output.
std::string Output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  pclose(pipe);
  return out;
}

// A PDF written to a temporary file, for poppler's tools.
class PdfFile {
 public:
  explicit PdfFile(const std::string& bytes) : file_("pcmd-pdf-test") {
    std::ofstream(file_.path(), std::ios::binary) << bytes;
  }
  // The text of pages `first` to `last` (0: to the end).
  std::string Text(int first = 1, int last = 0) const {
    std::string range = " -f " + std::to_string(first) + (last > 0 ? " -l " + std::to_string(last) : "");
    return Output("pdftotext -enc UTF-8" + range + " '" + file_.path() + "' - 2>/dev/null");
  }
  int Pages() const {
    const std::string info = Output("pdfinfo '" + file_.path() + "' 2>/dev/null");
    const auto at = info.find("Pages:");
    return at == std::string::npos ? 0 : std::atoi(info.c_str() + at + 6);
  }
  const std::string& path() const { return file_.path(); }

 private:
  internal::TempFile file_;
};

// `text` with each run of white space as one space.
std::string Flat(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\f' || c == '\t';
    if (!space) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  return out;
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
  Paragraph marks = Para("Chữ có hai dấu: ệ ổ ặ ữ ỡ, Nghệ An, Bắc Ninh, Thừa Thiên Huế.");
  marks.runs.push_back({" Nghiêng đậm.", true, true, true});
  r.content.push_back(marks);
  Table t{{900, 5000, 1200, 1200}, {}, 1, true};
  t.rows.push_back({CellOf("Mã", true), CellOf("Chỉ tiêu", true), CellOf("Mục tiêu", true), CellOf("Kết quả", true)});
  t.rows.push_back({CellOf("T1"), CellOf("Xã, phường tổ chức tuyên truyền thường xuyên"), CellOf("70%"), CellOf("82,5%")});
  r.content.push_back(t);
  r.content.push_back(Para("Ghi chú có byte hỏng: \xC3\x28 hết."));
  r.content.push_back(Para("Mục tiêu ≥ 70,0% và ≤ 5%."));  // "≥" and "≤" from the symbols face
  r.recipients = {"Bộ Lao động - Thương binh và Xã hội", "UBND tỉnh", "Lưu: VT"};
  r.signer_authority = "Giám đốc";
  return r;
}

TEST(WritePdf, AReportComesBackAsItsVietnameseText) {
  if (!HasTool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  auto bytes = WritePdf(LayOut(Sample()));
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  ASSERT_EQ(bytes->substr(0, 5), "%PDF-");
  EXPECT_NE(bytes->find("NotoSansMath-Regular"), std::string::npos);  // the symbols face, for "≥"
  PdfFile pdf(*bytes);
  EXPECT_EQ(pdf.Pages(), 1);
  const std::string text = Flat(pdf.Text());  // lines wrapped in cells and paragraphs joined
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Ninh Bình, ngày 05 tháng 01 năm 2025",
        "BÁO CÁO", "UBND TỈNH NINH BÌNH", "Số: /BC-SLĐTBXH", "Chữ có hai dấu: ệ ổ ặ ữ ỡ", "Nghiêng đậm.",
        "Xã, phường tổ chức tuyên truyền thường xuyên", "82,5%", "Nơi nhận:", "- Lưu: VT.", "GIÁM ĐỐC",
        "(Ký, ghi rõ họ tên, đóng dấu)", "≥ 70,0% và ≤ 5%", "Ghi chú có byte hỏng: \xEF\xBF\xBD( hết."}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n--- text:\n" << text;
  }
}

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

// Ink (dark pixels) of a glyph: its box and pixel count.
struct Ink {
  int left = 1 << 30, right = -1, top = 1 << 30, bottom = -1, pixels = 0;
};

bool Dark(cairo_surface_t* s, int x, int y) {
  const unsigned char* p =
      cairo_image_surface_get_data(s) + static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s) + x * 4;
  return p[0] + p[1] + p[2] < 3 * 128;
}

// The ink of each run of columns with ink, left to right.
std::vector<Ink> Glyphs(cairo_surface_t* s) {
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  std::vector<Ink> glyphs;
  bool in_glyph = false;
  for (int x = 0; x < w; ++x) {
    bool column_has_ink = false;
    for (int y = 0; y < h; ++y) {
      if (!Dark(s, x, y)) continue;
      if (!in_glyph) glyphs.emplace_back();
      in_glyph = column_has_ink = true;
      Ink& g = glyphs.back();
      g.left = std::min(g.left, x), g.right = std::max(g.right, x);
      g.top = std::min(g.top, y), g.bottom = std::max(g.bottom, y);
      ++g.pixels;
    }
    in_glyph = column_has_ink;
  }
  return glyphs;
}

int InkRows(cairo_surface_t* s, const Ink& g, int from_y, int to_y) {
  int n = 0;
  for (int y = from_y; y <= to_y; ++y) {
    for (int x = g.left; x <= g.right; ++x) n += Dark(s, x, y);
  }
  return n;
}

TEST(WritePdf, ALetterWithTwoMarksRendersItsMarksAboveAndBelow) {
  if (!HasTool("pdftoppm")) GTEST_SKIP() << "pdftoppm (poppler-utils) is not installed";
  Paragraph line;
  line.align = Paragraph::Align::kLeft;
  line.runs.push_back({"E      Ệ", false, false, false, false, 120});  // 60 pt
  auto bytes = WritePdf(Document{"glyphs", {line}});
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  PdfFile pdf(*bytes);
  const std::string png = pdf.path() + "-page";
  ASSERT_EQ(std::system(("pdftoppm -r 100 -png -singlefile '" + pdf.path() + "' '" + png + "'").c_str()), 0);
  Surface page(cairo_image_surface_create_from_png((png + ".png").c_str()), &cairo_surface_destroy);
  std::remove((png + ".png").c_str());
  ASSERT_EQ(cairo_surface_status(page.get()), CAIRO_STATUS_SUCCESS);
  cairo_surface_flush(page.get());
  EXPECT_EQ(cairo_image_surface_get_width(page.get()), 827);  // A4 at 100 dpi
  const std::vector<Ink> glyphs = Glyphs(page.get());
  ASSERT_EQ(glyphs.size(), 2u) << "the page holds only E and Ệ";
  const Ink& e = glyphs[0];
  const Ink& e_marks = glyphs[1];
  const int em = 60 * 100 / 72;  // 83 px
  // The circumflex and acute above the E's top, the dot below the baseline (the E's bottom).
  EXPECT_LT(e_marks.top, e.top - em / 10) << e_marks.top << " vs " << e.top;
  EXPECT_GT(e_marks.bottom, e.bottom + em / 20) << e_marks.bottom << " vs " << e.bottom;
  // Between the E's top and bottom it is the same E, not the empty-glyph box.
  const int body = InkRows(page.get(), e, e.top, e.bottom);
  const int marked_body = InkRows(page.get(), e_marks, e.top, e.bottom);
  EXPECT_NEAR(marked_body, body, body / 5) << "E " << body << ", Ệ " << marked_body;
  EXPECT_NEAR(e_marks.right - e_marks.left, e.right - e.left, em / 6);
  EXPECT_GT(e_marks.pixels, body + body / 20);  // and more ink: the marks
}

TEST(WritePdf, ALongTableContinuesUnderItsHeaderAndPagesAreNumbered) {
  if (!HasTool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  OfficialReport r = Sample();
  Table t{{1000, 6000, 2360}, {}, 1, true};
  t.rows.push_back({CellOf("Mã", true), CellOf("Đơn vị tiêu đề", true), CellOf("Số", true)});
  for (int i = 1; i <= 90; ++i) {
    t.rows.push_back({CellOf("X" + std::to_string(i)), CellOf("Xã số " + std::to_string(i) + " của huyện Hoa Lư"),
                      CellOf(std::to_string(i * 7))});
  }
  r.content.push_back(t);
  auto bytes = WritePdf(LayOut(r));
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  PdfFile pdf(*bytes);
  const int pages = pdf.Pages();
  ASSERT_GE(pages, 3);
  EXPECT_NE(pdf.Text(1, 1).find("Đơn vị tiêu đề"), std::string::npos);
  for (int p = 2; p <= pages; ++p) {
    const std::string text = pdf.Text(p, p);
    EXPECT_NE(text.find("Đơn vị tiêu đề"), std::string::npos) << "the header again on page " << p;
    EXPECT_NE(text.find(std::to_string(p) + "\n"), std::string::npos) << "page number " << p;
  }
  const std::string all = pdf.Text();
  for (int i = 1; i <= 90; ++i) {
    EXPECT_NE(all.find("Xã số " + std::to_string(i) + " của huyện Hoa Lư"), std::string::npos) << i;
  }
  // The signature block still comes after the last row.
  EXPECT_LT(all.find("Xã số 90 của"), all.find("(Ký, ghi rõ họ tên, đóng dấu)"));
}

TEST(WritePdf, DrawsPicturesAndRefusesABadOne) {
  BarChart chart{"", {{"T1 Tuyên truyền", 82.5, 70, true}, {"T2 Hỗ trợ", 41, 60, false}}};
  auto png = DrawBarChartPng(chart);
  ASSERT_TRUE(png.ok());
  const Document with_picture{"p", {Para("Trước"), Picture{*png, 16, 4, "biểu đồ"}, Para("Biểu đồ: sau")}};
  auto bytes = WritePdf(with_picture);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_NE(bytes->find("/Subtype /Image"), std::string::npos);
  auto bad = WritePdf(Document{"p", {Picture{"not a png", 5, 5, ""}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), base::StatusCode::kInternal);
  EXPECT_NE(bad.status().message().find("png"), std::string::npos) << bad.status().message();
}

TEST(WritePdf, AMissingFontFileIsAnErrorNamingIt) {
  PdfFonts fonts = DefaultPdfFonts();
  fonts.bold = "/nonexistent/NotoSans-Bold.ttf";
  auto bytes = WritePdf(Document{"p", {Para("x")}}, fonts);
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.status().message().find("/nonexistent/NotoSans-Bold.ttf"), std::string::npos);
  internal::TempFile not_a_font("pcmd-font");
  std::ofstream(not_a_font.path()) << "not a font";
  fonts.bold = not_a_font.path();  // a file, but no font (libharu would crash on it)
  bytes = WritePdf(Document{"p", {Para("x")}}, fonts);
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.status().message().find("not a TrueType font file"), std::string::npos) << bytes.status().message();
}

TEST(CleanText, CapitalisesVietnameseAndDropsControlCharacters) {
  EXPECT_EQ(internal::CleanText("ủy ban nhân dân tỉnh ninh bình, đặc khu ơ ư ă ĩ ũ", true),
            "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH, ĐẶC KHU Ơ Ư Ă Ĩ Ũ");
  EXPECT_EQ(internal::CleanText("a\tb\x01" "c\nd", false), "a bc\nd");
  EXPECT_EQ(internal::CleanText("\xC3\x28", false), "\xEF\xBF\xBD(");
}

}  // namespace
}  // namespace pcmd::exports
