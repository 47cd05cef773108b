#pragma once

// PDF documents that officials can send as they are: the document model of docx_writer.h
// (paragraphs of runs, tables, pictures; an OfficialReport laid out with LayOut) rendered on A4
// with libharu, with the DOCX writer's margins (20 mm top and bottom, 30 mm left, 15 mm right),
// text in Noto Sans (regular, bold, italic, bold italic) embedded as TrueType subsets with UTF-8
// encoding, so that Vietnamese letters with two marks print and copy back as text.
//
// Layout: lines wrap at spaces by measured width (a word wider than its line is cut between
// characters); paragraphs align left, centre, right or justified and keep their first-line
// indent and space after; a paragraph with keep_with_next starts a new page rather than end one;
// table rows that do not fit continue on the next page, under the table's header rows again;
// borders, header shading and column widths follow the Table; a picture is drawn at its size,
// centred, scaled down to the text width if wider. Page numbers are centred in the top margin from
// the second page on, as Decree 30/2020/NĐ-CP asks. A single table row taller than a page is not
// split: it runs into the bottom margin. Tested in pdf_test.cc.
#include <string>

#include "base/result.h"
#include "exports/docx_writer.h"

namespace pcmd::exports {

// The TrueType files of the four faces, and of a face for the characters they lack ("≥", "≤").
struct PdfFonts {
  std::string regular;
  std::string bold;
  std::string italic;
  std::string bold_italic;
  std::string symbols;  // empty: none (such characters print as the empty-glyph box)
};

// Debian's fonts-noto-core files (/usr/share/fonts/truetype/noto/NotoSans-*.ttf, and
// NotoSansMath-Regular.ttf for the symbols).
PdfFonts DefaultPdfFonts();

// The bytes of an A4 PDF holding `doc`. Invalid UTF-8 becomes U+FFFD and control characters other
// than '\n' and '\t' are dropped. Fails with kInternal naming the file when a font file cannot be
// read, and with kInternal naming libharu's error code when libharu fails (a picture that is not
// a PNG, for one). Safe from any thread: each call has its own libharu document.
base::Result<std::string> WritePdf(const Document& doc, const PdfFonts& fonts);
base::Result<std::string> WritePdf(const Document& doc);

}  // namespace pcmd::exports
