// Tests of the yearly plans in all their files: yearly_plans.cc (plans, issue) and plan_tasks.cc
// (tasks, progress, task lists), on both engines; and the policy's rows for them.
#include "domain/planning/yearly_plans.h"

#include <gtest/gtest.h>

#include <set>

#include "testkit/unit_world.h"

namespace pcmd::planning {
namespace {

using testkit::FieldsOf;

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
    "14347,Xã Ninh Nhất,commune,Xã,374\n"
    "35,Tỉnh Hà Nam,province,Tỉnh,\n";

std::vector<store::Migration> Migrations() {
  std::vector<store::Migration> out;
  for (auto& m : PlanningMigrations()) out.push_back(m);
  return out;
}

class YearlyPlansTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    world_ = std::make_unique<testkit::UnitWorld>(GetParam(), Migrations(), kTree);
    ASSERT_TRUE(world_->status().ok()) << world_->status().ToString();
    plans_ = std::make_unique<YearlyPlans>(db(), world_->tree(), world_->policy(),
                                           [this] { return today_; });
  }

  store::Database& db() { return world_->db(); }

  YearlyPlan MakePlan(const Subject& who = {"prov", Role::kProvinceOfficer, "37"},
                      const std::string& unit = "37") {
    auto r = plans_->Create(who, who.account_id,
                            {.unit_code = unit,
                             .title = "Kế hoạch phòng, chống mại dâm năm 2025",
                             .programme_plan = "plan-184",
                             .year = 2025,
                             .document_number = "45/KH-UBND",
                             .document_date = D("2025-01-20")});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : YearlyPlan{};
  }

  NewTask ForDistrict(const std::string& unit = "369", const char* deadline = "2025-06-30") {
    return {.title = "Tổ chức tuyên truyền tại các cơ sở kinh doanh dịch vụ",
            .description = "Ít nhất 12 buổi",
            .assignee_unit = unit,
            .lead_agency = "Phòng Lao động - Thương binh và Xã hội",
            .cooperating = {"Công an huyện", "Phòng Văn hóa"},
            .targets = {"T1", "T2"},
            .deadline = D(deadline)};
  }

  Task AddTask(const YearlyPlan& plan, const NewTask& task) {
    auto r = plans_->AddTask(province_, "prov", plan.id, task);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Task{};
  }

  std::unique_ptr<testkit::UnitWorld> world_;
  std::unique_ptr<YearlyPlans> plans_;
  Date today_ = D("2025-05-01");
  Subject province_{"prov", Role::kProvinceOfficer, "37"};
  Subject district_{"d369", Role::kDistrictOfficer, "369"};
  Subject district374_{"d374", Role::kDistrictOfficer, "374"};
  Subject commune_{"c14347", Role::kCommuneOfficer, "14347"};
  Subject viewer_{"v37", Role::kViewer, "37"};
  Subject inspector_{"i37", Role::kInspector, "37"};
  Subject worker_{"w374", Role::kSocialWorker, "374"};
};

TEST_P(YearlyPlansTest, APlanIsMadeWithTasksAndIssued) {
  YearlyPlan plan = MakePlan();
  EXPECT_EQ(plan.status, "draft");
  EXPECT_EQ(plan.version, 1);
  Task t = AddTask(plan, ForDistrict());
  EXPECT_EQ(t.progress, "not_started");
  EXPECT_EQ(t.cooperating, (std::vector<std::string>{"Công an huyện", "Phòng Văn hóa"}));
  EXPECT_EQ(t.targets, (std::vector<std::string>{"T1", "T2"}));
  EXPECT_FALSE(t.is_overdue);

  auto got = plans_->Get(province_, plan.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->tasks.size(), 1u);
  EXPECT_EQ(got->tasks[0].lead_agency, "Phòng Lao động - Thương binh và Xã hội");
  EXPECT_EQ(got->document_number, "45/KH-UBND");
  EXPECT_EQ(got->document_date, D("2025-01-20"));
  EXPECT_EQ(plans_->StepsFor(province_, *got),
            (std::vector<std::string>{"update", "issue", "add_task"}));

  // a draft is not the assignee's yet
  EXPECT_EQ(plans_->Get(district_, plan.id).status().code(), StatusCode::kNotFound);
  auto issued = plans_->Issue(province_, "prov", plan.id, 1);
  ASSERT_TRUE(issued.ok()) << issued.status().ToString();
  EXPECT_EQ(issued->status, "issued");
  EXPECT_EQ(issued->version, 2);
  EXPECT_EQ(issued->issued_by, "prov");
  EXPECT_EQ(plans_->StepsFor(province_, *issued), (std::vector<std::string>{"add_task"}));
  // the header and the tasks are fixed once issued; tasks may still be added
  EXPECT_EQ(plans_->Update(province_, "prov", plan.id, 2, {.title = std::string("Khác")})
                .status()
                .machine_code(),
            "invalid_transition");
  EXPECT_EQ(plans_->UpdateTask(province_, "prov", plan.id, t.id, 1, {.title = std::string("Khác")})
                .status()
                .machine_code(),
            "invalid_transition");
  EXPECT_TRUE(plans_->AddTask(province_, "prov", plan.id, ForDistrict("374")).ok());
}

