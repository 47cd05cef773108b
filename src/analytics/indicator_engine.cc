#include "analytics/indicator_engine.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <unordered_set>

#include "base/log.h"

namespace pcmd::analytics {

using base::Date;
using base::Period;
using base::Result;
using base::Status;
using plan::Condition;
using plan::Measure;

std::string_view IndicatorStatusId(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::kMet: return "met";
    case IndicatorStatus::kNotMet: return "not_met";
    case IndicatorStatus::kOnTrack: return "on_track";
    case IndicatorStatus::kBehind: return "behind";
    case IndicatorStatus::kNoData: return "no_data";
  }
  return "no_data";
}

struct IndicatorEngine::Context {
  const plan::Plan* plan = nullptr;
  const plan::Target* target = nullptr;
  int lo = 0, hi = 0;  // the unit's subtree: DFS positions [lo, hi)
  Period period;
  Date as_of;
};

namespace {

// The same day `years` later (29 February becomes the 28th).
Date ShiftYears(Date d, int years) {
  const int y = d.year() + years;
  const Date next_month = d.month() == 12 ? Date::FromCivil(y + 1, 1, 1) : Date::FromCivil(y, d.month() + 1, 1);
  return Date::FromCivil(y, d.month(), std::min(d.day(), next_month.AddDays(-1).day()));
}

int MonthIndex(Date d) { return d.year() * 12 + d.month() - 1; }

Status NotFound(const std::string& what) {
  return base::NotFound("no such " + what).WithVi("Không tìm thấy").WithMachineCode("not_found");
}

}  // namespace

// A condition made ready for one query: its field's index in the type's store (or the fact's own
// unit or date), and its values as the store keeps them.
struct IndicatorEngine::CompiledCondition {
  enum class On { kField, kUnit, kDate };
  On on = On::kField;
  std::uint16_t field = 0;
  Condition::Op op = Condition::Op::kEquals;
  std::vector<std::int64_t> values;  // kEquals: one; kIn, kHasAny: the set; kBefore/kOnOrAfter: one day
  bool is_present = true;
  bool never = false;  // a value no fact holds (equality with an unknown text)
};

struct IndicatorEngine::CompiledFilter {
  std::vector<CompiledCondition> all;
  std::vector<std::vector<CompiledCondition>> any;
};

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
      ts.field_index[f] = static_cast<std::uint16_t>(ts.field_kind.size());
      ts.field_kind.push_back(k->second);
    }
    ts.assignees_field = static_cast<std::uint16_t>(ts.field_kind.size());
    ts.field_kind.push_back("list");
    store_of_type_[id] = static_cast<std::uint32_t>(stores_.size());
    stores_.push_back(std::move(ts));
  }
  // Month totals for the measures that allow them: counts and sums over whole months whose
  // filters name no "$" word. The filters' texts are interned first, so that they compile.
  auto is_static = [](const plan::Filter& f) {
    auto fixed = [](const Condition& c) {
      if (!c.value.empty() && c.value[0] == '$') return false;
      for (const auto& v : c.values) {
        if (!v.empty() && v[0] == '$') return false;
      }
      return true;
    };
    for (const auto& c : f.all) {
      if (!fixed(c)) return false;
    }
    for (const auto& conj : f.any) {
      for (const auto& c : conj) {
        if (!fixed(c)) return false;
      }
    }
    return true;
  };
  auto intern_values = [&](const plan::Filter& f) {
    auto one = [&](const Condition& c) {
      if (!c.value.empty()) Intern(c.value);
      for (const auto& v : c.values) Intern(v);
    };
    for (const auto& c : f.all) one(c);
    for (const auto& conj : f.any) {
      for (const auto& c : conj) one(c);
    }
  };
  std::map<std::string, std::size_t> by_signature;
  auto add_totals = [&](const Measure& m) {
    const bool kind_ok = m.kind == Measure::Kind::kCount || m.kind == Measure::Kind::kSum ||
                         m.kind == Measure::Kind::kMonthsWith || (m.kind == Measure::Kind::kUnits && !m.of.empty());
    const bool span_ok = m.span == plan::Span::kPeriod || m.span == plan::Span::kYear || m.span == plan::Span::kPlanToDate;
    auto st = store_of_type_.find(m.of);
    if (!kind_ok || !span_ok || st == store_of_type_.end() || !is_static(m.where)) return;
    intern_values(m.where);
    const TypeStore& ts = stores_[st->second];
    int field = -1;
    if (m.kind == Measure::Kind::kSum) {
      auto f = ts.field_index.find(m.field);
      if (f == ts.field_index.end()) return;
      field = f->second;
    }
    // One totals per distinct (type, field, filter).
    std::string signature = m.of + "|" + std::to_string(field);
    auto sign = [&](const Condition& c) {
      signature += "|" + c.field + ":" + std::to_string(static_cast<int>(c.op)) + ":" + c.value + ":" +
                   (c.is_present ? "1" : "0");
      for (const auto& v : c.values) signature += "," + v;
    };
    for (const auto& c : m.where.all) sign(c);
    for (const auto& conj : m.where.any) {
      signature += "|any";
      for (const auto& c : conj) sign(c);
    }
    auto known = by_signature.find(signature);
    if (known == by_signature.end()) {
      Totals t;
      t.type = st->second;
      t.field = field;
      t.filter = std::make_shared<const CompiledFilter>(Compile(m.where, &ts, nullptr));
      known = by_signature.emplace(signature, totals_.size()).first;
      totals_.push_back(std::move(t));
    }
    totals_of_[&m] = known->second;
  };
  for (const auto& p : plans_) {
    for (const auto& t : p.targets) {
      add_totals(t.numerator);
      if (t.denominator) add_totals(*t.denominator);
    }
  }
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

