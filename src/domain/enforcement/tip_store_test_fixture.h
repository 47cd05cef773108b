#pragma once

// The fixture of the tip store's tests (tip_store_test.cc, tip_steps_test.cc): a store on either
// engine with a small tree of Ninh Bình, the accounts of every role that meets tips, and helpers.
#include "domain/enforcement/tip_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "access/unit_scope.h"
#include "domain/records/record_store.h"
#include "domain/units/unit_file.h"
#include "testkit/store.h"

namespace pcmd::enforcement::tip_testing {

using access::Role;
using access::Subject;
using base::Date;
using base::StatusCode;

inline Date D(const char* t) { return Date::Parse(t).value(); }

constexpr const char* kTree =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "369,Thành phố Ninh Bình,district,Thành phố,37\n"
    "14320,Phường Đông Thành,commune,Phường,369\n"
    "374,Huyện Hoa Lư,district,Huyện,37\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n"
    "14350,Xã Ninh Mỹ,commune,Xã,374\n";

constexpr const char* kName = "Nguyễn Thị Tố Giác";
constexpr const char* kPhone = "0912345678";

inline std::set<std::string> FieldsOf(const base::Status& s) {
  std::set<std::string> out;
  for (const auto& f : s.fields()) {
    out.insert(f.field + ":" + f.code);
  }
  return out;
}

class TipStoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) {
      migrations.push_back(m);
    }
    for (auto& m : access::AccessMigrations()) {
      migrations.push_back(m);
    }
    for (auto& m : records::RecordMigrations()) {
      migrations.push_back(m);
    }
    for (auto& m : TipMigrations()) {
      migrations.push_back(m);
    }
    ASSERT_TRUE(db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(db());
    ASSERT_TRUE(tree_->Import("t", units::ParseUnitFile(kTree).value(), D("2021-01-01")).ok());
    scope_ = std::make_unique<access::UnitScope>(*tree_);
    policy_ = std::make_unique<access::Policy>(*scope_);
    accounts_ = std::make_unique<access::AccountStore>(db(), *policy_, *scope_);
    codes_ = std::make_unique<records::CodeLists>(db());
    tips_ = std::make_unique<TipStore>(db(), *tree_, *policy_, *accounts_, *codes_, box_,
                                       [this] { return now_; });
    intake_ = Account("intake.37", "intake_officer", "37");
    intake374_ = Account("intake.374", "intake_officer", "374");
    inspector_ = Account("insp.374", "inspector", "374");
    inspector2_ = Account("insp2.37", "inspector", "37");
    inspector369_ = Account("insp.369", "inspector", "369");
    province_ = Account("prov.37", "province_officer", "37");
    district_ = Account("dist.374", "district_officer", "374");
    social_ = Account("sw.374", "social_worker", "374");
  }

  store::Database& db() { return store_->db(); }

  Subject Account(const std::string& username, const std::string& role, const std::string& unit) {
    std::string otp;
    auto a =
        accounts_->CreateSystem("cli", {username, username, role, unit, std::nullopt, true}, &otp);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return {a->id, a->role, a->unit_code};
  }

  NewTip Input(const std::string& unit = "14347", const std::string& kind = "crime_report",
               const std::string& received = "2024-03-01T02:00:00Z") {
    NewTip in;
    in.unit_code = unit;
    in.channel = "hotline";
    in.kind = kind;
    in.received_at = received;
    in.place = "Nhà nghỉ ven đường";
    in.content = "Phản ánh có hoạt động mua bán dâm tại nhà nghỉ";
    return in;
  }

  Tip Make(const NewTip& in, const Subject* who = nullptr) {
    bool created = false;
    const Subject& s = who ? *who : intake_;
    auto t = tips_->Create(s, s.account_id, in, &created);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_TRUE(created);
    return t.ok() ? *t : Tip{};
  }

  Tip Run(const Tip& tip, TipStepInput in, const Subject* who = nullptr) {
    in.version = tip.version;
    const Subject& s = who ? *who : intake_;
    auto t = tips_->Step(s, s.account_id, tip.id, in);
    EXPECT_TRUE(t.ok()) << TipStepId(in.step) << ": " << t.status().ToString();
    return t.ok() ? *t : tip;
  }

  // received → verified → classified → assigned to `assignee`
  Tip Assigned(const Tip& tip, const Subject& assignee) {
    Tip t = Run(tip, {.step = TipStep::kVerify});
    t = Run(t, {.step = TipStep::kClassify, .kind = t.kind});
    return Run(t, {.step = TipStep::kAssign, .assignee = assignee.account_id});
  }

  // Every text cell of `table`, joined.
  std::string TableText(const std::string& table) {
    std::string all;
    EXPECT_TRUE(db().Read([&](store::Transaction& tx) -> base::Status {
                      PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT * FROM " + table));
                      for (const auto& r : rows) {
                        for (std::size_t i = 0; i < r.size(); ++i) {
                          all += r.Text(i) + "\n";
                        }
                      }
                      return base::Status::Ok();
                    })
                    .ok());
    return all;
  }

  void InsertRecord(const std::string& id, const std::string& type, const std::string& unit,
                    const std::string& data = "{}", bool deleted = false) {
    ASSERT_TRUE(
        db().Write("t",
                   [&](store::Transaction& tx) {
                     return tx
                         .Exec(
                             "INSERT INTO records (id, type, unit_code, record_date, data, "
                             "search_text, "
                             "version, created_at, updated_at, created_by, updated_by, deleted_at) "
                             "VALUES (:1, :2, :3, '2023-01-01', :4, '', 1, 'x', 'x', 't', 't', :5)",
                             {id, type, unit, data,
                              deleted ? std::optional<std::string>("x")
                                      : std::optional<std::string>()})
                         .status();
                   })
            .ok());
  }

  std::string now_ = "2024-03-01T03:00:00.000Z";  // 10:00 in Vietnam
  base::SecretBox box_ = base::SecretBox::FromKey(std::string(32, 'k'));
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<access::UnitScope> scope_;
  std::unique_ptr<access::Policy> policy_;
  std::unique_ptr<access::AccountStore> accounts_;
  std::unique_ptr<records::CodeLists> codes_;
  std::unique_ptr<TipStore> tips_;
  Subject intake_, intake374_, inspector_, inspector2_, inspector369_, province_, district_,
      social_;
};

}  // namespace pcmd::enforcement::tip_testing
