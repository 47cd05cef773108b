// The text of statements as the store runs them (statement_text.cc): migrations split into their
// statements, placeholders numbered for positional binding.
#include "store/statement_text.h"

#include <gtest/gtest.h>

namespace pcmd::store {
namespace {

TEST(SplitStatements, SplitsAtSemicolonAndNewlineAndDropsBlankOnes) {
  EXPECT_EQ(SplitStatements("CREATE TABLE a (x TEXT);\nCREATE INDEX a_x ON a (x);\n"),
            (std::vector<std::string>{"CREATE TABLE a (x TEXT)", "CREATE INDEX a_x ON a (x)"}));
  EXPECT_EQ(SplitStatements("INSERT INTO a VALUES ('x;y');\n  \n;\nSELECT 1"),
            (std::vector<std::string>{"INSERT INTO a VALUES ('x;y')", "SELECT 1"}));
  EXPECT_TRUE(SplitStatements("").empty());
  EXPECT_TRUE(SplitStatements(" \n\t").empty());
}

TEST(NumberPlaceholders, EveryOccurrenceGetsItsOwnNumberInOrder) {
  EXPECT_EQ(NumberPlaceholders("SELECT * FROM t WHERE a = :a AND b = :b AND c = :a"),
            "SELECT * FROM t WHERE a = :p1 AND b = :p2 AND c = :p3");
  EXPECT_EQ(NumberPlaceholders("VALUES (:1, :2, :1)"), "VALUES (:p1, :p2, :p3)");
  EXPECT_EQ(NumberPlaceholders("SELECT :unit_code"), "SELECT :p1");
}

TEST(NumberPlaceholders, QuotedTextAndCastsAreKept) {
  EXPECT_EQ(NumberPlaceholders("SELECT ':a', \":b\" FROM t WHERE x = :x"), "SELECT ':a', \":b\" FROM t WHERE x = :p1");
  EXPECT_EQ(NumberPlaceholders("SELECT data::jsonb ->> 'k' FROM t WHERE id = :id"),
            "SELECT data::jsonb ->> 'k' FROM t WHERE id = :p1");
  EXPECT_EQ(NumberPlaceholders("SELECT 'it''s :x' WHERE a = :a"), "SELECT 'it''s :x' WHERE a = :p1");
  EXPECT_EQ(NumberPlaceholders("SELECT 1 WHERE a = : b"), "SELECT 1 WHERE a = : b");  // a lone colon
  EXPECT_EQ(NumberPlaceholders(""), "");
}

}  // namespace
}  // namespace pcmd::store
