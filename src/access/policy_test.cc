#include "access/policy.h"

#include <gtest/gtest.h>

#include <map>

namespace pcmd::access {
namespace {

// A tree: 37 > 369 > 14320, 37 > 374 > 14347, 14350.
class FakeUnits : public UnitContainment {
 public:
  bool Contains(const std::string& ancestor, const std::string& unit) const override {
    if (ancestor == "VN") return true;
    std::string code = unit;
    while (!code.empty()) {
      if (code == ancestor) return true;
      auto it = parent_.find(code);
      code = it == parent_.end() ? "" : it->second;
    }
    return false;
  }
  bool Exists(const std::string& unit) const override { return parent_.count(unit) > 0; }

 private:
  std::map<std::string, std::string> parent_ = {
      {"37", ""}, {"369", "37"}, {"374", "37"}, {"14320", "369"}, {"14347", "374"}, {"14350", "374"}};
};

TEST(Policy, EnforcementRolesNeverReachTheSupportWorld) {
  for (Role role : {Role::kInspector, Role::kIntakeOfficer}) {
    for (Resource r : {Resource::kClient, Resource::kClientContact, Resource::kPeerGroup}) {
      for (Action a : {Action::kRead, Action::kCreate, Action::kUpdate, Action::kDelete, Action::kExport}) {
        EXPECT_EQ(Policy::ScopeOf(role, r, a), Scope::kNone) << RoleId(role) << " " << ResourceId(r);
      }
    }
  }
}

TEST(Policy, SupportRolesNeverReachTipsDenouncersOrInspections) {
  for (Role role : {Role::kSocialWorker, Role::kPeerEducator}) {
    for (Resource r : {Resource::kTip, Resource::kDenouncer, Resource::kInspection}) {
      for (Action a : {Action::kRead, Action::kCreate, Action::kUpdate, Action::kExport}) {
        EXPECT_EQ(Policy::ScopeOf(role, r, a), Scope::kNone) << RoleId(role) << " " << ResourceId(r);
      }
    }
  }
}

TEST(Policy, OnlyIntakeOfficersSeeDenouncers) {
  for (const auto& info : AllRoles()) {
    const bool expected = info.role == Role::kIntakeOfficer;
    EXPECT_EQ(Policy::ScopeOf(info.role, Resource::kDenouncer, Action::kRead) != Scope::kNone, expected)
        << info.id;
  }
}

TEST(Policy, OnlyAssignedWorkersSeeClientContacts) {
  FakeUnits units;
  Policy policy(units);
  Subject worker{"w1", Role::kPeerEducator, "374"};
  Subject other{"w2", Role::kPeerEducator, "374"};
  Subject officer{"o1", Role::kProvinceOfficer, "37"};
  Target contact{Resource::kClientContact, "14347", {"w1"}};
  EXPECT_TRUE(policy.Allows(worker, Action::kRead, contact));
  EXPECT_FALSE(policy.Allows(other, Action::kRead, contact));
  EXPECT_FALSE(policy.Allows(officer, Action::kRead, contact));
  EXPECT_TRUE(policy.Allows(officer, Action::kRead, {Resource::kClient, "14347", {"w1"}}));
}

TEST(Policy, UnitScopeCoversTheSubtreeOnly) {
  FakeUnits units;
  Policy policy(units);
  Subject district{"d", Role::kDistrictOfficer, "374"};
  EXPECT_TRUE(policy.Allows(district, Action::kRead, {Resource::kProgrammeRecord, "14347", {}}));
  EXPECT_TRUE(policy.Allows(district, Action::kRead, {Resource::kProgrammeRecord, "374", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kRead, {Resource::kProgrammeRecord, "14320", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kRead, {Resource::kProgrammeRecord, "37", {}}));
  Subject commune{"c", Role::kCommuneOfficer, "14347"};
  EXPECT_FALSE(policy.Allows(commune, Action::kRead, {Resource::kProgrammeRecord, "14350", {}}));
}

TEST(Policy, DeniesWhatTheTableDoesNotGrant) {
  FakeUnits units;
  Policy policy(units);
  Subject viewer{"v", Role::kViewer, "37"};
  EXPECT_FALSE(policy.Allows(viewer, Action::kCreate, {Resource::kProgrammeRecord, "37", {}}));
  EXPECT_FALSE(policy.Allows(viewer, Action::kRead, {Resource::kAccount, "37", {}}));
  Subject admin{"a", Role::kAdmin, "37"};
  EXPECT_FALSE(policy.Allows(admin, Action::kRead, {Resource::kClient, "37", {}}));
  EXPECT_FALSE(policy.Allows(admin, Action::kRead, {Resource::kAudit, std::nullopt, {}}));
  Subject dpo{"p", Role::kDpo, "37"};
  EXPECT_TRUE(policy.Allows(dpo, Action::kRead, {Resource::kAudit, std::nullopt, {}}));
  EXPECT_FALSE(policy.Allows(dpo, Action::kRead, {Resource::kClient, "37", {}}));
}

TEST(Policy, AUnitWritesOnlyItsOwnReportAndTheProvinceRunsTheRounds) {
  FakeUnits units;
  Policy policy(units);
  Subject province{"p", Role::kProvinceOfficer, "37"};
  Subject district{"d", Role::kDistrictOfficer, "374"};
  Subject commune{"c", Role::kCommuneOfficer, "14347"};
  Subject viewer{"v", Role::kViewer, "37"};
  EXPECT_TRUE(policy.Allows(district, Action::kUpdate, {Resource::kReport, "374", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kUpdate, {Resource::kReport, "14347", {}}));  // below: read only
  EXPECT_TRUE(policy.Allows(district, Action::kRead, {Resource::kReport, "14347", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kRead, {Resource::kReport, "369", {}}));
  EXPECT_TRUE(policy.Allows(commune, Action::kUpdate, {Resource::kReport, "14347", {}}));
  EXPECT_FALSE(policy.Allows(province, Action::kUpdate, {Resource::kReport, "374", {}}));
  EXPECT_TRUE(policy.Allows(province, Action::kRead, {Resource::kReport, "374", {}}));
  EXPECT_FALSE(policy.Allows(viewer, Action::kUpdate, {Resource::kReport, "37", {}}));
  // rounds: made, returned and approved by the province officer; the others read them
  EXPECT_TRUE(policy.Allows(province, Action::kCreate, {Resource::kReportRound, "37", {}}));
  EXPECT_TRUE(policy.Allows(province, Action::kUpdate, {Resource::kReportRound, "37", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kCreate, {Resource::kReportRound, "374", {}}));
  EXPECT_FALSE(policy.Allows(district, Action::kUpdate, {Resource::kReportRound, "374", {}}));
  EXPECT_TRUE(policy.Allows(district, Action::kRead, {Resource::kReportRound, "374", {}}));
  // enforcement, support, administration, data protection: nothing (reports hold aggregates of both
  // worlds, and the roles that work on records or people have their own screens)
  for (Role role : {Role::kInspector, Role::kIntakeOfficer, Role::kSocialWorker, Role::kPeerEducator, Role::kAdmin,
                    Role::kDpo}) {
    for (Resource r : {Resource::kReport, Resource::kReportRound}) {
      for (Action a : {Action::kRead, Action::kCreate, Action::kUpdate, Action::kExport}) {
        EXPECT_EQ(Policy::ScopeOf(role, r, a), Scope::kNone) << RoleId(role) << " " << ResourceId(r);
      }
    }
  }
}

TEST(Policy, ParsesAndNamesEveryResourceAndAction) {
  for (auto id : {"unit", "account", "audit", "client", "tip", "denouncer", "aggregate", "report", "report_round"}) {
    ASSERT_TRUE(ParseResource(id)) << id;
    EXPECT_EQ(ResourceId(*ParseResource(id)), id);
  }
  EXPECT_EQ(ParseAction("export"), Action::kExport);
  EXPECT_FALSE(ParseResource("nothing"));
}

}  // namespace
}  // namespace pcmd::access
