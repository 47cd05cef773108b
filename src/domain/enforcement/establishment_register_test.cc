#include "domain/enforcement/establishment_register.h"

#include <gtest/gtest.h>

#include "access/accounts.h"
#include "access/unit_scope.h"
#include "domain/enforcement/enforcement_types.h"
#include "domain/enforcement/inspection_plans.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::enforcement {
namespace {

using base::Date;

TEST(ScoreRisk, AddsTheDocumentedPointsAndNamesEveryReason) {
  EstablishmentStatus s;
  ScoreRisk(s, 2024, "", "2024-06-01", false);
  EXPECT_EQ(s.risk_score, 2);  // never inspected
  EXPECT_EQ(s.risk_level, "low");
  s.is_ever_inspected = true;
  s.inspected_years = {2021};
  s.violations_recent = 4;  // capped at +9
  s.open_tips = 1;
  ScoreRisk(s, 2024, "2024-01-01", "2024-06-01", true);
  EXPECT_EQ(s.risk_score, 9 + 3 + 2 + 1 + 1);
  EXPECT_EQ(s.risk_level, "high");
  ASSERT_EQ(s.reasons.size(), 5u);
  EXPECT_EQ(s.reasons[0].code, "violations");
  EXPECT_FALSE(s.reasons[0].message_vi.empty());
}

class EstablishmentRegisterTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : access::AccessMigrations()) migrations.push_back(m);
    for (auto& m : records::RecordMigrations()) migrations.push_back(m);
    for (auto& m : EnforcementTypeMigrations()) migrations.push_back(m);
    for (auto& m : InspectionPlanMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store_->db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(store_->db());
    ASSERT_TRUE(tree_->Import("t", units::ParseUnitFile("code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n"
                                                        "369,Thành phố Ninh Bình,district,Thành phố,37\n"
                                                        "14347,Xã Ninh Nhất,commune,Xã,369\n")
                                         .value(),
                              Date::Parse("2021-01-01").value())
                    .ok());
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    codes_ = std::make_unique<records::CodeLists>(store_->db());
    records_ = std::make_unique<records::RecordStore>(store_->db(), *tree_, *policy_, *codes_);
    accounts_ = std::make_unique<access::AccountStore>(store_->db(), *policy_, *scope_);
    auto inspector = accounts_->CreateSystem("t", {"insp.one", "Thanh tra", "inspector", "369", "long-password-184", false},
                                             nullptr);
    ASSERT_TRUE(inspector.ok()) << inspector.status().ToString();
    inspector_ = {inspector->id, access::Role::kInspector, "369"};
    register_ = std::make_unique<EstablishmentRegister>(
        store_->db(), *records_, *tree_, [] { return std::map<std::string, int>{}; });
  }

  std::string Add(const records::RecordType& type, const char* date, records::Values values) {
    bool created = false;
    auto r = records_->Create(officer_, "p1", type, {std::nullopt, "14347", Date::Parse(date).value(), values}, &created);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->id : "";
  }
  std::string Inspect(const std::string& establishment, const char* date, const char* result) {
    records::Values v = {{"establishment", establishment}, {"decision_number", std::string("1/QĐ")},
                         {"lead_agency", std::string("police")}, {"members", std::vector<std::string>{inspector_.account_id}},
                         {"result", std::string(result)}};
    if (std::string(result) == "violation") v["violation_kinds"] = std::vector<std::string>{"prostitution"};
    return Add(Inspection(), date, v);
  }

  access::Subject officer_{"p1", access::Role::kProvinceOfficer, "37"};
  access::Subject inspector_;
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<records::CodeLists> codes_;
  std::unique_ptr<records::RecordStore> records_;
  std::unique_ptr<access::AccountStore> accounts_;
  std::unique_ptr<EstablishmentRegister> register_;
};

