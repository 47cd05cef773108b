#include "exports/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <type_traits>
#include <vector>

#include "exports/pdf_text.h"

namespace pcmd::exports {
namespace {

using internal::Line;
using internal::Word;

// A4 in points; margins as the DOCX writer's (20 mm top and bottom, 30 mm left, 15 mm right).
constexpr double kPageWidth = 595.276, kPageHeight = 841.89;
constexpr double kTop = kPageHeight - 56.7, kBottom = 56.7, kLeft = 85.05, kRight = kPageWidth - 42.55;
constexpr double kTextWidth = kRight - kLeft;
constexpr double kCellPadding = 4;         // 80 twips, left and right, as the DOCX tables
constexpr double kCellPaddingVertical = 2;
constexpr double kPointsPerCm = 72 / 2.54;

double Points(int twips) { return twips / 20.0; }

// libharu reports errors through a callback: the first is kept and becomes a Status.
struct HaruErrors {
  HPDF_STATUS error = 0;
  HPDF_STATUS detail = 0;
};

void OnHaruError(HPDF_STATUS error, HPDF_STATUS detail, void* user_data) {
  auto* errors = static_cast<HaruErrors*>(user_data);
  if (errors->error == 0) {
    errors->error = error;
    errors->detail = detail;
  }
}

class PdfRenderer {
 public:
  PdfRenderer(HPDF_Doc pdf, const HaruErrors& errors, internal::FontSet fonts)
      : pdf_(pdf), errors_(errors), fonts_(fonts) {}

  base::Status Render(const Document& doc) {
    NewPage();
    for (std::size_t i = 0; i < doc.blocks.size() && errors_.error == 0; ++i) {
      const Block& block = doc.blocks[i];
      if (const auto* p = std::get_if<Paragraph>(&block)) {
        DrawParagraph(*p, i + 1 < doc.blocks.size() ? &doc.blocks[i + 1] : nullptr);
      } else if (const auto* t = std::get_if<Table>(&block)) {
        DrawTable(*t);
      } else {
        PCMD_RETURN_IF_ERROR(DrawPicture(std::get<Picture>(block)));
      }
    }
    NumberPages();
    return base::Status::Ok();
  }

