#include "access/auth.h"

#include <gtest/gtest.h>

#include "access/password.h"
#include "access/totp.h"
#include "access/unit_scope.h"
#include "domain/units/unit_file.h"
#include "domain/units/unit_tree.h"
#include "testkit/store.h"

namespace pcmd::access {
namespace {

constexpr const char* kTree =
    "code,name,level,type,parent_code\n"
    "37,Tỉnh Ninh Bình,province,Tỉnh,\n"
    "369,Thành phố Ninh Bình,district,Thành phố,37\n"
    "374,Huyện Hoa Lư,district,Huyện,37\n"
    "14347,Xã Ninh Nhất,commune,Xã,374\n";

class AuthTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgresql && !testkit::PostgresAvailable()) {
      GTEST_SKIP() << "PCMD_TEST_PG_URL is not set";
    }
    store_ = std::make_unique<testkit::TestStore>(GetParam());
    auto migrations = store::StoreMigrations();
    for (auto& m : units::UnitMigrations()) migrations.push_back(m);
    for (auto& m : AccessMigrations()) migrations.push_back(m);
    ASSERT_TRUE(db().Migrate(migrations).ok());
    tree_ = std::make_unique<units::UnitTree>(db());
    ASSERT_TRUE(tree_->Import("test", units::ParseUnitFile(kTree).value(),
                              base::Date::Parse("2021-01-01").value())
                    .ok());
    scope_ = std::make_unique<UnitScope>(*tree_);
    policy_ = std::make_unique<Policy>(*scope_);
    accounts_ = std::make_unique<AccountStore>(db(), *policy_, *scope_);
    auth_ = std::make_unique<Authenticator>(db(), box_, options_, [this] { return now_; });
  }

  store::Database& db() { return store_->db(); }

  Account Make(const std::string& name, const std::string& role, const std::string& unit,
               bool must_change = false) {
    NewAccount n{name, "Cán bộ " + name, role, unit, std::string("ngựa vằn ăn cỏ"), must_change};
    auto a = accounts_->CreateSystem("test", n, nullptr);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return *a;
  }

  base::Result<LoginResult> Login(const std::string& name, const std::string& pw = "ngựa vằn ăn cỏ",
                            std::optional<std::string> totp = std::nullopt,
                            const std::string& addr = "10.0.0.1") {
    return auth_->Login({name, pw, totp, addr}, "req");
  }

  std::int64_t now_ = 1'800'000'000;
  AuthOptions options_;
  base::SecretBox box_ = base::SecretBox::FromKey(std::string(32, 'k'));
  std::unique_ptr<testkit::TestStore> store_;
  std::unique_ptr<units::UnitTree> tree_;
  std::unique_ptr<UnitScope> scope_;
  std::unique_ptr<Policy> policy_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<Authenticator> auth_;
};

TEST_P(AuthTest, LoginGivesASessionThatResolves) {
  Account a = Make("can.bo.xa", "viewer", "14347");
  auto r = Login("CAN.BO.XA");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->token.size(), 32u);
  EXPECT_EQ(r->session.subject.unit_code, "14347");
  auto s = auth_->Resolve(r->token);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->account.id, a.id);
  EXPECT_EQ(s->csrf_token, r->session.csrf_token);
  EXPECT_FALSE(s->IsLimited());
}

TEST_P(AuthTest, WrongPasswordAndUnknownUserLookTheSame) {
  Make("someone", "viewer", "37");
  auto wrong = Login("someone", "not the password");
  auto unknown = Login("nobody", "not the password");
  EXPECT_EQ(wrong.status().machine_code(), "invalid_credentials");
  EXPECT_EQ(unknown.status().machine_code(), "invalid_credentials");
  EXPECT_EQ(wrong.status().message(), unknown.status().message());
  auto audit = db().ReadAudit({.action = "login", .outcome = "failed"});
  EXPECT_EQ(audit->second, 2);
}