TEST_P(EstablishmentRegisterTest, InspectedFlagsAreDerivedAcrossYears) {
  const std::string a = Add(Establishment(), "2021-02-01",
                            {{"name", std::string("Karaoke A")}, {"kind", std::string("karaoke")}, {"address", std::string("x")}});
  const std::string b = Add(Establishment(), "2021-02-01",
                            {{"name", std::string("Nhà nghỉ B")}, {"kind", std::string("lodging")}, {"address", std::string("y")},
                             {"closed_on", std::string("2023-06-30")}});
  Inspect(a, "2022-05-10", "violation");
  Inspect(a, "2024-03-01", "compliant");
  auto by_year = [&](int year) {
    auto all = register_->Statuses(officer_, std::nullopt, year);
    EXPECT_TRUE(all.ok());
    std::map<std::string, EstablishmentStatus> out;
    for (auto& s : *all) out[s.id] = s;
    return out;
  };
  auto y2021 = by_year(2021);
  EXPECT_FALSE(y2021[a].is_ever_inspected);
  EXPECT_FALSE(y2021[a].is_inspected_this_year);
  auto y2022 = by_year(2022);
  EXPECT_TRUE(y2022[a].is_ever_inspected);
  EXPECT_TRUE(y2022[a].is_inspected_this_year);
  EXPECT_EQ(y2022[a].violations_recent, 1);
  EXPECT_EQ(y2022[a].district_code, "369");
  auto y2023 = by_year(2023);
  EXPECT_TRUE(y2023[a].is_ever_inspected);  // stays inspected
  EXPECT_FALSE(y2023[a].is_inspected_this_year);
  EXPECT_EQ(y2023[a].risk_level, "high");  // violation with prostitution within 3 years
  EXPECT_TRUE(y2023[b].is_closed);
  EXPECT_FALSE(y2021[b].is_closed);
  auto y2024 = by_year(2024);
  EXPECT_EQ(y2024[a].inspected_years, (std::vector<int>{2022, 2024}));
  EXPECT_EQ(y2024[a].last_inspected, "2024-03-01");
  // the inspector sees the establishment's derived history, not only its own inspections
  auto mine = register_->StatusOf(inspector_, a, 2024);
  ASSERT_TRUE(mine.ok());
  EXPECT_TRUE(mine->is_inspected_this_year);
}

TEST_P(EstablishmentRegisterTest, APlanIsProposedStoredApprovedAndFollowed) {
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i) {
    ids.push_back(Add(Establishment(), "2021-02-01",
                      {{"name", std::string("Cơ sở ") + std::to_string(i)}, {"kind", std::string("cafe")},
                       {"address", std::string("Số ") + std::to_string(i)}}));
  }
  Inspect(ids[0], "2024-02-01", "compliant");
  InspectionPlans plans(store_->db(), *policy_, *register_);
  PlanInput in;
  in.year = 2025;
  in.first_month = 3;
  in.teams = {{"doan-1", {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, {}}};
  auto proposal = plans.Propose(officer_, "37", in);
  ASSERT_TRUE(proposal.ok()) << proposal.status().ToString();
  // 2025 is the plan's last year: the nine never inspected all go in
  EXPECT_TRUE(proposal->is_feasible());
  EXPECT_EQ(proposal->items.size(), 9u);
  EXPECT_EQ(plans.Propose(inspector_, "369", in).status().code(), base::StatusCode::kPermissionDenied);

  StoredPlan draft;
  draft.unit_code = "37";
  draft.year = 2025;
  draft.first_month = 3;
  draft.teams = in.teams;
  draft.items = proposal->items;
  auto stored = plans.Create(officer_, "p1", draft);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  auto bad = draft;
  bad.items.push_back(bad.items.front());
  EXPECT_FALSE(plans.Create(officer_, "p1", bad).ok());
  auto approved = plans.Approve(officer_, "p1", stored->id, stored->version);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(plans.Update(officer_, "p1", stored->id, approved->version, draft.teams, {}).status().code(),
            base::StatusCode::kFailedPrecondition);
  // the district's inspector reads the plan of the province? no: only plans of their unit and below
  EXPECT_EQ(plans.Get(inspector_, stored->id).status().code(), base::StatusCode::kNotFound);
  Inspect(approved->items.front().establishment_id, "2025-03-20", "compliant");
  auto progress = plans.Progress(officer_, *approved, {2025, 6, 15});
  ASSERT_TRUE(progress.ok()) << progress.status().ToString();
  EXPECT_EQ(progress->done, 1);
  EXPECT_EQ(progress->done + progress->overdue + progress->planned, 9);
  EXPECT_GT(progress->overdue, 0);  // March to May have passed
}

INSTANTIATE_TEST_SUITE_P(Engines, EstablishmentRegisterTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::enforcement
