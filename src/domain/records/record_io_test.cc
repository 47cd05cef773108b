#include "domain/records/record_io.h"

#include <gtest/gtest.h>

#include "access/unit_scope.h"
#include "base/csv.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::records {
namespace {

using base::Date;

constexpr const char* kTree =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "374,Huyện Hoa Lư,district,Huyện,37\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n";

RecordType Activity() {
  RecordType t;
  t.id = "activity";
  t.path = "activities";
  t.date_label_vi = "Ngày tổ chức";
  t.fields = {
      {"form", FieldKind::kCode, true, "Hình thức", "Form", 0, 0, 0, "communication_form"},
      {"organiser", FieldKind::kText, true, "Cơ quan tổ chức", "Organiser", 200},
      {"audience_count", FieldKind::kInteger, false, "Số người", "Audience", 0, 0, 100000},
  };
  return t;
}

class RecordIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testkit::TestStore>(store::Engine::kSqlite);
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : RecordMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store_->db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(store_->db());
    ASSERT_TRUE(tree_->Import("t", units::ParseUnitFile(kTree).value(), Date::Parse("2021-01-01").value()).ok());
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    codes_ = std::make_unique<CodeLists>(store_->db());
    records_ = std::make_unique<RecordStore>(store_->db(), *tree_, *policy_, *codes_);
  }

  ImportReport Import(const std::string& csv, bool valid_only) {
    auto r = ImportSheet(*records_, subject_, "t", type_, base::ParseCsv(csv), *codes_, valid_only);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }

  RecordType type_ = Activity();
  access::Subject subject_{"p", access::Role::kProvinceOfficer, "37"};
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<CodeLists> codes_;
  std::unique_ptr<RecordStore> records_;
};

TEST_F(RecordIoTest, GoodFileImportsOnceByLabelsOrCodes) {
  const std::string csv =
      "Mã đơn vị (unit),Ngày tổ chức,Hình thức,organiser,Số người (audience_count)\n"
      "14347,2023-03-01,Hội nghị tọa đàm,UBND xã,40\n"
      "374,2023-04-02,stage,Phòng LĐTBXH,120\n";
  ImportReport first = Import(csv, false);
  EXPECT_TRUE(first.stored);
  EXPECT_EQ(first.created, 2);
  EXPECT_TRUE(first.problems.empty());
  ImportReport again = Import(csv, false);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.unchanged, 2);
  auto page = records_->List(subject_, type_, {});
  ASSERT_EQ(page->total, 2);
}

TEST_F(RecordIoTest, OneBadRowStopsTheWholeFileUnlessValidRowsAreChosen) {
  const std::string csv =
      "unit,date,form,organiser,audience_count\n"
      "14347,2023-03-01,meeting,UBND xã,40\n"
      "14347,2023-02-30,nope,,many\n"
      "99999,2023-03-01,meeting,X,1\n";
  ImportReport all = Import(csv, false);
  EXPECT_FALSE(all.stored);
  EXPECT_EQ(all.rejected, 2);
  std::set<std::string> problems;
  for (const auto& p : all.problems) problems.insert(std::to_string(p.line) + ":" + p.field + ":" + p.code);
  EXPECT_TRUE(problems.count("3:date:invalid_date"));
  EXPECT_TRUE(problems.count("3:audience_count:invalid_number"));
  EXPECT_TRUE(problems.count("3:form:invalid_code"));
  EXPECT_TRUE(problems.count("3:organiser:required"));
  EXPECT_TRUE(problems.count("4:unit:not_found"));
  EXPECT_EQ(records_->List(subject_, type_, {})->total, 0);
  ImportReport valid = Import(csv, true);
  EXPECT_TRUE(valid.stored);
  EXPECT_EQ(valid.created, 1);
  EXPECT_EQ(records_->List(subject_, type_, {})->total, 1);
}

TEST_F(RecordIoTest, ExportNeutralisesFormulas) {
  Import("unit,date,form,organiser,audience_count\n14347,2023-03-01,meeting,\"=cmd|' /C calc'!A0\",40\n", false);
  auto page = records_->List(subject_, type_, {});
  std::string csv;
  for (const auto& row : SheetRows(type_, page->items, {{"14347", "Xã Ninh Nhất"}})) csv += base::CsvLine(row);
  EXPECT_NE(csv.find("'=cmd"), std::string::npos);
  EXPECT_NE(csv.find("Hình thức (form)"), std::string::npos);
  EXPECT_NE(csv.find("Xã Ninh Nhất"), std::string::npos);
}

TEST_F(RecordIoTest, PlainExportRoundTripsExactly) {
  Import("unit,date,form,organiser,audience_count\n14347,2023-03-01,meeting,UBND xã Ninh Nhất,40\n", false);
  auto before = records_->List(subject_, type_, {});
  std::string csv;
  for (const auto& row : SheetRows(type_, before->items, {})) csv += base::CsvLine(row);
  ImportReport back = Import(csv, false);
  EXPECT_TRUE(back.problems.empty());
  EXPECT_EQ(back.unchanged, 1);
  EXPECT_EQ(back.created, 0);
}

TEST_F(RecordIoTest, UnknownColumnsAndMissingHeaderAreReported) {
  ImportReport r = Import("unit,ngay,form\n14347,2023-01-01,meeting\n", false);
  EXPECT_FALSE(r.stored);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_EQ(r.problems[0].line, 1);
}

}  // namespace
}  // namespace pcmd::records