 private:
  void NewPage() {
    page_ = HPDF_AddPage(pdf_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    pages_.push_back(page_);
    y_ = kTop;
  }

  bool AtPageTop() const { return y_ >= kTop - 0.01; }

  // Draws `line` with its top at `top`, in a box from `left`, `width` wide.
  void DrawLine(const Line& line, Paragraph::Align align, double left, double width, double top) {
    const double baseline = top - line.ascent;
    double x = left + line.indent;
    const double room = width - line.indent - line.width;
    double extra = 0;
    if (align == Paragraph::Align::kCenter) x += room / 2;
    if (align == Paragraph::Align::kRight) x += room;
    if (align == Paragraph::Align::kJustify && !line.is_last && line.words.size() > 1 && room > 0) {
      extra = room / static_cast<double>(line.words.size() - 1);
    }
    for (std::size_t w = 0; w < line.words.size(); ++w) {
      const Word& word = line.words[w];
      for (const auto& part : word.parts) {
        if (!part.text.empty()) {
          HPDF_Page_BeginText(page_);
          HPDF_Page_SetFontAndSize(page_, fonts_.Of(part.style), static_cast<HPDF_REAL>(part.size));
          HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline), part.text.c_str());
          HPDF_Page_EndText(page_);
        }
        if (part.underline) {
          HPDF_Page_SetLineWidth(page_, static_cast<HPDF_REAL>(part.size / 18));
          HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline - part.size / 8));
          HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(x + part.width), static_cast<HPDF_REAL>(baseline - part.size / 8));
          HPDF_Page_Stroke(page_);
        }
        x += part.width;
      }
      if (w + 1 < line.words.size()) x += word.space + extra;
    }
  }

  // A short rule under a paragraph (the motto's, the issuing body's): as wide as its widest line.
  void DrawRule(const std::vector<Line>& lines, double left, double width, double y) {
    double widest = 0;
    for (const auto& l : lines) widest = std::max(widest, l.width);
    if (widest <= 0) return;
    HPDF_Page_SetLineWidth(page_, 0.6f);
    HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(left + (width - widest) / 2), static_cast<HPDF_REAL>(y));
    HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(left + (width + widest) / 2), static_cast<HPDF_REAL>(y));
    HPDF_Page_Stroke(page_);
  }

  // The height a paragraph takes in a box `width` wide (its space after included).
  double Height(const Paragraph& p, double width) {
    double h = Points(p.after_twips);
    for (const auto& l : internal::BreakLines(p, width, fonts_)) h += l.height;
    return h + (p.border_below ? 3 : 0);
  }

  // Draws a paragraph of a cell, in a fixed box: no page breaks. Returns the y below it.
  double DrawInBox(const Paragraph& p, double left, double width, double top) {
    const auto lines = internal::BreakLines(p, width, fonts_);
    for (const auto& l : lines) {
      DrawLine(l, p.align, left, width, top);
      top -= l.height;
    }
    if (p.border_below) {
      DrawRule(lines, left, width, top - 1);
      top -= 3;
    }
    return top - Points(p.after_twips);
  }

  void DrawParagraph(const Paragraph& p, const Block* next) {
    const auto lines = internal::BreakLines(p, kTextWidth, fonts_);
    if (p.keep_with_next && !AtPageTop()) {
      double needed = 0;
      for (const auto& l : lines) needed += l.height;
      needed += Points(p.after_twips) + 2 * internal::kDefaultSize * internal::kLineFactor;
      if (next && std::holds_alternative<Table>(*next)) needed += 10;
      if (y_ - needed < kBottom) NewPage();
    }
    for (const auto& l : lines) {
      if (y_ - l.height < kBottom && !AtPageTop()) NewPage();
      DrawLine(l, p.align, kLeft, kTextWidth, y_);
      y_ -= l.height;
    }
    if (p.border_below) {
      DrawRule(lines, kLeft, kTextWidth, y_ - 1);
      y_ -= 3;
    }
    y_ -= Points(p.after_twips);
  }

  double RowHeight(const Table& t, const std::vector<TableCell>& row) {
    double h = 0;
    for (std::size_t c = 0; c < row.size(); ++c) {
      double cell = 2 * kCellPaddingVertical;
      for (const auto& p : row[c].paragraphs) cell += Height(p, ColumnWidth(t, c) - 2 * kCellPadding);
      if (row[c].paragraphs.empty()) cell += internal::kDefaultSize * internal::kLineFactor;
      h = std::max(h, cell);
    }
    return h;
  }

  static double ColumnWidth(const Table& t, std::size_t c) {
    return c < t.widths_twips.size() ? Points(t.widths_twips[c]) : 50;
  }

  void DrawRow(const Table& t, const std::vector<TableCell>& row, double height, bool is_header, double left) {
    double x = left;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const double w = ColumnWidth(t, c);
      if (is_header) {
        HPDF_Page_SetRGBFill(page_, 0xE7 / 255.0f, 0xE6 / 255.0f, 0xE6 / 255.0f);
        HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_ - height),
                            static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(height));
        HPDF_Page_Fill(page_);
        HPDF_Page_SetRGBFill(page_, 0, 0, 0);
      }
      double top = y_ - kCellPaddingVertical;
      for (const auto& p : row[c].paragraphs) top = DrawInBox(p, x + kCellPadding, w - 2 * kCellPadding, top);
      if (t.borders) {
        HPDF_Page_SetLineWidth(page_, 0.5f);
        HPDF_Page_Rectangle(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_ - height),
                            static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(height));
        HPDF_Page_Stroke(page_);
      }
      x += w;
    }
    y_ -= height;
  }

  void DrawTable(const Table& t) {
    double total = 0;
    for (std::size_t c = 0; c < t.widths_twips.size(); ++c) total += ColumnWidth(t, c);
    const double left = kLeft + std::max(0.0, (kTextWidth - total) / 2);  // centred, as in the DOCX
    std::vector<double> heights;
    for (const auto& row : t.rows) heights.push_back(RowHeight(t, row));
    const std::size_t header_rows = std::min<std::size_t>(std::max(0, t.header_rows), t.rows.size());
    double header_height = 0;
    for (std::size_t r = 0; r < header_rows; ++r) header_height += heights[r];
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const bool is_header = r < header_rows;
      // The header rows stay with the first body row.
      const double needed = is_header && r == 0 && header_rows < t.rows.size() ? header_height + heights[header_rows]
                                                                             : heights[r];
      if ((is_header ? r == 0 : true) && y_ - needed < kBottom && !AtPageTop()) {
        NewPage();
        if (!is_header) {
          for (std::size_t h = 0; h < header_rows; ++h) DrawRow(t, t.rows[h], heights[h], true, left);
        }
      }
      DrawRow(t, t.rows[r], heights[r], is_header, left);
    }
    y_ -= Points(60);  // the paragraph the DOCX writer puts after a table
  }

  base::Status DrawPicture(const Picture& picture) {
    HPDF_Image image = HPDF_LoadPngImageFromMem(pdf_, reinterpret_cast<const HPDF_BYTE*>(picture.png.data()),
                                                static_cast<HPDF_UINT>(picture.png.size()));
    if (image == nullptr || errors_.error != 0) {
      return base::Internal("pdf writer: a picture is not a png the writer can read");
    }
    double w = picture.width_cm * kPointsPerCm, h = picture.height_cm * kPointsPerCm;
    if (w > kTextWidth) {
      h *= kTextWidth / w;
      w = kTextWidth;
    }
    if (h > kTop - kBottom) {
      w *= (kTop - kBottom) / h;
      h = kTop - kBottom;
    }
    if (y_ - h < kBottom && !AtPageTop()) NewPage();
    HPDF_Page_DrawImage(page_, image, static_cast<HPDF_REAL>(kLeft + (kTextWidth - w) / 2), static_cast<HPDF_REAL>(y_ - h),
                        static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(h));
    y_ -= h + Points(picture.after_twips);
    return base::Status::Ok();
  }

  // Decree 30/2020: Arabic numerals, centred in the top margin, none on the first page.
  void NumberPages() {
    for (std::size_t i = 1; i < pages_.size(); ++i) {
      const std::string number = std::to_string(i + 1);
      const double width = internal::TextWidth(fonts_.regular, number, internal::kDefaultSize);
      HPDF_Page_BeginText(pages_[i]);
      HPDF_Page_SetFontAndSize(pages_[i], fonts_.regular, static_cast<HPDF_REAL>(internal::kDefaultSize));
      HPDF_Page_TextOut(pages_[i], static_cast<HPDF_REAL>(kLeft + (kTextWidth - width) / 2),
                        static_cast<HPDF_REAL>(kTop + 20), number.c_str());
      HPDF_Page_EndText(pages_[i]);
    }
  }

  HPDF_Doc pdf_;
  const HaruErrors& errors_;
  internal::FontSet fonts_;
  HPDF_Page page_ = nullptr;
  std::vector<HPDF_Page> pages_;
  double y_ = kTop;  // the top of the space left on the page
};