TEST_P(YearlyPlansTest, TheAssigneeSeesItsTasksAndReportsProgress) {
  YearlyPlan plan = MakePlan();
  Task mine = AddTask(plan, ForDistrict("369"));
  Task theirs = AddTask(plan, ForDistrict("374"));
  ASSERT_TRUE(plans_->Issue(province_, "prov", plan.id, 1).ok());

  auto seen = plans_->Get(district_, plan.id);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  ASSERT_EQ(seen->tasks.size(), 1u);
  EXPECT_EQ(seen->tasks[0].id, mine.id);
  EXPECT_TRUE(plans_->StepsFor(district_, *seen).empty());
  // the commune below 374 sees nothing of a task of its district
  EXPECT_EQ(plans_->Get(commune_, plan.id).status().code(), StatusCode::kNotFound);

  // the district reports; the province reads but does not report
  auto p1 = plans_->ReportProgress(district_, "d369", plan.id, mine.id, 1,
                                   {.status = "in_progress", .note = "Đã tổ chức 5 buổi"});
  ASSERT_TRUE(p1.ok()) << p1.status().ToString();
  EXPECT_EQ(p1->progress, "in_progress");
  EXPECT_EQ(p1->version, 2);
  EXPECT_EQ(plans_
                ->ReportProgress(province_, "prov", plan.id, mine.id, 2,
                                 {.status = "done", .evidence = "x"})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(plans_
                ->ReportProgress(district_, "d369", plan.id, theirs.id, 1,
                                 {.status = "done", .evidence = "x"})
                .status()
                .code(),
            StatusCode::kNotFound);
  // done needs evidence; a stale version is refused
  EXPECT_EQ(
      FieldsOf(plans_->ReportProgress(district_, "d369", plan.id, mine.id, 2, {.status = "done"})
                   .status()),
      std::set<std::string>{"evidence:required"});
  EXPECT_EQ(FieldsOf(plans_
                         ->ReportProgress(district_, "d369", plan.id, mine.id, 2,
                                          {.status = "finished", .evidence_link = "ftp://x"})
                         .status()),
            (std::set<std::string>{"status:invalid_value", "evidence_link:invalid_value"}));
  EXPECT_EQ(
      plans_->ReportProgress(district_, "d369", plan.id, mine.id, 1, {.status = "in_progress"})
          .status()
          .machine_code(),
      "stale_version");
  auto p2 = plans_->ReportProgress(district_, "d369", plan.id, mine.id, 2,
                                   {.status = "done",
                                    .evidence = "Biên bản 12 buổi",
                                    .evidence_link = "https://example.vn/bien-ban"});
  ASSERT_TRUE(p2.ok()) << p2.status().ToString();
  EXPECT_EQ(p2->progress, "done");
  ASSERT_EQ(p2->reports.size(), 2u);
  EXPECT_EQ(p2->reports[1].evidence, "Biên bản 12 buổi");

  auto got = plans_->Get(province_, plan.id);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->tasks.size(), 2u);
  for (const auto& t : got->tasks) {
    if (t.id == mine.id) {
      EXPECT_EQ(t.progress, "done");
      ASSERT_EQ(t.reports.size(), 2u);
      EXPECT_EQ(t.reports[0].status, "in_progress");
      EXPECT_EQ(t.reports[0].by, "d369");
    }
  }
}

