#include "plan/plan.h"

#include <gtest/gtest.h>

namespace pcmd::plan {
namespace {

const std::map<std::string, std::map<std::string, std::string>> kFacts = {
    {"activity", {{"setting", "text"}, {"people", "integer"}, {"done", "bool"}, {"topics", "list"},
                  {"closed_on", "date"}, {"school", "ref"}, {"year", "integer"}}},
    {"press", {{"outlet", "text"}}},
};

constexpr const char* kHead =
    "id = \"p\"\nname_vi = \"Kế hoạch\"\nname_en = \"Plan\"\nstart = 2021-01-01\nend = 2025-12-31\n"
    "units = [\"37\"]\n";  // 6 lines

std::string WithTarget(const std::string& body) {
  return std::string(kHead) +
         "[[targets]]\nid = \"T1\"\nname_vi = \"a\"\nname_en = \"b\"\nlevel = \"commune\"\nperiod = \"year\"\n" + body;
}

TEST(Plan, ParsesEveryMeasureAndCondition) {
  auto p = ParsePlan(WithTarget("value = \"percent\"\ncomparison = \"at_least\"\ntarget = 70\ncap_at_100 = true\n"
                            "numerator = { measure = \"units\", level = \"commune\", of = \"activity\", each = \"quarter\", "
                            "where = { setting = [\"school\", \"community\"], done = true, topics = { has_any = true }, "
                            "year = \"$year\", closed_on = { before = \"$asof\" }, school = { present = true } } }\n"
                            "denominator = { measure = \"count\", of = \"activity\", span = \"existing\", until = \"closed_on\", "
                            "where_any = [{ done = true }, { people = 3 }] }\n"),
                     "p.toml", kFacts);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->targets.size(), 1u);
  const Target& t = p->targets[0];
  EXPECT_EQ(t.numerator.kind, Measure::Kind::kUnits);
  EXPECT_EQ(t.numerator.each, "quarter");
  ASSERT_EQ(t.numerator.where.all.size(), 6u);
  EXPECT_EQ(t.denominator->span, Span::kExisting);
  EXPECT_EQ(t.denominator->where.any.size(), 2u);
  EXPECT_TRUE(t.cap_at_100);
  EXPECT_EQ(p->start, base::Date::FromCivil(2021, 1, 1));
}

// Each bad definition is refused with its line and the problem.
TEST(Plan, RefusesBadDefinitionsWithTheirLine) {
  struct Case {
    std::string body;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"value = \"percent\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"nothing\" }\n"
       "denominator = { measure = \"months\" }\n",
       "p.toml:16: target T1 numerator: no fact type 'nothing'"},
      {"value = \"percent\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"press\" }\n",
       "p.toml:7: target T1: a percent needs a 'denominator'"},
      {"value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"sum\", of = \"activity\", field = \"setting\" }\n",
       "'setting' is not a number"},
      {"value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"activity\", where = { colour = 1 } }\n",
       "p.toml:16: 'activity' has no field 'colour'"},
      {"value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"activity\", where = { done = \"yes\" } }\n",
       "field 'done' is true or false"},
      {"value = \"count\"\ncomparison = \"roughly\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"press\" }\n",
       "p.toml:14: target T1: comparison is at_least, at_most or between"},
      {"value = \"count\"\ncomparison = \"between\"\ntarget = 5\ntarget_max = 3\nnumerator = { measure = \"count\", of = \"press\" }\n",
       "target_max is below target"},
      {"value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"press\", span = \"forever\" }\n",
       "unknown span 'forever'"},
      {"value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\ncolour = 2\nnumerator = { measure = \"count\", of = \"press\" }\n",
       "p.toml:16: unknown key 'colour' in a target"},
      {"value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"activity\", where = { closed_on = { before = \"$tomorrow\" } } }\n",
       "$tomorrow is not one of $start, $end, $asof"},
      {"value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\nnumerator = { measure = \"count\", of = \"press\" \n",
       "p.toml:16:"},
  };
  for (const auto& c : cases) {
    auto p = ParsePlan(WithTarget(c.body), "p.toml", kFacts);
    ASSERT_FALSE(p.ok()) << c.body;
    EXPECT_NE(p.status().message().find(c.says), std::string::npos) << p.status().message() << "\nwanted: " << c.says;
  }
  auto twice = ParsePlan(WithTarget("value = \"count\"\ncomparison = \"at_least\"\ntarget = 1\n"
                                "numerator = { measure = \"count\", of = \"press\" }\n") +
                             "[[targets]]\nid = \"T1\"\nname_vi = \"a\"\nname_en = \"b\"\nlevel = \"commune\"\n"
                             "period = \"year\"\nvalue = \"count\"\ncomparison = \"at_least\"\ntarget = 1\n"
                             "numerator = { measure = \"count\", of = \"press\" }\n",
                         "p.toml", kFacts);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("p.toml:17: target T1 is defined twice"), std::string::npos)
      << twice.status().message();
}

}  // namespace
}  // namespace pcmd::plan