std::uint32_t IndicatorEngine::Intern(const std::string& s) {
  auto it = string_ids_.find(s);
  if (it != string_ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(strings_.size());
  strings_.push_back(s);
  string_ids_.emplace(s, id);
  return id;
}

std::optional<std::uint32_t> IndicatorEngine::FindString(const std::string& s) const {
  auto it = string_ids_.find(s);
  if (it == string_ids_.end()) return std::nullopt;
  return it->second;
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

IndicatorEngine::Uuid IndicatorEngine::MakeId(const std::string& id) {
  Uuid u;
  if (ParseUuid(id, u.bytes)) return u;
  Uuid odd;
  std::memset(odd.bytes, 0xFF, 7);
  const auto index = static_cast<std::uint32_t>(odd_ids_.size());
  odd_ids_.push_back(id);
  std::memcpy(odd.bytes + 8, &index, sizeof index);
  return odd;
}

std::string IndicatorEngine::IdText(const Uuid& u) const {
  static const std::uint8_t kOdd[7] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  if (std::memcmp(u.bytes, kOdd, sizeof kOdd) == 0) {
    std::uint32_t index = 0;
    std::memcpy(&index, u.bytes + 8, sizeof index);
    return index < odd_ids_.size() ? odd_ids_[index] : "";
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[u.bytes[i] >> 4];
    out += hex[u.bytes[i] & 15];
  }
  return out;
}

Status IndicatorEngine::RebuildUnits() {
  std::string stamp;
  PCMD_ASSIGN_OR_RETURN(auto parents, units_.LatestParents(&stamp));
  if (stamp == index_.stamp && !index_.code.empty()) return Status::Ok();
  std::multimap<std::string, std::string> children;
  for (const auto& [code, parent] : parents) children.emplace(parent, code);
  UnitIndex idx;
  idx.stamp = stamp;
  // Iterative depth-first walk from the roots (parent ""), children in code order.
  std::vector<std::pair<std::string, bool>> todo;
  auto [rb, re] = children.equal_range("");
  std::vector<std::string> roots;
  for (auto it = rb; it != re; ++it) roots.push_back(it->second);
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) todo.emplace_back(*it, false);
  while (!todo.empty()) {
    auto [code, done] = todo.back();
    todo.pop_back();
    if (done) {
      idx.end[static_cast<std::size_t>(idx.pos[code])] = static_cast<int>(idx.code.size());
      continue;
    }
    if (idx.pos.count(code)) continue;
    idx.pos[code] = static_cast<int>(idx.code.size());
    idx.code.push_back(code);
    idx.end.push_back(0);
    auto up = parents.find(code);
    auto parent_pos = up == parents.end() ? idx.pos.end() : idx.pos.find(up->second);
    idx.parent.push_back(parent_pos == idx.pos.end() ? -1 : parent_pos->second);
    todo.emplace_back(code, true);
    auto [b, e] = children.equal_range(code);
    std::vector<std::string> kids;
    for (auto it = b; it != e; ++it) kids.push_back(it->second);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) todo.emplace_back(*it, false);
  }
  index_ = std::move(idx);
  for (auto& ts : stores_) {
    ts.by_unit.assign(index_.code.size(), {});
    for (std::uint32_t i = 0; i < ts.facts.size(); ++i) {
      auto& f = ts.facts[i];
      auto it = index_.pos.find(strings_[f.unit]);
      f.unit_pos = it == index_.pos.end() ? -1 : it->second;
      if (f.alive && f.unit_pos >= 0) ts.by_unit[static_cast<std::size_t>(f.unit_pos)].push_back({f.day, i});
    }
    for (auto& bucket : ts.by_unit) std::sort(bucket.begin(), bucket.end());
  }
  if (!bulk_) RebuildTotals();
  std::lock_guard<std::mutex> lock(level_mu_);
  level_cache_.clear();
  return Status::Ok();
}

