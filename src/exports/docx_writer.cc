#include "exports/docx_writer.h"

#include <zip.h>

#include <ctime>
#include <vector>

#include "exports/temp_file.h"

namespace pcmd::exports {
namespace {

// Text for an XML element: escaped, invalid UTF-8 as U+FFFD, characters XML 1.0 forbids left out.
std::string Xml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = len > 0 && i + len <= text.size();
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; valid && k < len; ++k) {
      const auto d = static_cast<unsigned char>(text[i + k]);
      valid = (d & 0xC0) == 0x80;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (valid && len > 1) {  // overlong forms, surrogates and beyond U+10FFFF
      valid = !(len == 2 && cp < 0x80) && !(len == 3 && cp < 0x800) && !(len == 4 && cp < 0x10000) &&
              !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF;
    }
    if (!valid) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    if (len == 1) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default:
          if (c >= 0x20 || c == '\t') out += static_cast<char>(c);
      }
    } else if (cp != 0xFFFE && cp != 0xFFFF) {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string RunXml(const Run& r) {
  std::string props;
  if (r.bold) props += "<w:b/><w:bCs/>";
  if (r.italic) props += "<w:i/><w:iCs/>";
  if (r.underline) props += "<w:u w:val=\"single\"/>";
  if (r.caps) props += "<w:caps/>";
  if (r.half_points > 0) {
    props += "<w:sz w:val=\"" + std::to_string(r.half_points) + "\"/><w:szCs w:val=\"" +
             std::to_string(r.half_points) + "\"/>";
  }
  std::string out = "<w:r>" + (props.empty() ? std::string() : "<w:rPr>" + props + "</w:rPr>");
  std::size_t start = 0;
  while (true) {
    const std::size_t nl = r.text.find('\n', start);
    const std::string_view piece = std::string_view(r.text).substr(start, nl == std::string::npos ? nl : nl - start);
    out += "<w:t xml:space=\"preserve\">" + Xml(piece) + "</w:t>";
    if (nl == std::string::npos) break;
    out += "<w:br/>";
    start = nl + 1;
  }
  return out + "</w:r>";
}

std::string ParagraphXml(const Paragraph& p) {
  static const char* kAlign[] = {"left", "center", "right", "both"};
  std::string props = "<w:pPr>";
  if (p.keep_with_next) props += "<w:keepNext/>";
  if (p.border_below) props += "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>";
  props += "<w:spacing w:before=\"0\" w:after=\"" + std::to_string(p.after_twips) + "\"/>";
  if (p.first_line_twips > 0) props += "<w:ind w:firstLine=\"" + std::to_string(p.first_line_twips) + "\"/>";
  props += std::string("<w:jc w:val=\"") + kAlign[static_cast<int>(p.align)] + "\"/></w:pPr>";
  std::string out = "<w:p>" + props;
  for (const auto& r : p.runs) out += RunXml(r);
  return out + "</w:p>";
}

std::string TableXml(const Table& t) {
  int total = 0;
  for (int w : t.widths_twips) total += w;
  const char* line = t.borders ? "single" : "nil";
  std::string borders;
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"}) {
    borders += std::string("<w:") + side + " w:val=\"" + line + "\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  }
  std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) +
                    "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>" + borders +
                    "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/>"
                    "<w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
  for (int w : t.widths_twips) out += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  out += "</w:tblGrid>";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const bool header = static_cast<int>(r) < t.header_rows;
    out += "<w:tr>";
    if (header) out += "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const int w = c < t.widths_twips.size() ? t.widths_twips[c] : 1000;
      out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(w) + "\" w:type=\"dxa\"/>";
      if (header) out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>";
      out += "</w:tcPr>";
      const auto& paragraphs = t.rows[r][c].paragraphs;
      if (paragraphs.empty()) out += "<w:p/>";  // a cell holds at least one paragraph
      for (const auto& p : paragraphs) out += ParagraphXml(p);
      out += "</w:tc>";
    }
    out += "</w:tr>";
  }
  return out + "</w:tbl>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

constexpr const char* kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>";