TEST_P(AuthTest, LocksAUserNameAfterTenFailures) {
  Make("target", "viewer", "37");
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(Login("target", "wrong", std::nullopt, "10.0.0." + std::to_string(i)).status().machine_code(),
              "invalid_credentials");
  }
  auto locked = Login("target");  // even the right password
  EXPECT_EQ(locked.status().machine_code(), "throttled");
  EXPECT_EQ(locked.status().retry_after_seconds(), 900);
  // Names without accounts are locked the same way.
  for (int i = 0; i < 10; ++i) (void)Login("ghost", "wrong");
  EXPECT_EQ(Login("ghost", "wrong").status().machine_code(), "throttled");
  now_ += 901;
  EXPECT_TRUE(Login("target").ok());
}

TEST_P(AuthTest, ThrottlesOneAddressAcrossUserNames) {
  options_.address_failures_per_hour = 5;
  auth_ = std::make_unique<Authenticator>(db(), box_, options_, [this] { return now_; });
  Make("real", "viewer", "37");
  for (int i = 0; i < 5; ++i) (void)Login("guess" + std::to_string(i), "x", std::nullopt, "10.9.9.9");
  EXPECT_EQ(Login("real", "ngựa vằn ăn cỏ", std::nullopt, "10.9.9.9").status().machine_code(), "throttled");
  EXPECT_TRUE(Login("real", "ngựa vằn ăn cỏ", std::nullopt, "10.1.1.1").ok());
}

TEST_P(AuthTest, SessionsExpireWhenIdleAndAfterTwelveHours) {
  Make("user01", "viewer", "37");
  auto r = Login("user01");
  now_ += 29 * 60;
  ASSERT_TRUE(auth_->Resolve(r->token).ok());
  now_ += 31 * 60;
  EXPECT_EQ(auth_->Resolve(r->token).status().code(), base::StatusCode::kUnauthenticated);
  auto r2 = Login("user01");
  for (int i = 0; i < 24; ++i) {
    now_ += 29 * 60;
    ASSERT_TRUE(auth_->Resolve(r2->token).ok()) << i;
  }
  now_ += 29 * 60;  // past 12 h since login
  EXPECT_FALSE(auth_->Resolve(r2->token).ok());
}

TEST_P(AuthTest, LogoutDisableAndRoleChangeEndSessions) {
  Account admin = Make("admin1", "admin", "37");
  Account user = Make("user1", "viewer", "374");
  auto r = Login("user1");
  ASSERT_TRUE(auth_->Logout(r->token, "user").ok());
  EXPECT_FALSE(auth_->Resolve(r->token).ok());

  Subject subject{admin.id, Role::kAdmin, "37"};
  auto r2 = Login("user1");
  ASSERT_TRUE(accounts_->Update(subject, "admin", user.id, {.version = user.version, .role = "commune_officer"}).ok());
  EXPECT_FALSE(auth_->Resolve(r2->token).ok());

  auto r3 = Login("user1");
  Account now = *accounts_->Get(subject, user.id);
  ASSERT_TRUE(accounts_->Update(subject, "admin", user.id, {.version = now.version, .is_disabled = true}).ok());
  EXPECT_FALSE(auth_->Resolve(r3->token).ok());
  EXPECT_EQ(Login("user1").status().machine_code(), "invalid_credentials");
}

TEST_P(AuthTest, StaleVersionIsAConflict) {
  Account admin = Make("admin2", "admin", "37");
  Account user = Make("user2", "viewer", "374");
  Subject subject{admin.id, Role::kAdmin, "37"};
  ASSERT_TRUE(accounts_->Update(subject, "a", user.id, {.version = user.version, .display_name = "X"}).ok());
  auto stale = accounts_->Update(subject, "a", user.id, {.version = user.version, .display_name = "Y"});
  EXPECT_EQ(stale.status().machine_code(), "stale_version");
  auto history = accounts_->History(subject, user.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].display_name, "Cán bộ user2");
  EXPECT_EQ((*history)[0].version, user.version);
}