void IndicatorEngine::Insert(const std::string& source, Fact&& fact) {
  auto st = store_of_type_.find(fact.type);
  if (st == store_of_type_.end()) return;
  TypeStore& ts = stores_[st->second];
  CompactFact f;
  f.id = MakeId(fact.id);
  f.unit = Intern(fact.unit);
  auto pos = index_.pos.find(fact.unit);
  f.unit_pos = pos == index_.pos.end() ? -1 : pos->second;
  f.day = fact.date.days();
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
  if (f.unit_pos >= 0) {
    if (ts.by_unit.size() < index_.code.size()) ts.by_unit.resize(index_.code.size());
    auto& bucket = ts.by_unit[static_cast<std::size_t>(f.unit_pos)];
    const DayRef ref{f.day, loc.index};
    if (bulk_) {
      bucket.push_back(ref);  // sorted once the rebuild has read everything
    } else {
      bucket.insert(std::upper_bound(bucket.begin(), bucket.end(), ref), ref);
    }
  }
  ++ts.alive;
  ++fact_count_;
  if (!bulk_) AddToTotals(loc.type, ts.facts[loc.index], +1);
  if (source.rfind("client:", 0) == 0) {
    client_sources_[source].push_back(loc);
  } else if (bulk_) {
    base_index_.emplace_back(f.id, loc);
  } else {
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
  if (f.unit_pos >= 0) {
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
  auto it = std::lower_bound(base_index_.begin(), base_index_.end(), id,
                             [](const std::pair<Uuid, Loc>& e, const Uuid& k) { return e.first < k; });
  for (; it != base_index_.end() && it->first == id; ++it) {
    if (it->second.type == kGone) continue;
    Kill(it->second);
    it->second.type = kGone;
  }
}

Status IndicatorEngine::Rebuild() {
  std::unique_lock lock(mu_);
  for (auto& ts : stores_) {
    ts.facts.clear();
    ts.values.clear();
    ts.by_unit.clear();
    ts.alive = 0;
  }
  base_index_.clear();
  added_index_.clear();
  client_sources_.clear();
  odd_ids_.clear();
  fact_count_ = 0;
  index_ = UnitIndex{};
  PCMD_RETURN_IF_ERROR(RebuildUnits());
  std::int64_t seq = 0;
  bulk_ = true;
  Status s = db_.Read([&](store::Transaction& tx) -> Status {
    // The sequence first, in the same snapshot: changes after it are applied by CatchUp.
    PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
    seq = rows.empty() ? 0 : rows[0].Int(0);
    return ReadFacts(tx, catalog_, std::nullopt,
                     [&](const std::string& source, Fact&& f) { Insert(source, std::move(f)); });
  });
  bulk_ = false;
  PCMD_RETURN_IF_ERROR(s);
  std::sort(base_index_.begin(), base_index_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  base_index_.shrink_to_fit();
  for (auto& ts : stores_) {
    ts.facts.shrink_to_fit();
    ts.values.shrink_to_fit();
    for (auto& bucket : ts.by_unit) {
      std::sort(bucket.begin(), bucket.end());
      bucket.shrink_to_fit();
    }
  }
  RebuildTotals();
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
      if (c.entity == "unit") units_changed = true;
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
  std::size_t n = base_index_.capacity() * sizeof(base_index_[0]) + added_index_.size() * (sizeof(Uuid) + sizeof(Loc) + 24);
  for (const auto& ts : stores_) {
    n += ts.facts.capacity() * sizeof(CompactFact) + ts.values.capacity() * sizeof(FieldValue);
    for (const auto& b : ts.by_unit) n += b.capacity() * sizeof(DayRef) + sizeof(b);
  }
  for (const auto& s : strings_) n += sizeof(s) + (s.size() > 15 ? s.capacity() : 0) + 32;
  return n;
}

Result<std::vector<int>> IndicatorEngine::UnitsAt(const std::string& level, Date on, int lo, int hi) const {
  // The positions of the units at `level` valid on `on`, sorted, cached per level and day (the
  // cache is emptied when the tree changes); a query takes the range of its subtree.
  const std::string key = level + "|" + on.ToString();
  std::unique_lock<std::mutex> lock(level_mu_);
  auto it = level_cache_.find(key);
  if (it == level_cache_.end()) {
    lock.unlock();
    PCMD_ASSIGN_OR_RETURN(auto page, units_.List({.level = level, .date = on, .limit = 1'000'000}));
    std::vector<int> positions;
    for (const auto& u : page.items) {
      auto p = index_.pos.find(u.code);
      if (p != index_.pos.end()) positions.push_back(p->second);
    }
    std::sort(positions.begin(), positions.end());
    lock.lock();
    it = level_cache_.emplace(key, std::move(positions)).first;
  }
  const auto& all = it->second;
  return std::vector<int>(std::lower_bound(all.begin(), all.end(), lo), std::lower_bound(all.begin(), all.end(), hi));
}

IndicatorEngine::Window IndicatorEngine::WindowOf(const Measure& m, const Context& ctx) const {
  switch (m.span) {
    case plan::Span::kPeriod: return {ctx.period.first, ctx.period.last, false};
    case plan::Span::kYear:
      return {Date::FromCivil(ctx.period.last.year(), 1, 1), Date::FromCivil(ctx.period.last.year(), 12, 31), false};
    case plan::Span::kPlanToDate: return {ctx.plan->start, ctx.period.last, false};
    case plan::Span::kExisting: return {Date::FromCivil(1900, 1, 1), ctx.period.last, false};
    case plan::Span::kAll: return {Date(), Date(), true};
  }
  return {ctx.period.first, ctx.period.last, false};
}

FactRef IndicatorEngine::RefOf(const TypeStore& ts, const CompactFact& f) const {
  FactRef r{ts.type->id, IdText(f.id), strings_[f.unit], ts.type->path, Date::FromDays(f.day), ts.type->resource, {}};
  for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count; ++i) {
    if (ts.values[i].field == ts.assignees_field) r.assignees.push_back(strings_[static_cast<std::size_t>(ts.values[i].value)]);
  }
  return r;
}

IndicatorEngine::CompiledFilter IndicatorEngine::Compile(const plan::Filter& where, const TypeStore* ts,
                                                         const Context* ctx) const {
  // "$" words resolved from the query's period (none in a filter compiled without one), texts as
  // interned ids (a text no fact holds matches nothing).
  auto compile = [&](const Condition& c) {
    CompiledCondition out;
    out.op = c.op;
    out.is_present = c.is_present;
    std::string kind = "text";
    if (c.field == "unit") {
      out.on = CompiledCondition::On::kUnit;
    } else if (c.field == "date") {
      out.on = CompiledCondition::On::kDate;
      kind = "date";
    } else if (ts) {
      auto f = ts->field_index.find(c.field);
      if (f != ts->field_index.end()) {
        out.field = f->second;
        kind = ts->field_kind[f->second];
      } else {
        out.never = c.op != Condition::Op::kPresent || c.is_present;
      }
    }
    auto resolve = [&](const std::string& v) -> std::optional<std::int64_t> {
      if (!v.empty() && v[0] == '$') {
        if (!ctx) return std::nullopt;
        if (v == "$year") return ctx->period.last.year();
        if (v == "$start") return ctx->period.first.days();
        if (v == "$end") return ctx->period.last.days();
        if (v == "$asof") return ctx->as_of.days();
      }
      if (kind == "integer") {
        try {
          return std::stoll(v);
        } catch (...) {
          return std::nullopt;
        }
      }
      if (kind == "bool") return v == "true" ? 1 : 0;
      if (kind == "date") {
        auto d = Date::Parse(v);
        if (!d.ok()) return std::nullopt;
        return d->days();
      }
      auto id = FindString(v);
      if (!id) return std::nullopt;
      return static_cast<std::int64_t>(*id);
    };
    std::vector<std::string> raw = c.values;
    if (c.op == Condition::Op::kEquals || c.op == Condition::Op::kBefore || c.op == Condition::Op::kOnOrAfter) {
      raw = {c.value};
    }
    for (const auto& v : raw) {
      if (auto r = resolve(v)) out.values.push_back(*r);
    }
    if ((c.op == Condition::Op::kEquals || c.op == Condition::Op::kBefore || c.op == Condition::Op::kOnOrAfter) &&
        out.values.empty()) {
      out.never = true;
    }
    if (c.op == Condition::Op::kIn && out.values.empty()) out.never = true;
    if (c.op == Condition::Op::kHasAny && !c.values.empty() && out.values.empty()) out.never = true;
    return out;
  };
  CompiledFilter filter;
  for (const auto& c : where.all) filter.all.push_back(compile(c));
  for (const auto& conj : where.any) {
    std::vector<CompiledCondition> cs;
    for (const auto& c : conj) cs.push_back(compile(c));
    filter.any.push_back(std::move(cs));
  }
  return filter;
}

bool IndicatorEngine::Holds(const TypeStore& store, const CompactFact& fact, const CompiledFilter& filter) const {
  const TypeStore* ts = &store;
  auto holds = [&](const CompiledCondition& c, const CompactFact& f) -> bool {
    if (c.never) return false;
    if (c.on == CompiledCondition::On::kUnit) {
      const bool in = std::find(c.values.begin(), c.values.end(), static_cast<std::int64_t>(f.unit)) != c.values.end();
      return c.op == Condition::Op::kPresent ? c.is_present : in;
    }
    if (c.on == CompiledCondition::On::kDate) {
      switch (c.op) {
        case Condition::Op::kBefore: return f.day < c.values[0];
        case Condition::Op::kOnOrAfter: return f.day >= c.values[0];
        case Condition::Op::kPresent: return c.is_present;
        default: return std::find(c.values.begin(), c.values.end(), f.day) != c.values.end();
      }
    }
    bool any = false, matched = false;
    for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count; ++i) {
      const FieldValue& v = ts->values[i];
      if (v.field != c.field) continue;
      any = true;
      switch (c.op) {
        case Condition::Op::kEquals:
        case Condition::Op::kIn:
          matched = matched || std::find(c.values.begin(), c.values.end(), v.value) != c.values.end();
          break;
        case Condition::Op::kHasAny:
          matched = matched || c.values.empty() ||
                    std::find(c.values.begin(), c.values.end(), v.value) != c.values.end();
          break;
        case Condition::Op::kBefore: matched = matched || v.value < c.values[0]; break;
        case Condition::Op::kOnOrAfter: matched = matched || v.value >= c.values[0]; break;
        case Condition::Op::kPresent: break;
      }
    }
    if (c.op == Condition::Op::kPresent) return any == c.is_present;
    return matched;
  };
  auto matches = [&]() {
    for (const auto& c : filter.all) {
      if (!holds(c, fact)) return false;
    }
    if (filter.any.empty()) return true;
    for (const auto& conj : filter.any) {
      bool all = true;
      for (const auto& c : conj) all = all && holds(c, fact);
      if (all) return true;
    }
    return false;
  };
  return matches();
}

void IndicatorEngine::AddToTotals(std::uint32_t type, const CompactFact& f, int sign) {
  if (f.unit_pos < 0) return;
  const TypeStore& ts = stores_[type];
  const int month = MonthIndex(Date::FromDays(f.day));
  for (auto& t : totals_) {
    if (t.type != type || !Holds(ts, f, *t.filter)) continue;
    std::int64_t w = 1;
    if (t.field >= 0) {
      bool found = false;
      for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count && !found; ++i) {
        if (ts.values[i].field == t.field) w = ts.values[i].value, found = true;
      }
      if (!found) continue;
    }
    auto& row = t.by_month[month];
    if (row.size() < index_.code.size()) row.resize(index_.code.size(), 0);
    for (int p = f.unit_pos; p >= 0; p = index_.parent[static_cast<std::size_t>(p)]) {
      row[static_cast<std::size_t>(p)] += sign * w;
    }
  }
}

