#include <nlohmann/json.hpp>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "domain/records/record_store.h"

// Field values to and from the JSON text the records table keeps them in.
namespace pcmd::records {

std::string EncodeValues(const Values& values) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : values) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) j[k] = *i;
    else if (const auto* b = std::get_if<bool>(&v)) j[k] = *b;
    else if (const auto* s = std::get_if<std::string>(&v)) j[k] = *s;
    else if (const auto* l = std::get_if<std::vector<std::string>>(&v)) j[k] = *l;
  }
  return j.dump();
}

namespace {

Values FromJson(const nlohmann::json& j) {
  Values out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items()) {
    if (v.is_number_integer()) out[k] = v.get<std::int64_t>();
    else if (v.is_boolean()) out[k] = v.get<bool>();
    else if (v.is_string()) out[k] = v.get<std::string>();
    else if (v.is_array()) {
      std::vector<std::string> list;
      for (const auto& item : v) {
        if (item.is_string()) list.push_back(item.get<std::string>());
      }
      out[k] = std::move(list);
    }
  }
  return out;
}

}  // namespace

Values DecodeValues(const std::string& text) { return FromJson(nlohmann::json::parse(text, nullptr, false)); }

namespace {

// A single pass over the flat objects records are stored as ({"field": value, ...} with strings,
// integers, booleans and lists of strings), taking the wanted fields and skipping the others
// without building them. Anything it does not expect (an escaped \u character, a number with a
// fraction, a list holding something other than strings, malformed text) makes it give up, and
// the full parser decides.
class FlatScanner {
 public:
  FlatScanner(std::string_view text, ValueSink& sink) : s_(text), sink_(sink) {}

  bool Scan() {
    Space();
    if (!Eat('{')) return false;
    Space();
    if (Eat('}')) return End();
    while (true) {
      std::string_view key;
      Space();
      if (!String(&key)) return false;
      Space();
      if (!Eat(':')) return false;
      Space();
      if (sink_.Wants(key)) {
        if (!Value()) return false;
      } else if (!Skip(0)) {
        return false;
      }
      Space();
      if (Eat(',')) continue;
      if (Eat('}')) return End();
      return false;
    }
  }

 private:
  bool End() {
    Space();
    return i_ == s_.size();
  }
  void Space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  static std::uint64_t Word8(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
  }
  // Whether any byte of `w` is '"', '\\' or below 0x20 (the classic "has a zero byte" test on w
  // xor the byte repeated, and "has a byte less than n").
  static bool HasSpecial(std::uint64_t w) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    auto zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
    const std::uint64_t below = (w - kOnes * 0x20) & ~w & kHigh;
    return (zero(w ^ (kOnes * '"')) | zero(w ^ (kOnes * '\\')) | below) != 0;
  }
  // A string: `out` (when given) sees it in the text itself, or, when it has escapes, in a buffer
  // kept until the next string.
  bool String(std::string_view* out) {
    if (!Eat('"')) return false;
    const std::size_t start = i_;
    // The plain part, in place: eight bytes at a time while none is a quote, a backslash or a
    // control character, then byte by byte.
    while (i_ + 8 <= s_.size() && !HasSpecial(Word8(s_.data() + i_))) i_ += 8;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '"') {
        if (out) *out = s_.substr(start, i_ - start);
        ++i_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c == '\\') break;
      ++i_;
    }
    scratch_.assign(s_.substr(start, i_ - start));
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') {
        if (out) *out = scratch_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        scratch_.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      char plain = 0;
      switch (e) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        default: return false;  // \u…: the full parser
      }
      scratch_.push_back(plain);
    }
    return false;
  }
  bool Integer(std::int64_t* out) {
    const std::size_t start = i_;
    bool negative = Eat('-');
    std::int64_t v = 0;
    int digits = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      v = v * 10 + (s_[i_++] - '0');
      if (++digits > 18) return false;
    }
    if (digits == 0 || (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E'))) return false;
    if (digits > 1 && s_[start + (negative ? 1 : 0)] == '0') return false;
    *out = negative ? -v : v;
    return true;
  }
  bool Value() {
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') {
      std::string_view v;
      if (!String(&v)) return false;
      sink_.Text(v);
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::int64_t v = 0;
      if (!Integer(&v)) return false;
      sink_.Integer(v);
      return true;
    }
    if (c == 't' || c == 'f') {
      const bool v = c == 't';
      if (!Word(v ? "true" : "false")) return false;
      sink_.Bool(v);
      return true;
    }
    if (c == '[') {
      ++i_;
      sink_.List();
      Space();
      if (!Eat(']')) {
        while (true) {
          Space();
          std::string_view item;
          if (!String(&item)) return false;
          sink_.Item(item);
          Space();
          if (Eat(',')) continue;
          if (Eat(']')) break;
          return false;
        }
      }
      return true;
    }
    if (c == 'n') {  // null: no value, as the full parser leaves it
      sink_.None();
      return Word("null");
    }
    if (c == '{') {  // an object: not a field value, as the full parser leaves it
      sink_.None();
      return Skip(0);
    }
    return false;
  }
  // Skips one value of any kind.
  bool Skip(int depth) {
    if (depth > 64 || i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') return String(nullptr);
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i_;
      Space();
      if (Eat(close)) return true;
      while (true) {
        Space();
        if (c == '{') {
          if (!String(nullptr)) return false;
          Space();
          if (!Eat(':')) return false;
          Space();
        }
        if (!Skip(depth + 1)) return false;
        Space();
        if (Eat(',')) continue;
        return Eat(close);
      }
    }
    if (c == 't') return Word("true");
    if (c == 'f') return Word("false");
    if (c == 'n') return Word("null");
    // A number of any form.
    const std::size_t start = i_;
    while (i_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos) ++i_;
    return i_ > start;
  }

  std::string_view s_;
  ValueSink& sink_;
  std::size_t i_ = 0;
  std::string scratch_;
};

// The wanted fields into a Values map (a field given twice keeps its last value, as the full
// parser does).
class MapSink final : public ValueSink {
 public:
  MapSink(const std::set<std::string>& only, Values& out) : only_(only), out_(out) {}
  bool Wants(std::string_view name) override {
    if (!only_.count(std::string(name))) return false;
    key_.assign(name);
    return true;
  }
  void Integer(std::int64_t v) override { out_[key_] = v; }
  void Bool(bool v) override { out_[key_] = v; }
  void Text(std::string_view v) override { out_[key_] = std::string(v); }
  void List() override { list_ = &(out_[key_] = std::vector<std::string>()); }
  void Item(std::string_view v) override {
    std::get<std::vector<std::string>>(*list_).emplace_back(v);
  }
  void None() override { out_.erase(key_); }

 private:
  const std::set<std::string>& only_;
  Values& out_;
  std::string key_;
  Value* list_ = nullptr;
};

}  // namespace

bool ScanValues(std::string_view text, ValueSink& sink) { return FlatScanner(text, sink).Scan(); }

Values DecodeValues(const std::string& text, const std::set<std::string>& only) {
  Values out;
  MapSink sink(only, out);
  if (ScanValues(text, sink)) return out;
  // Something the scanner does not take: the full parser, dropping a field of the top-level
  // object that is not wanted as soon as its key is read.
  auto keep = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    if (depth == 1 && event == nlohmann::json::parse_event_t::key) return only.count(parsed.get<std::string>()) > 0;
    return true;
  };
  return FromJson(nlohmann::json::parse(text, keep, false));
}

}  // namespace pcmd::records
