#pragma once

// Word documents (.docx, Office Open XML) that officials can edit and send: a small document
// model (paragraphs of runs, tables whose cells hold paragraphs), written as the OOXML parts in a
// zip with minizip; and the layout of an administrative report as Decree 30/2020/NĐ-CP sets it
// out (issuing body and number, national motto, place and date, title, body, recipients,
// signature block; Times New Roman on A4). Tested in docx_test.cc.
#include <string>
#include <variant>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace pcmd::exports {

struct Run {
  std::string text;  // UTF-8; a '\n' is a line break
  bool bold = false;
  bool italic = false;
  bool underline = false;
  bool caps = false;       // shown in capitals (Word's "All caps"; the text keeps its case)
  int half_points = 0;     // font size in half points; 0: the document's (13 pt)
};

struct Paragraph {
  enum class Align { kLeft, kCenter, kRight, kJustify };
  std::vector<Run> runs;
  Align align = Align::kJustify;
  int first_line_twips = 0;    // first-line indent (567 twips = 1 cm)
  int after_twips = 60;        // space after
  bool keep_with_next = false;
  bool border_below = false;   // a short rule under the paragraph (the motto's, the body's name)
};

struct TableCell {
  std::vector<Paragraph> paragraphs;
};

struct Table {
  std::vector<int> widths_twips;             // one per column
  std::vector<std::vector<TableCell>> rows;  // each as wide as widths_twips
  int header_rows = 0;                       // repeated on each page, shaded
  bool borders = true;
};

// A picture on a line of its own, centred (in DOCX an inline drawing; in PDF drawn at its size,
// scaled down to the text width if wider).
struct Picture {
  std::string png;          // the PNG bytes
  double width_cm = 16;
  double height_cm = 8;
  std::string description;  // alternative text
  int after_twips = 60;     // space after
};

using Block = std::variant<Paragraph, Table, Picture>;

struct Document {
  std::string title;  // the document's properties (docProps/core.xml)
  std::vector<Block> blocks;
};

// The bytes of a .docx holding `doc`: A4, margins 20 mm top and bottom, 30 mm left, 15 mm right,
// Times New Roman 13 pt; each picture as the part word/media/imageN.png (N from 1, in order).
// Text is escaped for XML, invalid UTF-8 becomes U+FFFD, and characters XML 1.0 does not allow
// are dropped. Fails with kInternal when the temporary file or minizip fails.
base::Result<std::string> WriteDocx(const Document& doc);

// Helpers for building documents.
Paragraph Para(std::string text, Paragraph::Align align = Paragraph::Align::kJustify, bool bold = false);
TableCell CellOf(std::string text, bool bold = false, Paragraph::Align align = Paragraph::Align::kLeft);

// An administrative report (báo cáo) laid out as Appendix I of Decree 30/2020/NĐ-CP.
struct OfficialReport {
  std::string parent_body;  // the issuing body's superior ("UBND tỉnh Ninh Bình"), shown in capitals
  std::string body;         // the issuing body ("Sở Lao động - Thương binh và Xã hội"), capitals, bold
  std::string number;       // "Số:      /BC-SLĐTBXH" (the clerk fills the number in)
  std::string place;        // "Ninh Bình"
  base::Date date;
  std::string kind = "BÁO CÁO";
  std::string subject;      // the summary line under the title (trích yếu)
  std::vector<Block> content;
  std::vector<std::string> recipients;  // "Nơi nhận:" items
  std::string signer_authority;         // "GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN"
  std::string signer_note = "(Ký, ghi rõ họ tên, đóng dấu)";
};

// "Ninh Bình, ngày 20 tháng 12 năm 2025" (days and months below 10 with a leading zero only for
// the day and month 1 and 2, as Decree 30 asks).
std::string PlaceAndDate(const std::string& place, base::Date date);

Document LayOut(const OfficialReport& report);

}  // namespace pcmd::exports
