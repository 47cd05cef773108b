// IndicatorEngine: the facts in memory and their upkeep (rebuild, change log, units, ids).
#include "analytics/indicator_engine.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <tuple>
#include <deque>

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

std::uint32_t IndicatorEngine::Intern(const std::string& s) {
  auto it = text_ids_.find(std::string_view(s));
  if (it != text_ids_.end()) return *it;
  const auto id = static_cast<std::uint32_t>(text_start_.size());
  text_start_.push_back(static_cast<std::uint32_t>(text_bytes_.size()));
  text_bytes_ += s;
  text_ids_.insert(id);
  return id;
}

std::optional<std::uint32_t> IndicatorEngine::FindString(const std::string& s) const {
  auto it = text_ids_.find(std::string_view(s));
  if (it == text_ids_.end()) return std::nullopt;
  return *it;
}

namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 16 bytes of a UUID written 8-4-4-4-12, or nothing.
bool ParseUuid(std::string_view text, std::uint8_t out[16]) {
  if (text.size() != 36) return false;
  int n = 0;
  for (std::size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
      continue;
    }
    const int hi = HexDigit(text[i]), lo = HexDigit(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[n++] = static_cast<std::uint8_t>(hi * 16 + lo);
    ++i;
  }
  return n == 16;
}

}  // namespace

IndicatorEngine::Uuid IndicatorEngine::MakeId(TypeStore& ts, const std::string& id) {
  Uuid u;
  if (ts.id_prefix.empty() && ParseUuid(id, u.bytes)) return u;
  // A client's fact: "ce:<uuid>"; the first fact of the type decides its prefix.
  if (ts.type->is_client_derived && id.size() == 39 && id[2] == ':') {
    if (ts.id_prefix.empty() && ts.facts.empty()) ts.id_prefix = id.substr(0, 3);
    if (id.compare(0, 3, ts.id_prefix) == 0 && ParseUuid(std::string_view(id).substr(3), u.bytes)) return u;
  }
  Uuid odd;
  std::memset(odd.bytes, 0xFF, 7);
  const auto index = static_cast<std::uint32_t>(odd_ids_.size());
  odd_ids_.push_back(id);
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

void IndicatorEngine::Relayout() {
  const std::size_t positions = index_.code.size();
  for (std::uint32_t type = 0; type < stores_.size(); ++type) {
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
    // Records arrive in the order of their ids (a rebuild reads them so): their new places in the
    // order they came are then already by id; sorted otherwise.
    ts.by_id.assign(moved.begin(), moved.end());
    auto by_id_less = [&](std::uint32_t a, std::uint32_t b) { return ts.facts[a].id < ts.facts[b].id; };
    if (!std::is_sorted(ts.by_id.begin(), ts.by_id.end(), by_id_less)) {
      std::sort(ts.by_id.begin(), ts.by_id.end(), by_id_less);
    }
    for (auto& [source, locs] : client_sources_) {
      for (auto& loc : locs) {
        if (loc.type == type) loc.index = moved[loc.index];
      }
    }
  }
  added_index_.clear();  // every fact is laid out now, found through by_id
}

void IndicatorEngine::Insert(const std::string& source, Fact&& fact) {
  auto st = store_of_type_.find(fact.type);
  if (st == store_of_type_.end()) return;
  TypeStore& ts = stores_[st->second];
  if (!fact.raw.empty()) DecodeFact(fact, *ts.type, &ts.decode_fields);
  CompactFact f;
  f.id = MakeId(ts, fact.id);
  f.unit = Intern(fact.unit);
  f.day = fact.date.days();
  f.unit_pos = PositionOf(fact.unit, f.day);
  f.first_value = static_cast<std::uint32_t>(ts.values.size());
  f.alive = true;
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
  f.value_count = static_cast<std::uint16_t>(ts.values.size() - f.first_value);
  const Loc loc{st->second, static_cast<std::uint32_t>(ts.facts.size())};
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
    client_sources_[source].push_back(loc);
  } else if (!bulk_) {
    added_index_[f.id] = loc;
  }
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
  std::unique_lock lock(mu_);
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
  // Two threads: this one reads the rows, the other decodes the records' fields and adds the
  // facts (and their totals), in batches through a short queue.
  using Batch = std::vector<std::pair<std::string, Fact>>;
  constexpr std::size_t kBatch = 4096, kQueued = 8;
  std::mutex queue_mu;
  std::condition_variable queue_cv;
  std::deque<Batch> queue;
  bool read_all = false;
  std::thread adder([&] {
    while (true) {
      Batch batch;
      {
        std::unique_lock<std::mutex> l(queue_mu);
        queue_cv.wait(l, [&] { return !queue.empty() || read_all; });
        if (queue.empty()) return;
        batch = std::move(queue.front());
        queue.pop_front();
      }
      queue_cv.notify_all();
      for (auto& [source, fact] : batch) Insert(source, std::move(fact));
    }
  });
  Batch batch;
  auto hand_over = [&] {
    std::unique_lock<std::mutex> l(queue_mu);
    queue_cv.wait(l, [&] { return queue.size() < kQueued; });
    queue.push_back(std::move(batch));
    batch = Batch();
    batch.reserve(kBatch);
    l.unlock();
    queue_cv.notify_all();
  };
  Status s = db_.Read([&](store::Transaction& tx) -> Status {
    // The sequence first, in the same snapshot: changes after it are applied by CatchUp.
    PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
    seq = rows.empty() ? 0 : rows[0].Int(0);
    return ReadFacts(
        tx, catalog_, std::nullopt,
        [&](const std::string& source, Fact&& f) {
          batch.emplace_back(source, std::move(f));
          if (batch.size() >= kBatch) hand_over();
        },
        /*raw=*/true);
  });
  if (!batch.empty()) hand_over();
  {
    std::lock_guard<std::mutex> l(queue_mu);
    read_all = true;
  }
  queue_cv.notify_all();
  adder.join();
  bulk_ = false;
  PCMD_RETURN_IF_ERROR(s);
  Relayout();  // the totals were kept as the facts came: the positions do not move
  text_bytes_.shrink_to_fit();
  text_start_.shrink_to_fit();
  last_seq_ = seq;
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
       text_ids_.bucket_count() * sizeof(void*) + text_ids_.size() * 16;
  return n;
}

}  // namespace pcmd::analytics
