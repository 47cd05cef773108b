// The 2025 reorganisations with the shipped files (data/units): the 2021 tree of Ninh Bình with
// Hà Nam and Nam Định, the tree of 1 January 2025 with its change rows, the merged province of
// 1 July 2025 with its change rows; lineage walks across both changes, confirmation of the rows
// no source settles, and re-imports that change nothing.
// (unit_lineage.cc: ImportChanges, ListChanges, ConfirmChange, Walk, SuccessorsAfter, MergedProvinces,
// ImportTree, Versions; unit_file.cc: ParseChangeFile, ReadTreeFiles.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/units/unit_file.h"
#include "domain/units/unit_tree.h"
#include "testkit/store.h"

namespace pcmd::units {
namespace {

using base::Date;
using ::testing::ElementsAre;

Date D(const char* text) { return Date::Parse(text).value(); }

// "field:code" of each field error of a status.
std::string Fields(const base::Status& s) {
  std::string out;
  for (const auto& f : s.fields()) out += f.field + ":" + f.code + " ";
  return out;
}

std::string Slurp(const std::string& name) {
  std::ifstream in(std::string(PCMD_UNITS_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class UnitLineageTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : UnitMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store_->db().Migrate(migrations).ok());
    tree_ = std::make_unique<UnitTree>(store_->db());
    for (const char* file : {"ninh-binh-units.csv", "ha-nam-nam-dinh-units.csv"}) {
      auto r = tree_->Import("test", ParseUnitFile(Slurp(file)).value(), D("2021-01-01"));
      ASSERT_TRUE(r.ok()) << file << ": " << r.status().ToString();
    }
    auto changes = ParseChangeFile(Slurp("ninh-binh-unit-changes-2025.csv"));
    ASSERT_TRUE(changes.ok()) << changes.status().ToString();
    changes_ = *changes;
  }

  // `pcmd units import FILE --effective DATE --changes ninh-binh-unit-changes-2025.csv`.
  std::pair<ImportReport, ChangeImportReport> Load(const char* file, const char* effective) {
    const Date on = D(effective);
    auto merged = tree_->MergedProvinces(changes_, on);
    EXPECT_TRUE(merged.ok());
    auto tree = tree_->Import("test", ParseUnitFile(Slurp(file)).value(), on, *merged);
    EXPECT_TRUE(tree.ok()) << tree.status().ToString();
    auto lineage = tree_->ImportChanges("test", changes_, on);
    EXPECT_TRUE(lineage.ok()) << lineage.status().ToString();
    return {tree.ok() ? *tree : ImportReport{}, lineage.ok() ? *lineage : ChangeImportReport{}};
  }

  std::vector<std::string> Walk(const char* code, const char* on, const char* later) {
    auto w = tree_->Walk(code, D(on), D(later));
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    return w.ok() ? *w : std::vector<std::string>{};
  }

  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<UnitTree> tree_;
  std::vector<ChangeRow> changes_;
};

TEST_P(UnitLineageTest, BothReorganisationsLoadOnceAndWalk) {
  auto [jan, jan_changes] = Load("ninh-binh-units-2025-01-01.csv", "2025-01-01");
  EXPECT_EQ(jan_changes.added, 152);
  EXPECT_EQ(jan_changes.to_confirm, 18);  // 11 inferred, 7 with no receiving unit
  EXPECT_GT(jan.closed, 0);
  auto [jul, jul_changes] = Load("ninh-binh-units-2025-07-01.csv", "2025-07-01");
  EXPECT_EQ(jul_changes.added, 407);
  EXPECT_EQ(jul_changes.to_confirm, 0);

  // Ninh Bình on each tree: 8 districts, then 7, then none; Hà Nam and Nam Định closed in July.
  EXPECT_EQ(tree_->List({.level = "district", .parent_code = "37", .date = D("2024-12-31")})->total, 8);
  EXPECT_EQ(tree_->List({.level = "district", .parent_code = "37", .date = D("2025-03-01")})->total, 7);
  EXPECT_EQ(tree_->List({.level = "district", .date = D("2025-07-01")})->total, 0);
  EXPECT_EQ(tree_->List({.level = "commune", .date = D("2025-07-01")})->total, 129);
  EXPECT_FALSE(tree_->Find("35", D("2025-07-01")).ok());
  EXPECT_TRUE(tree_->Find("35", D("2025-06-30")).ok());

  // Xã Đông Sơn (14380, Tam Điệp): itself on the 2024 tree (under 370), unchanged in January,
  // Phường Trung Sơn (14365) from July.
  EXPECT_THAT(Walk("14380", "2023-05-01", "2024-12-31"), ElementsAre("14380"));
  EXPECT_EQ(tree_->Find("14380", D("2024-12-31"))->parent_code, "370");
  EXPECT_THAT(Walk("14380", "2023-05-01", "2025-03-01"), ElementsAre("14380"));
  EXPECT_THAT(Walk("14380", "2023-05-01", "2025-07-01"), ElementsAre("14365"));
  auto next = tree_->SuccessorsAfter("14380", D("2025-06-30"));
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].name, "Phường Trung Sơn");
  // Thành phố Ninh Bình (369) went into Thành phố Hoa Lư (374) in January.
  EXPECT_THAT(Walk("369", "2024-06-01", "2025-02-01"), ElementsAre("374"));
  // A split: Xã Gia Tân (14503) went to two units in July.
  EXPECT_EQ(Walk("14503", "2024-06-01", "2025-07-01").size(), 2u);

