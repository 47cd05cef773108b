#include "api/query_params.h"

#include <gtest/gtest.h>

namespace pcmd::api {
namespace {

http::Request WithQuery(std::vector<std::pair<std::string, std::string>> query) {
  http::Request r;
  r.query = std::move(query);
  return r;
}

TEST(QueryParams, ReadsGoodValuesAndDefaults) {
  http::Request r = WithQuery({{"q", "  ninh nhat "}, {"limit", "20"}, {"date", "2023-05-01"},
                               {"level", "commune"}});
  QueryParams q(r);
  EXPECT_EQ(q.Text("q"), "ninh nhat");
  EXPECT_EQ(q.Limit(), 20);
  EXPECT_EQ(q.Offset(), 0);
  EXPECT_EQ(q.DateOr("date", base::Date()).ToString(), "2023-05-01");
  EXPECT_EQ(q.Enum("level", {"province", "commune"}), "commune");
  EXPECT_TRUE(q.Finish().ok());
}

TEST(QueryParams, NamesEveryBadParameterAsAMalformedQuery) {
  http::Request r = WithQuery({{"limit", "5000"}, {"offset", "-1"}, {"date", "2023-02-30"},
                               {"level", "hamlet"}});
  QueryParams q(r);
  EXPECT_EQ(q.Limit(), 50);
  EXPECT_EQ(q.Offset(), 0);
  q.DateOr("date", base::Date());
  EXPECT_FALSE(q.Enum("level", {"province", "commune"}));
  base::Status s = q.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.machine_code(), "invalid_query");
  std::vector<std::string> fields;
  for (const auto& f : s.fields()) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"limit", "offset", "date", "level"}));
}

}  // namespace
}  // namespace pcmd::api
