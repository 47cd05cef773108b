// Indicators on the versions of the tree (indicator_trees.cc; docs/plans.md "Reorganisations"),
// with the shipped files: Ninh Bình, Hà Nam and Nam Định from 2021, the tree of 1 January 2025 and
// the merged province of 1 July 2025 with their change rows. A record keeps the unit of its date;
// asked as the tree was, it counts there; on a later tree, under the units that succeeded it. A
// split unit counts only where every successor is (or, by the "remainder" rule, under the one that
// took the rest), and the province's totals are the same on every version (random records, both
// engines, also after changes followed through the change log).
#include <fstream>
#include <random>
#include <sstream>

#include "access/accounts.h"
#include "analytics/indicator_test_fixture.h"

namespace pcmd::analytics {
namespace {

std::string Slurp(const std::string& name) {
  std::ifstream in(std::string(PCMD_UNITS_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TreeChoice AsWas() { return {TreeChoice::Kind::kAsWas, {}}; }
TreeChoice On(const char* day) { return {TreeChoice::Kind::kOn, Date::Parse(day).value()}; }

class TreeVersionsTest : public IndicatorTest {
 protected:
  void LoadUnits() override {
    const Date start = Date::Parse("2021-01-01").value();
    for (const char* file : {"ninh-binh-units.csv", "ha-nam-nam-dinh-units.csv"}) {
      auto r = tree_->Import("t", units::ParseUnitFile(Slurp(file)).value(), start);
      ASSERT_TRUE(r.ok()) << file << ": " << r.status().ToString();
    }
    auto changes = units::ParseChangeFile(Slurp("ninh-binh-unit-changes-2025.csv"));
    ASSERT_TRUE(changes.ok());
    for (const auto& [file, day] : {std::pair{"ninh-binh-units-2025-01-01.csv", "2025-01-01"},
                                   std::pair{"ninh-binh-units-2025-07-01.csv", "2025-07-01"}}) {
      const Date on = Date::Parse(day).value();
      auto merged = tree_->MergedProvinces(*changes, on);
      ASSERT_TRUE(merged.ok());
      ASSERT_TRUE(tree_->Import("t", units::ParseUnitFile(Slurp(file)).value(), on, *merged).ok());
      ASSERT_TRUE(tree_->ImportChanges("t", *changes, on).ok());
    }
  }

  void SetUp() override {
    IndicatorTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    access::AccountStore accounts(db(), *policy_, *scope_);
    std::string otp;
    auto inspector = accounts.CreateSystem("cli", {"kiemtra", "kiemtra", "inspector", "37", std::nullopt, true}, &otp);
    ASSERT_TRUE(inspector.ok()) << inspector.status().ToString();
    inspector_ = inspector->id;
  }

  std::string Establishment(const std::string& unit, const std::string& date) {
    const int i = ++made_;
    return Add(enforcement::Establishment(), unit, date,
               {{"name", "Nhà nghỉ số " + std::to_string(i)},
                {"kind", std::string("lodging")},
                {"address", "Số " + std::to_string(i) + " đường " + std::to_string(i * 7)},
                {"registration_number", "27A8-" + std::to_string(1000 + i)}});
  }
  void Inspect(const std::string& unit, const std::string& establishment, const std::string& date) {
    Add(enforcement::Inspection(), unit, date,
        {{"establishment", establishment}, {"decision_number", std::string("1/QĐ")},
         {"lead_agency", std::string("police")}, {"members", std::vector<std::string>{inspector_}},
         {"result", std::string("compliant")}});
  }
  base::Result<IndicatorValue> Eval(IndicatorEngine& engine, const std::string& target, const std::string& unit,
                                  const std::string& period, const TreeChoice& tree) {
    return engine.Evaluate("plan-184", target, unit, Period::Parse(period).value(), tree);
  }
  // "numerator/denominator" of T10 (establishments inspected in the year / existing that year).
  std::string T10(const std::string& unit, const std::string& period, const TreeChoice& tree,
                  IndicatorEngine* engine = nullptr) {
    auto v = Eval(engine ? *engine : *engine_, "T10", unit, period, tree);
    if (!v.ok()) return v.status().fields().empty() ? v.status().ToString() : "error:" + v.status().fields()[0].field;
    return std::to_string(v->numerator) + "/" + std::to_string(v->denominator.value_or(-1));
  }
  std::unique_ptr<IndicatorEngine> RemainderEngine() {
    plan::Plan p = plan_;
    p.split_rule = "remainder";
    return std::make_unique<IndicatorEngine>(db(), *tree_, catalog_, std::vector<plan::Plan>{p},
                                             [this] { return today_; });
  }

  std::string inspector_;
  int made_ = 0;
};

// Xã Đông Sơn (14380, Thành phố Tam Điệp) until 30 June 2025, then part of Phường Trung Sơn (14365)
// directly under the merged province.
TEST_P(TreeVersionsTest, ARecordOfDongSonCountsWhereItsUnitWentOnEachTree) {
  const std::string e = Establishment("14380", "2021-02-01");
  Inspect("14380", e, "2023-05-10");
  ASSERT_TRUE(engine_->Rebuild().ok());
  // As the tree was in 2023: the commune and its district.
  EXPECT_EQ(T10("14380", "2023", AsWas()), "1/1");
  EXPECT_EQ(T10("370", "2023", AsWas()), "1/1");
  EXPECT_EQ(T10("14365", "2023", AsWas()), "0/0");  // Phường Trung Sơn then: another commune
  EXPECT_EQ(T10("370", "2023", On("2025-01-01")), "1/1");
  // On the tree of July 2025: under Phường Trung Sơn; the district is not on that tree.
  EXPECT_EQ(T10("14365", "2023", On("2025-07-01")), "1/1");
  EXPECT_EQ(T10("370", "2023", On("2025-07-01")), "error:unit");
  // By default, today's tree; a unit closed since is read on its period's tree.
  auto v = Eval(*engine_, "T10", "14365", "2023", {});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->tree, Date::Parse("2025-07-01").value());
  EXPECT_EQ(v->numerator, 1);
  v = Eval(*engine_, "T10", "370", "2023", {});
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->tree, Date::Parse("2021-01-01").value());
  EXPECT_EQ(v->numerator, 1);
  // The province: the same on every tree.
  for (const char* day : {"2021-01-01", "2025-01-01", "2025-07-01"}) EXPECT_EQ(T10("37", "2023", On(day)), "1/1") << day;
  // A tree older than the period cannot hold it.
  EXPECT_EQ(T10("37", "2025", On("2025-01-01")), "error:tree");
  // The establishment still exists in 2025, now on Phường Trung Sơn's tree.
  EXPECT_EQ(T10("14365", "2025", AsWas()), "0/1");
  auto behind = engine_->FactsBehind("plan-184", "T10", "14365", Period::Parse("2023").value(), On("2025-07-01"));
  ASSERT_TRUE(behind.ok());
  ASSERT_EQ(behind->size(), 1u);
  EXPECT_EQ(behind->at(0).unit, "14380");  // the record keeps its unit
}

// Phường Quang Trung (13285, Hà Nam) was split on 1 July 2025: a part to Phường Hà Nam (13366), the
// rest to Phường Phủ Lý (13285).
TEST_P(TreeVersionsTest, ASplitUnitIsNeverCountedTwice) {
  const std::string e = Establishment("13285", "2022-03-01");
  Inspect("13285", e, "2023-04-01");
  ASSERT_TRUE(engine_->Rebuild().ok());
  EXPECT_EQ(T10("13285", "2023", AsWas()), "1/1");
  EXPECT_EQ(T10("35", "2023", AsWas()), "1/1");
  // Unapportioned: only the province holds both successors.
  EXPECT_EQ(T10("13366", "2023", On("2025-07-01")), "0/0");
  EXPECT_EQ(T10("13285", "2023", On("2025-07-01")), "0/0");
  EXPECT_EQ(T10("37", "2023", On("2025-07-01")), "1/1");
  // The remainder rule: whole to Phường Phủ Lý; the successors sum to the original.
  auto remainder = RemainderEngine();
  ASSERT_TRUE(remainder->Rebuild().ok());
  EXPECT_EQ(T10("13285", "2023", On("2025-07-01"), remainder.get()), "1/1");
  EXPECT_EQ(T10("13366", "2023", On("2025-07-01"), remainder.get()), "0/0");
  EXPECT_EQ(T10("37", "2023", On("2025-07-01"), remainder.get()), "1/1");
}

// Thị trấn Nho Quan (14383) merged on 1 January 2025 by a row only inferred: until an officer
// confirms it, its records count under its district (and the province), not under the guess.
TEST_P(TreeVersionsTest, ARowToConfirmCarriesNothingUntilConfirmed) {
  const std::string e = Establishment("14383", "2021-05-01");
  Inspect("14383", e, "2024-02-01");
  ASSERT_TRUE(engine_->Rebuild().ok());
  EXPECT_EQ(T10("14428", "2024", On("2025-01-01")), "0/0");
  EXPECT_EQ(T10("372", "2024", On("2025-01-01")), "1/1");
  auto rows = tree_->ListChanges(Date::Parse("2025-01-01").value(), true);
  ASSERT_TRUE(rows.ok());
  std::int64_t id = 0;
  for (const auto& r : *rows) {
    if (r.from_code == "14383") id = r.id;
  }
  ASSERT_NE(id, 0);
  ASSERT_TRUE(tree_->ConfirmChange("admin", id, std::nullopt).ok());
  ASSERT_TRUE(engine_->CatchUp().ok());
  EXPECT_EQ(T10("14428", "2024", On("2025-01-01")), "1/1");
  EXPECT_EQ(T10("372", "2024", On("2025-01-01")), "1/1");
}

// Random establishments and inspections on units valid on their dates, 2021–2025: each year's
// province totals are equal on every tree that can hold the year (the merged province of July 2025
// holds the three before it); then more records through the change log, and the same again.
TEST_P(TreeVersionsTest, ProvinceTotalsAreEqualOnEveryTree) {
  std::mt19937 rng(20250701);
  std::map<std::string, std::vector<std::string>> communes;  // by the day of a tree
  auto commune_on = [&](const std::string& day) {
    auto& list = communes[day];
    if (list.empty()) {
      auto page = tree_->List({.level = "commune", .date = Date::Parse(day).value(), .limit = 100000});
      EXPECT_TRUE(page.ok());
      for (const auto& u : page->items) list.push_back(u.code);
    }
    return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(rng)];
  };
  auto day_in = [&](int year) {
    const int month = std::uniform_int_distribution<int>(1, 12)(rng);
    const int day = std::uniform_int_distribution<int>(1, 28)(rng);
    char text[11];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return std::string(text);
  };
  auto tree_day = [](const std::string& date) {
    return date < "2025-01-01" ? std::string("2021-01-01") : date < "2025-07-01" ? "2025-01-01" : "2025-07-01";
  };
  auto add_some = [&](int n) {
    for (int i = 0; i < n; ++i) {
      const std::string opened = day_in(std::uniform_int_distribution<int>(2021, 2025)(rng));
      const std::string unit = commune_on(tree_day(opened));
      const std::string e = Establishment(unit, opened);
      for (int k = std::uniform_int_distribution<int>(0, 3)(rng); k > 0; --k) {
        const std::string when = day_in(std::uniform_int_distribution<int>(2021, 2025)(rng));
        if (when < opened) continue;
        // Inspected where the establishment's unit was carried, or (late report) on its own unit.
        const std::string here = tree_day(when) == tree_day(opened) ? unit : commune_on(tree_day(when));
        Inspect(here, e, when);
      }
    }
  };
  auto check = [&](IndicatorEngine& engine, const char* stage) {
    for (int year = 2021; year <= 2025; ++year) {
      const std::string period = std::to_string(year);
      // Before July 2025 the merged province was three: Hà Nam (35), Nam Định (36), Ninh Bình (37).
      std::int64_t num = 0, den = 0;
      for (const char* province : {"35", "36", "37"}) {
        if (year == 2025) break;
        auto v = Eval(engine, "T10", province, period, AsWas());
        ASSERT_TRUE(v.ok()) << v.status().ToString();
        num += v->numerator;
        den += v->denominator.value_or(0);
        EXPECT_EQ(T10(province, period, On("2025-01-01"), &engine), T10(province, period, AsWas(), &engine))
            << stage << " " << province << " " << year;
      }
      const std::string merged = T10("37", period, On("2025-07-01"), &engine);
      if (year < 2025) {
        EXPECT_EQ(merged, std::to_string(num) + "/" + std::to_string(den)) << stage << " " << year;
      }
      EXPECT_EQ(T10("37", period, AsWas(), &engine), year == 2025 ? merged : T10("37", period, On("2021-01-01"), &engine));
      EXPECT_GT(den, year == 2025 ? -1 : 0) << stage << " " << year;
    }
  };
  add_some(60);
  ASSERT_TRUE(engine_->Rebuild().ok());
  auto remainder = RemainderEngine();
  ASSERT_TRUE(remainder->Rebuild().ok());
  check(*engine_, "rebuilt");
  check(*remainder, "rebuilt, remainder");
  add_some(25);
  ASSERT_TRUE(engine_->CatchUp().ok());
  ASSERT_TRUE(remainder->CatchUp().ok());
  check(*engine_, "followed");
  check(*remainder, "followed, remainder");
  // With the remainder rule every Ninh Bình commune of 2023 goes to one commune of July 2025 (or,
  // unconfirmed, to the province): the July communes never hold more than the province.
  std::int64_t communes_total = 0;
  auto page = tree_->List({.level = "commune", .date = Date::Parse("2025-07-01").value(), .limit = 100000});
  ASSERT_TRUE(page.ok());
  for (const auto& u : page->items) {
    auto v = Eval(*remainder, "T10", u.code, "2023", On("2025-07-01"));
    ASSERT_TRUE(v.ok());
    communes_total += v->denominator.value_or(0);
  }
  auto province = Eval(*remainder, "T10", "37", "2023", On("2025-07-01"));
  ASSERT_TRUE(province.ok());
  EXPECT_LE(communes_total, province->denominator.value_or(0));
  EXPECT_GT(communes_total, 0);
}

// Access (access/unit_scope.cc): a unit lies within every unit any of its versions was under, so
// an account of a district closed in 2025 keeps reading the history of its communes, even those
// whose code now sits directly under the merged province.
TEST_P(TreeVersionsTest, AClosedDistrictStillHoldsItsCommunesHistory) {
  EXPECT_TRUE(scope_->Contains("370", "14365"));  // Phường Trung Sơn: under Tam Điệp until July 2025
  EXPECT_TRUE(scope_->Contains("370", "14380"));
  EXPECT_TRUE(scope_->Contains("37", "14365"));
  EXPECT_TRUE(scope_->Contains("369", "14320"));  // moved to Thành phố Hoa Lư in January 2025
  EXPECT_TRUE(scope_->Contains("374", "14320"));
  EXPECT_TRUE(scope_->Contains("37", "13285"));   // Hà Nam's, in the merged province since July
  EXPECT_TRUE(scope_->Contains("35", "13285"));
  EXPECT_FALSE(scope_->Contains("372", "14365"));
  EXPECT_FALSE(scope_->Contains("35", "14365"));
}

INSTANTIATE_TEST_SUITE_P(Engines, TreeVersionsTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::analytics