void IndicatorEngine::RebuildTotals() {
  for (auto& t : totals_) t.by_month.clear();
  for (std::uint32_t type = 0; type < stores_.size(); ++type) {
    bool wanted = false;
    for (const auto& t : totals_) wanted = wanted || t.type == type;
    if (!wanted) continue;
    for (const auto& f : stores_[type].facts) {
      if (f.alive) AddToTotals(type, f, +1);
    }
  }
}

std::optional<Result<std::int64_t>> IndicatorEngine::FromTotals(const Measure& m, const Context& ctx) const {
  auto it = totals_of_.find(&m);
  if (it == totals_of_.end()) return std::nullopt;
  const Totals& t = totals_[it->second];
  const Window w = WindowOf(m, ctx);
  auto month_end = [](Date d) { return d.AddDays(1).day() == 1; };
  if (w.any || w.from.day() != 1 || !month_end(w.to)) return std::nullopt;
  const Date until = std::min(ctx.period.last, ctx.as_of);
  const bool counts_to_until = m.kind == Measure::Kind::kMonthsWith || !m.each.empty();
  // Facts after the day counted are left out of those; whole months only.
  if (counts_to_until && until < ctx.period.last && !month_end(until)) return std::nullopt;
  auto at = [&](int month, int pos) -> std::int64_t {
    auto row = t.by_month.find(month);
    if (row == t.by_month.end() || static_cast<std::size_t>(pos) >= row->second.size()) return 0;
    return row->second[static_cast<std::size_t>(pos)];
  };
  const int first = MonthIndex(w.from), last = MonthIndex(w.to);
  switch (m.kind) {
    case Measure::Kind::kCount:
    case Measure::Kind::kSum: {
      std::int64_t n = 0;
      for (int mi = first; mi <= last; ++mi) n += at(mi, ctx.lo);
      return Result<std::int64_t>(n);
    }
    case Measure::Kind::kMonthsWith: {
      std::int64_t n = 0;
      for (int mi = first; mi <= std::min(last, MonthIndex(until)); ++mi) n += at(mi, ctx.lo) >= m.min_count;
      return Result<std::int64_t>(n);
    }
    case Measure::Kind::kUnits: {
      auto units = UnitsAt(m.level, ctx.period.last, ctx.lo, ctx.hi);
      if (!units.ok()) return Result<std::int64_t>(units.status());
      std::vector<std::pair<int, int>> buckets;  // month ranges every unit must fill
      if (m.each == "month") {
        for (int mi = MonthIndex(ctx.period.first); mi <= MonthIndex(until); ++mi) buckets.emplace_back(mi, mi);
      } else if (m.each == "quarter") {
        const int q0 = ctx.period.first.year() * 4 + (ctx.period.first.month() - 1) / 3;
        const int q1 = until.year() * 4 + (until.month() - 1) / 3;
        for (int q = q0; q <= q1; ++q) {
          const int a = q / 4 * 12 + (q % 4) * 3;
          buckets.emplace_back(std::max(a, first), std::min({a + 2, last, MonthIndex(until)}));
        }
      } else {
        buckets.emplace_back(first, last);
      }
      std::int64_t n = 0;
      for (int u : *units) {
        bool ok = !buckets.empty();
        for (const auto& [a, b] : buckets) {
          std::int64_t c = 0;
          for (int mi = a; mi <= b; ++mi) c += at(mi, u);
          ok = ok && c >= m.min_count;
          if (!ok) break;
        }
        n += ok;
      }
      return Result<std::int64_t>(n);
    }
    default: return std::nullopt;
  }
}