  // Loading the same files again changes nothing.
  auto [jan2, jan2_changes] = Load("ninh-binh-units-2025-01-01.csv", "2025-01-01");
  EXPECT_EQ(jan2.added + jan2.changed + jan2.closed, 0);
  EXPECT_EQ(jan2_changes.added, 0);
  EXPECT_EQ(jan2_changes.unchanged, 152);
  auto [jul2, jul2_changes] = Load("ninh-binh-units-2025-07-01.csv", "2025-07-01");
  EXPECT_EQ(jul2.added + jul2.changed + jul2.closed, 0);
  EXPECT_EQ(jul2_changes.added, 0);
}

TEST_P(UnitLineageTest, RowsNoSourceSettlesWaitForAnOfficer) {
  Load("ninh-binh-units-2025-01-01.csv", "2025-01-01");
  auto waiting = tree_->ListChanges(D("2025-01-01"), /*to_confirm_only=*/true);
  ASSERT_TRUE(waiting.ok());
  ASSERT_EQ(waiting->size(), 18u);
  const LineageEntry* ninh_xuan = nullptr;
  for (const auto& e : *waiting) {
    if (e.from_code == "14545") ninh_xuan = &e;
  }
  ASSERT_NE(ninh_xuan, nullptr);
  EXPECT_FALSE(ninh_xuan->to_code);
  EXPECT_EQ(ninh_xuan->from_name, "Xã Ninh Xuân");
  // Until confirmed the walk stops at the closed unit (nothing is guessed).
  EXPECT_THAT(Walk("14545", "2024-01-01", "2025-03-01"), ElementsAre("14545"));
  EXPECT_FALSE(tree_->Find("14545", D("2025-03-01")).ok());
  // Confirming without a receiving unit is refused; a unit that does not exist then too.
  auto unnamed = tree_->ConfirmChange("officer", ninh_xuan->id, std::nullopt);
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(Fields(unnamed.status()), "new_code:required ");
  auto unknown = tree_->ConfirmChange("officer", ninh_xuan->id, "99999");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(Fields(unknown.status()), "new_code:not_found ");
  auto confirmed = tree_->ConfirmChange("officer", ninh_xuan->id, "14551");  // Xã Ninh Hải
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  EXPECT_EQ(confirmed->status, "confirmed");
  EXPECT_EQ(confirmed->confirmed_by, "officer");
  EXPECT_THAT(Walk("14545", "2024-01-01", "2025-03-01"), ElementsAre("14551"));
  EXPECT_EQ(tree_->ListChanges(D("2025-01-01"), true)->size(), 17u);
  // Re-importing the file keeps the correction.
  auto again = tree_->ImportChanges("test", changes_, D("2025-01-01"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_THAT(Walk("14545", "2024-01-01", "2025-03-01"), ElementsAre("14551"));
}

TEST_P(UnitLineageTest, ChangeRowsMustNameUnitsOfTheirDates) {
  // The July rows before the July tree: refused, the tree comes first.
  Load("ninh-binh-units-2025-01-01.csv", "2025-01-01");
  auto early = tree_->ImportChanges("test", changes_, D("2025-07-01"));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(Fields(early.status()), "effective:tree_missing ");
  EXPECT_TRUE(tree_->ListChanges(D("2025-07-01"), false)->empty());  // nothing half-written
  // A row naming a unit that does not exist on its dates.
  std::vector<ChangeRow> wrong = {{2, D("2025-01-01"), "14380", "Xã Đông Sơn", "99999", "Không có", "merge", "text:x"},
                                  {3, D("2025-01-01"), "88888", "Không có", "14380", "Xã Đông Sơn", "merge", "text:x"}};
  auto refused = tree_->ImportChanges("test", wrong, D("2025-01-01"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.status()), "line 2: new_code:not_found line 3: old_code:not_found ");
  auto bad = ParseChangeFile("effective_date,old_code,old_name,new_code,new_name,kind\n2025-13-01,1,a,2,b,merge\n"
                             "2025-01-01,1,a,,b,rename\n2025-01-01,1,a,2,b,swap\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(Fields(bad.status()), "line 2: effective_date:invalid_format line 3: new_code:required line 4: kind:invalid_value ");
}

TEST_P(UnitLineageTest, ImportTreeLoadsBothFilesAtOnceOrNothing) {
  const std::string changes = Slurp("ninh-binh-unit-changes-2025.csv");
  auto jan = ReadTreeFiles(Slurp("ninh-binh-units-2025-01-01.csv"), changes);
  ASSERT_TRUE(jan.ok()) << jan.status().ToString();
  auto first = tree_->ImportTree("test", *jan, D("2025-01-01"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->units.closed, 0);
  ASSERT_TRUE(first->changes);
  EXPECT_EQ(first->changes->added, 152);
  EXPECT_EQ(first->changes->to_confirm, 18);
  // The same files again change nothing.
  auto again = tree_->ImportTree("test", *jan, D("2025-01-01"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->units.added + again->units.changed + again->units.closed, 0);
  EXPECT_EQ(again->changes->added, 0);
  EXPECT_EQ(again->changes->unchanged, 152);

  // The July tree with one change row naming a unit that does not exist: the tree (which would
  // close Hà Nam and Nam Định) is not stored either.
  const std::string bad_changes = "effective_date,old_code,old_name,new_code,new_name,kind,source\n"
                                  "2025-07-01,35,Tỉnh Hà Nam,37,Tỉnh Ninh Bình,merge,text:x\n"
                                  "2025-07-01,14380,Xã Đông Sơn,14365,Phường Trung Sơn,merge,text:x\n"
                                  "2025-07-01,14383,Không có,99999,Không có,merge,text:x\n";
  auto july = ReadTreeFiles(Slurp("ninh-binh-units-2025-07-01.csv"), bad_changes);
  ASSERT_TRUE(july.ok()) << july.status().ToString();
  auto refused = tree_->ImportTree("test", *july, D("2025-07-01"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(Fields(refused.status()), "changes_csv: line 4: old_code:not_found changes_csv: line 4: new_code:not_found ");
  EXPECT_TRUE(tree_->Find("35", D("2025-07-01")).ok());
  EXPECT_EQ(tree_->List({.level = "district", .parent_code = "37", .date = D("2025-07-01")})->total, 7);
  EXPECT_TRUE(tree_->ListChanges(D("2025-07-01"), false)->empty());

  // A unit file row whose parent is nowhere: named with its file and line.
  auto orphan = ReadTreeFiles("code,name,level,type,parent_code\n14999,Xã Mới,commune,Xã,999\n", std::nullopt);
  ASSERT_TRUE(orphan.ok());
  auto no_parent = tree_->ImportTree("test", *orphan, D("2025-07-01"));
  ASSERT_FALSE(no_parent.ok());
  EXPECT_EQ(Fields(no_parent.status()), "units_csv: line 2: parent_code:not_found ");
}

TEST_P(UnitLineageTest, VersionsCountTheUnitsOfEachTreeByLevel) {
  using Levels = std::map<std::string, std::int64_t>;
  auto one = tree_->Versions();
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].from, D("2021-01-01"));
  EXPECT_FALSE((*one)[0].to);
  // Ninh Bình (8 districts, 143 communes) with Hà Nam and Nam Định (15 districts, 284 communes).
  EXPECT_EQ((*one)[0].levels, (Levels{{"province", 3}, {"district", 23}, {"commune", 427}}));

  Load("ninh-binh-units-2025-01-01.csv", "2025-01-01");
  Load("ninh-binh-units-2025-07-01.csv", "2025-07-01");
  auto three = tree_->Versions();
  ASSERT_TRUE(three.ok()) << three.status().ToString();
  ASSERT_EQ(three->size(), 3u);
  EXPECT_EQ((*three)[0].to, D("2024-12-31"));
  EXPECT_EQ((*three)[1].from, D("2025-01-01"));
  EXPECT_EQ((*three)[1].to, D("2025-06-30"));
  EXPECT_EQ((*three)[1].levels, (Levels{{"province", 3}, {"district", 22}, {"commune", 409}}));
  EXPECT_EQ((*three)[2].from, D("2025-07-01"));
  EXPECT_FALSE((*three)[2].to);
  EXPECT_EQ((*three)[2].levels, (Levels{{"province", 1}, {"district", 0}, {"commune", 129}}));
}

INSTANTIATE_TEST_SUITE_P(Engines, UnitLineageTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::units
