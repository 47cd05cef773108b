#include "api/json_body.h"

#include <gtest/gtest.h>

namespace pcmd::api {
namespace {

TEST(BodyReader, RefusesMalformedJsonAndNonObjects) {
  EXPECT_EQ(BodyReader::Parse("{\"a\":").status().machine_code(), "malformed_json");
  EXPECT_EQ(BodyReader::Parse("[1,2]").status().machine_code(), "malformed_json");
  EXPECT_EQ(BodyReader::Parse("").status().machine_code(), "malformed_json");
}

TEST(BodyReader, ReportsEveryFieldProblemTogether) {
  auto body = BodyReader::Parse(R"({"name": 5, "date": "2023-02-30", "extra": true})");
  ASSERT_TRUE(body.ok());
  body->String("name", true);
  body->Date("date", true);
  body->String("code", true);
  base::Status s = body->Finish();
  ASSERT_FALSE(s.ok());
  std::vector<std::string> fields;
  for (const auto& f : s.fields()) fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"name:invalid_type", "date:invalid_date",
                                              "code:required", "extra:unknown_field"}));
}

TEST(BodyReader, ReadsGoodValues) {
  auto body = BodyReader::Parse(R"({"name": " Xã A ", "into": ["1", "2"], "level": "commune"})");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body->String("name", true), "Xã A");
  EXPECT_EQ(body->StringList("into", true)->size(), 2u);
  EXPECT_EQ(body->Enum("level", true, {"province", "commune"}), "commune");
  EXPECT_TRUE(body->Finish().ok());
}

}  // namespace
}  // namespace pcmd::api
