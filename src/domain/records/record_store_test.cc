// RecordStore on both engines: creates, changes, history, scope (record_store.cc), validation of
// units and values (record_validation.cc), likely duplicates and merges (record_duplicates.cc),
// period locks (period_locks.cc).
#include "domain/records/record_store.h"

#include <gtest/gtest.h>

#include "access/accounts.h"
#include "access/unit_scope.h"
#include "domain/records/period_locks.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::records {
namespace {

using base::Date;

Date D(const char* t) { return Date::Parse(t).value(); }

constexpr const char* kTree =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "369,Thành phố Ninh Bình,district,Thành phố,37\n"
    "14320,Phường Đông Thành,commune,Phường,369\n"
    "374,Huyện Hoa Lư,district,Huyện,37\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n"
    "14350,Xã Ninh Mỹ,commune,Xã,374\n";

RecordType TestType() {
  RecordType t;
  t.id = "thing";
  t.path = "things";
  t.resource = access::Resource::kProgrammeRecord;
  t.fields = {
      {"form", FieldKind::kCode, true, "Hình thức", "Form", 0, 0, 0, "communication_form"},
      {"title", FieldKind::kText, true, "Tiêu đề", "Title", 20},
      {"count", FieldKind::kInteger, false, "Số người", "Count", 0, 0, 100},
      {"link", FieldKind::kUrl, false, "Đường dẫn", "Link", 100},
  };
  return t;
}

class RecordStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : RecordMigrations()) migrations.push_back(m);
    ASSERT_TRUE(store_->db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(store_->db());
    ASSERT_TRUE(tree_->Import("t", units::ParseUnitFile(kTree).value(), D("2021-01-01")).ok());
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    codes_ = std::make_unique<CodeLists>(store_->db());
    records_ = std::make_unique<RecordStore>(store_->db(), *tree_, *policy_, *codes_);
  }

  Record Make(const std::string& unit, const char* date, const std::string& title) {
    bool created = false;
    auto r = records_->Create(province_, "p1", type_, {std::nullopt, unit, D(date),
                                                        {{"form", std::string("meeting")},
                                                         {"title", title}}},
                              &created);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }

  RecordType type_ = TestType();
  access::Subject province_{"p1", access::Role::kProvinceOfficer, "37"};
  access::Subject district_{"d1", access::Role::kDistrictOfficer, "374"};
  access::Subject inspector_{"i1", access::Role::kInspector, "37"};
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<CodeLists> codes_;
  std::unique_ptr<RecordStore> records_;
};

TEST_P(RecordStoreTest, ValidationNamesEveryField) {
  bool created = false;
  auto r = records_->Create(province_, "p1", type_,
                            {std::nullopt, "99999", D("2023-01-01"),
                             {{"form", std::string("nope")},
                              {"title", std::string(30, 'x')},
                              {"count", std::int64_t{101}},
                              {"link", std::string("ftp://x")},
                              {"extra", std::string("x")}}},
                            &created);
  ASSERT_FALSE(r.ok());
  std::set<std::string> fields;
  for (const auto& f : r.status().fields()) fields.insert(f.field + ":" + f.code);
  // A unit that does not exist is not "out of scope": every field is reported.
  EXPECT_EQ(fields, (std::set<std::string>{"unit:not_found", "form:invalid_code", "title:too_long",
                                           "count:out_of_range", "link:invalid_format",
                                           "extra:unknown_field"}));
  auto v = records_->Validate(type_, "99999", D("2023-01-01"),
                              {{"form", std::string("nope")},
                               {"title", std::string(30, 'x')},
                               {"count", std::int64_t{101}},
                               {"link", std::string("ftp://x")},
                               {"extra", std::string("x")}});
  fields.clear();
  for (const auto& f : v.fields()) fields.insert(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::set<std::string>{"unit:not_found", "form:invalid_code", "title:too_long",
                                           "count:out_of_range", "link:invalid_format",
                                           "extra:unknown_field"}));
}

TEST_P(RecordStoreTest, UnitMustExistOnTheRecordDate) {
  auto v = records_->Validate(type_, "14347", D("2020-12-31"),
                              {{"form", std::string("meeting")}, {"title", std::string("x")}});
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.fields()[0].field, "unit");
}

