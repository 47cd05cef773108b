#include <gtest/gtest.h>

#include <set>

#include "domain/activities/programme_types.h"

namespace pcmd::activities {
namespace {

TEST(Outreach, ReachesExactlyOnePlaceAndCountsNewPeopleWithinTheReached) {
  base::Validation none;
  Outreach().rules({{"people_reached", std::int64_t{10}}, {"new_people_reached", std::int64_t{12}}}, none);
  const base::Status status = none.ToStatus();
  ASSERT_EQ(status.fields().size(), 2u);
  EXPECT_EQ(status.fields()[0].code, "one_target");
  EXPECT_EQ(status.fields()[1].code, "too_large");
  base::Validation ok;
  Outreach().rules({{"school", std::string("x")}, {"people_reached", std::int64_t{10}},
                    {"new_people_reached", std::int64_t{4}}},
                   ok);
  EXPECT_TRUE(ok.ok());
}

TEST(ProgrammeRecordTypes, ReferencesNameExistingTypes) {
  std::set<std::string> ids;
  for (const auto* t : ProgrammeRecordTypes()) ids.insert(t->id);
  for (const auto* t : ProgrammeRecordTypes()) {
    for (const auto& f : t->fields) {
      // A reference to another module's type (outreach.establishment) names its resource; those
      // are checked with every type in app/wiring_test.cc.
      if (f.kind == records::FieldKind::kRef && !f.reference_resource) {
        EXPECT_TRUE(ids.count(f.reference_type)) << t->id << "." << f.name;
      }
    }
  }
}

}  // namespace
}  // namespace pcmd::activities
