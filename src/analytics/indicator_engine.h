#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analytics/distinct_totals.h"
#include "analytics/existing_totals.h"
#include "analytics/facts.h"
#include "base/date.h"
#include "base/result.h"
#include "base/text.h"
#include "domain/units/unit_tree.h"
#include "plan/plan.h"
#include "store/database.h"

namespace pcmd::analytics {

// How often a serving engine applies the change log (other servers' writes; its own are applied
// before each indicators answer).
inline constexpr int kFollowPollMs = 25;

// How a value stands against its target.
enum class IndicatorStatus {
  kMet,       // đạt: the period is over (or the value already meets a target that cannot be undone)
  kNotMet,    // chưa đạt: the period is over and the target was not reached
  kOnTrack,   // đang tiến triển kịp: in progress, at or above the expected share
  kBehind,    // chậm: in progress, below the expected share
  kNoData,    // no denominator (nothing to measure against)
};
std::string_view IndicatorStatusId(IndicatorStatus s);

// Which version of the administrative tree a value is asked on (docs/plans.md "Reorganisations").
struct TreeChoice {
  enum class Kind { kDefault, kAsWas, kOn };
  // kDefault: today's tree, or the period's own for a unit closed since; kAsWas: the tree valid on
  // the period's last day (today while it runs); kOn: the tree valid on `on`, not earlier than that.
  Kind kind = Kind::kDefault;
  base::Date on;
};

struct IndicatorValue {
  std::string plan_id, target_id, unit_code;
  base::Period period;
  base::Date tree;                   // the first day of the tree version the value is on
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
// every unit above it as the tree of that date links them; on a later version of the tree they are
// carried to the units that succeeded theirs (indicator_trees.cc). Thread-safe.
class IndicatorEngine {
 public:
  IndicatorEngine(store::Database& db, const units::UnitTree& units, std::map<std::string, FactType> catalog,
                  std::vector<plan::Plan> plans, std::function<base::Date()> today = base::Date::Today);
  ~IndicatorEngine();

  const std::vector<plan::Plan>& plans() const { return plans_; }
  const plan::Plan* FindPlan(const std::string& id) const;

  // Loads every fact and the change log's last sequence.
  base::Status Rebuild();
  // Where the last rebuild's time went: reading the rows (on this thread, to the last row handed
  // over), the other thread's time decoding and adding facts (busy, not waiting), until the last fact
  // was added, laying the facts out; from the start.
  struct RebuildTimes {
    double reading_seconds = 0, adding_seconds = 0, added_seconds = 0, layout_seconds = 0, total_seconds = 0;
    double waiting_seconds = 0;  // the reading thread waiting for room in the queue
  };
  RebuildTimes last_rebuild() const {
    std::shared_lock lock(mu_);
    return last_rebuild_;
  }
  // Applies the change-log entries after the last one applied; returns how many.
  base::Result<int> CatchUp();
  void Start(int poll_ms = 50);
  void Stop();
  std::int64_t last_seq() const { return last_seq_.load(); }
  std::size_t fact_count() const;
  // An estimate of the memory the facts take (their arrays, indexes and interned texts).
  std::size_t memory_bytes() const;

  base::Result<IndicatorValue> Evaluate(const std::string& plan_id, const std::string& target_id,
                                        const std::string& unit_code, const base::Period& period,
                                        const TreeChoice& tree = {}) const;
  // The facts the numerator counts (for "units" measures: the facts of the units it counts).
  base::Result<std::vector<FactRef>> FactsBehind(const std::string& plan_id, const std::string& target_id,
                                                 const std::string& unit_code, const base::Period& period,
                                                 const TreeChoice& tree = {}) const;
  // The first day of the tree version a value of `unit_code` over `period` is on.
  base::Result<base::Date> TreeOf(const std::string& unit_code, const base::Period& period,
                                  const TreeChoice& tree = {}) const;