Result<std::int64_t> IndicatorEngine::EvaluateMeasure(const Measure& m, const Context& ctx, std::vector<FactRef>* behind,
                                                      const std::vector<std::int64_t>* only_values,
                                                      std::vector<std::int64_t>* values_out) const {
  const Date until = std::min(ctx.period.last, ctx.as_of);
  if (m.kind == Measure::Kind::kMonths) {
    if (until < ctx.period.first) return 0;
    return MonthIndex(until) - MonthIndex(ctx.period.first) + 1;
  }
  if (!behind && !values_out && !only_values) {
    if (auto fast = FromTotals(m, ctx)) return *fast;
  }
  const Window w = WindowOf(m, ctx);
  const TypeStore* ts = nullptr;
  if (!m.of.empty()) {
    auto st = store_of_type_.find(m.of);
    if (st != store_of_type_.end()) ts = &stores_[st->second];
  }
  const CompiledFilter filter = Compile(m.where, ts, &ctx);
  auto matches = [&](const CompactFact& f) { return Holds(*ts, f, filter); };
  // The index of a field in the type's store, resolved once: -2 the fact's unit, -1 not kept.
  auto field_of = [&](const std::string& name) -> int {
    if (name == "unit") return -2;
    if (!ts) return -1;
    auto idx = ts->field_index.find(name);
    return idx == ts->field_index.end() ? -1 : idx->second;
  };
  auto field_value = [&](const CompactFact& f, int field) -> std::optional<std::int64_t> {
    if (field == -2) return static_cast<std::int64_t>(f.unit);
    if (field < 0) return std::nullopt;
    for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count; ++i) {
      if (ts->values[i].field == field) return ts->values[i].value;
    }
    return std::nullopt;
  };
  const int measured_field = field_of(m.field);
  const int until_field = field_of(m.until_field);
  const std::int32_t from = w.from.days(), to = w.to.days();
  const std::int32_t first_day = ctx.period.first.days();
  auto visit = [&](auto&& fn) {
    if (!ts) return;
    const int hi = std::min<int>(ctx.hi, static_cast<int>(ts->by_unit.size()));
    for (int pos = ctx.lo; pos < hi; ++pos) {
      const auto& bucket = ts->by_unit[static_cast<std::size_t>(pos)];
      auto begin = bucket.begin(), end = bucket.end();
      if (!w.any) {
        begin = std::lower_bound(bucket.begin(), bucket.end(), DayRef{from, 0});
        end = std::upper_bound(begin, bucket.end(), DayRef{to, 0xFFFFFFFF});
      }
      for (auto ref = begin; ref != end; ++ref) {
        const CompactFact& f = ts->facts[ref->index];
        if (m.span == plan::Span::kExisting) {
          auto ended = field_value(f, until_field);
          if (ended && *ended < first_day) continue;
        }
        if (!matches(f)) continue;
        fn(f);
      }
    }
  };
  auto note = [&](const CompactFact& f) {
    if (behind) behind->push_back(RefOf(*ts, f));
  };
  switch (m.kind) {
    case Measure::Kind::kCount: {
      std::int64_t n = 0;
      visit([&](const CompactFact& f) { ++n, note(f); });
      return n;
    }
    case Measure::Kind::kSum: {
      std::int64_t n = 0;
      visit([&](const CompactFact& f) {
        if (auto v = field_value(f, measured_field)) n += *v, note(f);
      });
      return n;
    }
    case Measure::Kind::kDistinct: {
      std::unordered_set<std::int64_t> seen, allowed;
      if (only_values) allowed.insert(only_values->begin(), only_values->end());
      visit([&](const CompactFact& f) {
        auto v = field_value(f, measured_field);
        if (!v || (only_values && !allowed.count(*v))) return;
        if (seen.insert(*v).second) note(f);
      });
      if (values_out) values_out->assign(seen.begin(), seen.end());
      return static_cast<std::int64_t>(seen.size());
    }
    case Measure::Kind::kMonthsWith: {
      std::map<int, int> per_month;
      std::vector<const CompactFact*> kept;
      visit([&](const CompactFact& f) {
        if (f.day > until.days()) return;
        ++per_month[MonthIndex(Date::FromDays(f.day))];
        if (behind) kept.push_back(&f);
      });
      std::int64_t n = 0;
      for (const auto& [month, count] : per_month) n += count >= m.min_count;
      for (const auto* f : kept) note(*f);
      return n;
    }
    case Measure::Kind::kUnits: {
      PCMD_ASSIGN_OR_RETURN(std::vector<int> units, UnitsAt(m.level, ctx.period.last, ctx.lo, ctx.hi));
      if (m.of.empty()) return static_cast<std::int64_t>(units.size());
      // The unit at `level` each fact lies under: the last one starting at or before it whose
      // subtree holds it.
      auto owner = [&](int pos) -> int {
        auto it = std::upper_bound(units.begin(), units.end(), pos);
        if (it == units.begin()) return -1;
        --it;
        return pos < index_.end[static_cast<std::size_t>(*it)] ? *it : -1;
      };
      std::map<int, std::map<int, int>> counts;  // unit -> bucket (0, month or quarter) -> facts
      std::map<int, std::vector<const CompactFact*>> kept;
      visit([&](const CompactFact& f) {
        const int u = owner(f.unit_pos);
        if (u < 0) return;
        if (!m.each.empty() && f.day > until.days()) return;
        const Date d = Date::FromDays(f.day);
        int bucket = 0;
        if (m.each == "month") bucket = MonthIndex(d);
        if (m.each == "quarter") bucket = d.year() * 4 + (d.month() - 1) / 3;
        ++counts[u][bucket];
        if (behind) kept[u].push_back(&f);
      });
      std::vector<int> needed;  // the buckets every unit must fill
      if (m.each == "month") {
        for (int b = MonthIndex(ctx.period.first); b <= MonthIndex(until); ++b) needed.push_back(b);
      } else if (m.each == "quarter") {
        const int first = ctx.period.first.year() * 4 + (ctx.period.first.month() - 1) / 3;
        const int last = until.year() * 4 + (until.month() - 1) / 3;
        for (int b = first; b <= last; ++b) needed.push_back(b);
      } else {
        needed.push_back(0);
      }
      std::int64_t n = 0;
      for (int u : units) {
        auto c = counts.find(u);
        if (c == counts.end()) continue;
        bool ok = !needed.empty();
        for (int b : needed) {
          auto it = c->second.find(b);
          ok = ok && it != c->second.end() && it->second >= m.min_count;
        }
        if (!ok) continue;
        ++n;
        for (const auto* f : kept[u]) note(*f);
      }
      return n;
    }
    case Measure::Kind::kMonths: break;
  }
  return 0;
}