TEST_P(YearlyPlansTest, OverdueTasksAreVisibleToBothSides) {
  YearlyPlan plan = MakePlan();
  Task late = AddTask(plan, ForDistrict("369", "2025-03-31"));
  Task later = AddTask(plan, ForDistrict("369", "2025-09-30"));
  Task done = AddTask(plan, ForDistrict("369", "2025-02-28"));
  ASSERT_TRUE(plans_->Issue(province_, "prov", plan.id, 1).ok());
  ASSERT_TRUE(plans_
                  ->ReportProgress(district_, "d369", plan.id, done.id, 1,
                                   {.status = "done", .evidence = "x"})
                  .ok());
  for (const Subject& who : {province_, district_}) {
    auto overdue = plans_->Tasks(who, {.is_overdue = true});
    ASSERT_TRUE(overdue.ok()) << overdue.status().ToString();
    ASSERT_EQ(overdue->size(), 1u) << who.account_id;
    EXPECT_EQ((*overdue)[0].task.id, late.id);
    EXPECT_TRUE((*overdue)[0].task.is_overdue);
    EXPECT_EQ((*overdue)[0].plan_number, "45/KH-UBND");
    auto all = plans_->Tasks(who, {.assignee = std::string("369")});
    ASSERT_TRUE(all.ok());
    EXPECT_EQ(all->size(), 3u);
  }
  EXPECT_TRUE(plans_->Tasks(district374_, {})->empty());
  EXPECT_TRUE(plans_->Tasks(province_, {.assignee = std::string("374")})->empty());
  today_ = D("2025-10-01");
  EXPECT_EQ(plans_->Tasks(district_, {.is_overdue = true})->size(), 2u);
  (void)later;
}

