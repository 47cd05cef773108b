#include "domain/units/unit_tree.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::units {
namespace {

using base::Date;
using ::testing::ElementsAre;

Date D(const char* text) { return Date::Parse(text).value(); }

constexpr const char* kTree =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "369,Thành phố Ninh Bình,district,Thành phố,37\n"
    "14320,Phường Đông Thành,commune,Phường,369\n"
    "374,Huyện Hoa Lư,district,Huyện,37\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n"
    "14350,Xã Ninh Mỹ,commune,Xã,374\n";

class UnitTreeTest : public ::testing::TestWithParam<store::Engine> {
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
    auto report = tree_->Import("test", ParseUnitFile(kTree).value(), D("2021-01-01"));
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    EXPECT_EQ(report->added, 6);
  }

  std::vector<std::string> Codes(const UnitQuery& q) {
    auto page = tree_->List(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<std::string> codes;
    for (const auto& u : page->items) codes.push_back(u.code);
    return codes;
  }

  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<UnitTree> tree_;
};

TEST_P(UnitTreeTest, SearchIgnoresDiacriticsAndCase) {
  for (const char* text : {"ninh nhat", "NINH NHẤT", "Ninh Nhất", "  ninh   NHAT "}) {
    EXPECT_THAT(Codes({.text = text, .date = D("2023-05-01")}), ElementsAre("14347")) << text;
  }
  EXPECT_THAT(Codes({.text = "dong thanh", .date = D("2023-05-01")}), ElementsAre("14320"));
  EXPECT_THAT(Codes({.text = "143", .date = D("2023-05-01")}), ElementsAre("14320", "14347", "14350"));
  EXPECT_TRUE(Codes({.text = "100%", .date = D("2023-05-01")}).empty());
}

TEST_P(UnitTreeTest, ListsByLevelAndParentWithChildCounts) {
  auto page = tree_->List({.level = "district", .date = D("2023-01-01")});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  EXPECT_EQ(page->items[1].child_count, 2);
  EXPECT_EQ(page->items[1].parent_name, "Tỉnh Ninh Bình");
  EXPECT_THAT(Codes({.parent_code = "374", .date = D("2023-01-01")}), ElementsAre("14347", "14350"));
  auto paged = tree_->List({.date = D("2023-01-01"), .limit = 2, .offset = 2});
  EXPECT_EQ(paged->total, 6);
  EXPECT_EQ(paged->items.size(), 2u);
}

TEST_P(UnitTreeTest, DetailHasPathChildrenAndCounts) {
  auto d = tree_->Get("14347", D("2023-01-01"));
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->path.size(), 3u);
  EXPECT_EQ(d->path[0].code, "37");
  EXPECT_EQ(d->path[2].code, "14347");
  auto p = tree_->Get("37", D("2023-01-01"));
  EXPECT_EQ(p->counts["district"], 2);
  EXPECT_EQ(p->counts["commune"], 3);
  EXPECT_EQ(p->children.size(), 2u);
  EXPECT_EQ(tree_->Get("99999", D("2023-01-01")).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(tree_->Get("37", D("2020-12-31")).status().code(), base::StatusCode::kNotFound);
}

TEST_P(UnitTreeTest, ImportTwiceChangesNothing) {
  auto again = tree_->Import("test", ParseUnitFile(kTree).value(), D("2021-01-01"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->changed, 0);
  EXPECT_EQ(again->closed, 0);
  EXPECT_EQ(again->unchanged, 6);
}

TEST_P(UnitTreeTest, ImportOfALaterTreeVersionsAndCloses) {
  const std::string later =
      "code,name,level,type,parent_code\n"
      "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
      "374,Thành phố Hoa Lư,district,Thành phố,37\n"
      "14320,Phường Đông Thành,commune,Phường,374\n"
      "14347,Xã Ninh Nhất,commune,Xã,374\n"
      "14350,Xã Ninh Mỹ,commune,Xã,374\n";
  auto r = tree_->Import("test", ParseUnitFile(later).value(), D("2025-01-01"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->changed, 2);  // 374 renamed, 14320 moved
  EXPECT_EQ(r->closed, 1);   // 369
  EXPECT_EQ(r->unchanged, 3);
  EXPECT_EQ(tree_->Find("374", D("2024-12-31"))->name, "Huyện Hoa Lư");
  EXPECT_EQ(tree_->Find("374", D("2025-01-01"))->name, "Thành phố Hoa Lư");
  EXPECT_TRUE(tree_->Find("369", D("2024-12-31")).ok());
  EXPECT_FALSE(tree_->Find("369", D("2025-01-01")).ok());
  auto again = tree_->Import("test", ParseUnitFile(later).value(), D("2025-01-01"));
  EXPECT_EQ(again->unchanged, 5);
  EXPECT_EQ(again->changed + again->added + again->closed, 0);
}

TEST_P(UnitTreeTest, RenameKeepsHistory) {
  UnitChange c{.kind = UnitChange::Kind::kRename, .effective = D("2024-07-01"), .name = "Xã Ninh Nhất Mới"};
  auto u = tree_->Change("test", "14347", c);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(tree_->Find("14347", D("2024-06-30"))->name, "Xã Ninh Nhất");
  EXPECT_EQ(tree_->Find("14347", D("2024-07-01"))->name, "Xã Ninh Nhất Mới");
  auto d = tree_->Get("14347", D("2024-08-01"));
  ASSERT_EQ(d->history.size(), 2u);
  EXPECT_EQ(d->history[0].valid_to->ToString(), "2024-06-30");
}

TEST_P(UnitTreeTest, MergeMovesChildrenToSurvivor) {
  UnitChange c{.kind = UnitChange::Kind::kMerge, .effective = D("2025-01-01"), .into = {"374"}};
  ASSERT_TRUE(tree_->Change("test", "369", c).ok());
  EXPECT_THAT(Codes({.parent_code = "374", .date = D("2025-01-01")}),
              ElementsAre("14320", "14347", "14350"));
  EXPECT_THAT(Codes({.parent_code = "374", .date = D("2024-12-31")}), ElementsAre("14347", "14350"));
  EXPECT_FALSE(tree_->Find("369", D("2025-01-01")).ok());
}

// A unit is below every unit any of its versions was under: the closed district's accounts keep
// the history of the commune that moved to the survivor, whose accounts see it too.
TEST_P(UnitTreeTest, CodesBelowFollowEveryVersion) {
  UnitChange c{.kind = UnitChange::Kind::kMerge, .effective = D("2025-01-01"), .into = {"374"}};
  ASSERT_TRUE(tree_->Change("test", "369", c).ok());
  EXPECT_THAT(*tree_->CodesBelow("369"), ElementsAre("14320", "369"));
  EXPECT_THAT(*tree_->CodesBelow("374"), ElementsAre("14320", "14347", "14350", "374"));
  EXPECT_THAT(*tree_->CodesBelow("37", std::string("369")), ElementsAre("14320", "369"));
}

TEST_P(UnitTreeTest, RefusesBadChanges) {
  UnitChange early{.kind = UnitChange::Kind::kRename, .effective = D("2021-01-01"), .name = "X"};
  EXPECT_EQ(tree_->Change("test", "14347", early).status().code(), base::StatusCode::kInvalidArgument);
  UnitChange split_parent{.kind = UnitChange::Kind::kSplit, .effective = D("2024-01-01"), .into = {"369"}};
  EXPECT_FALSE(tree_->Change("test", "374", split_parent).ok());
  UnitChange close_parent{.kind = UnitChange::Kind::kClose, .effective = D("2024-01-01")};
  EXPECT_FALSE(tree_->Change("test", "374", close_parent).ok());
  UnitChange bad_merge{.kind = UnitChange::Kind::kMerge, .effective = D("2024-01-01"), .into = {"37"}};
  EXPECT_FALSE(tree_->Change("test", "374", bad_merge).ok());
}

TEST_P(UnitTreeTest, CreateIsIdempotentAndRefusesOverlap) {
  NewUnit n{"14999", "Xã Thử", "commune", "Xã", "374", D("2022-01-01")};
  bool created = false;
  ASSERT_TRUE(tree_->Create("test", n, &created).ok());
  EXPECT_TRUE(created);
  ASSERT_TRUE(tree_->Create("test", n, &created).ok());
  EXPECT_FALSE(created);
  n.name = "Xã Khác";
  EXPECT_EQ(tree_->Create("test", n, &created).status().code(), base::StatusCode::kConflict);
  NewUnit orphan{"15000", "Xã Mồ Côi", "commune", "Xã", "999", D("2022-01-01")};
  auto r = tree_->Create("test", orphan, &created);
  ASSERT_EQ(r.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().fields()[0].field, "parent_code");
}

TEST_P(UnitTreeTest, CodesBelowARootNarrowedToAUnitWithinIt) {
  EXPECT_THAT(*tree_->CodesBelow("374"), ElementsAre("14347", "14350", "374"));
  EXPECT_THAT(*tree_->CodesBelow("37", std::string("374")), ElementsAre("14347", "14350", "374"));
  EXPECT_THAT(*tree_->CodesBelow("374", std::string("37")), ElementsAre("14347", "14350", "374"));  // above: the root's
  EXPECT_TRUE(tree_->CodesBelow("374", std::string("369"))->empty());  // beside: nothing
  EXPECT_EQ(tree_->CodesBelow("VN")->size(), 6u);
}

INSTANTIATE_TEST_SUITE_P(Engines, UnitTreeTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::units