Result<IndicatorValue> IndicatorEngine::Evaluate(const std::string& plan_id, const std::string& target_id,
                                                 const std::string& unit_code, const Period& period) const {
  const plan::Plan* p = FindPlan(plan_id);
  if (!p) return NotFound("plan");
  const plan::Target* t = p->Find(target_id);
  if (!t) return NotFound("target");
  std::shared_lock lock(mu_);
  auto pos = index_.pos.find(unit_code);
  if (pos == index_.pos.end()) return NotFound("unit");
  Context ctx{p, t, pos->second, index_.end[static_cast<std::size_t>(pos->second)], period,
              std::min(period.last, today_())};
  IndicatorValue out;
  out.plan_id = plan_id;
  out.target_id = target_id;
  out.unit_code = unit_code;
  out.period = period;
  out.as_of = ctx.as_of;
  out.is_client_derived = t->is_client_derived;
  const bool ended = today_() > period.last;
  if (t->value_kind == "percent") {
    std::vector<std::int64_t> den_values;
    PCMD_ASSIGN_OR_RETURN(std::int64_t den, EvaluateMeasure(*t->denominator, ctx, nullptr, nullptr, &den_values));
    PCMD_ASSIGN_OR_RETURN(out.numerator, EvaluateMeasure(t->numerator, ctx, nullptr,
                                                         t->numerator.within_denominator ? &den_values : nullptr,
                                                         nullptr));
    out.denominator = den;
    if (den > 0) {
      double v = 100.0 * static_cast<double>(out.numerator) / static_cast<double>(den);
      if (t->cap_at_100) v = std::min(v, 100.0);
      out.value = v;
    }
  } else if (t->value_kind == "count") {
    PCMD_ASSIGN_OR_RETURN(out.numerator, EvaluateMeasure(t->numerator, ctx, nullptr, nullptr, nullptr));
    out.value = static_cast<double>(out.numerator);
  } else {  // growth: against the same span a year before (to the same day while it runs)
    PCMD_ASSIGN_OR_RETURN(out.numerator, EvaluateMeasure(t->numerator, ctx, nullptr, nullptr, nullptr));
    Context before = ctx;
    before.period.first = ShiftYears(period.first, -1);
    before.period.last = ShiftYears(period.last, -1);
    before.as_of = ShiftYears(ctx.as_of, -1);
    PCMD_ASSIGN_OR_RETURN(std::int64_t prev, EvaluateMeasure(t->numerator, before, nullptr, nullptr, nullptr));
    out.denominator = prev;
    if (prev > 0) out.value = 100.0 * static_cast<double>(out.numerator - prev) / static_cast<double>(prev);
  }
  // Status against the target.
  auto meets = [&](double v) {
    switch (t->comparison) {
      case plan::Comparison::kAtLeast: return v >= t->target - 1e-9;
      case plan::Comparison::kAtMost: return v <= t->target + 1e-9;
      case plan::Comparison::kBetween: return v >= t->target - 1e-9 && v <= t->target_max + 1e-9;
    }
    return false;
  };
  auto fraction = [](Date from, Date to, Date at) {
    const double total = static_cast<double>(to.days() - from.days() + 1);
    const double done = static_cast<double>(std::clamp(at.days() - from.days() + 1, 0, to.days() - from.days() + 1));
    return total <= 0 ? 1.0 : done / total;
  };
  out.expected = t->target;
  if (!out.value) {
    out.status = IndicatorStatus::kNoData;
  } else if (t->is_cumulative_goal && !(ended && period.last >= p->end)) {
    out.expected = t->target * fraction(p->start, p->end, ctx.as_of);
    out.status = meets(*out.value) ? IndicatorStatus::kMet
                 : *out.value >= out.expected - 1e-9 ? IndicatorStatus::kOnTrack
                                                    : IndicatorStatus::kBehind;
  } else if (ended) {
    out.status = meets(*out.value) ? IndicatorStatus::kMet : IndicatorStatus::kNotMet;
  } else {
    // Measures already scaled to the elapsed part of the period (every month or quarter so far,
    // months with a fact) compare with the target itself; accumulating ones with its share.
    const bool scaled = t->numerator.kind == Measure::Kind::kMonthsWith || !t->numerator.each.empty() ||
                        t->comparison != plan::Comparison::kAtLeast || t->value_kind == "growth";
    if (!scaled) out.expected = t->target * fraction(period.first, period.last, ctx.as_of);
    out.status = meets(*out.value) || *out.value >= out.expected - 1e-9 ? IndicatorStatus::kOnTrack
                                                                       : IndicatorStatus::kBehind;
  }
  return out;
}

