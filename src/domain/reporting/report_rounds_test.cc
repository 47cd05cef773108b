// Tests of the reporting rounds in all their files: report_rounds.cc (rounds, completeness) and
// unit_reports.cc (the reports and their steps, approval locks) and round_documents.cc (the
// consolidated files kept with a round), on both engines.
#include "domain/reporting/report_rounds.h"

#include <gtest/gtest.h>

#include <set>

#include "domain/records/period_locks.h"
#include "domain/records/record_store.h"
#include "domain/reporting/round_documents.h"
#include "testkit/unit_world.h"

namespace pcmd::reporting {
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
    "14350,Xã Ninh Mỹ,commune,Xã,374\n"
    "372,Huyện Nho Quan,district,Huyện,37\n"
    "35,Tỉnh Hà Nam,province,Tỉnh,\n"
    "347,Thành phố Phủ Lý,district,Thành phố,35\n";

std::vector<store::Migration> Migrations() {
  std::vector<store::Migration> out;
  for (auto& m : records::RecordMigrations()) out.push_back(m);
  for (auto& m : ReportingMigrations()) out.push_back(m);
  return out;
}

class ReportRoundsTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    world_ = std::make_unique<testkit::UnitWorld>(GetParam(), Migrations(), kTree);
    ASSERT_TRUE(world_->status().ok()) << world_->status().ToString();
    rounds_ = std::make_unique<ReportRounds>(db(), world_->tree(), world_->policy(),
                                             [this] { return today_; });
  }

  store::Database& db() { return world_->db(); }

  NewRound Districts(const std::string& period = "2025H1", const char* due = "2025-07-15") {
    return {.name = "Báo cáo 6 tháng đầu năm 2025",
            .kind = "six_month",
            .period = period,
            .unit_code = "37",
            .level = std::string("district"),
            .due_on = D(due),
            .plan_id = "plan-184"};
  }

  Round Make(const NewRound& in) {
    auto r = rounds_->Create(province_, "prov", in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : Round{};
  }

  UnitReport Saved(const Round& round, const std::string& unit, const Subject& who,
                   std::int64_t version = 0) {
    auto r =
        rounds_->Save(who, who.account_id, round.id, unit, version,
                      {"Đã tổ chức 12 buổi tuyên truyền", "Thiếu kinh phí", "Bổ sung kinh phí"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : UnitReport{};
  }

  std::unique_ptr<testkit::UnitWorld> world_;
  std::unique_ptr<ReportRounds> rounds_;
  Date today_ = D("2025-07-01");
  Subject province_{"prov", Role::kProvinceOfficer, "37"};
  Subject district_{"d369", Role::kDistrictOfficer, "369"};
  Subject district374_{"d374", Role::kDistrictOfficer, "374"};
  Subject commune_{"c14347", Role::kCommuneOfficer, "14347"};
  Subject viewer_{"v37", Role::kViewer, "37"};
  Subject inspector_{"i37", Role::kInspector, "37"};
  Subject worker_{"w374", Role::kSocialWorker, "374"};
};

TEST_P(ReportRoundsTest, ARoundByLevelTakesEveryUnitOfThatLevelBelowIt) {
  Round r = Make(Districts());
  EXPECT_EQ(r.units, (std::vector<std::string>{"369", "372", "374"}));
  EXPECT_EQ(r.period.first.ToString(), "2025-01-01");
  EXPECT_EQ(r.period.last.ToString(), "2025-06-30");
  auto got = rounds_->Get(province_, r.id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->units, r.units);
  EXPECT_EQ(got->level, std::optional<std::string>("district"));
  EXPECT_EQ(got->due_on, D("2025-07-15"));
  EXPECT_EQ(got->name, "Báo cáo 6 tháng đầu năm 2025");

  NewRound communes = Districts();
  communes.kind = "year";
  communes.period = "2025";
  communes.level.reset();
  communes.units = std::vector<std::string>{"14347", "369"};
  communes.tree_on = D("2025-12-31");
  Round explicit_units = Make(communes);
  EXPECT_EQ(explicit_units.units, (std::vector<std::string>{"14347", "369"}));
  EXPECT_EQ(rounds_->Get(viewer_, explicit_units.id)->tree_on, D("2025-12-31"));
}

TEST_P(ReportRoundsTest, CreateRefusesEveryBadFieldAtOnceAndOtherProvinces) {
  auto d = rounds_->Create(district_, "d", Districts());
  EXPECT_EQ(d.status().code(), StatusCode::kPermissionDenied);

  NewRound bad = Districts();
  bad.name = " ";
  bad.kind = "six_month";
  bad.period = "2025";
  bad.due_on.reset();
  bad.plan_id = "";
  auto r = rounds_->Create(province_, "prov", bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(FieldsOf(r.status()), (std::set<std::string>{"name:required", "period:kind_mismatch",
                                                         "due_on:required", "plan:required"}));

  NewRound other = Districts();
  other.unit_code = "35";
  EXPECT_EQ(FieldsOf(rounds_->Create(province_, "prov", other).status()),
            std::set<std::string>{"unit:out_of_scope"});

  NewRound level = Districts();
  level.unit_code = "369";
  level.level = "district";
  EXPECT_EQ(FieldsOf(rounds_->Create(province_, "prov", level).status()),
            std::set<std::string>{"level:invalid_value"});

  NewRound units = Districts();
  units.level.reset();
  units.units = std::vector<std::string>{"369", "347", "99999", "369"};
  EXPECT_EQ(
      FieldsOf(rounds_->Create(province_, "prov", units).status()),
      (std::set<std::string>{"units[1]:not_below", "units[2]:not_found", "units[3]:duplicate"}));

  NewRound both = Districts();
  both.units = std::vector<std::string>{"369"};
  EXPECT_EQ(FieldsOf(rounds_->Create(province_, "prov", both).status()),
            std::set<std::string>{"units:required"});

  NewRound early = Districts("2025H2", "2025-06-30");
  EXPECT_EQ(FieldsOf(rounds_->Create(province_, "prov", early).status()),
            std::set<std::string>{"due_on:before_period"});
  EXPECT_TRUE(rounds_->List(province_)->empty());
}

TEST_P(ReportRoundsTest, AReportGoesUpSubmittedReturnedSubmittedAgainAndApproved) {
  Round round = Make(Districts());
  auto missing = rounds_->GetReport(district_, round.id, "369");
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_EQ(missing->status, "missing");
  EXPECT_EQ(missing->version, 0);
  EXPECT_EQ(rounds_->StepsFor(district_, round, *missing),
            (std::vector<std::string>{"save", "submit"}));

  UnitReport r = Saved(round, "369", district_);
  EXPECT_EQ(r.status, "draft");
  EXPECT_EQ(r.version, 1);
  auto submitted =
      rounds_->Submit(district_, "d369", round.id, "369", 1, R"({"items":[{"target":"T1"}]})");
  ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  EXPECT_EQ(submitted->status, "submitted");
  EXPECT_FALSE(submitted->is_late);
  EXPECT_TRUE(submitted->is_frozen());
  EXPECT_EQ(rounds_->StepsFor(district_, round, *submitted), std::vector<std::string>{});
  EXPECT_EQ(rounds_->StepsFor(province_, round, *submitted),
            (std::vector<std::string>{"return", "approve"}));

  today_ = D("2025-08-01");  // after the due date: a return makes no unit late
  auto returned =
      rounds_->Return(province_, "prov", round.id, "369", 2, "  Bổ sung số liệu quý II  ");
  ASSERT_TRUE(returned.ok()) << returned.status().ToString();
  EXPECT_EQ(returned->status, "returned");
  EXPECT_EQ(returned->return_comment, "Bổ sung số liệu quý II");
  EXPECT_EQ(returned->returned_by, "prov");
  UnitReport edited = Saved(round, "369", district_, 3);
  EXPECT_EQ(edited.status, "returned");
  auto again =
      rounds_->Submit(district_, "d369", round.id, "369", 4, R"({"items":[{"target":"T2"}]})");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->is_late);
  auto approved = rounds_->Approve(province_, "prov", round.id, "369", 5);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->status, "approved");
  EXPECT_EQ(approved->version, 6);

  auto stored = rounds_->GetReport(viewer_, round.id, "369");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, "approved");
  EXPECT_EQ(stored->snapshot, R"({"items":[{"target":"T2"}]})");
  EXPECT_EQ(stored->results, "Đã tổ chức 12 buổi tuyên truyền");
  EXPECT_EQ(stored->submitted_by, "d369");
  EXPECT_EQ(stored->approved_by, "prov");
  std::vector<std::string> steps;
  for (const auto& e : stored->history) steps.push_back(e.action + ":" + std::to_string(e.version));
  EXPECT_EQ(steps, (std::vector<std::string>{"save:1", "submit:2", "return:3", "save:4", "submit:5",
                                             "approve:6"}));
  EXPECT_EQ(stored->history[2].comment, "Bổ sung số liệu quý II");

  // every step is in the change log and the audit log, by id only
  auto changes = db().ReadChangesAfter(0, 1000);
  ASSERT_TRUE(changes.ok());
  std::vector<std::string> ops;
  for (const auto& c : *changes) {
    if (c.entity == "unit_report") {
      EXPECT_EQ(c.entity_id, round.id + "/369");
      ops.push_back(c.op);
    }
  }
  EXPECT_EQ(ops,
            (std::vector<std::string>{"save", "submit", "return", "save", "submit", "approve"}));
  auto audit = db().ReadAudit({.entity = "unit_report", .limit = 100});
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->second, 6);
}

