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
  for (const auto& text : texts) {
    Values whole = DecodeValues(text), some = DecodeValues(text, only);
    for (auto it = whole.begin(); it != whole.end();) it = only.count(it->first) ? std::next(it) : whole.erase(it);
    EXPECT_EQ(some, whole) << text;
  }
}

}  // namespace
}  // namespace pcmd::records
