// IndicatorEngine: the facts in memory and their upkeep (rebuild, change log, units, ids).
#include "analytics/indicator_engine.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <chrono>
#include <cstring>
#include <set>
#include <tuple>
#include <deque>

#include "analytics/indicator_engine_internal.h"
#include "domain/records/record_store.h"
#include "base/log.h"

namespace pcmd::analytics {

using base::Date;
using base::Result;
using base::Status;
using internal::MonthIndex;
using plan::Condition;
using plan::Measure;

IndicatorEngine::IndicatorEngine(store::Database& db, const units::UnitTree& units,
                                 std::map<std::string, FactType> catalog, std::vector<plan::Plan> plans,
                                 std::function<Date()> today)
    : db_(db), units_(units), catalog_(std::move(catalog)), plans_(std::move(plans)), today_(std::move(today)) {
  // Only the fields some plan looks at are kept.
  auto keep = [&](const Measure& m) {
    if (m.of.empty()) return;
    auto& fields = kept_fields_[m.of];
    if (!m.field.empty()) fields.insert(m.field);
    if (!m.until_field.empty()) fields.insert(m.until_field);
    for (const auto& c : m.where.all) fields.insert(c.field);
    for (const auto& conj : m.where.any) {
      for (const auto& c : conj) fields.insert(c.field);
    }
  };
  for (const auto& p : plans_) {
    for (const auto& t : p.targets) {
      keep(t.numerator);
      if (t.denominator) keep(*t.denominator);
    }
  }
  for (const auto& [id, type] : catalog_) {
    TypeStore ts;
    ts.type = &type;
    for (const auto& f : kept_fields_[id]) {
      auto k = type.fields.find(f);
      if (k == type.fields.end()) continue;  // "unit", "date": kept on every fact
      if (ts.field_kind.size() >= 255) break;  // a field's index is one byte (types have a few dozen)
      ts.field_index[f] = static_cast<std::uint8_t>(ts.field_kind.size());
      ts.field_kind.push_back(k->second);
    }
    for (const auto& [name, index] : ts.field_index) ts.decode_fields.insert(name);
    if (!type.assignee_field.empty()) ts.decode_fields.insert(type.assignee_field);
    for (const auto& name : ts.decode_fields) {
      TypeStore::DecodeField d{name, -1, false, name == type.assignee_field};
      if (auto f = ts.field_index.find(name); f != ts.field_index.end()) {
        d.field = f->second;
        d.is_date = ts.field_kind[f->second] == "date";
      }
      ts.decode_list.push_back(std::move(d));
    }
    ts.assignees_field = static_cast<std::uint8_t>(ts.field_kind.size());
    ts.field_kind.push_back("list");
    store_of_type_[id] = static_cast<std::uint32_t>(stores_.size());
    stores_.push_back(std::move(ts));
  }
  PlanTotals();
}

IndicatorEngine::~IndicatorEngine() { Stop(); }

bool IndicatorEngine::Uuid::operator==(const Uuid& o) const { return std::memcmp(bytes, o.bytes, sizeof bytes) == 0; }
bool IndicatorEngine::Uuid::operator<(const Uuid& o) const { return std::memcmp(bytes, o.bytes, sizeof bytes) < 0; }
std::size_t IndicatorEngine::UuidHash::operator()(const Uuid& u) const {
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, u.bytes, 8);
  std::memcpy(&b, u.bytes + 8, 8);
  return std::hash<std::uint64_t>()(a ^ (b * 0x9E3779B97F4A7C15ULL));
}

