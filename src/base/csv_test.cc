#include "base/csv.h"

#include <gtest/gtest.h>

namespace pcmd::base {
namespace {

TEST(ParseCsv, HandlesQuotesEmbeddedCommasAndBom) {
  auto recs = ParseCsv("\xEF\xBB\xBF" "a,\"b,c\",\"d \"\"e\"\"\"\r\nx,y,z\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0][0], "a");
  EXPECT_EQ(recs[0][1], "b,c");
  EXPECT_EQ(recs[0][2], "d \"e\"");
  EXPECT_EQ(recs[1][2], "z");
}

TEST(CsvField, NeutralisesFormulasButNotNumbers) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("+84912"), "+84912");
  EXPECT_EQ(CsvField("-5"), "-5");
  EXPECT_EQ(CsvField("-x"), "'-x");
  EXPECT_EQ(CsvField("Xã Ninh Nhất"), "Xã Ninh Nhất");
}

TEST(CsvLine, RoundTripsThroughParseCsv) {
  const std::vector<std::string> fields = {"a,b", "say \"hi\"", "line\nbreak", ""};
  auto recs = ParseCsv(CsvLine(fields));
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0], fields);
}

TEST(CsvLine, FirstFieldStartingWithAByteOrderMarkRoundTrips) {
  const std::vector<std::string> fields = {"\xEF\xBB\xBFx", "y"};
  EXPECT_EQ(ParseCsv(CsvLine(fields)), std::vector<std::vector<std::string>>{fields});
}

}  // namespace
}  // namespace pcmd::base
