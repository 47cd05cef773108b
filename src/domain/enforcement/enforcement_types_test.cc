#include "domain/enforcement/enforcement_types.h"

#include <gtest/gtest.h>

namespace pcmd::enforcement {
namespace {

using records::Values;

std::vector<std::string> Codes(const Values& values, const records::RecordType& type) {
  base::Validation v;
  type.rules(values, v);
  std::vector<std::string> out;
  const base::Status status = v.ToStatus();
  for (const auto& f : status.fields()) out.push_back(f.field + ":" + f.code);
  return out;
}

TEST(Inspection, AViolationNamesItsKindsAndACompliantVisitHasNone) {
  EXPECT_EQ(Codes({{"result", std::string("violation")}}, Inspection()),
            std::vector<std::string>{"violation_kinds:required"});
  EXPECT_TRUE(Codes({{"result", std::string("violation")},
                     {"violation_kinds", std::vector<std::string>{"no_licence"}}},
                    Inspection())
                  .empty());
  EXPECT_EQ(Codes({{"result", std::string("compliant")}, {"sanction", std::string("warning")}}, Inspection()),
            std::vector<std::string>{"violation_kinds:not_allowed"});
  EXPECT_EQ(Codes({{"result", std::string("violation")},
                   {"violation_kinds", std::vector<std::string>{"no_licence"}},
                   {"sanction", std::string("fine")}},
                  Inspection()),
            std::vector<std::string>{"fine_amount:required"});
  EXPECT_EQ(Inspection().assignee_field, "members");
}

TEST(CrimeStatistic, DefendantsAtLeastCasesAndTriedAtMostProsecuted) {
  EXPECT_EQ(Codes({{"cases_prosecuted", std::int64_t{3}}, {"defendants_prosecuted", std::int64_t{2}},
                   {"cases_tried", std::int64_t{4}}},
                  CrimeStatistic()),
            (std::vector<std::string>{"defendants_prosecuted:too_small", "cases_tried:too_large"}));
  EXPECT_TRUE(Codes({{"cases_prosecuted", std::int64_t{3}}, {"defendants_prosecuted", std::int64_t{5}}},
                    CrimeStatistic())
                  .empty());
}

TEST(Establishment, LicenceEndsAfterItStarts) {
  EXPECT_EQ(Codes({{"licence_issued", std::string("2024-05-01")}, {"licence_expires", std::string("2024-01-01")}},
                  Establishment()),
            std::vector<std::string>{"licence_expires:before_start"});
}

TEST(Establishment, TheSameRegistrationOrANearlyIdenticalNameAndAddressIsADuplicate) {
  const auto& same = Establishment().same_as;
  const Values stored = {{"name", std::string("Karaoke Hoa Mai")},
                         {"address", std::string("Số 12, đường Trần Hưng Đạo")},
                         {"registration_number", std::string("27A8-001234")}};
  EXPECT_EQ(same({{"name", std::string("Khác hẳn")}, {"registration_number", std::string("27a8 001234")}}, stored),
            "registration_number");
  EXPECT_EQ(same({{"name", std::string("KARAOKE HOA MAI")}, {"address", std::string("so 12 duong Tran Hung Dao")}},
                 stored),
            "name");
  EXPECT_EQ(same({{"name", std::string("Karaoke Hoa Mai")}, {"address", std::string("Thôn Đông, xã Ninh Mỹ")}},
                 stored),
            "");
  EXPECT_EQ(same({{"name", std::string("Karaoke Hoa Mai")}}, {{"name", std::string("Karaoke Hoa Mai")}}), "name");
}

TEST(EnforcementRecordTypes, CodeListsOfEveryFieldAreSeeded) {
  const std::string sql = EnforcementTypeMigrations()[0].sqlite_sql;
  for (const auto* t : EnforcementRecordTypes()) {
    for (const auto& f : t->fields) {
      if (!f.code_list.empty()) {
        EXPECT_NE(sql.find("('" + f.code_list + "'"), std::string::npos) << t->id << "." << f.name;
      }
    }
  }
}

}  // namespace
}  // namespace pcmd::enforcement