const plan::Plan* IndicatorEngine::FindPlan(const std::string& id) const {
  for (const auto& p : plans_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string_view IndicatorEngine::Str(std::uint32_t id) const {
  const std::size_t start = text_start_[id];
  const std::size_t end = id + 1 < text_start_.size() ? text_start_[id + 1] : text_bytes_.size();
  return std::string_view(text_bytes_).substr(start, end - start);
}

std::size_t IndicatorEngine::TextSlot(std::string_view s, std::uint64_t hash) const {
  const std::size_t mask = text_slots_.size() - 1;
  const std::uint64_t tag = hash >> 32;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = text_slots_[i];
    if (slot == 0) return i;
    if ((slot >> 32) == tag && Str(static_cast<std::uint32_t>(slot) - 1) == s) return i;
  }
}

std::uint32_t IndicatorEngine::Intern(std::string_view s) {
  const std::uint64_t hash = std::hash<std::string_view>()(s);
  std::size_t i = TextSlot(s, hash);
  if (text_slots_[i] != 0) return static_cast<std::uint32_t>(text_slots_[i]) - 1;
  const auto id = static_cast<std::uint32_t>(text_start_.size());
  text_start_.push_back(static_cast<std::uint32_t>(text_bytes_.size()));
  text_bytes_ += s;
  text_slots_[i] = (hash >> 32 << 32) | (static_cast<std::uint64_t>(id) + 1);
  if (text_start_.size() * 2 > text_slots_.size()) {  // grow: every text to its slot in a table twice as big
    std::vector<std::uint64_t> old(text_slots_.size() * 2, 0);
    old.swap(text_slots_);
    for (std::uint32_t t = 0; t < text_start_.size(); ++t) {
      const std::string_view text = Str(t);
      const std::uint64_t h = std::hash<std::string_view>()(text);
      text_slots_[TextSlot(text, h)] = (h >> 32 << 32) | (static_cast<std::uint64_t>(t) + 1);
    }
  }
  return id;
}

std::optional<std::uint32_t> IndicatorEngine::FindString(std::string_view s) const {
  const std::uint64_t slot = text_slots_[TextSlot(s, std::hash<std::string_view>()(s))];
  if (slot == 0) return std::nullopt;
  return static_cast<std::uint32_t>(slot) - 1;
}

namespace {

// Each byte's value as a hex digit, or -1.
constexpr std::array<std::int8_t, 256> kHexDigit = [] {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) t[static_cast<std::size_t>(c)] = static_cast<std::int8_t>(c - 'A' + 10);
  return t;
}();

// The 16 bytes of a UUID written 8-4-4-4-12, or nothing.
bool ParseUuid(std::string_view text, std::uint8_t out[16]) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') return false;
  static constexpr std::uint8_t kAt[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
  int bad = 0;
  for (int n = 0; n < 16; ++n) {
    const int hi = kHexDigit[static_cast<unsigned char>(text[kAt[n]])];
    const int lo = kHexDigit[static_cast<unsigned char>(text[kAt[n] + 1])];
    bad |= hi | lo;  // -1 anywhere sets the sign bit
    out[n] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return bad >= 0;
}

}  // namespace

IndicatorEngine::Uuid IndicatorEngine::MakeId(TypeStore& ts, std::string_view id) {
  Uuid u;
  if (ts.id_prefix.empty() && ParseUuid(id, u.bytes)) return u;
  // A client's fact: "ce:<uuid>"; the first fact of the type decides its prefix.
  if (ts.type->is_client_derived && id.size() == 39 && id[2] == ':') {
    if (ts.id_prefix.empty() && ts.facts.empty()) ts.id_prefix = std::string(id.substr(0, 3));
    if (id.substr(0, 3) == ts.id_prefix && ParseUuid(id.substr(3), u.bytes)) return u;
  }
  Uuid odd;
  std::memset(odd.bytes, 0xFF, 7);
  const auto index = static_cast<std::uint32_t>(odd_ids_.size());
  odd_ids_.emplace_back(id);
  std::memcpy(odd.bytes + 8, &index, sizeof index);
  return odd;
}

std::string IndicatorEngine::IdText(const TypeStore& ts, const Uuid& u) const {
  static const std::uint8_t kOdd[7] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  if (std::memcmp(u.bytes, kOdd, sizeof kOdd) == 0) {
    std::uint32_t index = 0;
    std::memcpy(&index, u.bytes + 8, sizeof index);
    return index < odd_ids_.size() ? odd_ids_[index] : "";
  }
  static const char* hex = "0123456789abcdef";
  std::string out = ts.id_prefix;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[u.bytes[i] >> 4];
    out += hex[u.bytes[i] & 15];
  }
  return out;
}

