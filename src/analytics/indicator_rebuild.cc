// IndicatorEngine::Rebuild: every fact read from the store and added, on two threads, then laid
// out (docs/architecture.md "analytics").
//
// This thread reads the rows as the store streams them (Transaction::Scan) and copies their cells
// into batches, with what it can work out alone: a record's type, day, id (its 16 bytes) and unit
// (its interned code and position). The other thread decodes the records' JSON in one pass into
// the facts' arena, makes the facts of tips and clients, and keeps the totals. Batches go through a
// short queue and come back to be filled again, so that reading allocates nothing a row. At the
// end the distinct counts are built and the facts laid out, on both threads.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "analytics/indicator_engine.h"
#include "analytics/indicator_engine_internal.h"
#include "domain/records/record_store.h"

namespace pcmd::analytics {

using base::Date;
using base::Status;
using Clock = std::chrono::steady_clock;

namespace {

double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A unit code's interned id and positions (index_.nodes).
struct UnitRef {
  std::uint32_t text = 0;
  const std::vector<int>* nodes = nullptr;
};

// The unit codes, for the reading thread. Codes of up to eight bytes without a zero byte (every
// code of the national tree) are found by their bytes as one number in a flat table; others by
// their text.
class UnitCodes {
 public:
  void Add(std::string_view code, UnitRef ref) {
    if (!IsShort(code)) {
      long_[code] = ref;
      return;
    }
    std::size_t i = Slot(Packed(code));
    while (short_[i].first != 0) i = (i + 1) & (short_.size() - 1);
    short_[i] = {Packed(code), ref};
  }
  explicit UnitCodes(std::size_t count) {
    std::size_t slots = 16;
    while (slots < count * 4) slots *= 2;
    short_.resize(slots);
  }
  const UnitRef* Find(std::string_view code) const {
    if (!IsShort(code)) {
      auto it = long_.find(code);
      return it == long_.end() ? nullptr : &it->second;
    }
    const std::uint64_t key = Packed(code);
    for (std::size_t i = Slot(key);; i = (i + 1) & (short_.size() - 1)) {
      if (short_[i].first == key) return &short_[i].second;
      if (short_[i].first == 0) return nullptr;
    }
  }

 private:
  static bool IsShort(std::string_view code) {
    return !code.empty() && code.size() <= 8 && code.find('\0') == std::string_view::npos;
  }
  static std::uint64_t Packed(std::string_view code) {
    std::uint64_t v = 0;
    std::memcpy(&v, code.data(), code.size());
    return v;
  }
  std::size_t Slot(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 40) & (short_.size() - 1);
  }
  std::vector<std::pair<std::uint64_t, UnitRef>> short_;
  std::unordered_map<std::string_view, UnitRef> long_;  // views of index_.nodes' keys
};

}  // namespace

class IndicatorEngine::Loader {
 public:
  Loader(IndicatorEngine& engine, RebuildTimes& times) : e_(engine), times_(times), units_(engine.index_.nodes.size()) {
    // The codes are interned here, before the adding thread starts.
    for (const auto& [code, nodes] : e_.index_.nodes) {
      if (!nodes.empty()) units_.Add(code, {e_.Intern(code), &nodes});
    }
  }

  // Reads every row and adds its facts; returns the change log's last sequence read with them.
  base::Result<std::int64_t> Run() {
    const auto started = Clock::now();
    std::thread adder([this] { AddAll(); });
    std::int64_t seq = 0;
    Status s = e_.db_.Read([&](store::Transaction& tx) -> Status {
      // The sequence first, in the same snapshot: changes after it are applied by CatchUp.
      PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
      seq = rows.empty() ? 0 : rows[0].Int(0);
      FactRows fact_rows;
      fact_rows.record = [this](const store::RowView& r) { return RecordRow(r); };
      fact_rows.tip = [this](const store::RowView& r) { return CellsOf(Kind::kTip, r); };
      fact_rows.assessment = [this](const store::RowView& r) { return CellsOf(Kind::kAssessment, r); };
      fact_rows.referral = [this](const store::RowView& r) { return CellsOf(Kind::kReferral, r); };
      return ScanAllFacts(tx, fact_rows);
    });
    if (batch_.size() > 0) HandOver();
    {
      std::lock_guard<std::mutex> l(mu_);
      read_all_ = true;
    }
    cv_.notify_all();
    times_.reading_seconds = SecondsSince(started);
    adder.join();
    times_.added_seconds = SecondsSince(started);
    if (!s.ok()) return s;
    return seq;
  }