 private:
  // Facts are kept compact (docs/architecture.md "analytics"): per fact its id (16 bytes of a UUID,
  // with a tag for the clients' "ce:"/"cs:" ids), its unit (an interned code and its position in the
  // tree's depth-first order, so that a unit's subtree is one range of positions), its day, and only
  // the field values some plan looks at (plus the assignees, for access to the records behind), in
  // an arena of (field, value) pairs: integers, booleans and days as numbers, texts and codes as
  // interned ids. Each type's facts are also listed by unit position, so that a query reads only the
  // facts of the unit's subtree.
  // The 16 bytes of a UUID; an id that is not a plain UUID (the clients' "ce:…", "cs:…") is kept in
  // `odd_ids_` and marked by seven 0xFF bytes (no UUID version has them) and its index.
  struct Uuid {
    std::uint8_t bytes[16] = {};
    bool operator==(const Uuid& o) const;
    bool operator<(const Uuid& o) const;
  };
  struct UuidHash {
    std::size_t operator()(const Uuid& u) const;
  };
  struct CompactFact {
    Uuid id;
    std::uint32_t unit = 0;    // interned unit code
    std::int32_t unit_pos = -1;
    std::int32_t day = 0;
    std::uint32_t first_value = 0;
    std::uint16_t value_count = 0;
    bool alive = false;
  };
  struct [[gnu::packed]] FieldValue {
    std::int64_t value = 0;
    std::uint8_t field = 0;
  };
  // A fact of a unit's list, with its day: the lists are kept in day order so that a query reads
  // only the days of its window.
  struct DayRef {
    std::int32_t day = 0;
    std::uint32_t index = 0;
    bool operator<(const DayRef& o) const { return day != o.day ? day < o.day : index < o.index; }
  };
  struct TypeStore {
    const FactType* type = nullptr;
    std::map<std::string, std::uint8_t> field_index;   // the fields kept (at most 255 a type)
    std::vector<std::string> field_kind;                // by index
    std::uint8_t assignees_field = 0;                   // index of the pseudo-field "$assignees"
    std::vector<CompactFact> facts;
    std::vector<FieldValue> values;
    // The facts [0, base_count) are laid out by (unit position, day) (Relayout, after a rebuild),
    // their values in the same order: a unit's facts are base_start[pos] .. base_start[pos + 1],
    // and a subtree's one contiguous stretch, read in order. Facts added since are listed in
    // by_unit (unit position -> their facts, by day).
    std::uint32_t base_count = 0;
    std::vector<std::uint32_t> base_start;
    std::vector<std::uint32_t> by_id;  // the laid-out facts' indexes in the order of their ids
    std::vector<std::vector<DayRef>> by_unit;
    std::size_t alive = 0;
    // The clients' facts have ids "ce:<uuid>" / "cs:<uuid>": the type keeps the prefix, the fact
    // the UUID's 16 bytes.
    std::string id_prefix;
    std::set<std::string> decode_fields;  // what a raw record's JSON is decoded for: the kept fields, the assignees
    // The same for the one-pass decoding of a record's row (FactSink): each field's name, its index
    // (-1: only the assignees), whether it is a date, whether its list is the assignees.
    struct DecodeField {
      std::string name;
      int field = -1;
      bool is_date = false;
      bool is_assignees = false;
    };
    std::vector<DecodeField> decode_list;
  };
  // Where a fact is: its type's store and index.
  struct Loc {
    std::uint32_t type = 0;
    std::uint32_t index = 0;
  };
  // The versions of the tree (indicator_trees.cc). The tree changes on a few days (every unit's
  // first day and the day after its last); between two such days, an epoch, it stays the same. A
  // position is a unit in one epoch: each epoch's units in depth-first order, epoch after epoch, so
  // that a unit's subtree in its epoch is one range of positions. A fact sits at its unit in the
  // epoch of its day.
  struct Step {
    int to = 0;              // a position in the next epoch
    bool remainder = false;  // the change row says this successor took the rest of the unit
  };
  struct UnitIndex {
    std::unordered_map<std::string, std::vector<int>> nodes;  // code -> its positions, epoch by epoch
    std::vector<int> end;                      // position -> one past its subtree
    std::vector<std::string> code;             // position -> code
    std::vector<int> parent;                   // position -> its parent's position (-1 at a root)
    std::vector<std::int8_t> level;            // position -> units::LevelRank
    std::vector<std::uint16_t> epoch;          // position -> its epoch
    std::vector<std::vector<Step>> next;       // position -> its successors in the next epoch
    std::vector<std::int32_t> epoch_start;     // epoch -> its first day (days since the epoch of Date)
    std::vector<int> epoch_first;              // epoch -> its first position (one more: the end)
    std::string stamp;
    // Interned code -> its entry of `nodes` (empty: no such unit; null: not looked up yet), for
    // the facts as they are added (PositionOfText).
    std::vector<const std::vector<int>*> nodes_of_text;
  };
  // A stretch of positions whose facts a value counts: a unit with its subtree, or (own) a unit
  // without the units below it.
  struct Part {
    int lo = 0, hi = 0;
    bool own = false;
  };
  struct Window {
    base::Date from, to;
    bool any = false;
  };
  struct Context;
  struct CompiledCondition;
  struct CompiledFilter;
  // Month totals of a measure whose filter has no "$" word (counts or sums over whole months):
  // for each month, the total of every unit with its subtree, kept as facts come and go, so that
  // a count or sum over a unit and a period reads one number a month instead of every fact.
  // A measure over all time whose only "$" word is one `field = "$year"` (a register's yearly
  // figures: T3's workers, T6's district plans) has totals by that field's value instead.
  // A distinct count keeps its months in a DistinctTotals instead.
  // A month's (or key's) total at a unit; a unit keeps only the months that have one.
  struct [[gnu::packed]] Cell {
    std::int32_t key = 0;
    std::int64_t total = 0;
  };
  struct Totals {
    std::uint32_t type = 0;
    int field = -1;      // the summed (or distinct) field's index; -1 for a count
    int key_field = -1;  // the field whose value keys the totals ("$year"); -1: the fact's month
    std::shared_ptr<const CompiledFilter> filter;
    std::vector<std::vector<Cell>> by_pos;  // unit position -> its months (or keys) with a total, in order
    std::shared_ptr<DistinctTotals> distinct;
    // A count of a register over the time each thing exists (span "existing", until a date field):
    // the field, and whether a filter also asks it to last until the day counted ("$asof").
    std::shared_ptr<ExistingTotals> existing;
    int until_field = -1;
    bool until_asof = false;
  };