void IndicatorEngine::Relayout(std::vector<std::function<void()>> alongside) {
  // Each type is laid out on its own; two threads take the types (the largest first) and the work
  // given alongside in turn.
  std::vector<std::vector<std::uint32_t>> moved(stores_.size());
  std::vector<std::uint32_t> types(stores_.size());
  for (std::uint32_t type = 0; type < stores_.size(); ++type) types[type] = type;
  std::sort(types.begin(), types.end(),
            [&](std::uint32_t a, std::uint32_t b) { return stores_[a].facts.size() > stores_[b].facts.size(); });
  std::vector<std::function<void()>> tasks = std::move(alongside);
  for (std::uint32_t type : types) tasks.emplace_back([&, type] { moved[type] = RelayoutType(type); });
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

IndicatorEngine::CompactFact IndicatorEngine::BeginFact(TypeStore& ts, std::string_view id, std::string_view unit,
                                                        std::int32_t day) {
  CompactFact f;
  f.id = MakeId(ts, id);
  f.unit = Intern(unit);
  f.day = day;
  f.unit_pos = PositionOf(unit, day);
  f.first_value = static_cast<std::uint32_t>(ts.values.size());
  f.alive = true;
  return f;
}

void IndicatorEngine::AppendValues(TypeStore& ts, const Fact& fact) {
  for (const auto& [name, field] : ts.field_index) {
    auto v = fact.values.find(name);
    if (v == fact.values.end()) continue;
    const std::string& kind = ts.field_kind[field];
    if (const auto* i = std::get_if<std::int64_t>(&v->second)) {
      ts.values.push_back({*i, field});
    } else if (const auto* b = std::get_if<bool>(&v->second)) {
      ts.values.push_back({*b ? 1 : 0, field});
    } else if (const auto* text = std::get_if<std::string>(&v->second)) {
      if (text->empty()) continue;
      if (kind == "date") {
        if (auto d = Date::Parse(*text); d.ok()) ts.values.push_back({d->days(), field});
      } else {
        ts.values.push_back({Intern(*text), field});
      }
    } else if (const auto* list = std::get_if<std::vector<std::string>>(&v->second)) {
      for (const auto& e : *list) ts.values.push_back({Intern(e), field});
    }
  }
  for (const auto& a : fact.assignees) ts.values.push_back({Intern(a), ts.assignees_field});
}

void IndicatorEngine::FinishFact(std::uint32_t type, CompactFact f, std::string_view source) {
  TypeStore& ts = stores_[type];
  f.value_count = static_cast<std::uint16_t>(ts.values.size() - f.first_value);
  const Loc loc{type, static_cast<std::uint32_t>(ts.facts.size())};
  ts.facts.push_back(f);
  if (f.unit_pos >= 0 && !bulk_) {  // during a rebuild, Relayout places every fact at the end
    if (ts.by_unit.size() < index_.code.size()) ts.by_unit.resize(index_.code.size());
    auto& bucket = ts.by_unit[static_cast<std::size_t>(f.unit_pos)];
    const DayRef ref{f.day, loc.index};
    bucket.insert(std::upper_bound(bucket.begin(), bucket.end(), ref), ref);
  }
  ++ts.alive;
  ++fact_count_;
  AddToTotals(loc.type, ts.facts[loc.index], +1);
  if (source.rfind("client:", 0) == 0) {
    client_sources_[std::string(source)].push_back(loc);
  } else if (!bulk_) {
    added_index_[f.id] = loc;
  }
}

void IndicatorEngine::Insert(const std::string& source, Fact&& fact) {
  auto st = store_of_type_.find(fact.type);
  if (st == store_of_type_.end()) return;
  TypeStore& ts = stores_[st->second];
  if (!fact.raw.empty()) DecodeFact(fact, *ts.type, &ts.decode_fields);
  CompactFact f = BeginFact(ts, fact.id, fact.unit, fact.date.days());
  AppendValues(ts, fact);
  FinishFact(st->second, f, source);
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

void IndicatorEngine::Kill(const Loc& loc) {
  TypeStore& ts = stores_[loc.type];
  CompactFact& f = ts.facts[loc.index];
  if (!f.alive) return;
  AddToTotals(loc.type, f, -1);
  f.alive = false;
  --ts.alive;
  --fact_count_;
  if (f.unit_pos >= 0 && loc.index >= ts.base_count) {
    auto& bucket = ts.by_unit[static_cast<std::size_t>(f.unit_pos)];
    auto it = std::lower_bound(bucket.begin(), bucket.end(), DayRef{f.day, loc.index});
    if (it != bucket.end() && it->index == loc.index) bucket.erase(it);
  }
}

void IndicatorEngine::RemoveSource(const std::string& source) {
  if (source.rfind("client:", 0) == 0) {
    auto it = client_sources_.find(source);
    if (it == client_sources_.end()) return;
    for (const auto& loc : it->second) Kill(loc);
    client_sources_.erase(it);
    return;
  }
  Uuid id;
  if (!ParseUuid(source, id.bytes)) return;  // not a record's or tip's id
  if (auto it = added_index_.find(id); it != added_index_.end()) {
    Kill(it->second);
    added_index_.erase(it);
  }
  for (std::uint32_t type = 0; type < stores_.size(); ++type) {
    const TypeStore& ts = stores_[type];
    auto it = std::lower_bound(ts.by_id.begin(), ts.by_id.end(), id,
                               [&](std::uint32_t i, const Uuid& k) { return ts.facts[i].id < k; });
    for (; it != ts.by_id.end() && ts.facts[*it].id == id; ++it) Kill({type, *it});  // the dead stay dead
  }
}

Status IndicatorEngine::Rebuild() {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  auto since = [](Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); };
  std::unique_lock lock(mu_);
  RebuildTimes times;
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
  index_ = UnitIndex{};
  PCMD_RETURN_IF_ERROR(RebuildUnits());
  std::int64_t seq = 0;
  bulk_ = true;
  // Two threads: this one reads the rows as the store streams them and copies each record's cells
  // into a batch (no allocation a row); the other decodes the records' JSON and adds the facts (and
  // their totals). Batches go through a short queue and come back to be filled again.
  // A record's row: what the reading thread already knows of its fact (its id's 16 bytes, its unit's
  // interned code and position, its day), and its cells in the batch's bytes.
  struct RawRow {
    std::uint32_t type = 0;
    CompactFact fact;
    bool id_known = false, unit_known = false;  // false: the adder makes them from the texts
    std::uint32_t at = 0;  // where its id, unit and data start in the batch's bytes
    std::uint16_t id_size = 0, unit_size = 0;
    std::uint32_t data_size = 0;
  };
  // The units, for the reading thread: code -> its interned id and positions (index_ does not
  // change during the rebuild; the codes are interned here, before the adder starts).
  struct UnitRef {
    std::uint32_t text = 0;
    const std::vector<int>* nodes = nullptr;
  };
  // Codes of up to eight bytes (every code of the national tree) are found by their bytes as one
  // number in a flat table, the others by their text.
  auto packed = [](std::string_view code) {
    std::uint64_t v = 0;
    std::memcpy(&v, code.data(), code.size());
    return v;
  };
  std::size_t slots = 16;
  while (slots < index_.nodes.size() * 4) slots *= 2;
  std::vector<std::pair<std::uint64_t, UnitRef>> short_refs(slots);
  auto slot_of = [&](std::uint64_t key) { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 40) & (slots - 1); };
  std::unordered_map<std::string_view, UnitRef> long_refs;
  for (const auto& [code, nodes] : index_.nodes) {
    if (nodes.empty()) continue;
    const UnitRef ref{Intern(code), &nodes};
    if (code.empty() || code.size() > 8 || code.find('\0') != std::string::npos) {
      long_refs[code] = ref;
      continue;
    }
    std::size_t i = slot_of(packed(code));
    while (short_refs[i].first != 0) i = (i + 1) & (slots - 1);
    short_refs[i] = {packed(code), ref};
  }
  auto unit_ref = [&](std::string_view code) -> const UnitRef* {
    if (code.empty() || code.size() > 8) {
      auto it = long_refs.find(code);
      return it == long_refs.end() ? nullptr : &it->second;
    }
    const std::uint64_t key = packed(code);
    for (std::size_t i = slot_of(key);; i = (i + 1) & (slots - 1)) {
      if (short_refs[i].first == key) return &short_refs[i].second;
      if (short_refs[i].first == 0) return nullptr;
    }
  };
  // A tip's or a client's row: its cells one after the other in the batch's bytes (TipFact and
  // ClientFacts make their facts on the adding thread).
  enum class Kind : std::uint8_t { kTip, kAssessment, kReferral };
  static constexpr std::size_t kMaxCells = 11;
  struct CellRow {
    Kind kind = Kind::kTip;
    std::uint8_t cells = 0;
    std::uint32_t at = 0;
    std::array<std::uint16_t, kMaxCells> sizes{};
  };
  class CellView final : public store::RowView {
   public:
    CellView(std::string_view bytes, const CellRow& row) : bytes_(bytes), row_(row) {}
    std::size_t size() const override { return row_.cells; }
    bool IsNull(std::size_t i) const override { return Text(i).empty(); }
    std::string_view Text(std::size_t i) const override {
      if (i >= row_.cells) return {};
      std::size_t at = row_.at;
      for (std::size_t c = 0; c < i; ++c) at += row_.sizes[c];
      return bytes_.substr(at, row_.sizes[i]);
    }

   private:
    std::string_view bytes_;
    const CellRow& row_;
  };
  struct Batch {
    std::string bytes;
    std::vector<RawRow> rows;
    std::vector<CellRow> cell_rows;
    std::size_t size() const { return rows.size() + cell_rows.size(); }
  };
  ClientFacts clients;  // the adding thread's
  constexpr std::size_t kBatch = 1024, kQueued = 8;
  std::mutex queue_mu;
  std::condition_variable queue_cv;
  std::deque<Batch> queue;
  std::vector<Batch> spare;
  bool read_all = false;
  std::thread adder([&] {
    while (true) {
      Batch batch;
      struct Busy {  // the time spent on a batch, not waiting for one
        double& total;
        Clock::time_point from = Clock::now();
        ~Busy() { total += std::chrono::duration<double>(Clock::now() - from).count(); }
      };
      {
        std::unique_lock<std::mutex> l(queue_mu);
        queue_cv.wait(l, [&] { return !queue.empty() || read_all; });
        if (queue.empty()) return;
        batch = std::move(queue.front());
        queue.pop_front();
      }
      queue_cv.notify_all();
      Busy busy{times.adding_seconds};
      const std::string_view bytes = batch.bytes;
      for (const RawRow& r : batch.rows) {
        const std::string_view id = bytes.substr(r.at, r.id_size);
        CompactFact f = r.fact;
        if (!r.id_known) f.id = MakeId(stores_[r.type], id);
        if (!r.unit_known) {
          const std::string_view unit = bytes.substr(r.at + r.id_size, r.unit_size);
          f.unit = Intern(unit);
          f.unit_pos = PositionOf(unit, f.day);
        }
        InsertRecordRow(r.type, f, id, bytes.substr(r.at + r.id_size + r.unit_size, r.data_size));
      }
      auto insert = [&](const std::string& source, Fact&& fact) { Insert(source, std::move(fact)); };
      for (const CellRow& c : batch.cell_rows) {
        const CellView view(bytes, c);
        switch (c.kind) {
          case Kind::kTip: {
            Fact fact = TipFact(view);
            const std::string source = fact.id;
            Insert(source, std::move(fact));
            break;
          }
          case Kind::kAssessment: clients.Assessment(view, insert); break;
          case Kind::kReferral: clients.Referral(view, insert); break;
        }
      }
      batch.bytes.clear();
      batch.rows.clear();
      batch.cell_rows.clear();
      std::lock_guard<std::mutex> l(queue_mu);
      spare.push_back(std::move(batch));
    }
  });
  Batch batch;
  auto hand_over = [&] {
    std::unique_lock<std::mutex> l(queue_mu);
    if (queue.size() >= kQueued) {
      const auto waiting = Clock::now();
      queue_cv.wait(l, [&] { return queue.size() < kQueued; });
      times.waiting_seconds += since(waiting);
    }
    queue.push_back(std::move(batch));
    batch = Batch();
    if (!spare.empty()) {
      batch = std::move(spare.back());
      spare.pop_back();
    }
    l.unlock();
    queue_cv.notify_all();
  };
  std::string last_type;  // rows come in runs of one type: the last one's store, found once
  std::optional<std::uint32_t> last_store;
  Status s = db_.Read([&](store::Transaction& tx) -> Status {
    // The sequence first, in the same snapshot: changes after it are applied by CatchUp.
    PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
    seq = rows.empty() ? 0 : rows[0].Int(0);
    FactRows fact_rows;
    // A row whose cells go over as they are.
    auto cells = [&](Kind kind) {
      return [&, kind](const store::RowView& r) {
        if (r.size() > kMaxCells) return base::Internal("a row has more cells than the engine takes");
        CellRow row;
        row.kind = kind;
        row.cells = static_cast<std::uint8_t>(r.size());
        row.at = static_cast<std::uint32_t>(batch.bytes.size());
        for (std::size_t c = 0; c < r.size(); ++c) {
          const std::string_view cell = r.Text(c);
          if (cell.size() > UINT16_MAX) return base::Internal("a row is too long for the engine");
          row.sizes[c] = static_cast<std::uint16_t>(cell.size());
          batch.bytes.append(cell);
        }
        batch.cell_rows.push_back(row);
        if (batch.size() >= kBatch) hand_over();
        return Status::Ok();
      };
    };
    fact_rows.record = [&](const store::RowView& r) {
      if (r.Text(1) != last_type) {
        last_type = r.Text(1);
        auto type = store_of_type_.find(last_type);
        last_store = type == store_of_type_.end() ? std::nullopt : std::optional(type->second);
      }
      if (!last_store) return Status::Ok();  // not a fact type
      const std::string_view id = r.Text(0), unit = r.Text(2), data = r.Text(4);
      if (id.size() > UINT16_MAX || unit.size() > UINT16_MAX || data.size() > UINT32_MAX) {
        return base::Internal("a record's row is too long for the engine");
      }
      RawRow row;
      row.type = *last_store;
      row.fact.day = Date::Parse(r.Text(3)).value_or(Date()).days();
      row.id_known = ParseUuid(id, row.fact.id.bytes);
      if (const UnitRef* u = unit_ref(unit)) {
        row.unit_known = true;
        row.fact.unit = u->text;
        row.fact.unit_pos = PositionAmong(*u->nodes, row.fact.day);
      }
      row.at = static_cast<std::uint32_t>(batch.bytes.size());
      row.id_size = static_cast<std::uint16_t>(id.size());
      row.unit_size = static_cast<std::uint16_t>(unit.size());
      row.data_size = static_cast<std::uint32_t>(data.size());
      batch.bytes.append(id).append(unit).append(data);
      batch.rows.push_back(row);
      if (batch.size() >= kBatch) hand_over();
      return Status::Ok();
    };
    fact_rows.tip = cells(Kind::kTip);
    fact_rows.assessment = cells(Kind::kAssessment);
    fact_rows.referral = cells(Kind::kReferral);
    return ScanAllFacts(tx, fact_rows);
  });
  if (batch.size() > 0) hand_over();
  {
    std::lock_guard<std::mutex> l(queue_mu);
    read_all = true;
  }
  queue_cv.notify_all();
  times.reading_seconds = since(started);
  adder.join();
  times.added_seconds = since(started);
  bulk_ = false;
  PCMD_RETURN_IF_ERROR(s);
  const auto laying_out = Clock::now();
  // The distinct counts' pairs, noted as the facts came, are built on another thread while this one
  // lays the facts out (the totals do not depend on where the facts lie).
  std::vector<std::function<void()>> builds;
  for (auto& t : totals_) {
    if (t.distinct) builds.emplace_back([&t] { t.distinct->Build(); });
  }
  Relayout(std::move(builds));  // the totals were kept as the facts came: the positions do not move
  text_bytes_.shrink_to_fit();
  text_start_.shrink_to_fit();
  last_seq_ = seq;
  times.layout_seconds = since(laying_out);
  times.total_seconds = since(started);
  last_rebuild_ = times;
  return Status::Ok();
}

