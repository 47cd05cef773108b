#pragma once

// Text layout for the PDF writer (pdf_writer.cc): a paragraph's runs cut into words of styled
// parts, measured with libharu's font metrics, and broken into lines of a given width. Also the
// text clean-up the writer applies (invalid UTF-8, control characters, "All caps" for Vietnamese
// letters). Internal to the exports module; tested through pdf_test.cc.
#include <hpdf.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "exports/docx_writer.h"

namespace pcmd::exports::internal {

constexpr double kDefaultSize = 13;     // points, as the DOCX writer's default
constexpr double kLineFactor = 1.362;   // Noto Sans' ascent + descent, in ems
constexpr double kAscentFactor = 1.069;

enum class FontStyle { kRegular, kBold, kItalic, kBoldItalic, kSymbols };

// The faces of one libharu document (owned by it), with their TrueType definitions to look
// glyphs up: a character the text face lacks ("≥", "≤") is drawn in the symbols face if it has it.
struct FontSet {
  HPDF_Font regular = nullptr;
  HPDF_Font bold = nullptr;
  HPDF_Font italic = nullptr;
  HPDF_Font bold_italic = nullptr;
  HPDF_Font symbols = nullptr;  // may be null: no fallback
  HPDF_FontDef definitions[5] = {};  // in FontStyle's order; null: not looked up
  HPDF_Font Of(FontStyle style) const;
  // Whether `style`'s face has a glyph for `code_point` (true when unknown).
  bool Has(FontStyle style, std::uint32_t code_point) const;
};

// Width in points of UTF-8 `text` in `font` at `size` points.
double TextWidth(HPDF_Font font, std::string_view text, double size);

// `text` as valid UTF-8: invalid sequences as U+FFFD, control characters other than '\n' dropped,
// '\t' as a space; in capitals when `caps` (Latin letters, Vietnamese ones included).
std::string CleanText(std::string_view text, bool caps);

struct Part {
  std::string text;  // never holds a space or '\n'
  FontStyle style = FontStyle::kRegular;
  double size = kDefaultSize;
  bool underline = false;
  double width = 0;
};

// Characters between spaces; may span runs ("82,5" bold and "%" not).
struct Word {
  std::vector<Part> parts;
  double width = 0;
  double space = 0;          // the width of the spaces after it
  bool hard_break = false;   // a '\n' follows
};

struct Line {
  std::vector<Word> words;
  double width = 0;   // the words and the spaces between them
  double indent = 0;  // the first line's indent
  double height = 0;  // the largest size in it × kLineFactor
  double ascent = 0;
  bool is_last = false;  // the paragraph's last line or one ended by '\n' (never justified)
};

// The lines of `p` in a box `width` points wide. A paragraph without text is one empty line of
// its first run's (or the default) size.
std::vector<Line> BreakLines(const Paragraph& p, double width, const FontSet& fonts);

}  // namespace pcmd::exports::internal