Result<std::vector<FactRef>> IndicatorEngine::FactsBehind(const std::string& plan_id, const std::string& target_id,
                                                          const std::string& unit_code, const Period& period) const {
  const plan::Plan* p = FindPlan(plan_id);
  if (!p) return NotFound("plan");
  const plan::Target* t = p->Find(target_id);
  if (!t) return NotFound("target");
  std::shared_lock lock(mu_);
  auto pos = index_.pos.find(unit_code);
  if (pos == index_.pos.end()) return NotFound("unit");
  Context ctx{p, t, pos->second, index_.end[static_cast<std::size_t>(pos->second)], period,
              std::min(period.last, today_())};
  std::vector<FactRef> out;
  std::vector<std::int64_t> den_values;
  if (t->numerator.within_denominator) {
    PCMD_RETURN_IF_ERROR(EvaluateMeasure(*t->denominator, ctx, nullptr, nullptr, &den_values).status());
  }
  PCMD_RETURN_IF_ERROR(EvaluateMeasure(t->numerator, ctx, &out,
                                       t->numerator.within_denominator ? &den_values : nullptr, nullptr)
                           .status());
  std::sort(out.begin(), out.end(), [](const FactRef& a, const FactRef& b) {
    return a.date != b.date ? a.date > b.date : a.id < b.id;
  });
  return out;
}

}  // namespace pcmd::analytics