Result<int> IndicatorEngine::CatchUp() {
  std::lock_guard<std::mutex> apply(apply_mu_);
  int applied = 0;
  while (true) {
    PCMD_ASSIGN_OR_RETURN(auto changes, db_.ReadChangesAfter(last_seq_.load(), 500));
    if (changes.empty()) break;
    std::set<std::string> sources;
    bool units_changed = false;
    for (const auto& c : changes) {
      if (c.entity == "unit" || c.entity == "unit_lineage") units_changed = true;
    }
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, Fact>>>> fresh;
    PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
      for (const auto& c : changes) {
        if (auto s = SourceOfChange(tx, catalog_, c.entity, c.entity_id)) sources.insert(*s);
      }
      for (const auto& s : sources) {
        std::vector<std::pair<std::string, Fact>> facts;
        PCMD_RETURN_IF_ERROR(ReadFacts(tx, catalog_, s, [&](const std::string& src, Fact&& f) {
          facts.emplace_back(src, std::move(f));
        }));
        fresh.emplace_back(s, std::move(facts));
      }
      return Status::Ok();
    }));
    {
      std::unique_lock lock(mu_);
      if (units_changed) PCMD_RETURN_IF_ERROR(RebuildUnits());
      for (auto& [source, facts] : fresh) {
        RemoveSource(source);
        for (auto& [src, f] : facts) Insert(src, std::move(f));
      }
    }
    last_seq_ = changes.back().seq;
    applied += static_cast<int>(changes.size());
  }
  return applied;
}