// The document's relationships: its styles, and picture N as rIdImgN -> media/imageN.png.
std::string DocumentRels(std::size_t pictures) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
      "Target=\"styles.xml\"/>";
  for (std::size_t n = 1; n <= pictures; ++n) {
    out += "<Relationship Id=\"rIdImg" + std::to_string(n) +
           "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
           "Target=\"media/image" + std::to_string(n) + ".png\"/>";
  }
  return out + "</Relationships>";
}

// Picture `n` (from 1) as a centred paragraph holding an inline drawing (DrawingML, 360000 EMU a cm).
std::string PictureXml(const Picture& picture, std::size_t n) {
  const std::string id = std::to_string(n);
  const std::string cx = std::to_string(static_cast<long long>(picture.width_cm * 360000));
  const std::string cy = std::to_string(static_cast<long long>(picture.height_cm * 360000));
  return "<w:p><w:pPr><w:keepLines/><w:spacing w:before=\"0\" w:after=\"" + std::to_string(picture.after_twips) +
         "\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
         "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + cx + "\" cy=\"" + cy +
         "\"/><wp:docPr id=\"" + id + "\" name=\"Picture " + id + "\" descr=\"" + Xml(picture.description) +
         "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
         "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
         "<pic:nvPicPr><pic:cNvPr id=\"" + id + "\" name=\"image" + id + ".png\"/><pic:cNvPicPr/></pic:nvPicPr>"
         "<pic:blipFill><a:blip r:embed=\"rIdImg" + id + "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
         "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" + cx + "\" cy=\"" + cy + "\"/></a:xfrm>"
         "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
         "</wp:inline></w:drawing></w:r></w:p>";
}

// Times New Roman 13 pt for every script (Vietnamese letters with two marks included).
constexpr const char* kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" "
    "w:eastAsia=\"Times New Roman\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\"/>"
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"60\" w:line=\"276\" w:lineRule=\"auto\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
    "<w:tblPr><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>";

base::Status AddEntry(zipFile zip, const char* name, const std::string& bytes) {
  zip_fileinfo info{};
  if (zipOpenNewFileInZip(zip, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION) != ZIP_OK ||
      zipWriteInFileInZip(zip, bytes.data(), static_cast<unsigned>(bytes.size())) != ZIP_OK ||
      zipCloseFileInZip(zip) != ZIP_OK) {
    return base::Internal(std::string("docx writer: cannot write ") + name);
  }
  return base::Status::Ok();
}

std::string TwoDigits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

Paragraph Para(std::string text, Paragraph::Align align, bool bold) {
  Paragraph p;
  p.runs.push_back({std::move(text), bold});
  p.align = align;
  return p;
}

TableCell CellOf(std::string text, bool bold, Paragraph::Align align) {
  Paragraph p = Para(std::move(text), align, bold);
  p.after_twips = 0;
  return {{std::move(p)}};
}

base::Result<std::string> WriteDocx(const Document& doc) {
  std::string body;
  std::vector<const Picture*> pictures;
  for (const auto& block : doc.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      body += ParagraphXml(*p);
    } else if (const auto* picture = std::get_if<Picture>(&block)) {
      pictures.push_back(picture);
      body += PictureXml(*picture, pictures.size());
    } else {
      body += TableXml(std::get<Table>(block));
      body += "<w:p><w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:p>";  // tables are followed by a paragraph
    }
  }
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>" +
      body +
      // A4 (11906 × 16838 twips); margins 20 mm top and bottom, 30 mm left, 15 mm right.
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" "
      "w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  const std::string core =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
      Xml(doc.title) + "</dc:title><dc:creator>pcmd</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>";
  internal::TempFile file("pcmd-docx");
  if (file.path().empty()) return base::Internal("docx writer: cannot create a temporary file");
  zipFile zip = zipOpen(file.path().c_str(), APPEND_STATUS_CREATE);
  if (zip == nullptr) return base::Internal("docx writer: cannot open its temporary file");
  base::Status s = AddEntry(zip, "[Content_Types].xml", kContentTypes);
  if (s.ok()) s = AddEntry(zip, "_rels/.rels", kRootRels);
  if (s.ok()) s = AddEntry(zip, "word/_rels/document.xml.rels", DocumentRels(pictures.size()));
  for (std::size_t n = 1; n <= pictures.size() && s.ok(); ++n) {
    s = AddEntry(zip, ("word/media/image" + std::to_string(n) + ".png").c_str(), pictures[n - 1]->png);
  }
  if (s.ok()) s = AddEntry(zip, "word/document.xml", document);
  if (s.ok()) s = AddEntry(zip, "word/styles.xml", kStyles);
  if (s.ok()) s = AddEntry(zip, "docProps/core.xml", core);
  if (zipClose(zip, nullptr) != ZIP_OK && s.ok()) s = base::Internal("docx writer: cannot close the package");
  if (!s.ok()) return s;
  return internal::ReadWholeFile(file.path(), "docx writer");
}

