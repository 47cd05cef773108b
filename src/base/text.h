#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace pcmd::base {

// Folds Vietnamese (and other Latin) text for search: lower case, diacritics
// removed (đ → d), runs of white space collapsed to one space, ends trimmed.
// Accepts NFC and NFD input alike, so "NINH NHẤT", "Ninh Nhất" and "ninh nhat"
// all fold to "ninh nhat". Invalid UTF-8 bytes are dropped.
std::string FoldForSearch(std::string_view utf8);

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF) to `out`.
void AppendUtf8(std::string& out, char32_t cp);

// Number of code points in well-formed UTF-8 text.
std::size_t Utf8Length(std::string_view text);

// The first `max_code_points` code points of well-formed UTF-8 text.
std::string TruncateUtf8(std::string_view text, std::size_t max_code_points);

// How alike two texts are once folded for search (FoldForSearch), from 0 (nothing alike)
// to 1 (the same): 1 - edit distance / length of the longer, over code points.
double FoldedSimilarity(std::string_view a, std::string_view b);

// Trims ASCII white space at both ends.
std::string_view TrimAscii(std::string_view text);

// The hash of a text, for unordered containers keyed by std::string that are searched with a
// string_view (no string made for the lookup): std::unordered_map<std::string, T, TextHash,
// std::equal_to<>>.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace pcmd::base
