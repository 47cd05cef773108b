#include "analytics/indicator_engine.h"

#include <algorithm>
#include <cmath>
#include <set>

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

std::string TextOf(const records::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "";
}

int MonthIndex(Date d) { return d.year() * 12 + d.month() - 1; }

Status NotFound(const std::string& what) {
  return base::NotFound("no such " + what).WithVi("Không tìm thấy").WithMachineCode("not_found");
}

}  // namespace

IndicatorEngine::IndicatorEngine(store::Database& db, const units::UnitTree& units,
                                 std::map<std::string, FactType> catalog, std::vector<plan::Plan> plans,
                                 std::function<Date()> today)
    : db_(db), units_(units), catalog_(std::move(catalog)), plans_(std::move(plans)), today_(std::move(today)) {}

IndicatorEngine::~IndicatorEngine() { Stop(); }

const plan::Plan* IndicatorEngine::FindPlan(const std::string& id) const {
  for (const auto& p : plans_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

Status IndicatorEngine::RebuildUnits() {
  std::string stamp;
  PCMD_ASSIGN_OR_RETURN(auto parents, units_.LatestParents(&stamp));
  if (stamp == index_.stamp && !index_.code.empty()) return Status::Ok();
  std::multimap<std::string, std::string> children;
  for (const auto& [code, parent] : parents) children.emplace(parent, code);
  UnitIndex idx;
  idx.stamp = stamp;
  // Iterative DFS from the roots (parent ""), children in code order.
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
    todo.emplace_back(code, true);
    auto [b, e] = children.equal_range(code);
    std::vector<std::string> kids;
    for (auto it = b; it != e; ++it) kids.push_back(it->second);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) todo.emplace_back(*it, false);
  }
  index_ = std::move(idx);
  for (auto& [type, tf] : facts_) {
    for (auto& s : tf.items) {
      auto it = index_.pos.find(s.fact.unit);
      s.unit_pos = it == index_.pos.end() ? -1 : it->second;
    }
  }
  std::lock_guard<std::mutex> lock(level_mu_);
  level_cache_.clear();
  return Status::Ok();
}

void IndicatorEngine::Insert(const std::string& source, Fact&& fact) {
  TypeFacts& tf = facts_[fact.type];
  Stored s;
  auto it = index_.pos.find(fact.unit);
  s.unit_pos = it == index_.pos.end() ? -1 : it->second;
  s.alive = true;
  s.fact = std::move(fact);
  std::size_t at;
  if (!tf.free.empty()) {
    at = tf.free.back();
    tf.free.pop_back();
    tf.items[at] = std::move(s);
  } else {
    at = tf.items.size();
    tf.items.push_back(std::move(s));
  }
  by_source_[source].emplace_back(tf.items[at].fact.type, at);
}

void IndicatorEngine::RemoveSource(const std::string& source) {
  auto it = by_source_.find(source);
  if (it == by_source_.end()) return;
  for (const auto& [type, at] : it->second) {
    TypeFacts& tf = facts_[type];
    tf.items[at].alive = false;
    tf.items[at].fact = Fact{};
    tf.free.push_back(at);
  }
  by_source_.erase(it);
}

Status IndicatorEngine::Rebuild() {
  std::unique_lock lock(mu_);
  facts_.clear();
  by_source_.clear();
  index_ = UnitIndex{};
  PCMD_RETURN_IF_ERROR(RebuildUnits());
  std::int64_t seq = 0;
  PCMD_RETURN_IF_ERROR(db_.Read([&](store::Transaction& tx) -> Status {
    // The sequence first, in the same snapshot: changes after it are applied by CatchUp.
    PCMD_ASSIGN_OR_RETURN(store::Rows rows, tx.Query("SELECT COALESCE(MAX(seq), 0) FROM change_log"));
    seq = rows.empty() ? 0 : rows[0].Int(0);
    return ReadFacts(tx, catalog_, std::nullopt,
                     [&](const std::string& source, Fact&& f) { Insert(source, std::move(f)); });
  }));
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
  std::size_t n = 0;
  for (const auto& [type, tf] : facts_) n += tf.items.size() - tf.free.size();
  return n;
}

