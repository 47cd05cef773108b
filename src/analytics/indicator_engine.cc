// IndicatorEngine: the facts in memory and their upkeep (rebuild, change log, units, ids).
#include "analytics/indicator_engine.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <tuple>

#include "analytics/indicator_engine_internal.h"
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
  // The texts met most (codes, units) are found in a small table that stays in the cache.
  auto& hot = hot_texts_[hash & (hot_texts_.size() - 1)];
  if (hot.first == hash && hot.second < text_start_.size() && Str(hot.second) == s) return hot.second;
  std::size_t i = TextSlot(s, hash);
  if (text_slots_[i] != 0) {
    hot = {hash, static_cast<std::uint32_t>(text_slots_[i]) - 1};
    return hot.second;
  }
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

IndicatorEngine::Uuid IndicatorEngine::MakeId(TypeStore& ts, std::string_view id) {
  Uuid u;
  if (ts.id_prefix.empty() && internal::ParseUuid(id, u.bytes)) return u;
  // A client's fact: "ce:<uuid>"; the first fact of the type decides its prefix.
  if (ts.type->is_client_derived && id.size() == 39 && id[2] == ':') {
    if (ts.id_prefix.empty() && ts.facts.empty()) ts.id_prefix = std::string(id.substr(0, 3));
    if (id.substr(0, 3) == ts.id_prefix && internal::ParseUuid(id.substr(3), u.bytes)) return u;
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

IndicatorEngine::CompactFact IndicatorEngine::BeginFact(TypeStore& ts, std::string_view id, std::string_view unit,
                                                        std::int32_t day) {
  CompactFact f;
  f.id = MakeId(ts, id);
  f.unit = Intern(unit);
  f.day = day;
  f.unit_pos = PositionOfText(f.unit, unit, day);
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
    auto it = client_sources_.find(source);
    if (it == client_sources_.end()) it = client_sources_.emplace(source, std::vector<Loc>()).first;
    it->second.push_back(loc);
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
  if (!internal::ParseUuid(source, id.bytes)) return;  // not a record's or tip's id
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