  // Which measures get totals (indicator_totals.cc), from the plans.
  void PlanTotals();
  base::Status RebuildUnits();
  // Lays every fact out by (unit position, day) and moves the indexes that point at them, on two
  // threads, doing the work `alongside` (the distinct counts' builds of a rebuild) with it, and
  // `after_type` of each type once its facts are laid out (a rebuild's month totals).
  void Relayout(std::vector<std::function<void()>> alongside = {},
                const std::function<void(std::uint32_t type)>& after_type = {});
  // One type's facts; returns where each went (client-derived types only, for their sources).
  std::vector<std::uint32_t> RelayoutType(std::uint32_t type);
  void Insert(const std::string& source, Fact&& fact);
  // A record's row as the store holds it (a rebuild): its JSON decoded in one pass, only the fields
  // kept, straight into the type's arena.
  // `f` holds the fact's id, unit and day already.
  void InsertRecordRow(std::uint32_t type, CompactFact f, std::string_view id, std::string_view data);
  // The two halves of an insert: a fact's id, unit and day (its values are then appended to the
  // type's arena), and its place in the indexes and the totals.
  CompactFact BeginFact(TypeStore& ts, std::string_view id, std::string_view unit, std::int32_t day);
  void FinishFact(std::uint32_t type, CompactFact f, std::string_view source);
  // A decoded fact's values (Fact::values and assignees) into the type's arena.
  void AppendValues(TypeStore& ts, const Fact& fact);
  class FactSink;
  class Loader;  // the rebuild's reading and adding threads (indicator_rebuild.cc)
  void RemoveSource(const std::string& source);
  void Kill(const Loc& loc);
  std::uint32_t Intern(std::string_view s);
  std::optional<std::uint32_t> FindString(std::string_view s) const;
  // The slot of `s` in text_slots_: the one holding it, or the empty one it would go to.
  std::size_t TextSlot(std::string_view s, std::uint64_t hash) const;
  Uuid MakeId(TypeStore& ts, std::string_view id);
  std::string IdText(const TypeStore& ts, const Uuid& id) const;
  // The query's plan, target and unit subtree; the caller holds mu_.
  base::Result<Context> ContextOf(const std::string& plan_id, const std::string& target_id,
                                  const std::string& unit_code, const base::Period& period,
                                  const TreeChoice& tree) const;
  base::Result<std::int64_t> EvaluateMeasure(const plan::Measure& m, const Context& ctx,
                                             std::vector<FactRef>* behind,
                                             const std::vector<std::int64_t>* only_values,
                                             std::vector<std::int64_t>* values_out) const;
  Window WindowOf(const plan::Measure& m, const Context& ctx) const;
  CompiledFilter Compile(const plan::Filter& where, const TypeStore* ts, const Context* ctx) const;
  bool Holds(const TypeStore& ts, const CompactFact& f, const CompiledFilter& filter) const;
  // Adds (sign +1) or removes a fact's part in the totals. In bulk (a rebuild), distinct counts and
  // existing things are only noted, and month totals left to FillTotals; FinishTotals completes them.
  void AddToTotals(std::uint32_t type, const CompactFact& f, int sign);
  void RebuildTotals();
  // What bulk adding left to the end: the month totals (filled at the facts' own units) summed up
  // the tree, the distinct counts built, the existing things sorted.
  void FinishTotals(Totals& t);
  // A month (or key) totals' cells at the facts' own units, from the facts in the order they lie
  // (laid out: by unit and day, each cell the unit's last or a new one).
  void FillTotals(Totals& t);
  // The cells a fact adds to a month (or key) totals: fn(key, weight) for each.
  template <typename Fn>
  void CellsOf(const TypeStore& ts, const Totals& t, const CompactFact& f, int month, std::vector<std::int64_t>& keys,
               Fn&& fn) const;
  // The month totals' answer, when the measure has them and the window is whole months.
  std::optional<base::Result<std::int64_t>> FromTotals(const plan::Measure& m, const Context& ctx) const;
  base::Result<std::vector<int>> UnitsAt(const std::string& level, int lo, int hi) const;
  // indicator_trees.cc: the position of a unit on a day (-1: unknown code), an epoch's number,
  // where each older position's facts count on an epoch's tree, and the parts of a unit there.
  int PositionOf(std::string_view code, std::int32_t day) const;
  // The same among a code's positions (index_.nodes).
  int PositionAmong(const std::vector<int>& nodes, std::int32_t day) const;
  // PositionOf for a code interned as `text`, its positions looked up once (adding facts; the
  // caller holds mu_ exclusively).
  int PositionOfText(std::uint32_t text, std::string_view code, std::int32_t day);
  int EpochOf(std::int32_t day) const;
  int NodeIn(const std::string& code, int epoch) const;
  std::shared_ptr<const std::vector<int>> HomesOf(int epoch, int rule) const;
  std::vector<Part> PartsOf(int pos, int rule) const;
  // The epoch a query is on, and the unit's position there.
  base::Result<std::pair<int, int>> ResolveTree(const std::string& unit_code, const base::Period& period,
                                                const TreeChoice& tree) const;
  FactRef RefOf(const TypeStore& ts, const CompactFact& f) const;

