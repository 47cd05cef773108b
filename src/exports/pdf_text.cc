#include "exports/pdf_text.h"

#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

#include <algorithm>
#include <cstdint>

#include "base/text.h"

namespace pcmd::exports::internal {
namespace {

// The capital of a Latin letter (Basic Latin, Latin-1, the Vietnamese letters of Latin
// Extended-A and -B, and Latin Extended Additional); other code points unchanged.
std::uint32_t Upper(std::uint32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
  if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 1) return cp - 1;
  if (cp == 0x1A1 || cp == 0x1B0) return cp - 1;  // ơ, ư
  if (cp >= 0x1EA0 && cp <= 0x1EF9 && cp % 2 == 1) return cp - 1;
  return cp;
}

// The code point of one valid UTF-8 character.
std::uint32_t CodePoint(std::string_view ch) {
  const auto c = static_cast<unsigned char>(ch[0]);
  std::uint32_t cp = ch.size() == 1 ? c : ch.size() == 2 ? (c & 0x1F) : ch.size() == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < ch.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(ch[k]) & 0x3F);
  return cp;
}

double SizeOf(const Run& r) { return r.half_points > 0 ? r.half_points / 2.0 : kDefaultSize; }

FontStyle StyleOf(const Run& r) {
  if (r.bold && r.italic) return FontStyle::kBoldItalic;
  if (r.bold) return FontStyle::kBold;
  return r.italic ? FontStyle::kItalic : FontStyle::kRegular;
}

// The paragraph's words, measured.
std::vector<Word> Words(const Paragraph& p, const FontSet& fonts) {
  std::vector<Word> words;
  bool open = false;  // the last word takes the next character
  for (std::size_t r = 0; r < p.runs.size(); ++r) {
    const Run& run = p.runs[r];
    const std::string text = CleanText(run.text, run.caps);
    const FontStyle style = StyleOf(run);
    const double size = SizeOf(run);
    bool new_part = true;  // each run starts its own part
    for (std::size_t i = 0; i < text.size();) {
      const char c = text[i];
      if (c == ' ') {
        if (!words.empty()) words.back().space += TextWidth(fonts.Of(style), " ", size);
        open = false;
        ++i;
        continue;
      }
      if (c == '\n') {
        if (words.empty() || words.back().hard_break) {
          words.emplace_back();
          words.back().parts.push_back({"", style, size, false, 0});
        }
        words.back().hard_break = true;
        open = false;
        ++i;
        continue;
      }
      std::size_t len = 1;  // CleanText made it valid UTF-8
      while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) ++len;
      const FontStyle face = fonts.Has(style, CodePoint(text.substr(i, len))) ||
                                     !fonts.Has(FontStyle::kSymbols, CodePoint(text.substr(i, len)))
                                 ? style
                                 : FontStyle::kSymbols;
      if (!open) {
        words.emplace_back();
        open = true;
        new_part = true;
      }
      if (new_part || words.back().parts.back().style != face) {
        words.back().parts.push_back({"", face, size, run.underline, 0});
        new_part = false;
      }
      words.back().parts.back().text.append(text, i, len);
      i += len;
    }
  }
  for (auto& w : words) {
    for (auto& part : w.parts) {
      part.width = TextWidth(fonts.Of(part.style), part.text, part.size);
      w.width += part.width;
    }
  }
  return words;
}