// Approval locks the unit's records of the period (and those of the units below it); an unlock by
// the level above, with a reason, lifts the lock and returns the report; approving again locks
// again.
TEST_P(ReportRoundsTest, ApprovalLocksTheRecordsOfThePeriodUntilTheApproverUnlocks) {
  Round round = Make(Districts());
  Saved(round, "369", district_);
  ASSERT_TRUE(rounds_->Submit(district_, "d369", round.id, "369", 1, "{}").ok());
  auto open = [&](const std::string& unit, const char* day) {
    auto covering = records::CoveringUnits(world_->tree(), unit, D(day));
    return db().Read(
        [&](store::Transaction& tx) { return records::CheckPeriodOpen(tx, *covering, D(day)); });
  };
  EXPECT_TRUE(open("14320", "2025-03-01").ok());
  auto approved = rounds_->Approve(province_, "prov", round.id, "369", 2);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(open("14320", "2025-03-01").machine_code(), "period_locked");
  EXPECT_EQ(open("369", "2025-06-30").machine_code(), "period_locked");
  EXPECT_TRUE(open("369", "2025-07-01").ok());    // after the period
  EXPECT_TRUE(open("14347", "2025-03-01").ok());  // another district
  EXPECT_EQ(rounds_->StepsFor(province_, round, *approved), std::vector<std::string>{"unlock"});
  EXPECT_EQ(rounds_->StepsFor(district_, round, *approved), std::vector<std::string>{});

  EXPECT_EQ(FieldsOf(rounds_->Unlock(province_, "prov", round.id, "369", 3, "  ").status()),
            std::set<std::string>{"comment:required"});
  EXPECT_EQ(rounds_->Unlock(district_, "d369", round.id, "369", 3, "sửa").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(rounds_->Unlock(province_, "prov", round.id, "369", 2, "sửa").status().machine_code(),
            "stale_version");
  auto unlocked = rounds_->Unlock(province_, "prov", round.id, "369", 3, "Sửa số liệu tháng 3");
  ASSERT_TRUE(unlocked.ok()) << unlocked.status().ToString();
  EXPECT_EQ(unlocked->status, "returned");
  EXPECT_EQ(unlocked->return_comment, "Sửa số liệu tháng 3");
  EXPECT_EQ(unlocked->history.back().action, "unlock");
  EXPECT_TRUE(open("14320", "2025-03-01").ok());
  EXPECT_EQ(rounds_->Unlock(province_, "prov", round.id, "369", 4, "x").status().machine_code(),
            "invalid_transition");
  auto audit = db().ReadAudit({.entity = "unit_report", .limit = 100});
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->second, 4);  // save, submit, approve, unlock

  ASSERT_TRUE(rounds_->Submit(district_, "d369", round.id, "369", 4, "{}").ok());
  ASSERT_TRUE(rounds_->Approve(province_, "prov", round.id, "369", 5).ok());
  EXPECT_EQ(open("14320", "2025-03-01").machine_code(), "period_locked");
}