 private:
  static constexpr std::size_t kBatch = 1024, kQueued = 8, kMaxCells = 11;
  // A record's row: what the reading thread already knows of its fact (its id's 16 bytes, its unit's
  // interned code and position, its day), and its cells in the batch's bytes.
  struct RecordCells {
    std::uint32_t type = 0;
    CompactFact fact;
    bool id_known = false, unit_known = false;  // false: the adding thread makes them from the texts
    std::uint32_t at = 0;                        // where its id, unit and data start in the bytes
    std::uint16_t id_size = 0, unit_size = 0;
    std::uint32_t data_size = 0;
  };
  // A tip's or a client's row: its cells one after the other in the batch's bytes (TipFact and
  // ClientFacts make their facts on the adding thread).
  enum class Kind : std::uint8_t { kTip, kAssessment, kReferral };
  struct Cells {
    Kind kind = Kind::kTip;
    std::uint8_t count = 0;
    std::uint32_t at = 0;
    std::array<std::uint16_t, kMaxCells> sizes{};
  };
  class CellsView final : public store::RowView {
   public:
    CellsView(std::string_view bytes, const Cells& row) : bytes_(bytes), row_(row) {}
    std::size_t size() const override { return row_.count; }
    bool IsNull(std::size_t i) const override { return Text(i).empty(); }
    std::string_view Text(std::size_t i) const override {
      if (i >= row_.count) return {};
      std::size_t at = row_.at;
      for (std::size_t c = 0; c < i; ++c) at += row_.sizes[c];
      return bytes_.substr(at, row_.sizes[i]);
    }

   private:
    std::string_view bytes_;
    const Cells& row_;
  };
  struct Batch {
    std::string bytes;
    std::vector<RecordCells> records;
    std::vector<Cells> others;
    std::size_t size() const { return records.size() + others.size(); }
  };

  // ---- the reading thread ----

  Status RecordRow(const store::RowView& r) {
    if (r.Text(1) != last_type_) {  // rows come in runs of one type: its store, found once
      last_type_ = r.Text(1);
      auto type = e_.store_of_type_.find(last_type_);
      last_store_ = type == e_.store_of_type_.end() ? std::nullopt : std::optional(type->second);
    }
    if (!last_store_) return Status::Ok();  // not a fact type
    const std::string_view id = r.Text(0), unit = r.Text(2), data = r.Text(4);
    if (id.size() > UINT16_MAX || unit.size() > UINT16_MAX || data.size() > UINT32_MAX) {
      return base::Internal("a record's row is too long for the indicator engine");
    }
    RecordCells row;
    row.type = *last_store_;
    row.fact.day = Date::Parse(r.Text(3)).value_or(Date()).days();
    row.id_known = internal::ParseUuid(id, row.fact.id.bytes);
    if (const UnitRef* u = units_.Find(unit)) {
      row.unit_known = true;
      row.fact.unit = u->text;
      row.fact.unit_pos = e_.PositionAmong(*u->nodes, row.fact.day);
    }
    row.at = static_cast<std::uint32_t>(batch_.bytes.size());
    row.id_size = static_cast<std::uint16_t>(id.size());
    row.unit_size = static_cast<std::uint16_t>(unit.size());
    row.data_size = static_cast<std::uint32_t>(data.size());
    batch_.bytes.append(id).append(unit).append(data);
    batch_.records.push_back(row);
    if (batch_.size() >= kBatch) HandOver();
    return Status::Ok();
  }

