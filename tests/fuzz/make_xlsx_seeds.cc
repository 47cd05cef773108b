// Writes the seed corpus of xlsx_fuzz into the directory given as its argument:
//   written.xlsx     a workbook from exports::WriteXlsx (deflated, as users download it)
//   stored.xlsx      the same parts zipped without compression, so mutations reach the XML
//   parts-*.bin      NUL-separated parts (xlsx_fuzz.cc): WriteXlsx's own, and a hand-made
//                    workbook with shared strings, rich text, inline strings, dates and gaps
// Run by hand when the reader learns something new; the output is committed.

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "exports/xlsx_writer.h"
#include "exports/zip_archive.h"

namespace {

using pcmd::exports::Cell;

const char* kPartNames[] = {"[Content_Types].xml",  "_rels/.rels",
                            "docProps/app.xml",     "docProps/core.xml",
                            "xl/workbook.xml",      "xl/_rels/workbook.xml.rels",
                            "xl/styles.xml",        "xl/theme/theme1.xml",
                            "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"};

bool Save(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return static_cast<bool>(out);
}

std::string StoredZip(pcmd::exports::internal::ZipArchive& zip, const std::string& dir) {
  const std::string path = dir + "/.stored.tmp";
  zipFile out = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  for (const char* name : kPartNames) {
    auto part = zip.Read(name, 1 << 20);
    if (!part.ok() || !part->has_value()) continue;
    zip_fileinfo info{};
    zipOpenNewFileInZip64(out, name, &info, nullptr, 0, nullptr, 0, nullptr, 0, 0, 0);
    zipWriteInFileInZip(out, (*part)->data(), static_cast<unsigned>((*part)->size()));
    zipCloseFileInZip(out);
  }
  zipClose(out, nullptr);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path.c_str());
  return bytes;
}

const char* kHandMadeParts[] = {
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>)",
    "",
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Tên</t></si><si><r><t>Ninh </t></r><r><t>Nhất</t></r><rPh><t>x</t></rPh></si><si><t>Hòa_x000D_</t></si></sst>)",
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>)",
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row><row r="3"><c t="inlineStr"><is><t>đ</t></is></c><c s="1"><v>45000</v></c><c s="2"><v>0.5</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><v>x</v></c><c t="d"><v>2024-01-02T00:00:00</v></c><c r="Z3"><v>-1.5E-3</v></c></row></sheetData></worksheet>)",
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  pcmd::exports::Sheet sheet{.name = "Danh sách", .columns = {{"Tên"}, {"Số"}, {"Ngày"}}};
  sheet.rows = {{"Xã Ninh Nhất", 1234, pcmd::base::Date::FromCivil(2024, 3, 15)},
                {"=1+1", -5, 2.5},
                {Cell{}, Cell{}, "Hòa"}};
  const auto written = pcmd::exports::WriteXlsx({sheet, {.name = "Trang 2", .rows = {{"x"}}}});
  if (!written.ok()) return std::fprintf(stderr, "%s\n", written.status().ToString().c_str()), 1;
  auto zip = pcmd::exports::internal::ZipArchive::Open(*written);
  if (!zip.ok()) return 1;

  std::string own_parts;  // in the order of xlsx_fuzz.cc's kParts
  const char* fuzz_parts[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                              "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"};
  for (std::size_t i = 0; i < std::size(fuzz_parts); ++i) {
    auto part = zip->Read(fuzz_parts[i], 1 << 20);
    if (i > 0) own_parts += '\0';
    if (part.ok() && part->has_value()) own_parts += **part;
  }
  std::string hand_made;
  for (std::size_t i = 0; i < std::size(kHandMadeParts); ++i) {
    if (i > 0) hand_made += '\0';
    hand_made += kHandMadeParts[i];
  }
  const bool saved =
      Save(dir + "/written.xlsx", *written) && Save(dir + "/stored.xlsx", StoredZip(*zip, dir)) &&
      Save(dir + "/parts-written.bin", own_parts) && Save(dir + "/parts-hand-made.bin", hand_made);
  return saved ? 0 : 1;
}