TEST_P(YearlyPlansTest, RefusesBadFieldsOtherUnitsAndOtherRoles) {
  EXPECT_EQ(plans_->Create(inspector_, "i", {.unit_code = "37"}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(plans_->Create(worker_, "w", {.unit_code = "374"}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(plans_->Create(viewer_, "v", {.unit_code = "37"}).status().code(),
            StatusCode::kPermissionDenied);
  auto bad = plans_->Create(province_, "prov", {.unit_code = "369", .title = " ", .year = 1999});
  EXPECT_EQ(FieldsOf(bad.status()), (std::set<std::string>{"unit:out_of_scope", "title:required",
                                                           "year:invalid_value", "plan:required"}));

  YearlyPlan plan = MakePlan();
  NewTask t = ForDistrict("35");
  t.deadline = D("2030-01-01");
  t.targets = {"T1", "T1"};
  EXPECT_EQ(FieldsOf(plans_->AddTask(province_, "prov", plan.id, t).status()),
            (std::set<std::string>{"assignee_unit:not_below", "deadline:outside_year",
                                   "targets[1]:duplicate"}));
  EXPECT_EQ(FieldsOf(plans_->AddTask(province_, "prov", plan.id, ForDistrict("99999")).status()),
            std::set<std::string>{"assignee_unit:not_found"});
  // issuing needs a task; a district's own plan takes tasks of its communes only
  EXPECT_EQ(FieldsOf(plans_->Issue(province_, "prov", plan.id, 1).status()),
            std::set<std::string>{"tasks:required"});
  YearlyPlan district_plan = MakePlan(district374_, "374");
  EXPECT_TRUE(plans_->AddTask(district374_, "d374", district_plan.id, ForDistrict("14347")).ok());
  EXPECT_EQ(
      FieldsOf(
          plans_->AddTask(district374_, "d374", district_plan.id, ForDistrict("369")).status()),
      std::set<std::string>{"assignee_unit:not_below"});
  // the province reads the district's plan but does not change it; the other district does not see
  // it
  EXPECT_TRUE(plans_->Get(province_, district_plan.id).ok());
  EXPECT_EQ(
      plans_->AddTask(province_, "prov", district_plan.id, ForDistrict("14347")).status().code(),
      StatusCode::kPermissionDenied);
  EXPECT_EQ(plans_->Get(district_, district_plan.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(
      plans_->AddTask(district_, "d369", district_plan.id, ForDistrict("14347")).status().code(),
      StatusCode::kNotFound);
  EXPECT_EQ(plans_->Get(inspector_, plan.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(plans_->Get(viewer_, plan.id)->tasks.size(), 0u);
  // stale versions
  EXPECT_EQ(plans_->Update(province_, "prov", plan.id, 7, {.title = std::string("x")})
                .status()
                .machine_code(),
            "stale_version");
  auto changed = plans_->Update(
      province_, "prov", plan.id, 1,
      {.title = std::string("Kế hoạch năm 2025 (sửa)"), .document_date = std::optional<Date>()});
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->title, "Kế hoạch năm 2025 (sửa)");
  EXPECT_FALSE(changed->document_date);
  EXPECT_EQ(plans_->List(province_)->size(), 2u);
  EXPECT_EQ(plans_->List(district374_)->size(), 1u);
  EXPECT_EQ(plans_->List(province_, 2024)->size(), 0u);
}

TEST_P(YearlyPlansTest, ADraftTaskChangesWithItsVersion) {
  YearlyPlan plan = MakePlan();
  Task t = AddTask(plan, ForDistrict());
  auto changed = plans_->UpdateTask(
      province_, "prov", plan.id, t.id, 1,
      {.assignee_unit = std::string("14347"), .cooperating = std::vector<std::string>{}});
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->assignee_unit, "14347");
  EXPECT_TRUE(changed->cooperating.empty());
  EXPECT_EQ(changed->title, t.title);
  EXPECT_EQ(changed->version, 2);
  EXPECT_EQ(plans_->UpdateTask(province_, "prov", plan.id, t.id, 1, {}).status().machine_code(),
            "stale_version");
  EXPECT_EQ(plans_->UpdateTask(province_, "prov", plan.id, "nope", 2, {}).status().code(),
            StatusCode::kNotFound);
  // progress waits for the plan to be issued
  EXPECT_EQ(plans_->ReportProgress(province_, "prov", plan.id, t.id, 2, {.status = "in_progress"})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST(YearlyPlanPolicy, OfficersOfTheUnitWriteAssigneesReportOtherWorldsNothing) {
  // containment of the tree above, without a store
  struct Tree : access::UnitContainment {
    bool Contains(const std::string& a, const std::string& u) const override {
      return a == u || (a == "37") || (a == "374" && u == "14347");
    }
    bool Exists(const std::string&) const override { return true; }
  } tree;
  access::Policy policy(tree);
  using access::Action;
  using access::Resource;
  Subject province{"p", Role::kProvinceOfficer, "37"};
  Subject district{"d", Role::kDistrictOfficer, "374"};
  EXPECT_TRUE(policy.Allows(province, Action::kCreate, {Resource::kYearlyPlan, "37", {}}));
  EXPECT_FALSE(policy.Allows(province, Action::kCreate, {Resource::kYearlyPlan, "374", {}}));
  EXPECT_TRUE(policy.Allows(province, Action::kRead, {Resource::kYearlyPlan, "374", {}}));
  EXPECT_TRUE(policy.Allows(district, Action::kUpdate, {Resource::kPlanTask, "374", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kUpdate, {Resource::kPlanTask, "14347", {}}));
  EXPECT_TRUE(policy.Allows(district, Action::kRead, {Resource::kPlanTask, "14347", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kRead, {Resource::kPlanTask, "37", {}}));
  EXPECT_FALSE(
      policy.Allows({"v", Role::kViewer, "37"}, Action::kUpdate, {Resource::kPlanTask, "37", {}}));
  for (Role role : {Role::kInspector, Role::kIntakeOfficer, Role::kSocialWorker,
                    Role::kPeerEducator, Role::kAdmin, Role::kDpo}) {
    for (Resource r : {Resource::kYearlyPlan, Resource::kPlanTask}) {
      for (Action a : {Action::kRead, Action::kCreate, Action::kUpdate, Action::kExport}) {
        EXPECT_EQ(access::Policy::ScopeOf(role, r, a), access::Scope::kNone)
            << access::RoleId(role);
      }
    }
  }
  EXPECT_EQ(access::ResourceId(*access::ParseResource("yearly_plan")), "yearly_plan");
  EXPECT_EQ(access::ResourceId(*access::ParseResource("plan_task")), "plan_task");
}

INSTANTIATE_TEST_SUITE_P(Engines, YearlyPlansTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::planning