  Status CellsOf(Kind kind, const store::RowView& r) {
    if (r.size() > kMaxCells) return base::Internal("a row has more cells than the indicator engine takes");
    Cells row;
    row.kind = kind;
    row.count = static_cast<std::uint8_t>(r.size());
    row.at = static_cast<std::uint32_t>(batch_.bytes.size());
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string_view cell = r.Text(c);
      if (cell.size() > UINT16_MAX) return base::Internal("a row is too long for the indicator engine");
      row.sizes[c] = static_cast<std::uint16_t>(cell.size());
      batch_.bytes.append(cell);
    }
    batch_.others.push_back(row);
    if (batch_.size() >= kBatch) HandOver();
    return Status::Ok();
  }

  // The batch to the queue (waiting while it is full), and an emptied one back to fill.
  void HandOver() {
    std::unique_lock<std::mutex> l(mu_);
    if (queue_.size() >= kQueued) {
      const auto waiting = Clock::now();
      cv_.wait(l, [&] { return queue_.size() < kQueued; });
      times_.waiting_seconds += SecondsSince(waiting);
    }
    queue_.push_back(std::move(batch_));
    batch_ = Batch();
    if (!spare_.empty()) {
      batch_ = std::move(spare_.back());
      spare_.pop_back();
    }
    l.unlock();
    cv_.notify_all();
  }

  // ---- the adding thread ----

  void AddAll() {
    while (true) {
      Batch batch;
      {
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [&] { return !queue_.empty() || read_all_; });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      cv_.notify_all();
      const auto busy = Clock::now();
      Add(batch);
      times_.adding_seconds += SecondsSince(busy);
      batch.bytes.clear();
      batch.records.clear();
      batch.others.clear();
      std::lock_guard<std::mutex> l(mu_);
      spare_.push_back(std::move(batch));
    }
  }

  void Add(const Batch& batch) {
    const std::string_view bytes = batch.bytes;
    for (const RecordCells& r : batch.records) {
      const std::string_view id = bytes.substr(r.at, r.id_size);
      CompactFact f = r.fact;
      if (!r.id_known) f.id = e_.MakeId(e_.stores_[r.type], id);
      if (!r.unit_known) {
        const std::string_view unit = bytes.substr(r.at + r.id_size, r.unit_size);
        f.unit = e_.Intern(unit);
        f.unit_pos = e_.PositionOfText(f.unit, unit, f.day);
      }
      e_.InsertRecordRow(r.type, f, id, bytes.substr(r.at + r.id_size + r.unit_size, r.data_size));
    }
    auto insert = [&](const std::string& source, Fact&& fact) { e_.Insert(source, std::move(fact)); };
    for (const Cells& c : batch.others) {
      const CellsView view(bytes, c);
      switch (c.kind) {
        case Kind::kTip: {
          Fact fact = TipFact(view);
          const std::string source = fact.id;
          e_.Insert(source, std::move(fact));
          break;
        }
        case Kind::kAssessment: clients_.Assessment(view, insert); break;
        case Kind::kReferral: clients_.Referral(view, insert); break;
      }
    }
  }

  IndicatorEngine& e_;
  RebuildTimes& times_;
  UnitCodes units_;
  std::string last_type_;
  std::optional<std::uint32_t> last_store_;
  Batch batch_;  // being filled by the reading thread
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Batch> queue_;
  std::vector<Batch> spare_;
  bool read_all_ = false;
  ClientFacts clients_;  // the adding thread's
};

Status IndicatorEngine::Rebuild() {
  const auto started = Clock::now();
  std::unique_lock lock(mu_);
  RebuildTimes times;
  auto forget_facts = [&] {
    for (auto& ts : stores_) {
      ts.facts.clear();
      ts.values.clear();
      ts.by_unit.clear();
      ts.base_start.clear();
      ts.by_id.clear();
      ts.id_prefix.clear();
      ts.base_count = 0;
      ts.alive = 0;
    }
    added_index_.clear();
    client_sources_.clear();
    odd_ids_.clear();
    fact_count_ = 0;
  };
  forget_facts();
  index_ = UnitIndex{};
  PCMD_RETURN_IF_ERROR(RebuildUnits());
  bulk_ = true;
  auto seq = Loader(*this, times).Run();
  bulk_ = false;
  if (!seq.ok()) {  // no half-read state: no facts, and totals of none
    forget_facts();
    RebuildTotals();
    return seq.status();
  }
  const auto laying_out = Clock::now();
  // The distinct counts and existing things, noted as the facts came, are finished beside the
  // layout (they do not depend on where the facts lie).
  std::vector<std::function<void()>> builds;
  for (auto& t : totals_) {
    if (t.distinct || t.existing) builds.emplace_back([this, &t] { FinishTotals(t); });
  }
  // The month totals from each type's facts, once laid out: read in order, unit by unit.
  Relayout(std::move(builds), [this](std::uint32_t type) {
    for (auto& t : totals_) {
      if (t.type != type || t.distinct || t.existing) continue;
      FillTotals(t);
      FinishTotals(t);
    }
  });
  text_bytes_.shrink_to_fit();
  text_start_.shrink_to_fit();
  last_seq_ = *seq;
  times.layout_seconds = SecondsSince(laying_out);
  times.total_seconds = SecondsSince(started);
  last_rebuild_ = times;
  return Status::Ok();
}