std::string PlaceAndDate(const std::string& place, base::Date date) {
  // Decree 30/2020, Appendix I: days below 10 and the months 1 and 2 take a leading zero.
  const std::string day = TwoDigits(date.day());
  const std::string month = date.month() <= 2 ? TwoDigits(date.month()) : std::to_string(date.month());
  return place + ", ngày " + day + " tháng " + month + " năm " + std::to_string(date.year());
}

Document LayOut(const OfficialReport& r) {
  using A = Paragraph::Align;
  Document doc;
  doc.title = r.kind + " " + r.subject;
  // The heading: issuing body and number on the left, the national motto and the place and date
  // on the right, in a table without borders (6 cm and 10 cm).
  auto line = [](std::string text, bool bold, int half_points, bool caps = false) {
    Paragraph p;
    p.runs.push_back({std::move(text), bold, false, false, caps, half_points});
    p.align = A::kCenter;
    p.after_twips = 0;
    return p;
  };
  TableCell left, right;
  if (!r.parent_body.empty()) left.paragraphs.push_back(line(r.parent_body, false, 26, true));
  Paragraph body = line(r.body, true, 26, true);
  body.border_below = true;
  left.paragraphs.push_back(body);
  left.paragraphs.push_back(line(r.number, false, 26));
  right.paragraphs.push_back(line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, 26));
  Paragraph motto = line("Độc lập - Tự do - Hạnh phúc", true, 28);
  motto.border_below = true;
  right.paragraphs.push_back(motto);
  Paragraph when = line(PlaceAndDate(r.place, r.date), false, 28);
  when.runs[0].italic = true;
  when.after_twips = 240;
  right.paragraphs.push_back(when);
  doc.blocks.push_back(Table{{3600, 5760}, {{left, right}}, 0, false});
  Paragraph kind = line(r.kind, true, 28);
  kind.after_twips = 0;
  kind.keep_with_next = true;
  doc.blocks.push_back(kind);
  Paragraph subject = line(r.subject, true, 28);
  subject.after_twips = 240;
  doc.blocks.push_back(subject);
  for (const auto& b : r.content) doc.blocks.push_back(b);
  // Recipients on the left, the signature block on the right.
  TableCell to, sign;
  Paragraph heading;
  heading.runs.push_back({"Nơi nhận:", true, true, false, false, 24});
  heading.align = A::kLeft;
  heading.after_twips = 0;
  to.paragraphs.push_back(heading);
  for (std::size_t i = 0; i < r.recipients.size(); ++i) {
    Paragraph p;
    p.runs.push_back({"- " + r.recipients[i] + (i + 1 == r.recipients.size() ? "." : ";"), false, false, false, false, 22});
    p.align = A::kLeft;
    p.after_twips = 0;
    to.paragraphs.push_back(p);
  }
  sign.paragraphs.push_back(line(r.signer_authority, true, 26, true));
  Paragraph note = line(r.signer_note, false, 26);
  note.runs[0].italic = true;
  sign.paragraphs.push_back(note);
  doc.blocks.push_back(Table{{4680, 4680}, {{to, sign}}, 0, false});
  return doc;
}

}  // namespace pcmd::exports
