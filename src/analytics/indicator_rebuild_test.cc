// IndicatorEngine::Rebuild (indicator_rebuild.cc) against following the change log, on both
// engines: the rows it reads itself give the same facts, and a rebuild that fails leaves none.
#include "analytics/indicator_engine.h"

#include <gtest/gtest.h>

#include "analytics/indicator_test_fixture.h"
#include "base/id.h"

namespace pcmd::analytics {
namespace {

class RebuildTest : public IndicatorTest {};

// A rebuild reads each record's stored JSON in one pass (and with the full parser what that pass
// does not take, such as a \u escape) and resolves its unit as it reads; following the change log
// decodes the whole record instead. Both give the same facts.
TEST_P(RebuildTest, ReadsStoredRowsAsTheChangeLogDoes) {
  ASSERT_TRUE(engine_->Rebuild().ok());
  struct Row {
    std::string data, unit, date;
  };
  const std::vector<Row> rows = {
      {R"({"establishment":"est-\u0031","members":["a"]})", "14347", "2024-03-01"},  // "est-1", by the full parser
      {R"({"establishment":"est-1","result":"compliant"})", "14320", "2024-04-01"},  // the same establishment
      {R"({"note":"tab\tx","establishment":"est-\\2"})", "14530", "2024-05-01"},  // "est-\2", unescaped in one pass
      {R"({"establishment":"est-3"})", "99999", "2024-06-01"},                      // a unit the tree does not know
      {R"({"establishment":"est-4"})", "14533", "2023-06-01"},
      {R"({"establishment":null})", "14533", "2024-06-01"},                         // no establishment
  };
  ASSERT_TRUE(db().Write("test", [&](store::Transaction& tx) -> base::Status {
                    for (const auto& r : rows) {
                      const std::string id = base::NewUuid();
                      PCMD_RETURN_IF_ERROR(
                          tx.Exec("INSERT INTO records (id, type, unit_code, record_date, data, search_text, version, "
                                  "created_at, updated_at, created_by, updated_by) VALUES (:1, 'inspection', :2, :3, :4, "
                                  "'', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'test', 'test')",
                                  {id, r.unit, r.date, r.data})
                              .status());
                      PCMD_RETURN_IF_ERROR(tx.AppendChange("inspection", id, "create"));
                    }
                    return base::Status::Ok();
                  }).ok());
  ASSERT_TRUE(engine_->CatchUp().ok());
  EXPECT_EQ(Value("T10", "37", "2024").numerator, 2);  // est-1 (twice), est-\2
  EXPECT_EQ(Value("T10", "369", "2024").numerator, 1);
  EXPECT_EQ(Value("T10", "374", "2024").numerator, 1);
  EXPECT_EQ(Value("T10", "37", "2023").numerator, 1);
  IndicatorEngine rebuilt(db(), *tree_, catalog_, std::vector<plan::Plan>{plan_}, [this] { return today_; });
  ASSERT_TRUE(rebuilt.Rebuild().ok());
  EXPECT_EQ(rebuilt.fact_count(), engine_->fact_count());
  for (const std::string unit : {"37", "369", "374", "14347", "14320", "14530", "14533"}) {
    for (const std::string period : {"2023", "2024", "2024Q2", "P2021-2025"}) {
      for (const std::string target : {"T10", "T10b"}) {
        auto followed = engine_->Evaluate("plan-184", target, unit, Period::Parse(period).value());
        auto read = rebuilt.Evaluate("plan-184", target, unit, Period::Parse(period).value());
        ASSERT_TRUE(followed.ok() && read.ok());
        EXPECT_EQ(read->numerator, followed->numerator) << target << " " << unit << " " << period;
        EXPECT_EQ(read->denominator, followed->denominator) << target << " " << unit << " " << period;
        auto behind_followed = engine_->FactsBehind("plan-184", target, unit, Period::Parse(period).value());
        auto behind_read = rebuilt.FactsBehind("plan-184", target, unit, Period::Parse(period).value());
        ASSERT_TRUE(behind_followed.ok() && behind_read.ok());
        EXPECT_EQ(behind_read->size(), behind_followed->size()) << target << " " << unit << " " << period;
      }
    }
  }
}

// A rebuild that cannot read every row (here a table gone) fails, and leaves no facts and no
// totals behind rather than some of them; the next one that can read starts afresh.
TEST_P(RebuildTest, AFailedRebuildLeavesNoFacts) {
  Add(activities::PressItem(), "37", "2024-06-05", {{"outlet", std::string("bao_ninh_binh")}, {"title", std::string("Tin")}});
  ASSERT_TRUE(engine_->Rebuild().ok());
  EXPECT_EQ(engine_->fact_count(), 1u);
  EXPECT_EQ(Value("T2", "37", "2024").numerator, 1);
  EXPECT_GT(engine_->last_rebuild().total_seconds, 0);
  ASSERT_TRUE(db().Write("test", [](store::Transaction& tx) {
                    return tx.Exec("ALTER TABLE client_referrals RENAME TO client_referrals_gone").status();
                  }).ok());
  EXPECT_FALSE(engine_->Rebuild().ok());  // the referrals are read last: every record was added before
  EXPECT_EQ(engine_->fact_count(), 0u);
  EXPECT_EQ(Value("T2", "37", "2024").numerator, 0);
  ASSERT_TRUE(db().Write("test", [](store::Transaction& tx) {
                    return tx.Exec("ALTER TABLE client_referrals_gone RENAME TO client_referrals").status();
                  }).ok());
  ASSERT_TRUE(engine_->Rebuild().ok());
  EXPECT_EQ(engine_->fact_count(), 1u);
  EXPECT_EQ(Value("T2", "37", "2024").numerator, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, RebuildTest, ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgresql),
                         [](const auto& p) { return std::string(store::EngineName(p.param)); });

}  // namespace
}  // namespace pcmd::analytics