base::Status HaruStatus(const HaruErrors& errors) {
  if (errors.error == 0) return base::Status::Ok();
  char text[96];
  std::snprintf(text, sizeof text, "pdf writer: libharu error 0x%04X (detail %u)", static_cast<unsigned>(errors.error),
                static_cast<unsigned>(errors.detail));
  return base::Internal(text);
}

// libharu's font parser trusts its input (a file that is not a font crashes it): the file must
// start with a TrueType header whose table directory fits in it.
bool LooksLikeTrueType(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char header[12] = {};
  if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return false;
  const bool is_truetype = (header[0] == 0 && header[1] == 1 && header[2] == 0 && header[3] == 0) ||
                           std::string(reinterpret_cast<const char*>(header), 4) == "true";
  const unsigned tables = header[4] << 8 | header[5];
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return is_truetype && tables > 0 && !ec && size >= 12 + 16 * static_cast<std::uintmax_t>(tables);
}

}  // namespace

PdfFonts DefaultPdfFonts() {
  const std::string dir = "/usr/share/fonts/truetype/noto/";
  return {dir + "NotoSans-Regular.ttf", dir + "NotoSans-Bold.ttf", dir + "NotoSans-Italic.ttf",
          dir + "NotoSans-BoldItalic.ttf", dir + "NotoSansMath-Regular.ttf"};
}

