#include "domain/units/unit_file.h"

#include <gtest/gtest.h>

namespace pcmd::units {
namespace {

TEST(ParseUnitFile, ReadsRowsWithOptionalParent) {
  auto rows = ParseUnitFile(
      "\xEF\xBB\xBF" "code,name,level,type,parent_code\r\n37,Tỉnh Ninh Bình,province,Tỉnh,\r\n"
      "374,\"Huyện Hoa Lư\",district,Huyện,37\r\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_FALSE((*rows)[0].parent_code);
  EXPECT_EQ((*rows)[1].name, "Huyện Hoa Lư");
  EXPECT_EQ((*rows)[1].parent_code, "37");
  EXPECT_EQ((*rows)[1].line, 3);
}

TEST(ParseUnitFile, ReportsEveryBadRowWithItsLine) {
  auto rows = ParseUnitFile(
      "code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n"
      "x1,,hamlet,Xã,37\n14347,Xã Ninh Nhất,commune,Xã\n");
  ASSERT_FALSE(rows.ok());
  const auto& fields = rows.status().fields();
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].field, "line 3: code");
  EXPECT_EQ(fields[1].field, "line 3: name");
  EXPECT_EQ(fields[2].field, "line 3: level");
  EXPECT_EQ(fields[3].field, "line 4");
}

TEST(ParseUnitFile, RefusesAWrongHeader) {
  auto rows = ParseUnitFile("ma,ten\n1,2\n");
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().fields()[0].field, "header");
}

TEST(ReadTreeFiles, NamesEachProblemAfterItsFile) {
  auto files = ReadTreeFiles("code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\nx1,Xã,commune,Xã,37\n",
                             "effective_date,old_code,old_name,new_code,new_name,kind\n2025-01-01,1,a,2,b,swap\n");
  ASSERT_FALSE(files.ok());
  const auto& fields = files.status().fields();
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].field, "units_csv: line 3: code");
  EXPECT_EQ(fields[1].field, "changes_csv: line 2: kind");
  EXPECT_EQ(files.status().code(), base::StatusCode::kInvalidArgument);

  auto named = ReadTreeFiles("ma,ten\n", std::nullopt, "/tmp/units.csv");
  ASSERT_FALSE(named.ok());
  EXPECT_EQ(named.status().fields()[0].field, "/tmp/units.csv: header");

  auto ok = ReadTreeFiles("code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n", std::nullopt);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->units.size(), 1u);
  EXPECT_FALSE(ok->changes);
}

}  // namespace
}  // namespace pcmd::units