void IndicatorEngine::Start(int poll_ms) {
  Stop();
  {
    std::lock_guard<std::mutex> lock(stop_mu_);
    stopping_ = false;
  }
  follower_ = std::thread([this, poll_ms] {
    std::unique_lock<std::mutex> lock(stop_mu_);
    while (!stopping_) {
      lock.unlock();
      auto r = CatchUp();
      if (!r.ok()) base::LogWarn("indicators: change log not applied", {{"error", r.status().message()}});
      lock.lock();
      stop_cv_.wait_for(lock, std::chrono::milliseconds(poll_ms), [this] { return stopping_; });
    }
  });
}

void IndicatorEngine::Stop() {
  {
    std::lock_guard<std::mutex> lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (follower_.joinable()) follower_.join();
}

std::size_t IndicatorEngine::fact_count() const {
  std::shared_lock lock(mu_);
  return fact_count_;
}

std::size_t IndicatorEngine::memory_bytes() const {
  std::shared_lock lock(mu_);
  std::size_t n = added_index_.size() * (sizeof(Uuid) + sizeof(Loc) + 24);
  for (const auto& ts : stores_) {
    n += ts.facts.capacity() * sizeof(CompactFact) + ts.values.capacity() * sizeof(FieldValue) +
         (ts.base_start.capacity() + ts.by_id.capacity()) * sizeof(std::uint32_t);
    for (const auto& b : ts.by_unit) n += b.capacity() * sizeof(DayRef) + sizeof(b);
  }
  n += text_bytes_.capacity() + text_start_.capacity() * sizeof(std::uint32_t) +
       text_slots_.capacity() * sizeof(std::uint64_t);
  return n;
}

}  // namespace pcmd::analytics