Result<std::vector<int>> IndicatorEngine::UnitsAt(const std::string& level, Date on, int lo, int hi) const {
  const std::string key = level + "|" + on.ToString();
  std::vector<std::string> codes;
  {
    std::lock_guard<std::mutex> lock(level_mu_);
    auto it = level_cache_.find(key);
    if (it != level_cache_.end()) codes = it->second;
  }
  if (codes.empty()) {
    PCMD_ASSIGN_OR_RETURN(auto page, units_.List({.level = level, .date = on, .limit = 1'000'000}));
    for (const auto& u : page.items) codes.push_back(u.code);
    std::lock_guard<std::mutex> lock(level_mu_);
    level_cache_[key] = codes;
  }
  std::vector<int> out;
  for (const auto& c : codes) {
    auto it = index_.pos.find(c);
    if (it != index_.pos.end() && it->second >= lo && it->second < hi) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  return out;
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

bool IndicatorEngine::Matches(const plan::Filter& filter, const Fact& f, const Context& ctx) const {
  auto resolve = [&](const std::string& v) -> std::string {
    if (v == "$year") return std::to_string(ctx.period.last.year());
    if (v == "$start") return ctx.period.first.ToString();
    if (v == "$end") return ctx.period.last.ToString();
    if (v == "$asof") return ctx.as_of.ToString();
    return v;
  };
  auto holds = [&](const Condition& c) -> bool {
    std::string text;
    const records::Value* value = nullptr;
    if (c.field == "unit") {
      text = f.unit;
    } else if (c.field == "date") {
      text = f.date.ToString();
    } else {
      auto it = f.values.find(c.field);
      if (it != f.values.end()) value = &it->second;
      if (value) text = TextOf(*value);
    }
    const auto* list = value ? std::get_if<std::vector<std::string>>(value) : nullptr;
    switch (c.op) {
      case Condition::Op::kEquals: return !text.empty() && text == resolve(c.value);
      case Condition::Op::kIn: return std::find(c.values.begin(), c.values.end(), text) != c.values.end();
      case Condition::Op::kPresent: return (list ? !list->empty() : !text.empty()) == c.is_present;
      case Condition::Op::kHasAny:
        if (!list || list->empty()) return false;
        if (c.values.empty()) return true;
        for (const auto& e : *list) {
          if (std::find(c.values.begin(), c.values.end(), e) != c.values.end()) return true;
        }
        return false;
      case Condition::Op::kBefore: return !text.empty() && text < resolve(c.value);
      case Condition::Op::kOnOrAfter: return !text.empty() && text >= resolve(c.value);
    }
    return false;
  };
  for (const auto& c : filter.all) {
    if (!holds(c)) return false;
  }
  if (filter.any.empty()) return true;
  for (const auto& conj : filter.any) {
    bool all = true;
    for (const auto& c : conj) all = all && holds(c);
    if (all) return true;
  }
  return false;
}

Result<std::int64_t> IndicatorEngine::EvaluateMeasure(const Measure& m, const Context& ctx, std::vector<FactRef>* behind,
                                                      const std::vector<std::string>* only_values,
                                                      std::vector<std::string>* values_out) const {
  const Date until = std::min(ctx.period.last, ctx.as_of);
  if (m.kind == Measure::Kind::kMonths) {
    if (until < ctx.period.first) return 0;
    return MonthIndex(until) - MonthIndex(ctx.period.first) + 1;
  }
  const Window w = WindowOf(m, ctx);
  const FactType* type = m.of.empty() ? nullptr : &catalog_.at(m.of);
  auto visit = [&](const std::function<void(const Stored&)>& fn) {
    auto tf = facts_.find(m.of);
    if (tf == facts_.end()) return;
    for (const auto& s : tf->second.items) {
      if (!s.alive || s.unit_pos < ctx.lo || s.unit_pos >= ctx.hi) continue;
      if (!w.any && (s.fact.date < w.from || s.fact.date > w.to)) continue;
      if (m.span == plan::Span::kExisting) {
        auto it = s.fact.values.find(m.until_field);
        const std::string ended = it == s.fact.values.end() ? "" : TextOf(it->second);
        if (!ended.empty() && ended < ctx.period.first.ToString()) continue;
      }
      if (!Matches(m.where, s.fact, ctx)) continue;
      fn(s);
    }
  };
  auto note = [&](const Stored& s) {
    if (!behind) return;
    behind->push_back({s.fact.type, s.fact.id, s.fact.unit, type ? type->path : "", s.fact.date,
                       type ? type->resource : access::Resource::kProgrammeRecord, s.fact.assignees});
  };
  switch (m.kind) {
    case Measure::Kind::kCount: {
      std::int64_t n = 0;
      visit([&](const Stored& s) { ++n, note(s); });
      return n;
    }
    case Measure::Kind::kSum: {
      std::int64_t n = 0;
      visit([&](const Stored& s) {
        auto it = s.fact.values.find(m.field);
        if (it == s.fact.values.end()) return;
        if (const auto* i = std::get_if<std::int64_t>(&it->second)) n += *i, note(s);
      });
      return n;
    }
    case Measure::Kind::kDistinct: {
      std::set<std::string> seen;
      std::set<std::string> allowed;
      if (only_values) allowed.insert(only_values->begin(), only_values->end());
      visit([&](const Stored& s) {
        std::string v;
        if (m.field == "unit") {
          v = s.fact.unit;
        } else {
          auto it = s.fact.values.find(m.field);
          if (it != s.fact.values.end()) v = TextOf(it->second);
        }
        if (v.empty() || (only_values && !allowed.count(v))) return;
        if (seen.insert(v).second) note(s);
      });
      if (values_out) values_out->assign(seen.begin(), seen.end());
      return static_cast<std::int64_t>(seen.size());
    }
    case Measure::Kind::kMonthsWith: {
      std::map<int, int> per_month;
      std::vector<const Stored*> kept;
      visit([&](const Stored& s) {
        if (s.fact.date > until) return;
        ++per_month[MonthIndex(s.fact.date)];
        kept.push_back(&s);
      });
      std::int64_t n = 0;
      for (const auto& [month, count] : per_month) n += count >= m.min_count;
      for (const auto* s : kept) note(*s);
      return n;
    }
    case Measure::Kind::kUnits: {
      PCMD_ASSIGN_OR_RETURN(std::vector<int> units, UnitsAt(m.level, ctx.period.last, ctx.lo, ctx.hi));
      if (m.of.empty()) return static_cast<std::int64_t>(units.size());
      // The unit at `level` each fact lies under: the last level unit starting at or before it
      // whose subtree holds it.
      auto owner = [&](int pos) -> int {
        auto it = std::upper_bound(units.begin(), units.end(), pos);
        if (it == units.begin()) return -1;
        --it;
        return pos < index_.end[static_cast<std::size_t>(*it)] ? *it : -1;
      };
      // buckets: 0 (whole window) or month / quarter index
      std::map<int, std::map<int, int>> counts;  // unit -> bucket -> facts
      std::map<int, std::vector<const Stored*>> kept;
      visit([&](const Stored& s) {
        const int u = owner(s.unit_pos);
        if (u < 0) return;
        if (!m.each.empty() && s.fact.date > until) return;
        int bucket = 0;
        if (m.each == "month") bucket = MonthIndex(s.fact.date);
        if (m.each == "quarter") bucket = s.fact.date.year() * 4 + (s.fact.date.month() - 1) / 3;
        ++counts[u][bucket];
        kept[u].push_back(&s);
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
        for (const auto* s : kept[u]) note(*s);
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
    std::vector<std::string> den_values;
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
  std::vector<std::string> den_values;
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
