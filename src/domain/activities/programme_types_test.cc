#include "domain/activities/programme_types.h"

#include <gtest/gtest.h>

#include <set>

#include "access/unit_scope.h"
#include "domain/records/record_store.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::activities {
namespace {

TEST(ProgrammeRecordTypes, HaveUniqueIdsPathsAndLabels) {
  std::set<std::string> ids, paths;
  for (const auto* t : ProgrammeRecordTypes()) {
    EXPECT_TRUE(ids.insert(t->id).second) << t->id;
    EXPECT_TRUE(paths.insert(t->path).second) << t->path;
    EXPECT_FALSE(t->label_vi.empty());
    for (const auto& f : t->fields) {
      EXPECT_FALSE(f.label_vi.empty()) << t->id << "." << f.name;
      EXPECT_FALSE(f.label_en.empty()) << t->id << "." << f.name;
      if (f.kind == records::FieldKind::kCode || f.kind == records::FieldKind::kCodes) {
        EXPECT_FALSE(f.code_list.empty()) << t->id << "." << f.name;
      }
    }
  }
}

TEST(CommunicationActivity, NeedsFormSettingAndOrganiser) {
  const auto& t = CommunicationActivity();
  EXPECT_TRUE(t.Field("form")->required);
  EXPECT_TRUE(t.Field("setting")->required);
  EXPECT_TRUE(t.Field("organiser")->required);
  EXPECT_FALSE(t.Field("audience_count")->required);
}

TEST(ProgrammeRecordTypes, NeverUseTheStandardFieldNames) {
  const std::set<std::string> standard = {"id", "type", "unit", "date", "version", "created_at",
                                          "updated_at", "created_by", "updated_by", "unit_name"};
  for (const auto* t : ProgrammeRecordTypes()) {
    for (const auto& f : t->fields) EXPECT_FALSE(standard.count(f.name)) << t->id << "." << f.name;
  }
}

TEST(DistrictPlan, ImplementationNeedsEvidence) {
  base::Validation v;
  DistrictPlan().rules({{"is_implemented", true}}, v);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.ToStatus().fields()[0].field, "evidence");
  base::Validation ok;
  DistrictPlan().rules({{"is_implemented", true}, {"evidence", std::string("Báo cáo số 12/BC-UBND")}}, ok);
  EXPECT_TRUE(ok.ok());
}

TEST(DistrictPlan, StoresCodeListsAndFlags) {
  testkit::TestStore store(store::Engine::kSqlite);
  auto migrations = store::StoreMigrations();
  for (auto& m : units::UnitMigrations()) migrations.push_back(m);
  for (auto& m : records::RecordMigrations()) migrations.push_back(m);
  ASSERT_TRUE(store.db().Migrate(migrations).ok());
  units::UnitTree tree(store.db());
  ASSERT_TRUE(tree.Import("t",
                          units::ParseUnitFile("code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n"
                                               "374,Huyện Hoa Lư,district,Huyện,37\n")
                              .value(),
                          base::Date::Parse("2021-01-01").value())
                  .ok());
  access::UnitScope scope(tree);
  access::Policy policy(scope);
  records::CodeLists codes(store.db());
  records::RecordStore records(store.db(), tree, policy, codes);
  access::Subject officer{"o", access::Role::kProvinceOfficer, "37"};
  bool created = false;
  auto plan = records.Create(officer, "o", DistrictPlan(),
                             {std::nullopt, "374", base::Date::Parse("2022-02-10").value(),
                              {{"year", std::int64_t{2022}},
                               {"document_number", std::string("25/KH-UBND")},
                               {"is_implemented", true},
                               {"evidence", std::string("Báo cáo 90/BC-UBND")},
                               {"integrated_with", std::vector<std::string>{"hiv_aids", "drug_prevention"}}}},
                             &created);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  auto bad = records.Create(officer, "o", DistrictPlan(),
                            {std::nullopt, "37", base::Date::Parse("2022-02-10").value(),
                             {{"year", std::int64_t{2022}},
                              {"document_number", std::string("1/KH")},
                              {"integrated_with", std::vector<std::string>{"nope"}}}},
                            &created);
  ASSERT_FALSE(bad.ok());
  std::set<std::string> fields;
  for (const auto& f : bad.status().fields()) fields.insert(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::set<std::string>{"unit:invalid_level", "integrated_with:invalid_code"}));
}

TEST(PressItem, IsRecordedAtProvinceLevel) {
  EXPECT_EQ(PressItem().unit_levels, std::vector<std::string>{"province"});
}

}  // namespace
}  // namespace pcmd::activities