TEST_P(AuthTest, AdministratorsCannotReachOrGrantUnitsAboveThem) {
  Account district_admin = Make("dadmin", "admin", "374");
  Account outside = Make("outside", "viewer", "369");
  Subject subject{district_admin.id, Role::kAdmin, "374"};
  EXPECT_EQ(accounts_->Get(subject, outside.id).status().code(), base::StatusCode::kNotFound);
  std::string otp;
  auto up = accounts_->Create(subject, "a", {"new.one", "", "viewer", "37"}, &otp);
  ASSERT_FALSE(up.ok());
  EXPECT_EQ(up.status().fields()[0].field, "unit_code");
  auto ok = accounts_->Create(subject, "a", {"new.two", "", "viewer", "14347"}, &otp);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->must_change_password);
  EXPECT_EQ(otp.size(), 16u);
  auto page = accounts_->List(subject, {});
  ASSERT_TRUE(page.ok());
  for (const auto& a : page->items) EXPECT_NE(a.unit_code, "369");
  Subject viewer{outside.id, Role::kViewer, "369"};
  EXPECT_EQ(accounts_->List(viewer, {}).status().code(), base::StatusCode::kPermissionDenied);
}

TEST_P(AuthTest, PasswordChangeClearsTheFlagAndEndsOtherSessions) {
  Make("fresh", "viewer", "37", /*must_change=*/true);
  auto first = Login("fresh");
  auto second = Login("fresh");
  ASSERT_TRUE(first->session.must_change_password);
  ASSERT_TRUE(first->session.IsLimited());
  auto weak = auth_->ChangePassword(first->session, first->token, "fresh", "ngựa vằn ăn cỏ", "password");
  EXPECT_EQ(weak.fields()[0].code, "too_common");
  auto wrong = auth_->ChangePassword(first->session, first->token, "fresh", "nope", "một câu rất dài");
  EXPECT_EQ(wrong.fields()[0].field, "current_password");
  ASSERT_TRUE(auth_->ChangePassword(first->session, first->token, "fresh", "ngựa vằn ăn cỏ", "một câu rất dài").ok());
  EXPECT_FALSE(auth_->Resolve(first->token)->must_change_password);
  EXPECT_FALSE(auth_->Resolve(second->token).ok());
  EXPECT_TRUE(Login("fresh", "một câu rất dài").ok());
}

TEST_P(AuthTest, TotpEnrolmentThenLoginNeedsACodeAndRefusesReplay) {
  Make("peer", "peer_educator", "14347");
  auto first = Login("peer");
  ASSERT_TRUE(first->session.must_enrol_totp);
  auto enrol = auth_->BeginTotp(first->session, "peer");
  ASSERT_TRUE(enrol.ok());
  const std::string secret = *Base32Decode(enrol->secret_base32);
  EXPECT_FALSE(auth_->ConfirmTotp(first->session, "peer", "000000").ok());
  auto codes = auth_->ConfirmTotp(first->session, "peer", Hotp(secret, TotpStep(now_)));
  ASSERT_TRUE(codes.ok()) << codes.status().ToString();
  EXPECT_EQ(codes->size(), 10u);
  EXPECT_FALSE(auth_->Resolve(first->token)->must_enrol_totp);

  now_ += 60;
  EXPECT_EQ(Login("peer").status().machine_code(), "totp_required");
  const std::string code = Hotp(secret, TotpStep(now_));
  ASSERT_TRUE(Login("peer", "ngựa vằn ăn cỏ", code).ok());
  EXPECT_EQ(Login("peer", "ngựa vằn ăn cỏ", code).status().machine_code(), "totp_required");  // replay
  EXPECT_TRUE(Login("peer", "ngựa vằn ăn cỏ", (*codes)[0]).ok());  // a recovery code, once
  EXPECT_FALSE(Login("peer", "ngựa vằn ăn cỏ", (*codes)[0]).ok());
}

TEST_P(AuthTest, TokensAreStoredOnlyAsHashes) {
  Make("hashme", "viewer", "37");
  auto r = Login("hashme");
  db().Read([&](store::Transaction& tx) -> base::Status {
        auto rows = tx.Query("SELECT token_hash FROM sessions");
        EXPECT_EQ((*rows)[0].Text(0), Sha256Hex(r->token));
        EXPECT_NE((*rows)[0].Text(0), r->token);
        return base::Status::Ok();
      }).ok();
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::access