// The kept fields of a record's JSON, as ScanValues reads them, into the type's arena: the same
// values AppendValues takes from a decoded fact.
class IndicatorEngine::FactSink final : public records::ValueSink {
 public:
  FactSink(IndicatorEngine& engine, TypeStore& ts) : e_(engine), ts_(ts) {}
  bool Wants(std::string_view name) override {
    for (const auto& d : ts_.decode_list) {
      if (d.name == name) {
        at_ = &d;
        return true;
      }
    }
    return false;
  }
  void Integer(std::int64_t v) override {
    if (at_->field >= 0) Push(v, at_->field);
  }
  void Bool(bool v) override {
    if (at_->field >= 0) Push(v ? 1 : 0, at_->field);
  }
  void Text(std::string_view v) override {
    if (at_->field < 0 || v.empty()) return;
    if (!at_->is_date) {
      Push(e_.Intern(v), at_->field);
    } else if (auto d = Date::Parse(v); d.ok()) {
      Push(d->days(), at_->field);
    }
  }
  void List() override {}
  void Item(std::string_view v) override {
    if (at_->field < 0 && !at_->is_assignees) return;
    const std::uint32_t id = e_.Intern(v);
    if (at_->field >= 0) Push(id, at_->field);
    if (at_->is_assignees) assignees_.push_back(id);
  }
  void None() override {}
  // The assignees go after the fields, as AppendValues puts them.
  void Finish() {
    for (std::uint32_t a : assignees_) Push(a, ts_.assignees_field);
  }

 private:
  void Push(std::int64_t v, int field) { ts_.values.push_back({v, static_cast<std::uint8_t>(field)}); }
  IndicatorEngine& e_;
  TypeStore& ts_;
  const TypeStore::DecodeField* at_ = nullptr;
  std::vector<std::uint32_t> assignees_;
};

void IndicatorEngine::InsertRecordRow(std::uint32_t type, CompactFact f, std::string_view id, std::string_view data) {
  TypeStore& ts = stores_[type];
  f.first_value = static_cast<std::uint32_t>(ts.values.size());
  f.alive = true;
  FactSink sink(*this, ts);
  if (records::ScanValues(data, sink)) {
    sink.Finish();
  } else {  // something the one pass does not take: the full parser
    ts.values.resize(f.first_value);
    Fact fact;
    fact.raw = std::string(data);
    DecodeFact(fact, *ts.type, &ts.decode_fields);
    AppendValues(ts, fact);
  }
  FinishFact(type, f, id);
}


void IndicatorEngine::Relayout(std::vector<std::function<void()>> alongside,
                               const std::function<void(std::uint32_t type)>& after_type) {
  // Each type is laid out on its own; two threads take the types (the largest first) and the work
  // given alongside in turn.
  std::vector<std::vector<std::uint32_t>> moved(stores_.size());
  std::vector<std::uint32_t> types(stores_.size());
  for (std::uint32_t type = 0; type < stores_.size(); ++type) types[type] = type;
  std::sort(types.begin(), types.end(),
            [&](std::uint32_t a, std::uint32_t b) { return stores_[a].facts.size() > stores_[b].facts.size(); });
  std::vector<std::function<void()>> tasks = std::move(alongside);
  for (std::uint32_t type : types) {
    tasks.emplace_back([&, type] {
      moved[type] = RelayoutType(type);
      if (after_type) after_type(type);
    });
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < tasks.size();) tasks[i]();
  };
  std::thread helper(work);
  work();
  helper.join();
  for (auto& [source, locs] : client_sources_) {
    for (auto& loc : locs) {
      if (!moved[loc.type].empty()) loc.index = moved[loc.type][loc.index];
    }
  }
  added_index_.clear();  // every fact is laid out now, found through by_id
}