base::Result<std::string> WritePdf(const Document& doc) { return WritePdf(doc, DefaultPdfFonts()); }

base::Result<std::string> WritePdf(const Document& doc, const PdfFonts& fonts) {
  for (const std::string* path : {&fonts.regular, &fonts.bold, &fonts.italic, &fonts.bold_italic, &fonts.symbols}) {
    if (path == &fonts.symbols && path->empty()) continue;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*path, ec)) return base::Internal("pdf writer: no font file " + *path);
    if (!LooksLikeTrueType(*path)) return base::Internal("pdf writer: not a TrueType font file " + *path);
  }
  HaruErrors errors;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> owner(HPDF_New(&OnHaruError, &errors),
                                                                               &HPDF_Free);
  HPDF_Doc pdf = owner.get();
  if (pdf == nullptr) return base::Internal("pdf writer: libharu cannot start a document");
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "pcmd");
  internal::FontSet set;
  auto load = [&](const std::string& path, HPDF_Font& font, internal::FontStyle style) {
    const char* name = HPDF_LoadTTFontFromFile(pdf, path.c_str(), HPDF_TRUE);
    if (name == nullptr) return false;
    font = HPDF_GetFont(pdf, name, "UTF-8");
    set.definitions[static_cast<int>(style)] = HPDF_GetFontDef(pdf, name);
    return font != nullptr;
  };
  using internal::FontStyle;
  const bool loaded = load(fonts.regular, set.regular, FontStyle::kRegular) &&
                      load(fonts.bold, set.bold, FontStyle::kBold) && load(fonts.italic, set.italic, FontStyle::kItalic) &&
                      load(fonts.bold_italic, set.bold_italic, FontStyle::kBoldItalic) &&
                      (fonts.symbols.empty() || load(fonts.symbols, set.symbols, FontStyle::kSymbols));
  if (errors.error != 0 || !loaded) {
    base::Status s = HaruStatus(errors);
    return base::Internal("pdf writer: cannot load the fonts (" + (s.ok() ? std::string("no font") : s.message()) + ")");
  }
  PdfRenderer renderer(pdf, errors, set);
  PCMD_RETURN_IF_ERROR(renderer.Render(doc));
  if (HPDF_SaveToStream(pdf) != HPDF_OK || errors.error != 0) return HaruStatus(errors);
  HPDF_ResetStream(pdf);
  std::string bytes;
  bytes.reserve(HPDF_GetStreamSize(pdf));
  while (true) {
    HPDF_BYTE buffer[65536];
    HPDF_UINT32 size = sizeof buffer;
    const HPDF_STATUS read = HPDF_ReadFromStream(pdf, buffer, &size);
    bytes.append(reinterpret_cast<const char*>(buffer), size);
    if (read == HPDF_STREAM_EOF) break;
    if (read != HPDF_OK) return base::Internal("pdf writer: cannot read the document back from libharu");
  }
  return bytes;
}

}  // namespace pcmd::exports
