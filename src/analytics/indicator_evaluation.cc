// IndicatorEngine: measures over the facts, month totals, and targets' values and status.
#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "analytics/indicator_engine.h"
#include "analytics/indicator_engine_internal.h"

namespace pcmd::analytics {

using base::Date;
using base::Period;
using base::Result;
using base::Status;
using internal::MonthIndex;
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

namespace {

// The same day `years` later (29 February becomes the 28th).
Date ShiftYears(Date d, int years) {
  const int y = d.year() + years;
  const Date next_month = d.month() == 12 ? Date::FromCivil(y + 1, 1, 1) : Date::FromCivil(y, d.month() + 1, 1);
  return Date::FromCivil(y, d.month(), std::min(d.day(), next_month.AddDays(-1).day()));
}

Status NotFound(const std::string& what) {
  return base::NotFound("no such " + what).WithVi("Không tìm thấy").WithMachineCode("not_found");
}

}  // namespace

Result<std::vector<int>> IndicatorEngine::UnitsAt(const std::string& level, int lo, int hi) const {
  // The positions of the units at `level`, sorted, cached per level (the cache is emptied when the
  // tree changes); a query takes the range of its subtree on the tree it is asked on.
  const int rank = units::LevelRank(level);
  std::unique_lock<std::mutex> lock(level_mu_);
  auto it = level_cache_.find(rank);
  if (it == level_cache_.end()) {
    std::vector<int> positions;
    for (std::size_t p = 0; p < index_.level.size(); ++p) {
      if (index_.level[p] == rank) positions.push_back(static_cast<int>(p));
    }
    it = level_cache_.emplace(rank, std::move(positions)).first;
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
  FactRef r{ts.type->id, IdText(ts, f.id), std::string(Str(f.unit)), ts.type->path, Date::FromDays(f.day), ts.type->resource, {}};
  for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count; ++i) {
    if (ts.values[i].field == ts.assignees_field) r.assignees.emplace_back(Str(static_cast<std::uint32_t>(ts.values[i].value)));
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
    auto one = [&](const CompactFact& f) {
      if (!f.alive) return;
      if (m.span == plan::Span::kExisting) {
        auto ended = field_value(f, until_field);
        if (ended && *ended < first_day) return;
      }
      if (matches(f)) fn(f);
    };
    for (const Part& part : ctx.parts) {
    // The facts laid out at the rebuild: each unit's by day, the subtree's one after the other.
    const int base_hi = std::min<int>(part.hi, static_cast<int>(ts->base_start.size()) - 1);
    const auto by_day = [](const CompactFact& f, std::int32_t day) { return f.day < day; };
    for (int pos = part.lo; pos < base_hi; ++pos) {
      auto begin = ts->facts.begin() + ts->base_start[static_cast<std::size_t>(pos)];
      auto end = ts->facts.begin() + ts->base_start[static_cast<std::size_t>(pos) + 1];
      if (!w.any) {
        begin = std::lower_bound(begin, end, from, by_day);
        end = std::lower_bound(begin, end, to + 1, by_day);
      }
      for (auto f = begin; f != end; ++f) one(*f);
    }
    // The facts added since, listed by unit.
    const int hi = std::min<int>(part.hi, static_cast<int>(ts->by_unit.size()));
    for (int pos = part.lo; pos < hi; ++pos) {
      const auto& bucket = ts->by_unit[static_cast<std::size_t>(pos)];
      if (bucket.empty()) continue;
      auto begin = bucket.begin(), end = bucket.end();
      if (!w.any) {
        begin = std::lower_bound(bucket.begin(), bucket.end(), DayRef{from, 0});
        end = std::upper_bound(begin, bucket.end(), DayRef{to, 0xFFFFFFFF});
      }
      for (auto ref = begin; ref != end; ++ref) one(ts->facts[ref->index]);
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
      PCMD_ASSIGN_OR_RETURN(std::vector<int> units, UnitsAt(m.level, ctx.lo, ctx.hi));
      if (m.of.empty()) return static_cast<std::int64_t>(units.size());
      // The unit at `level` each fact lies under: the last one starting at or before it whose
      // subtree holds it.
      auto owner = [&](int pos) -> int {
        // A fact of an older tree counts where its unit was carried (HomesOf).
        if (ctx.homes && pos >= 0) pos = (*ctx.homes)[static_cast<std::size_t>(pos)];
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

Result<IndicatorEngine::Context> IndicatorEngine::ContextOf(const std::string& plan_id, const std::string& target_id,
                                                           const std::string& unit_code, const Period& period,
                                                           const TreeChoice& tree) const {
  const plan::Plan* p = FindPlan(plan_id);
  if (!p) return NotFound("plan");
  const plan::Target* t = p->Find(target_id);
  if (!t) return NotFound("target");
  PCMD_ASSIGN_OR_RETURN(auto at, ResolveTree(unit_code, period, tree));
  const auto [epoch, pos] = at;
  Context ctx{p, t, pos, index_.end[static_cast<std::size_t>(pos)], period, std::min(period.last, today_())};
  ctx.epoch = epoch;
  ctx.rule = p->split_rule == "remainder" ? 1 : 0;
  ctx.parts = PartsOf(pos, ctx.rule);
  if (epoch > 0) ctx.homes = HomesOf(epoch, ctx.rule);
  return ctx;
}

Result<IndicatorValue> IndicatorEngine::Evaluate(const std::string& plan_id, const std::string& target_id,
                                                 const std::string& unit_code, const Period& period,
                                                 const TreeChoice& tree) const {
  std::shared_lock lock(mu_);
  PCMD_ASSIGN_OR_RETURN(const Context ctx, ContextOf(plan_id, target_id, unit_code, period, tree));
  const plan::Plan* p = ctx.plan;
  const plan::Target* t = ctx.target;
  IndicatorValue out;
  out.plan_id = plan_id;
  out.target_id = target_id;
  out.unit_code = unit_code;
  out.period = period;
  out.as_of = ctx.as_of;
  out.tree = Date::FromDays(index_.epoch_start[static_cast<std::size_t>(ctx.epoch)]);
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
                                                          const std::string& unit_code, const Period& period,
                                                          const TreeChoice& tree) const {
  std::shared_lock lock(mu_);
  PCMD_ASSIGN_OR_RETURN(const Context ctx, ContextOf(plan_id, target_id, unit_code, period, tree));
  const plan::Target* t = ctx.target;
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