  store::Database& db_;
  const units::UnitTree& units_;
  std::map<std::string, FactType> catalog_;
  std::vector<plan::Plan> plans_;
  std::function<base::Date()> today_;
  std::map<std::string, std::set<std::string>> kept_fields_;  // type -> fields the plans look at

  mutable std::shared_mutex mu_;
  UnitIndex index_;
  std::vector<TypeStore> stores_;
  std::map<std::string, std::uint32_t, std::less<>> store_of_type_;
  // Interned texts (codes, ids of referenced records, units), one after the other in one string,
  // found by an open-addressing table of (high half of the text's hash, id + 1) in one word each,
  // at most half full: a lookup reads one slot and, when the halves match, the text.
  std::string_view Str(std::uint32_t id) const;
  std::string text_bytes_;
  std::vector<std::uint32_t> text_start_;  // id -> where its text starts in text_bytes_
  std::vector<std::uint64_t> text_slots_ = std::vector<std::uint64_t>(64, 0);
  std::array<std::pair<std::uint64_t, std::uint32_t>, 1024> hot_texts_{};  // (hash, id) of texts met lately

  std::vector<std::string> odd_ids_;
  // Sources: a record's or tip's facts are found by its id (each type's by_id for the facts laid
  // out, a hash map for those added since); a client's by "client:<id>".
  std::unordered_map<Uuid, Loc, UuidHash> added_index_;
  std::unordered_map<std::string, std::vector<Loc>, base::TextHash, std::equal_to<>> client_sources_;
  std::vector<Totals> totals_;
  std::map<const plan::Measure*, std::size_t> totals_of_;
  std::size_t fact_count_ = 0;
  std::vector<std::int64_t> seen_scratch_;  // AddToTotals' list of values (it runs under the exclusive lock)
  bool bulk_ = false;  // Rebuild: facts are only appended, laid out and indexed at the end
  mutable std::mutex level_mu_;
  mutable std::map<int, std::vector<int>> level_cache_;  // level rank -> its positions, sorted
  // Per (epoch, split rule): where each position's facts count on that epoch's tree (HomesOf);
  // per (position * 2 + rule): a unit's parts (PartsOf). Emptied when the tree changes.
  mutable std::map<int, std::shared_ptr<const std::vector<int>>> homes_cache_;
  mutable std::unordered_map<int, std::vector<Part>> parts_cache_;

  RebuildTimes last_rebuild_;
  std::atomic<std::int64_t> last_seq_{0};
  std::mutex apply_mu_;  // one CatchUp at a time
  std::thread follower_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
};

}  // namespace pcmd::analytics
