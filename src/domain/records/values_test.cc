// Field values to and from the records table's JSON text, whole or only some fields.
#include <gtest/gtest.h>

#include "domain/records/record_store.h"

namespace pcmd::records {
namespace {

TEST(Values, RoundTripOfEveryKind) {
  const Values in{{"count", std::int64_t{42}}, {"open", true}, {"name", std::string("Quán Hoa Lư")},
                  {"members", std::vector<std::string>{"a", "b"}}};
  EXPECT_EQ(DecodeValues(EncodeValues(in)), in);
  EXPECT_TRUE(DecodeValues("not json").empty());
  EXPECT_TRUE(DecodeValues("[1, 2]").empty());
}

TEST(Values, OnlyTheWantedFieldsAreDecoded) {
  const std::string text =
      R"({"skip":{"deep":{"establishment":"x"}},"establishment":"e-1","members":["u1","u2"],"note":"dài","n":7,"list":[]})";
  const Values some = DecodeValues(text, {"establishment", "members", "n"});
  const Values expected{{"establishment", std::string("e-1")},
                        {"members", std::vector<std::string>{"u1", "u2"}},
                        {"n", std::int64_t{7}}};
  EXPECT_EQ(some, expected);
  // A wanted name inside an unwanted object is not taken for the field.
  EXPECT_EQ(DecodeValues(R"({"skip":{"establishment":"inner"}})", {"establishment"}), Values{});
  EXPECT_TRUE(DecodeValues(text, {}).empty());
  EXPECT_TRUE(DecodeValues("{broken", {"n"}).empty());
}

// The fast path for flat records and the full parser agree on every input, valid or not.
TEST(Values, SomeFieldsEqualTheWholeDecodingFiltered) {
  const std::set<std::string> only{"a", "b", "c"};
  const std::vector<std::string> texts = {
      R"({"a":"x","b":3,"c":true,"d":"y"})",
      R"({ "a" : [ "p" , "q" ] , "b" : -12 , "z" : {"a": 1, "n": [1, {"x": null}]} })",
      R"({"a":"tab\tquote\"slash\/back\\"})",
      R"({"a":"\u0041\u1EA1"})",
      R"({"a":1.5,"b":2})",
      R"({"a":1e3})",
      R"({"a":null,"b":false})",
      R"({"a":"first","a":"second"})",
      R"({"a":"first","a":null})",
      R"({"a":{"x":1}})",
      R"({"a":[1,2]})",
      R"({"a":["x",null]})",
      R"({"a":01})",
      R"({"a":123456789012345678901})",
      R"({"a":"Quán ăn Hoa Lư"})",
      R"({"a":"x",})",
      R"({"a":"x"} trailing)",
      R"({"a":"unterminated)",
      "{\"a\":\"raw\ncontrol\"}",
      R"([])",
      R"()",
      R"({})",
  };
  // Texts read eight bytes at a time: a quote, an escape or a control character at every offset of
  // a long text, beside bytes of UTF-8 (0x80 and above).
  std::vector<std::string> all = texts;
  for (std::size_t at = 0; at < 20; ++at) {
    const std::string before(at, 'x');
    for (const std::string special : {"", "\\t", "\\\"", "\x01", "\x1f", "ạ", "\x7f"}) {
      all.push_back(R"({"a":")" + before + special + "yyyyyyyyyyyy" + R"(","b":")" + before + "\"}");
    }
  }
  for (const auto& text : all) {
    Values whole = DecodeValues(text), some = DecodeValues(text, only);
    for (auto it = whole.begin(); it != whole.end();) it = only.count(it->first) ? std::next(it) : whole.erase(it);
    EXPECT_EQ(some, whole) << text;
  }
}

// ScanValues hands each wanted field to the sink as it reads it: texts in place or, with escapes,
// unescaped; lists item by item; null and objects as no value. It refuses what only the full
// parser takes (the caller then decodes with it).
TEST(Values, ScanValuesFeedsTheSinkFieldByField) {
  struct Recorder final : ValueSink {
    std::vector<std::string> seen;
    bool Wants(std::string_view name) override {
      if (name == "skip") return false;
      seen.push_back("key " + std::string(name));
      return true;
    }
    void Integer(std::int64_t v) override { seen.push_back("int " + std::to_string(v)); }
    void Bool(bool v) override { seen.push_back(v ? "true" : "false"); }
    void Text(std::string_view v) override { seen.push_back("text " + std::string(v)); }
    void List() override { seen.push_back("list"); }
    void Item(std::string_view v) override { seen.push_back("item " + std::string(v)); }
    void None() override { seen.push_back("none"); }
  };
  Recorder r;
  ASSERT_TRUE(ScanValues(
      R"({"a":"plain","skip":{"x":[1,2]},"b":"tab\tq\"","n":-7,"ok":false,"l":["x","y\/z"],"z":null,"o":{"k":1}})", r));
  const std::vector<std::string> expected = {"key a",  "text plain", "key b", "text tab\tq\"", "key n",   "int -7",
                                             "key ok", "false",      "key l", "list",          "item x",  "item y/z",
                                             "key z",  "none",       "key o", "none"};
  EXPECT_EQ(r.seen, expected);
  Recorder refused;
  EXPECT_FALSE(ScanValues(R"({"a":"\u1EA1"})", refused));  // an escaped character: the full parser
  EXPECT_FALSE(ScanValues(R"({"a":1.5})", refused));
  EXPECT_FALSE(ScanValues(R"({"a":[1]})", refused));
  EXPECT_FALSE(ScanValues("{broken", refused));
}

}  // namespace
}  // namespace pcmd::records
