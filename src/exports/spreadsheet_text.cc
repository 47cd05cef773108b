#include "exports/spreadsheet_text.h"

#include <set>

#include "base/text.h"

namespace pcmd::exports {
namespace {

constexpr std::size_t kMaxSheetNameUnits = 31;

// Decodes the code point at `i` (advancing past it); false and one byte on bad UTF-8.
bool NextCodePoint(std::string_view s, std::size_t& i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = 0;
  if (b0 < 0x80) {
    cp = b0;
    ++i;
    return true;
  } else if ((b0 & 0xE0) == 0xC0) {
    extra = 1;
  } else if ((b0 & 0xF0) == 0xE0) {
    extra = 2;
  } else if ((b0 & 0xF8) == 0xF0) {
    extra = 3;
  } else {
    ++i;
    return false;
  }
  if (i + extra >= s.size()) {  // truncated sequence
    ++i;
    return false;
  }
  cp = b0 & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return false;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return false;
  }
  i += extra + 1;
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of an "_xHHHH_" escape starting at `i`, or -1.
long EscapeAt(std::string_view s, std::size_t i) {
  if (i + 6 >= s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_') return -1;
  long value = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int digit = HexValue(s[k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

std::string SpreadsheetSafeText(std::string_view text) {
  std::string safe = ValidUtf8(text);
  if (safe.empty()) return safe;
  const char first = safe[0];
  if (first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' &&
      first != '\r') {
    return safe;
  }
  bool is_number = safe.size() > 1 && (first == '-' || first == '+');
  for (std::size_t i = 1; i < safe.size() && is_number; ++i) {
    is_number = (safe[i] >= '0' && safe[i] <= '9') || safe[i] == '.';
  }
  return is_number ? safe : "'" + safe;
}

std::vector<std::string> ExcelSheetNames(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::set<std::string> used;  // folded names
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string name = ValidUtf8(names[i]);
    for (char& c : name) {
      if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
          static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
        c = '_';
      }
    }
    name = TruncateUtf16(name, kMaxSheetNameUnits);
    const auto first = name.find_first_not_of('\'');
    name = first == std::string::npos ? std::string()
                                      : name.substr(first, name.find_last_not_of('\'') - first + 1);
    if (base::TrimAscii(name).empty()) name = "Sheet" + std::to_string(i + 1);
    if (base::FoldForSearch(name) == "history") name += "_";  // reserved by Excel
    const std::string stem = name;
    for (int n = 2; used.count(base::FoldForSearch(name)) > 0; ++n) {
      const std::string suffix = " (" + std::to_string(n) + ")";
      name = TruncateUtf16(stem, kMaxSheetNameUnits - suffix.size()) + suffix;
    }
    used.insert(base::FoldForSearch(name));
    out.push_back(std::move(name));
  }
  return out;
}

std::string EscapeOoxmlText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (EscapeAt(text, i) >= 0) {
      out += "_x005F_";
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string UnescapeOoxmlText(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const long unit = EscapeAt(text, i);
    if (unit >= 0 && (unit < 0xD800 || unit > 0xDFFF)) {
      base::AppendUtf8(out, static_cast<char32_t>(unit));
      i += 6;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    char32_t cp = 0;
    if (NextCodePoint(text, i, cp)) {
      out.append(text.substr(start, i - start));
    } else {
      out += "\xEF\xBF\xBD";
    }
  }
  return out;
}

std::size_t Utf16Length(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
  }
  return n;
}

std::string TruncateUtf16(std::string_view text, std::size_t units) {
  std::size_t n = 0, i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    std::size_t next = i;
    if (!NextCodePoint(text, next, cp)) cp = 0xFFFD;
    const std::size_t width = cp >= 0x10000 ? 2 : 1;
    if (n + width > units) break;
    n += width;
    i = next;
  }
  return std::string(text.substr(0, i));
}

}  // namespace pcmd::exports
