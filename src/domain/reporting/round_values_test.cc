// Tests of the values imported into reporting rounds (round_values.cc), on both engines.
#include "domain/reporting/round_values.h"

#include <gtest/gtest.h>

#include "testkit/unit_world.h"

namespace pcmd::reporting {
namespace {

using access::Role;
using access::Subject;
using base::Date;
using base::StatusCode;

Date D(const char* t) { return Date::Parse(t).value(); }

constexpr const char* kTree =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "369,Thành phố Ninh Bình,district,Thành phố,37\n"
    "14320,Phường Đông Thành,commune,Phường,369\n"
    "374,Huyện Hoa Lư,district,Huyện,37\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n";

std::vector<store::Migration> Migrations() {
  std::vector<store::Migration> out;
  for (auto& m : ReportingMigrations()) out.push_back(m);
  for (auto& m : RoundValueMigrations()) out.push_back(m);
  return out;
}

class RoundValuesTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    world_ = std::make_unique<testkit::UnitWorld>(GetParam(), Migrations(), kTree);
    ASSERT_TRUE(world_->status().ok()) << world_->status().ToString();
    rounds_ = std::make_unique<ReportRounds>(db(), world_->tree(), world_->policy(),
                                             [] { return D("2025-07-01"); });
    values_ = std::make_unique<RoundValues>(db(), world_->policy());
    auto r = rounds_->Create(province_, "prov",
                             {.name = "Báo cáo 6 tháng đầu năm 2025",
                              .kind = "six_month",
                              .period = "2025H1",
                              .unit_code = "37",
                              .level = std::string("district"),
                              .due_on = D("2025-07-15"),
                              .plan_id = "plan-184"});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    round_ = *r;
  }

  store::Database& db() { return world_->db(); }

  std::int64_t Count(const char* sql) {
    std::int64_t n = -1;
    EXPECT_TRUE(db().Read([&](store::Transaction& tx) -> base::Status {
                      auto rows = tx.Query(sql);
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      return base::Status::Ok();
                    })
                    .ok());
    return n;
  }

  std::unique_ptr<testkit::UnitWorld> world_;
  std::unique_ptr<ReportRounds> rounds_;
  std::unique_ptr<RoundValues> values_;
  Round round_;
  Subject province_{"prov", Role::kProvinceOfficer, "37"};
  Subject district_{"d369", Role::kDistrictOfficer, "369"};
  Subject viewer_{"v37", Role::kViewer, "37"};
  Subject other_{"other", Role::kProvinceOfficer, "35"};
};

TEST_P(RoundValuesTest, AReImportReplacesTheValuesAndNeverDuplicatesThem) {
  const std::vector<ValueToImport> in = {{0, "369", "T1", "2025H1", "12"},
                                         {1, "374", "T1", "2025H1", "7.5"},
                                         {2, "14347", "T1", "2025H1", "1"},  // not the round's
                                         {3, "369", "T2", "2025H2", "1"}};   // not its period
  auto first = values_->Import(province_, "prov", round_.id, in);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->imported, 2);
  EXPECT_EQ(first->updated, 0);
  EXPECT_EQ(first->ignored, 2);

  auto again = values_->Import(province_, "prov", round_.id, in);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->imported, 0);
  EXPECT_EQ(again->updated, 2);
  EXPECT_EQ(again->ignored, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM report_round_values"), 2);

  auto changed = values_->Import(province_, "prov", round_.id, {{0, "369", "T1", "2025H1", "13"}});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->updated, 1);
  auto list = values_->List(province_, round_.id);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].unit_code, "369");
  EXPECT_EQ((*list)[0].value, "13");
  EXPECT_EQ((*list)[0].imported_by, "prov");
  EXPECT_EQ((*list)[1].unit_code, "374");
  EXPECT_EQ((*list)[1].value, "7.5");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM change_log WHERE entity = 'report_round_values'"), 3);
}

TEST_P(RoundValuesTest, OnlyTheRoundsApproverImportsAndReadersSeeTheirUnits) {
  ASSERT_TRUE(values_
                  ->Import(province_, "prov", round_.id,
                           {{0, "369", "T1", "2025H1", "1"}, {1, "374", "T1", "2025H1", "2"}})
                  .ok());
  EXPECT_EQ(values_->Import(district_, "d", round_.id, {}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(values_->Import(viewer_, "v", round_.id, {}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(values_->Import(other_, "o", round_.id, {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(values_->Import(province_, "p", "no-such-round", {}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(values_->RoundToImport(district_, round_.id).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_TRUE(values_->RoundToImport(province_, round_.id).ok());

  auto district = values_->List(district_, round_.id);
  ASSERT_TRUE(district.ok()) << district.status().ToString();
  ASSERT_EQ(district->size(), 1u);
  EXPECT_EQ((*district)[0].unit_code, "369");
  EXPECT_EQ(values_->List(viewer_, round_.id)->size(), 2u);
  EXPECT_EQ(values_->List(other_, round_.id).status().code(), StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Engines, RoundValuesTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::reporting
