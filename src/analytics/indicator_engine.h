#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "analytics/facts.h"
#include "base/date.h"
#include "base/result.h"
#include "domain/units/unit_tree.h"
#include "plan/plan.h"
#include "store/database.h"

namespace pcmd::analytics {

// How a value stands against its target.
enum class IndicatorStatus {
  kMet,       // đạt: the period is over (or the value already meets a target that cannot be undone)
  kNotMet,    // chưa đạt: the period is over and the target was not reached
  kOnTrack,   // đang tiến triển kịp: in progress, at or above the expected share
  kBehind,    // chậm: in progress, below the expected share
  kNoData,    // no denominator (nothing to measure against)
};
std::string_view IndicatorStatusId(IndicatorStatus s);

struct IndicatorValue {
  std::string plan_id, target_id, unit_code;
  base::Period period;
  base::Date as_of;                  // the period's last day, or today while it runs
  std::optional<double> value;       // percent, count or growth (%)
  std::int64_t numerator = 0;
  std::optional<std::int64_t> denominator;  // percent: the denominator; growth: the year before
  double expected = 0;               // what the value should be by `as_of` to be on track
  IndicatorStatus status = IndicatorStatus::kNoData;
  bool is_client_derived = false;
};

// A fact behind a value: its type, record id, unit and date (and the API path of its records).
struct FactRef {
  std::string type, id, unit, path;
  base::Date date;
  access::Resource resource = access::Resource::kProgrammeRecord;
  std::vector<std::string> assignees;
};

// The IndicatorEngine keeps every fact in memory and evaluates the targets of the loaded plans
// for any unit and period, exactly, from them. It is built from the store at start (Rebuild) and
// kept current from the change log (CatchUp; Start runs it in a thread every `poll_ms`, so a
// committed write is visible here — and on any other server reading the same PostgreSQL — within
// one poll). Facts are attributed to the unit they were recorded on (valid on their date) and to
// every unit above it as the latest tree links them. Thread-safe.
class IndicatorEngine {
 public:
  IndicatorEngine(store::Database& db, const units::UnitTree& units, std::map<std::string, FactType> catalog,
                  std::vector<plan::Plan> plans, std::function<base::Date()> today = base::Date::Today);
  ~IndicatorEngine();

  const std::vector<plan::Plan>& plans() const { return plans_; }
  const plan::Plan* FindPlan(const std::string& id) const;

  // Loads every fact and the change log's last sequence.
  base::Status Rebuild();
  // Applies the change-log entries after the last one applied; returns how many.
  base::Result<int> CatchUp();
  void Start(int poll_ms = 50);
  void Stop();
  std::int64_t last_seq() const { return last_seq_.load(); }
  std::size_t fact_count() const;

  base::Result<IndicatorValue> Evaluate(const std::string& plan_id, const std::string& target_id,
                                        const std::string& unit_code, const base::Period& period) const;
  // The facts the numerator counts (for "units" measures: the facts of the units it counts).
  base::Result<std::vector<FactRef>> FactsBehind(const std::string& plan_id, const std::string& target_id,
                                                 const std::string& unit_code, const base::Period& period) const;

 private:
  struct Stored {
    Fact fact;
    int unit_pos = -1;
    bool alive = false;
  };
  struct TypeFacts {
    std::vector<Stored> items;
    std::vector<std::size_t> free;
  };
  struct UnitIndex {
    std::unordered_map<std::string, int> pos;  // code -> DFS position
    std::vector<int> end;                      // position -> one past its subtree
    std::vector<std::string> code;             // position -> code
    std::string stamp;
  };
  struct Window {
    base::Date from, to;
    bool any = false;
  };
  struct Context;

  base::Status RebuildUnits();
  void Insert(const std::string& source, Fact&& fact);
  void RemoveSource(const std::string& source);
  base::Result<std::int64_t> EvaluateMeasure(const plan::Measure& m, const Context& ctx,
                                             std::vector<FactRef>* behind,
                                             const std::vector<std::string>* only_values,
                                             std::vector<std::string>* values_out) const;
  bool Matches(const plan::Filter& filter, const Fact& f, const Context& ctx) const;
  Window WindowOf(const plan::Measure& m, const Context& ctx) const;
  base::Result<std::vector<int>> UnitsAt(const std::string& level, base::Date on, int lo, int hi) const;

  store::Database& db_;
  const units::UnitTree& units_;
  std::map<std::string, FactType> catalog_;
  std::vector<plan::Plan> plans_;
  std::function<base::Date()> today_;

  mutable std::shared_mutex mu_;
  UnitIndex index_;
  std::map<std::string, TypeFacts> facts_;
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>> by_source_;
  mutable std::mutex level_mu_;
  mutable std::map<std::string, std::vector<std::string>> level_cache_;  // "level|date" -> codes

  std::atomic<std::int64_t> last_seq_{0};
  std::mutex apply_mu_;  // one CatchUp at a time
  std::thread follower_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
};

}  // namespace pcmd::analytics