// Cuts a word wider than `width` between characters into words that fit (at least a character each).
std::vector<Word> Cut(const Word& word, double width, const FontSet& fonts) {
  std::vector<Word> out(1);
  for (const Part& part : word.parts) {
    Part piece{"", part.style, part.size, part.underline, 0};
    for (std::size_t i = 0; i < part.text.size();) {
      std::size_t len = 1;
      while (i + len < part.text.size() && (static_cast<unsigned char>(part.text[i + len]) & 0xC0) == 0x80) ++len;
      const std::string ch = part.text.substr(i, len);
      const double w = TextWidth(fonts.Of(part.style), ch, part.size);
      if (out.back().width + w > width && out.back().width > 0) {
        if (!piece.text.empty()) out.back().parts.push_back(piece);
        piece.text.clear();
        piece.width = 0;
        out.emplace_back();
      }
      piece.text += ch;
      piece.width += w;
      out.back().width += w;
      i += len;
    }
    if (!piece.text.empty()) out.back().parts.push_back(piece);
  }
  out.back().space = word.space;
  out.back().hard_break = word.hard_break;
  return out;
}

void Finish(Line& line, double fallback_size) {
  double size = 0;
  for (const auto& w : line.words) {
    for (const auto& part : w.parts) size = std::max(size, part.size);
  }
  if (size == 0) size = fallback_size;
  line.height = size * kLineFactor;
  line.ascent = size * kAscentFactor;
}

}  // namespace

HPDF_Font FontSet::Of(FontStyle style) const {
  switch (style) {
    case FontStyle::kBold: return bold;
    case FontStyle::kItalic: return italic;
    case FontStyle::kBoldItalic: return bold_italic;
    case FontStyle::kSymbols: return symbols ? symbols : regular;
    case FontStyle::kRegular: break;
  }
  return regular;
}

bool FontSet::Has(FontStyle style, std::uint32_t code_point) const {
  const HPDF_FontDef definition = definitions[static_cast<int>(style)];
  if (style == FontStyle::kSymbols) {
    return symbols != nullptr && definition != nullptr && code_point <= 0xFFFF &&
           HPDF_TTFontDef_GetGlyphid(definition, static_cast<HPDF_UINT16>(code_point)) != 0;
  }
  if (definition == nullptr || code_point > 0xFFFF) return true;
  return HPDF_TTFontDef_GetGlyphid(definition, static_cast<HPDF_UINT16>(code_point)) != 0;
}

double TextWidth(HPDF_Font font, std::string_view text, double size) {
  if (text.empty()) return 0;
  const HPDF_TextWidth w =
      HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(text.data()), static_cast<HPDF_UINT>(text.size()));
  return w.width * size / 1000.0;
}

std::string CleanText(std::string_view text, bool caps) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
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
      base::AppendUtf8(out, 0xFFFD);
      ++i;
      continue;
    }
    i += len;
    if (cp == '\t') cp = ' ';
    if ((cp < 0x20 && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) continue;
    base::AppendUtf8(out, caps ? Upper(cp) : cp);
  }
  return out;
}

std::vector<Line> BreakLines(const Paragraph& p, double width, const FontSet& fonts) {
  const double fallback = p.runs.empty() ? kDefaultSize : SizeOf(p.runs.front());
  std::vector<Line> lines(1);
  lines.back().indent = std::min(p.first_line_twips / 20.0, width / 2);
  auto close = [&](bool is_last) {
    lines.back().is_last = is_last;
    Finish(lines.back(), fallback);
    lines.emplace_back();
  };
  for (const Word& word : Words(p, fonts)) {
    const double room = width - lines.back().indent;
    std::vector<Word> pieces = word.width > room ? Cut(word, room, fonts) : std::vector<Word>{word};
    for (const Word& w : pieces) {
      Line& line = lines.back();
      const double gap = line.words.empty() ? 0 : line.words.back().space;
      if (!line.words.empty() && line.width + gap + w.width > width - line.indent) close(false);
      Line& target = lines.back();
      target.width += (target.words.empty() ? 0 : target.words.back().space) + w.width;
      target.words.push_back(w);
      if (w.hard_break) close(true);
    }
  }
  if (lines.size() > 1 && lines.back().words.empty()) {
    lines.pop_back();  // closed by a final '\n'
  } else {
    lines.back().is_last = true;
    Finish(lines.back(), fallback);
  }
  return lines;
}

}  // namespace pcmd::exports::internal