// RoundDocuments (round_documents.cc): the round's level keeps and reads its consolidated files;
// a unit that sees the round through its own report does not.
TEST_P(ReportRoundsTest, ConsolidatedDocumentsAreKeptWithTheRoundForItsLevelOnly) {
  Round round = Make(Districts());
  RoundDocuments docs(db(), *rounds_, world_->policy());
  const std::string bytes = std::string("PK\x03\x04", 4) + "workbook";
  auto kept = docs.Keep(province_, "prov", round, "xlsx", "Tong hop.xlsx", bytes, 120);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->size_bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(kept->content_type,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(FieldsOf(docs.Keep(province_, "prov", round, "csv", "x", "y", 0).status()),
            std::set<std::string>{"format:invalid_value"});
  EXPECT_EQ(docs.Keep(viewer_, "v37", round, "pdf", "x", "y", 0).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(docs.Keep(district_, "d369", round, "pdf", "x", "y", 0).status().code(),
            StatusCode::kPermissionDenied);

  auto listed = docs.List(viewer_, round.id);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].file_name, "Tong hop.xlsx");
  auto read = docs.Read(viewer_, "v37", round.id, kept->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->second, bytes);
  EXPECT_EQ(docs.List(district_, round.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(docs.Read(district_, "d369", round.id, kept->id).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(docs.Read(province_, "prov", round.id, "nope").status().code(), StatusCode::kNotFound);
  auto audit = db().ReadAudit({.entity = "round_document", .limit = 100});
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->second, 2);  // kept, read
}

TEST_P(ReportRoundsTest, StaleVersionsAndStepsTheStatusDoesNotAllowAreConflicts) {
  Round round = Make(Districts());
  Saved(round, "369", district_);
  auto stale = rounds_->Save(district_, "d369", round.id, "369", 0, {"x", "", ""});
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().machine_code(), "stale_version");

  auto draft = rounds_->Approve(province_, "prov", round.id, "369", 1);
  EXPECT_EQ(draft.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(draft.status().machine_code(), "invalid_transition");
  EXPECT_EQ(rounds_->Return(province_, "prov", round.id, "369", 1, "x").status().machine_code(),
            "invalid_transition");
  EXPECT_EQ(FieldsOf(rounds_->Return(province_, "prov", round.id, "369", 1, " ").status()),
            std::set<std::string>{"comment:required"});

  auto empty = rounds_->Save(district374_, "d374", round.id, "374", 0, {"", "Khó khăn", ""});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(FieldsOf(rounds_->Submit(district374_, "d374", round.id, "374", 1, "{}").status()),
            std::set<std::string>{"results:required"});
  EXPECT_EQ(FieldsOf(rounds_
                         ->Save(district374_, "d374", round.id, "374", 1,
                                {std::string(kMaxSectionChars + 1, 'a'), "", ""})
                         .status()),
            std::set<std::string>{"results:too_long"});

  ASSERT_TRUE(rounds_->Submit(district_, "d369", round.id, "369", 1, "{}").ok());
  EXPECT_EQ(
      rounds_->Save(district_, "d369", round.id, "369", 2, {"x", "", ""}).status().machine_code(),
      "invalid_transition");
  ASSERT_TRUE(rounds_->Approve(province_, "prov", round.id, "369", 2).ok());
  EXPECT_EQ(rounds_->Return(province_, "prov", round.id, "369", 3, "x").status().machine_code(),
            "invalid_transition");
}

TEST_P(ReportRoundsTest, OnlyTheUnitWritesItsReportAndOnlyTheLevelAboveDecides) {
  Round round = Make(Districts());
  // the province reads the district's report but does not write it
  EXPECT_EQ(rounds_->Save(province_, "prov", round.id, "369", 0, {"x", "", ""}).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(rounds_->Save(viewer_, "v37", round.id, "369", 0, {"x", "", ""}).status().code(),
            StatusCode::kPermissionDenied);
  // another district's, a commune's reader, the two worlds: as if it did not exist
  for (const Subject* who : {&district374_, &commune_, &inspector_, &worker_}) {
    EXPECT_EQ(rounds_->GetReport(*who, round.id, "369").status().code(), StatusCode::kNotFound)
        << who->account_id;
    EXPECT_EQ(
        rounds_->Save(*who, who->account_id, round.id, "369", 0, {"x", "", ""}).status().code(),
        StatusCode::kNotFound)
        << who->account_id;
  }
  // a unit that is not the round's, a round that does not exist
  EXPECT_EQ(rounds_->GetReport(province_, round.id, "14347").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(rounds_->GetReport(province_, "no-such-round", "369").status().code(),
            StatusCode::kNotFound);

  Saved(round, "369", district_);
  ASSERT_TRUE(rounds_->Submit(district_, "d369", round.id, "369", 1, "{}").ok());
  EXPECT_EQ(rounds_->Approve(district_, "d369", round.id, "369", 2).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(rounds_->Approve(viewer_, "v37", round.id, "369", 2).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(rounds_->Approve(district374_, "d374", round.id, "369", 2).status().code(),
            StatusCode::kNotFound);
}

TEST_P(ReportRoundsTest, ARoundIsSeenByItsUnitAndByTheUnitsThatReport) {
  Round districts = Make(Districts());
  NewRound in = Districts();
  in.level = "commune";
  Round communes = Make(in);
  auto ids = [&](const Subject& s) {
    std::set<std::string> out;
    auto l = rounds_->List(s);
    EXPECT_TRUE(l.ok());
    for (const auto& r : *l) out.insert(r.id);
    return out;
  };
  EXPECT_EQ(ids(province_), (std::set<std::string>{districts.id, communes.id}));
  EXPECT_EQ(ids(viewer_), (std::set<std::string>{districts.id, communes.id}));
  EXPECT_EQ(ids(district374_), (std::set<std::string>{districts.id, communes.id}));
  EXPECT_EQ(ids(commune_), std::set<std::string>{communes.id});
  EXPECT_TRUE(ids(inspector_).empty());
  EXPECT_TRUE(ids(worker_).empty());
  EXPECT_EQ(rounds_->Get(commune_, districts.id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(rounds_->Get(inspector_, communes.id).status().code(), StatusCode::kNotFound);

  auto c = rounds_->CompletenessOf(district374_, communes);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->units.size(), 2u);  // its own communes only
  EXPECT_EQ(c->units[0].unit_code, "14347");
  EXPECT_EQ(c->counts.at("expected"), 2);
}

TEST_P(ReportRoundsTest, CompletenessCountsEachStatusAndTimelinessOnTheFirstSubmission) {
  Round round = Make(Districts("2025H1", "2025-07-15"));
  Saved(round, "369", district_);
  today_ = D("2025-07-15");  // on the due date: on time
  ASSERT_TRUE(rounds_->Submit(district_, "d369", round.id, "369", 1, "{}").ok());
  Saved(round, "374", district374_);
  today_ = D("2025-07-16");
  ASSERT_TRUE(rounds_->Submit(district374_, "d374", round.id, "374", 1, "{}").ok());
  ASSERT_TRUE(rounds_->Approve(province_, "prov", round.id, "369", 2).ok());

  auto c = rounds_->CompletenessOf(province_, round);
  ASSERT_TRUE(c.ok());
  const std::map<std::string, std::int64_t> want = {
      {"expected", 3}, {"missing", 1}, {"draft", 0}, {"submitted", 1}, {"returned", 0},
      {"approved", 1}, {"on_time", 1}, {"late", 1},  {"overdue", 1}};
  EXPECT_EQ(c->counts, want);
  ASSERT_EQ(c->units.size(), 3u);
  EXPECT_EQ(c->units[0].unit_code, "369");
  EXPECT_EQ(c->units[0].status, "approved");
  EXPECT_FALSE(c->units[0].is_late);
  EXPECT_EQ(c->units[1].unit_code, "372");
  EXPECT_EQ(c->units[1].status, "missing");
  EXPECT_EQ(c->units[2].unit_code, "374");
  EXPECT_TRUE(c->units[2].is_late);

  auto own = rounds_->CompletenessOf(district_, round);
  ASSERT_TRUE(own.ok());
  ASSERT_EQ(own->units.size(), 1u);
  EXPECT_EQ(own->counts.at("approved"), 1);
  EXPECT_EQ(own->counts.at("expected"), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, ReportRoundsTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::reporting