std::vector<std::uint32_t> IndicatorEngine::RelayoutType(std::uint32_t type) {
  const std::size_t positions = index_.code.size();
  {
    TypeStore& ts = stores_[type];
    const auto n = static_cast<std::uint32_t>(ts.facts.size());
    // By position (a counting sort; facts of no known unit last), then by day within each.
    auto slot = [&](const CompactFact& f) { return f.unit_pos < 0 ? positions : static_cast<std::size_t>(f.unit_pos); };
    std::vector<std::uint32_t> start(positions + 2, 0);
    for (const auto& f : ts.facts) ++start[slot(f) + 1];
    for (std::size_t p = 0; p <= positions; ++p) start[p + 1] += start[p];
    std::vector<std::uint32_t> order(n);
    {
      std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
      for (std::uint32_t i = 0; i < n; ++i) order[next[slot(ts.facts[i])]++] = i;
    }
    for (std::size_t p = 0; p <= positions; ++p) {
      std::sort(order.begin() + start[p], order.begin() + start[p + 1], [&](std::uint32_t a, std::uint32_t b) {
        const std::int32_t da = ts.facts[a].day, db = ts.facts[b].day;
        return da != db ? da < db : a < b;
      });
    }
    std::vector<CompactFact> facts;
    std::vector<FieldValue> values;
    facts.reserve(n);
    values.reserve(ts.values.size());
    std::vector<std::uint32_t> moved(n);
    ts.base_start.assign(positions + 1, n);
    for (std::uint32_t k = 0; k < n; ++k) {
      CompactFact f = ts.facts[order[k]];
      moved[order[k]] = k;
      const std::size_t p = f.unit_pos < 0 ? positions : static_cast<std::size_t>(f.unit_pos);
      if (ts.base_start[p] == n) ts.base_start[p] = k;
      const std::uint32_t first = f.first_value;
      f.first_value = static_cast<std::uint32_t>(values.size());
      values.insert(values.end(), ts.values.begin() + first, ts.values.begin() + first + f.value_count);
      facts.push_back(f);
    }
    // A position without facts starts where the next one does.
    for (std::size_t p = positions; p-- > 0;) {
      if (ts.base_start[p] == n) ts.base_start[p] = ts.base_start[p + 1];
    }
    ts.facts = std::move(facts);
    ts.values = std::move(values);
    ts.base_count = n;
    ts.by_unit.assign(positions, {});
    // By id: the ids' first eight bytes (as a number, in the order of the bytes) with the facts'
    // indexes, counted into buckets by the first two bytes (ids are random UUIDs, spread evenly),
    // each bucket of a few dozen then sorted in place; equal first halves (the odd ids) by the whole.
    {
      struct Key {
        std::uint64_t high;
        std::uint32_t index;
      };
      std::vector<Key> keys(n);
      for (std::uint32_t i = 0; i < n; ++i) {
        std::uint64_t high = 0;
        for (int b = 0; b < 8; ++b) high = (high << 8) | ts.facts[i].id.bytes[b];
        keys[i] = {high, i};
      }
      std::vector<std::uint32_t> bucket_start(65537, 0);
      for (const Key& k : keys) ++bucket_start[static_cast<std::size_t>(k.high >> 48) + 1];
      for (std::size_t b = 0; b < 65536; ++b) bucket_start[b + 1] += bucket_start[b];
      std::vector<Key> sorted(n);
      {
        std::vector<std::uint32_t> next(bucket_start.begin(), bucket_start.end() - 1);
        for (const Key& k : keys) sorted[next[static_cast<std::size_t>(k.high >> 48)]++] = k;
      }
      auto less = [&](const Key& a, const Key& b) {
        if (a.high != b.high) return a.high < b.high;
        return ts.facts[a.index].id < ts.facts[b.index].id;
      };
      for (std::size_t b = 0; b < 65536; ++b) {
        if (bucket_start[b + 1] - bucket_start[b] > 1) {
          std::sort(sorted.begin() + bucket_start[b], sorted.begin() + bucket_start[b + 1], less);
        }
      }
      ts.by_id.resize(n);
      for (std::uint32_t k = 0; k < n; ++k) ts.by_id[k] = sorted[k].index;
    }
    // Where each fact went, for the clients' sources (the other types are found by id).
    if (!ts.type->is_client_derived) return {};
    return moved;
  }
}

}  // namespace pcmd::analytics