TEST_P(RecordStoreTest, AUnitClosedByAReorganisationNamesItsSuccessor) {
  // From 2025: Phường Đông Thành (14320) merged into Xã Ninh Nhất (14347), as a tree and its change row.
  const char* next_tree =
      "code,name,level,type,parent_code\n"
      "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
      "369,Thành phố Ninh Bình,district,Thành phố,37\n"
      "14347,Xã Ninh Nhất,commune,Xã,369\n"
      "374,Huyện Hoa Lư,district,Huyện,37\n"
      "14530,Xã Ninh Giang,commune,Xã,374\n";
  ASSERT_TRUE(tree_->Import("t", units::ParseUnitFile(next_tree).value(), D("2025-01-01")).ok());
  std::vector<units::ChangeRow> rows = {
      {2, D("2025-01-01"), "14320", "Phường Đông Thành", "14347", "Xã Ninh Nhất", "merge", "text:test"}};
  ASSERT_TRUE(tree_->ImportChanges("t", rows, D("2025-01-01")).ok());
  const Values v{{"form", std::string("meeting")}, {"title", std::string("x")}};
  // A late report of 2024 on the old unit is taken.
  EXPECT_TRUE(records_->Validate(type_, "14320", D("2024-12-31"), v).ok());
  // One of 2025 is refused, naming the unit that took it over.
  auto refused = records_->Validate(type_, "14320", D("2025-02-01"), v);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.fields().size(), 1u);
  EXPECT_EQ(refused.fields()[0].code, "unit_closed");
  EXPECT_NE(refused.fields()[0].message_vi.find("Xã Ninh Nhất (14347)"), std::string::npos) << refused.fields()[0].message_vi;
  EXPECT_NE(refused.fields()[0].message_vi.find("2025-01-01"), std::string::npos);
  // A code that never existed is still just unknown.
  EXPECT_EQ(records_->Validate(type_, "99999", D("2025-02-01"), v).fields()[0].code, "not_found");
}

TEST_P(RecordStoreTest, CreateIsIdempotentByClientId) {
  const std::string id = "123e4567-e89b-42d3-a456-426614174000";
  NewRecord in{id, "14347", D("2023-03-01"), {{"form", std::string("meeting")}, {"title", std::string("A")}}};
  bool created = false;
  ASSERT_TRUE(records_->Create(province_, "p1", type_, in, &created).ok());
  EXPECT_TRUE(created);
  auto again = records_->Create(province_, "p1", type_, in, &created);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(again->version, 1);
  in.values["title"] = std::string("B");
  EXPECT_EQ(records_->Create(province_, "p1", type_, in, &created).status().machine_code(), "id_conflict");
  auto page = records_->List(province_, type_, {});
  EXPECT_EQ(page->total, 1);
}

