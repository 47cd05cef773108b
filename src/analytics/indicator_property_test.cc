// The engine against plain SQL: random records on each store engine; for every unit of the tree and
// every period, the numerators and denominators of targets T1, T2, T3, T10 and T10b as the engine
// gives them equal those of SQL queries written here from the plan's words, without the engine:
// once after a rebuild, and again after a second wave of writes followed through the change log.
// Most of these values come from the totals (indicator_totals.cc: month and "$year" totals, the
// distinct counts of distinct_totals.cc, the existing-until counts of existing_totals.cc) and the
// facts laid out by unit and day (IndicatorEngine::Relayout), so this is their test against SQL.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "analytics/indicator_test_fixture.h"

namespace pcmd::analytics {
namespace {

class IndicatorPropertyTest : public IndicatorTest {
 protected:
  // A JSON field of records.data as text, in the engine's dialect.
  std::string Json(const std::string& field) const {
    return GetParam() == store::Engine::kSqlite ? "json_extract(data, '$." + field + "')"
                                                : "(data::jsonb ->> '" + field + "')";
  }
  std::string JsonInt(const std::string& field) const {
    return GetParam() == store::Engine::kSqlite ? "CAST(json_extract(data, '$." + field + "') AS INTEGER)"
                                                : "CAST(data::jsonb ->> '" + field + "' AS BIGINT)";
  }

  std::int64_t Scalar(const std::string& sql, store::Params params) {
    std::int64_t out = -1;
    EXPECT_TRUE(db().Read([&](store::Transaction& tx) -> base::Status {
                      PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query(sql, params));
                      out = rows.empty() || rows[0].IsNull(0) ? 0 : rows[0].Int(0);
                      return base::Status::Ok();
                    })
                    .ok())
        << sql;
    return out;
  }

  // " AND unit_code IN ('a', 'b')" for the units at and below `unit` (codes are digits only).
  std::string Below(const std::string& unit) {
    auto codes = tree_->CodesBelow(unit);
    EXPECT_TRUE(codes.ok());
    std::string in = " AND unit_code IN (";
    for (std::size_t i = 0; i < codes->size(); ++i) in += (i ? ", '" : "'") + (*codes)[i] + "'";
    return in + ")";
  }
};

TEST_P(IndicatorPropertyTest, EveryValueEqualsPlainSql) {
  access::UnitScope scope(*tree_);
  access::AccountStore accounts(db(), *policy_, scope);
  std::string otp;
  auto inspector = accounts.CreateSystem("cli", {"kiemtra", "kiemtra", "inspector", "37", std::nullopt, true}, &otp);
  ASSERT_TRUE(inspector.ok());
  std::mt19937 rng(184);
  const std::vector<std::string> communes = {"14320", "14347", "14530", "14533"};
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
  };
  auto day = [&](int from_year = 2021) {
    return Date::FromCivil(from_year, 1, 1)
        .AddDays(std::uniform_int_distribution<int>(0, Date::FromCivil(2025, 12, 31).days() -
                                                           Date::FromCivil(from_year, 1, 1).days())(rng))
        .ToString();
  };
  for (int i = 0; i < 90; ++i) Activity(pick(communes), day());
  for (int i = 0; i < 40; ++i) {
    Add(activities::PressItem(), "37", day(), {{"outlet", std::string("bao_ninh_binh")}, {"title", std::string("Tin")}});
  }
  std::vector<std::string> establishments;
  for (int i = 0; i < 10; ++i) {
    Values v{{"name", "Cơ sở số " + std::to_string(i) + " " + std::string(1, static_cast<char>('A' + i))},
             {"kind", std::string("karaoke")},
             {"address", "Số " + std::to_string(100 + i * 37) + " phố " + std::string(1, static_cast<char>('K' + i))},
             {"registration_number", "27B8-" + std::to_string(5000 + i)}};
    if (std::bernoulli_distribution(0.3)(rng)) v["closed_on"] = day(2022);
    const std::string unit = pick(communes);
    const std::string id = Add(enforcement::Establishment(), unit, day(2021).substr(0, 4) + "-01-02", v);
    establishments.push_back(id);
    for (int year = 2021; year <= 2025; ++year) {
      if (std::bernoulli_distribution(0.7)(rng)) {
        Add(enforcement::EstablishmentWorkforce(), unit, Date::FromCivil(year, 2, 1).ToString(),
            {{"establishment", id}, {"year", std::int64_t{year}},
             {"workers", std::int64_t{std::uniform_int_distribution<int>(1, 30)(rng)}}});
      }
      if (std::bernoulli_distribution(0.5)(rng)) {
        const std::int64_t reached = std::uniform_int_distribution<int>(1, 20)(rng);
        Add(activities::Outreach(), unit, Date::FromCivil(year, 6, 1).AddDays(std::uniform_int_distribution<int>(0, 150)(rng)).ToString(),
            {{"establishment", id}, {"people_reached", reached}, {"new_people_reached", reached}});
      }
    }
  }
  std::vector<std::string> inspections;
  auto inspect = [&](int n) {
    for (int i = 0; i < n; ++i) {
      const std::string e = pick(establishments);
      auto est = records_->Get(system_, enforcement::Establishment(), e);
      ASSERT_TRUE(est.ok());
      inspections.push_back(Add(enforcement::Inspection(), est->unit_code, day(est->date.year()),
                                {{"establishment", e}, {"decision_number", std::string("9/QĐ")},
                                 {"lead_agency", std::string("police")},
                                 {"members", std::vector<std::string>{inspector->id}}, {"result", std::string("compliant")}}));
    }
  };
  inspect(30);
  ASSERT_TRUE(engine_->Rebuild().ok());

