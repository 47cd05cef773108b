#include "exports/table_file.h"

#include <gtest/gtest.h>

#include "exports/xlsx_writer.h"

namespace pcmd::exports {
namespace {

TEST(ReadTableFile, ReadsCsvWithOrWithoutABomAndXlsxByItsSignature) {
  auto csv = ReadTableFile("\xEF\xBB\xBF" "a,b\n1,\"x,y\"\n");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ((*csv)[1], (std::vector<std::string>{"1", "x,y"}));
  Sheet sheet;
  sheet.name = "Tờ 1";
  sheet.columns = {{"a", 0}, {"b", 0}};
  sheet.rows = {{Cell(std::string("Ninh Bình")), Cell(std::int64_t{7})}};
  auto bytes = WriteXlsx({sheet});
  ASSERT_TRUE(bytes.ok());
  auto xlsx = ReadTableFile(*bytes);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ((*xlsx)[1], (std::vector<std::string>{"Ninh Bình", "7"}));
}

TEST(ReadTableFile, NamesTheFileFieldWhenItCannotBeRead) {
  auto broken = ReadTableFile(std::string("PK\x03\x04garbage", 11));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().fields().at(0).code, "invalid_xlsx");
  auto latin1 = ReadTableFile("t\xEA" "n,x\n");
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(latin1.status().fields().at(0).field, "file");
  EXPECT_EQ(latin1.status().fields().at(0).code, "invalid_encoding");
}

}  // namespace
}  // namespace pcmd::exports