TEST_P(RecordStoreTest, UpdatesKeepHistoryAndRefuseStaleVersions) {
  Record r = Make("14347", "2023-03-01", "first");
  auto u = records_->Update(province_, "p1", type_, r.id, {1, std::nullopt, std::nullopt, {{"title", std::string("second")}}});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->version, 2);
  auto stale = records_->Update(province_, "p1", type_, r.id, {1, std::nullopt, std::nullopt, {{"title", std::string("x")}}});
  EXPECT_EQ(stale.status().machine_code(), "stale_version");
  auto history = records_->History(province_, type_, r.id);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(std::get<std::string>((*history)[0].record.values.at("title")), "first");
  EXPECT_EQ(std::get<std::string>((*history)[1].record.values.at("title")), "second");
  auto gone = records_->Delete(province_, "p1", type_, r.id, 2);
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(records_->Get(province_, type_, r.id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(records_->List(province_, type_, {})->total, 0);
}

TEST_P(RecordStoreTest, ScopeFiltersListsAndHidesRecords) {
  Record mine = Make("14347", "2023-03-01", "hoa lu");
  Record other = Make("14320", "2023-03-02", "ninh binh");
  auto page = records_->List(district_, type_, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, mine.id);
  EXPECT_EQ(records_->Get(district_, type_, other.id).status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(records_->List(district_, type_, {.unit = "369"})->total, 0);
  EXPECT_EQ(records_->List(district_, type_, {.unit = "37"})->total, 1);
  EXPECT_EQ(records_->List(province_, type_, {.unit = "369"})->total, 1);
  EXPECT_EQ(records_->List(inspector_, type_, {}).status().code(), base::StatusCode::kPermissionDenied);
  bool created = false;
  auto outside = records_->Create(district_, "d1", type_,
                                  {std::nullopt, "14320", D("2023-01-01"),
                                   {{"form", std::string("meeting")}, {"title", std::string("x")}}},
                                  &created);
  EXPECT_EQ(outside.status().fields()[0].code, "out_of_scope");
}

TEST_P(RecordStoreTest, ListsFilterByDateTextAndCode) {
  Make("14347", "2023-03-01", "Họp dân thôn Đông");
  Make("14350", "2024-05-01", "Tọa đàm");
  EXPECT_EQ(records_->List(province_, type_, {.from = D("2024-01-01")})->total, 1);
  EXPECT_EQ(records_->List(province_, type_, {.to = D("2023-12-31")})->total, 1);
  EXPECT_EQ(records_->List(province_, type_, {.text = "hop dan"})->total, 1);
  EXPECT_EQ(records_->List(province_, type_, {.equals = {{"form", "meeting"}}})->total, 2);
  EXPECT_EQ(records_->List(province_, type_, {.equals = {{"form", "stage"}}})->total, 0);
}

TEST_P(RecordStoreTest, CodeListsAreEditableAndDeactivatable) {
  ASSERT_TRUE(codes_->Put("p1", "communication_form", {"radio_show", "Chương trình phát thanh", "Radio show", 8, true}).ok());
  EXPECT_TRUE(*codes_->IsActive("communication_form", "radio_show"));
  ASSERT_TRUE(codes_->Put("p1", "communication_form", {"radio_show", "Chương trình phát thanh", "Radio show", 8, false}).ok());
  EXPECT_FALSE(*codes_->IsActive("communication_form", "radio_show"));
  EXPECT_EQ(codes_->Put("p1", "no_list", {"x", "X", "X", 1, true}).code(), base::StatusCode::kNotFound);
  EXPECT_GE(codes_->Get("communication_form")->size(), 9u);
}

TEST_P(RecordStoreTest, ReferencesMustNameALiveRecordOfTheirType) {
  Record target = Make("14347", "2023-03-01", "target");
  RecordType child;
  child.id = "child";
  child.path = "children";
  child.fields = {{"parent", FieldKind::kRef, true, "Cha", "Parent", 0, 0, 0, "", "thing"}};
  EXPECT_TRUE(records_->Validate(child, "14347", D("2023-03-02"), {{"parent", target.id}}).ok());
  auto missing = records_->Validate(child, "14347", D("2023-03-02"), {{"parent", std::string("nope")}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.fields()[0].code, "not_found");
  ASSERT_TRUE(records_->Delete(province_, "p1", type_, target.id, 1).ok());
  EXPECT_FALSE(records_->Validate(child, "14347", D("2023-03-02"), {{"parent", target.id}}).ok());
}

// PeriodLocks (period_locks.cc): a lock on a district for the first half of 2024 covers its
// communes' records dated then, and nothing else; a refused write leaves the store as it was.
TEST_P(RecordStoreTest, PeriodLocksStopWritesInTheLockedUnitsAndPeriodUntilLifted) {
  Record inside = Make("14347", "2024-03-01", "inside");
  Record other_branch = Make("14320", "2024-03-01", "other branch");
  Record later = Make("14347", "2024-08-01", "later");
  EXPECT_EQ(*CoveringUnits(*tree_, "14347", D("2024-03-01")),
            (std::vector<std::string>{"14347", "374", "37"}));
  EXPECT_EQ(*CoveringUnits(*tree_, "nope", D("2024-03-01")), std::vector<std::string>{"nope"});
  auto lock = [&](const PeriodLock& l) {
    return store_->db().Write("p1", [&](store::Transaction& tx) { return LockPeriod(tx, l); });
  };
  ASSERT_TRUE(lock({"374", D("2024-01-01"), D("2024-06-30"), "report_round:r1", "t", "p1"}).ok());
  ASSERT_TRUE(lock({"374", D("2024-01-01"), D("2024-06-30"), "report_round:r1", "t", "p1"}).ok());

  auto is_locked = [](const base::Status& s) {
    return s.code() == base::StatusCode::kFailedPrecondition && s.machine_code() == "period_locked" &&
           !s.fields().empty() && s.fields()[0].field == "date";
  };
  bool created = false;
  EXPECT_TRUE(is_locked(records_->Create(district_, "d1", type_,
                                         {std::nullopt, "14350", D("2024-06-30"),
                                          {{"form", std::string("meeting")}, {"title", std::string("x")}}},
                                         &created)
                            .status()));
  EXPECT_FALSE(created);
  RecordPatch retitle{.version = 1, .values = {{"title", std::string("changed")}}};
  EXPECT_TRUE(is_locked(records_->Update(district_, "d1", type_, inside.id, retitle).status()));
  EXPECT_TRUE(is_locked(records_->Delete(district_, "d1", type_, inside.id, 1).status()));
  // Moving a record into the locked period is a write in it, too.
  EXPECT_TRUE(is_locked(records_->Update(district_, "d1", type_, later.id,
                                         {.version = 1, .date = D("2024-02-01")})
                            .status()));
  EXPECT_EQ(records_->Get(province_, type_, inside.id)->version, 1);
  EXPECT_EQ(records_->List(province_, type_, {})->total, 3);
  // Outside the unit or the period, writes go on.
  EXPECT_TRUE(records_->Update(province_, "p1", type_, other_branch.id, retitle).ok());
  EXPECT_TRUE(records_->Update(district_, "d1", type_, later.id, retitle).ok());
  std::vector<PeriodLock> locks;
  ASSERT_TRUE(store_->db().Read([&](store::Transaction& tx) -> base::Status {
    PCMD_ASSIGN_OR_RETURN(locks, ListPeriodLocks(tx, "374"));
    return base::Status::Ok();
  }).ok());
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0].source, "report_round:r1");

  ASSERT_TRUE(store_->db().Write("p1", [&](store::Transaction& tx) {
    return UnlockPeriod(tx, "report_round:r1", "374");
  }).ok());
  EXPECT_TRUE(records_->Update(district_, "d1", type_, inside.id, retitle).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, RecordStoreTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::records