  int compared = 0;
  auto compare_all = [&] {
  for (const std::string unit : {"37", "369", "374", "14320", "14347", "14530", "14533"}) {
    const std::string below = Below(unit);
    const std::int64_t communes_below = static_cast<std::int64_t>(tree_->CodesBelow(unit)->size()) -
                                        (unit == "37" ? 3 : unit.size() == 3 ? 1 : 0);
    for (const std::string pid : {"2021", "2022", "2023", "2024", "2025", "2024Q2", "2023Q4", "202403", "P2021-2025"}) {
      const Period p = Period::Parse(pid).value();
      const std::string from = p.first.ToString(), to = p.last.ToString();
      SCOPED_TRACE(unit + " " + pid);
      // T1: communes with an activity in every quarter of the period.
      const std::string quarter = "substr(record_date, 1, 4) || '-' || CAST((CAST(substr(record_date, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)";
      const int quarters = (p.last.year() * 4 + (p.last.month() - 1) / 3) - (p.first.year() * 4 + (p.first.month() - 1) / 3) + 1;
      const std::int64_t t1 = Scalar(
          "SELECT COUNT(*) FROM (SELECT unit_code FROM records WHERE type = 'communication_activity' AND deleted_at IS NULL "
          "AND record_date >= :1 AND record_date <= :2" + below + " GROUP BY unit_code HAVING COUNT(DISTINCT " + quarter +
              ") = :3) q",
          {from, to, std::int64_t{quarters}});
      auto v1 = Value("T1", unit, pid);
      EXPECT_EQ(v1.numerator, t1) << "T1";
      EXPECT_EQ(v1.denominator.value_or(-1), communes_below) << "T1 denominator";
      // T2: months with a press item (press items are the province's).
      auto v2 = Value("T2", unit, pid);
      EXPECT_EQ(v2.numerator, Scalar("SELECT COUNT(DISTINCT substr(record_date, 1, 7)) FROM records WHERE type = "
                                     "'press_item' AND deleted_at IS NULL AND record_date >= :1 AND record_date <= :2" + below,
                                     {from, to}))
          << "T2";
      // T3: first-time reach at establishments in the period's year, over their workers of that year.
      const std::string year = std::to_string(p.last.year());
      auto v3 = Value("T3", unit, pid);
      EXPECT_EQ(v3.numerator, Scalar("SELECT SUM(" + JsonInt("new_people_reached") + ") FROM records WHERE type = "
                                     "'outreach' AND deleted_at IS NULL AND " + Json("establishment") + " IS NOT NULL AND "
                                     "record_date >= :1 AND record_date <= :2" + below,
                                     {year + "-01-01", year + "-12-31"}))
          << "T3";
      EXPECT_EQ(v3.denominator.value_or(-1),
                Scalar("SELECT SUM(" + JsonInt("workers") + ") FROM records WHERE type = 'establishment_workforce' AND "
                       "deleted_at IS NULL AND " + JsonInt("year") + " = :1" + below,
                       {std::int64_t{p.last.year()}}))
          << "T3 denominator";
      // T10: distinct establishments inspected in the year, over those open at some time in the period.
      auto v10 = Value("T10", unit, pid);
      EXPECT_EQ(v10.numerator, Scalar("SELECT COUNT(DISTINCT " + Json("establishment") + ") FROM records WHERE type = "
                                      "'inspection' AND deleted_at IS NULL AND record_date >= :1 AND record_date <= :2" + below,
                                      {year + "-01-01", year + "-12-31"}))
          << "T10";
      const std::string open = "SELECT COUNT(*) FROM records WHERE type = 'establishment' AND deleted_at IS NULL AND "
                               "record_date <= :1 AND (" + Json("closed_on") + " IS NULL OR " + Json("closed_on") + " >= :2)";
      EXPECT_EQ(v10.denominator.value_or(-1), Scalar(open + below, {to, from})) << "T10 denominator";
      // T10b: distinct establishments inspected since the plan began, over those still open at the end.
      auto v10b = Value("T10b", unit, pid);
      EXPECT_EQ(v10b.numerator, Scalar("SELECT COUNT(DISTINCT " + Json("establishment") + ") FROM records WHERE type = "
                                       "'inspection' AND deleted_at IS NULL AND record_date >= '2021-01-01' AND "
                                       "record_date <= :1" + below,
                                       {to}))
          << "T10b";
      EXPECT_EQ(v10b.denominator.value_or(-1), Scalar(open + below, {to, to})) << "T10b denominator";
      compared += 9;
    }
  }
  };
  // The facts read at the rebuild (laid out by unit and day, month and year totals made from them).
  compare_all();
  // Then a second wave through the change log: facts added beside the laid-out ones, some removed
  // from among them, an establishment closed, a year's workers changed.
  inspect(25);
  for (int i = 0; i < 30; ++i) Activity(pick(communes), day());
  for (int i = 0; i < 8; ++i) {
    const std::string id = inspections[std::uniform_int_distribution<std::size_t>(0, inspections.size() - 1)(rng)];
    auto r = records_->Get(system_, enforcement::Inspection(), id);
    if (r.ok()) {
      ASSERT_TRUE(records_->Delete(system_, "test", enforcement::Inspection(), id, r->version).ok());
    }
  }
  {
    auto est = records_->Get(system_, enforcement::Establishment(), establishments[0]);
    ASSERT_TRUE(est.ok());
    ASSERT_TRUE(records_->Update(system_, "test", enforcement::Establishment(), est->id,
                                 {est->version, std::nullopt, std::nullopt, {{"closed_on", std::string("2023-06-30")}}})
                    .ok());
    auto zone = records_->List(system_, enforcement::EstablishmentWorkforce(), {});
    ASSERT_TRUE(zone.ok());
    ASSERT_FALSE(zone->items.empty());
    const auto& w = zone->items[0];
    ASSERT_TRUE(records_->Update(system_, "test", enforcement::EstablishmentWorkforce(), w.id,
                                 {w.version, std::nullopt, std::nullopt, {{"workers", std::int64_t{77}}}})
                    .ok());
  }
  ASSERT_TRUE(engine_->CatchUp().ok());
  compare_all();
  EXPECT_EQ(compared, 2 * 7 * 9 * 9);
}

INSTANTIATE_TEST_SUITE_P(Engines, IndicatorPropertyTest,
                         ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::analytics
