// IndicatorEngine: the totals that answer most measures without reading facts — which measures
// get them (PlanTotals, from the plans at construction), their upkeep as facts come and go
// (AddToTotals, RebuildTotals) and their answers (FromTotals). Month (or "$year") totals per unit
// and its subtree for counts and sums with fixed filters; distinct counts over whole months
// (distinct_totals.cc); counts of a register's things existing in a period (existing_totals.cc).
#include <algorithm>
#include <set>

#include "analytics/indicator_engine.h"
#include "analytics/indicator_engine_internal.h"

namespace pcmd::analytics {

using base::Date;
using base::Result;
using internal::MonthIndex;
using plan::Condition;
using plan::Measure;

void IndicatorEngine::PlanTotals() {
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
  // The one `field = "$year"` condition of a filter whose other conditions are fixed, taken out.
  auto split_year = [&](const plan::Filter& f, plan::Filter* rest) -> std::optional<std::string> {
    std::optional<std::string> field;
    *rest = plan::Filter{};
    rest->any = f.any;
    for (const auto& c : f.all) {
      if (c.op == Condition::Op::kEquals && c.value == "$year" && !field) {
        field = c.field;
        continue;
      }
      rest->all.push_back(c);
    }
    if (!field || !is_static(*rest)) return std::nullopt;
    return field;
  };
  std::set<const Measure*> values_wanted;
  for (const auto& p : plans_) {
    for (const auto& t : p.targets) {
      if (t.numerator.within_denominator && t.denominator) values_wanted.insert(&*t.denominator);
    }
  }
  std::map<std::string, std::size_t> by_signature;
  auto add_totals = [&](const Measure& m) {
    // Distinct counts have them unless the value set itself is wanted (a numerator counted
    // "within the denominator" asks its denominator for the values, and then counts among them).
    const bool kind_ok = m.kind == Measure::Kind::kCount || m.kind == Measure::Kind::kSum ||
                         m.kind == Measure::Kind::kMonthsWith || (m.kind == Measure::Kind::kUnits && !m.of.empty()) ||
                         (m.kind == Measure::Kind::kDistinct && !m.within_denominator && !values_wanted.count(&m));
    auto st = store_of_type_.find(m.of);
    if (!kind_ok || st == store_of_type_.end()) return;
    const TypeStore& ts = stores_[st->second];
    plan::Filter where = m.where;
    int key_field = -1, until_field = -1;
    bool until_asof = false;
    // "Still there on the day counted": [{until absent}, {until on or after $asof}], in any order.
    auto lasts_until_asof = [&](const plan::Filter& f) {
      if (f.any.size() != 2 || f.any[0].size() != 1 || f.any[1].size() != 1) return false;
      bool absent = false, later = false;
      for (const auto& conj : f.any) {
        const Condition& c = conj[0];
        if (c.field != m.until_field) return false;
        absent = absent || (c.op == Condition::Op::kPresent && !c.is_present);
        later = later || (c.op == Condition::Op::kOnOrAfter && c.value == "$asof");
      }
      return absent && later;
    };
    if (m.span == plan::Span::kExisting) {
      auto u = ts.field_index.find(m.until_field);
      if (m.kind != Measure::Kind::kCount || u == ts.field_index.end() || ts.field_kind[u->second] != "date") return;
      until_field = u->second;
      where.any.clear();
      if (!is_static(where)) return;
      if (!m.where.any.empty()) {
        if (!lasts_until_asof(m.where)) return;
        until_asof = true;
      }
    } else if (m.span == plan::Span::kAll && m.kind != Measure::Kind::kMonthsWith && m.each.empty()) {
      plan::Filter rest;
      auto year_field = split_year(m.where, &rest);
      if (!year_field) return;
      auto f = ts.field_index.find(*year_field);
      if (f == ts.field_index.end() || ts.field_kind[f->second] != "integer") return;
      key_field = f->second;
      where = rest;
    } else {
      const bool span_ok = m.span == plan::Span::kPeriod || m.span == plan::Span::kYear || m.span == plan::Span::kPlanToDate;
      if (!span_ok || !is_static(m.where)) return;
    }
    intern_values(where);
    int field = -1;
    if (m.kind == Measure::Kind::kSum || m.kind == Measure::Kind::kDistinct) {
      auto f = ts.field_index.find(m.field);
      if (f == ts.field_index.end()) return;
      field = f->second;
    }
    // One totals per distinct (type, kind, field, key, filter).
    const bool distinct = m.kind == Measure::Kind::kDistinct;
    std::string signature = m.of + "|" + (distinct ? "distinct" : "") + std::to_string(field) + "|" +
                            std::to_string(key_field) + "|" + std::to_string(until_field) + (until_asof ? "asof" : "");
    auto sign = [&](const Condition& c) {
      signature += "|" + c.field + ":" + std::to_string(static_cast<int>(c.op)) + ":" + c.value + ":" +
                   (c.is_present ? "1" : "0");
      for (const auto& v : c.values) signature += "," + v;
    };
    for (const auto& c : where.all) sign(c);
    for (const auto& conj : where.any) {
      signature += "|any";
      for (const auto& c : conj) sign(c);
    }
    auto known = by_signature.find(signature);
    if (known == by_signature.end()) {
      Totals t;
      t.type = st->second;
      t.field = field;
      t.key_field = key_field;
      t.filter = std::make_shared<const CompiledFilter>(Compile(where, &ts, nullptr));
      if (distinct) t.distinct = std::make_shared<DistinctTotals>();
      if (until_field >= 0) t.existing = std::make_shared<ExistingTotals>();
      t.until_field = until_field;
      t.until_asof = until_asof;
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

void IndicatorEngine::AddToTotals(std::uint32_t type, const CompactFact& f, int sign) {
  if (f.unit_pos < 0) return;
  const TypeStore& ts = stores_[type];
  const int month = MonthIndex(Date::FromDays(f.day));
  for (auto& t : totals_) {
    if (t.type != type) continue;
    if (bulk_ && !t.distinct && !t.existing) continue;  // month totals: made from the laid-out facts (FillTotals)
    if (!Holds(ts, f, *t.filter)) continue;
    if (t.distinct) {  // once under each value the fact holds
      std::vector<std::int64_t>& seen = seen_scratch_;
      seen.clear();
      for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count; ++i) {
        const FieldValue& v = ts.values[i];
        if (v.field != t.field || std::find(seen.begin(), seen.end(), v.value) != seen.end()) continue;
        seen.push_back(v.value);
        if (bulk_ && sign > 0) {
          t.distinct->Note(f.unit_pos, v.value, month);  // a rebuild: built at its end (Build)
        } else {
          t.distinct->Add(f.unit_pos, v.value, month, sign);
        }
      }
      continue;
    }
    if (t.existing) {
      std::optional<std::int32_t> until;
      for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count && !until; ++i) {
        if (ts.values[i].field == t.until_field) until = static_cast<std::int32_t>(ts.values[i].value);
      }
      if (bulk_ && sign > 0) {
        t.existing->Note(f.unit_pos, f.day, until);  // in order at the end (FinishTotals)
      } else {
        t.existing->Add(f.unit_pos, f.day, until, sign);
      }
      continue;
    }
    CellsOf(ts, t, f, month, seen_scratch_, [&](int key, std::int64_t w) {
      for (int p = f.unit_pos; p >= 0 && static_cast<std::size_t>(p) < t.by_pos.size();
           p = index_.parent[static_cast<std::size_t>(p)]) {
        auto& cells = t.by_pos[static_cast<std::size_t>(p)];
        auto it = std::lower_bound(cells.begin(), cells.end(), key, [](const Cell& c, int k) { return c.key < k; });
        if (it == cells.end() || it->key != key) it = cells.insert(it, Cell{key, 0});
        it->total = it->total + sign * w;
        if (it->total == 0) cells.erase(it);
      }
    });
  }
}

template <typename Fn>
void IndicatorEngine::CellsOf(const TypeStore& ts, const Totals& t, const CompactFact& f, int month,
                              std::vector<std::int64_t>& keys, Fn&& fn) const {
  std::int64_t w = 1;
  if (t.field >= 0) {
    bool found = false;
    for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count && !found; ++i) {
      if (ts.values[i].field == t.field) w = ts.values[i].value, found = true;
    }
    if (!found) return;
  }
  if (t.key_field < 0) {
    fn(month, w);
    return;
  }
  // Keyed by the field's value: once under each value the fact holds (equality matches any).
  keys.clear();
  for (std::uint32_t i = f.first_value; i < f.first_value + f.value_count; ++i) {
    const FieldValue& v = ts.values[i];
    if (v.field != t.key_field || v.value < INT32_MIN || v.value > INT32_MAX) continue;
    const int key = static_cast<int>(v.value);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  for (std::int64_t key : keys) fn(static_cast<int>(key), w);
}

void IndicatorEngine::FillTotals(Totals& t) {
  if (t.distinct || t.existing) return;
  const TypeStore& ts = stores_[t.type];
  std::vector<std::int64_t> keys;
  std::int32_t last_day = INT32_MIN;
  int month = 0;
  for (const CompactFact& f : ts.facts) {
    if (!f.alive || f.unit_pos < 0 || static_cast<std::size_t>(f.unit_pos) >= t.by_pos.size() ||
        !Holds(ts, f, *t.filter)) {
      continue;
    }
    if (f.day != last_day) month = MonthIndex(Date::FromDays(last_day = f.day));
    auto& cells = t.by_pos[static_cast<std::size_t>(f.unit_pos)];
    CellsOf(ts, t, f, month, keys, [&](int key, std::int64_t w) {
      // Laid out, the facts come by unit and day: a month is the unit's last one or a new one.
      if (!cells.empty() && cells.back().key == key) {
        cells.back().total += w;
      } else if (cells.empty() || cells.back().key < key) {
        cells.push_back(Cell{key, w});
      } else {
        auto it = std::lower_bound(cells.begin(), cells.end(), key, [](const Cell& c, int k) { return c.key < k; });
        if (it == cells.end() || it->key != key) it = cells.insert(it, Cell{key, 0});
        it->total += w;
      }
    });
  }
}

void IndicatorEngine::RebuildTotals() {
  for (auto& t : totals_) {
    t.by_pos.assign(index_.code.size(), {});
    if (t.distinct) t.distinct->Reset(&index_.parent, &index_.end);
    if (t.existing) t.existing->Reset(index_.code.size());
  }
  const bool was_bulk = bulk_;
  bulk_ = true;
  for (std::uint32_t type = 0; type < stores_.size(); ++type) {
    bool wanted = false;
    for (const auto& t : totals_) wanted = wanted || t.type == type;
    if (!wanted) continue;
    for (const auto& f : stores_[type].facts) {
      if (f.alive) AddToTotals(type, f, +1);
    }
  }
  bulk_ = was_bulk;
  for (auto& t : totals_) {
    FillTotals(t);
    FinishTotals(t);
  }
}

void IndicatorEngine::FinishTotals(Totals& t) {
  if (t.distinct) {
    t.distinct->Build();
    return;
  }
  if (t.existing) {
    t.existing->Finish();
    return;
  }
  // Each unit's cells (its own facts' and its subtree's) into its parent's, from the last position
  // back: positions are in depth-first order, so a unit's subtree is complete when it is reached.
  // A total that came to zero is dropped, as AddToTotals drops it.
  std::vector<Cell> merged;
  for (std::size_t p = t.by_pos.size(); p-- > 0;) {
    auto& cells = t.by_pos[p];
    cells.erase(std::remove_if(cells.begin(), cells.end(), [](const Cell& c) { return c.total == 0; }), cells.end());
    const int parent = index_.parent[p];
    if (parent < 0 || cells.empty()) continue;
    auto& into = t.by_pos[static_cast<std::size_t>(parent)];
    merged.clear();
    merged.reserve(cells.size() + into.size());
    auto a = into.cbegin();
    auto b = cells.cbegin();
    while (a != into.cend() || b != cells.cend()) {
      if (b == cells.cend() || (a != into.cend() && a->key < b->key)) {
        merged.push_back(*a++);
      } else if (a == into.cend() || b->key < a->key) {
        merged.push_back(*b++);
      } else {
        merged.push_back(Cell{a->key, a->total + b->total});
        ++a, ++b;
      }
    }
    into.assign(merged.begin(), merged.end());
  }
}

std::optional<Result<std::int64_t>> IndicatorEngine::FromTotals(const Measure& m, const Context& ctx) const {
  auto it = totals_of_.find(&m);
  if (it == totals_of_.end()) return std::nullopt;
  const Totals& t = totals_[it->second];
  const Window w = WindowOf(m, ctx);
  auto month_end = [](Date d) { return d.AddDays(1).day() == 1; };
  if (t.existing) {  // began by the period's end, not ended before its start (or the day counted)
    const std::int32_t last = ctx.period.last.days();
    std::int32_t threshold = ctx.period.first.days();
    if (t.until_asof) threshold = std::max(threshold, ctx.as_of.days());
    if (threshold > last + 1) return std::nullopt;
    std::int64_t n = 0;
    for (const Part& part : ctx.parts) n += t.existing->Count(part.lo, part.hi, last, threshold);
    return Result<std::int64_t>(n);
  }
  // The sum of a unit's cells with keys (months, or years) from a to b.
  auto sum = [&](int pos, int a, int b) -> std::int64_t {
    if (pos < 0 || static_cast<std::size_t>(pos) >= t.by_pos.size()) return 0;
    const auto& cells = t.by_pos[static_cast<std::size_t>(pos)];
    auto cell = std::lower_bound(cells.begin(), cells.end(), a, [](const Cell& c, int k) { return c.key < k; });
    std::int64_t n = 0;
    for (; cell != cells.end() && cell->key <= b; ++cell) n += cell->total;
    return n;
  };
  // The same over parts: a unit's own part is its total less its children's.
  auto sum_parts = [&](const std::vector<Part>& parts, int a, int b) -> std::int64_t {
    std::int64_t n = 0;
    for (const Part& part : parts) {
      n += sum(part.lo, a, b);
      if (!part.own) continue;
      for (int c = part.lo + 1; c < index_.end[static_cast<std::size_t>(part.lo)];
           c = index_.end[static_cast<std::size_t>(c)]) {
        n -= sum(c, a, b);
      }
    }
    return n;
  };
  const bool one_subtree = ctx.parts.size() == 1 && !ctx.parts[0].own;
  // A unit of a "units" measure: its subtree, or on a later tree its parts (no older tree: its subtree).
  auto unit_sum = [&](int u, int a, int b) -> std::int64_t {
    return ctx.epoch == 0 ? sum(u, a, b) : sum_parts(PartsOf(u, ctx.rule), a, b);
  };
  if (t.key_field >= 0) {  // all time, the facts of the period's year
    const int year = ctx.period.last.year();
    if (m.kind != Measure::Kind::kUnits) return Result<std::int64_t>(sum_parts(ctx.parts, year, year));
    auto units = UnitsAt(m.level, ctx.lo, ctx.hi);
    if (!units.ok()) return Result<std::int64_t>(units.status());
    std::int64_t n = 0;
    for (int u : *units) n += unit_sum(u, year, year) >= m.min_count;
    return Result<std::int64_t>(n);
  }
  if (w.any || w.from.day() != 1 || !month_end(w.to)) return std::nullopt;
  const Date until = std::min(ctx.period.last, ctx.as_of);
  const bool counts_to_until = m.kind == Measure::Kind::kMonthsWith || !m.each.empty();
  // Facts after the day counted are left out of those; whole months only.
  if (counts_to_until && until < ctx.period.last && !month_end(until)) return std::nullopt;
  const int first = MonthIndex(w.from), last = MonthIndex(w.to);
  switch (m.kind) {
    case Measure::Kind::kCount:
    case Measure::Kind::kSum: return Result<std::int64_t>(sum_parts(ctx.parts, first, last));
    case Measure::Kind::kDistinct:
      // A value seen in two parts counts once: only one subtree is read from the totals.
      if (!one_subtree) return std::nullopt;
      return Result<std::int64_t>(t.distinct->Count(ctx.lo, first, last));
    case Measure::Kind::kMonthsWith: {
      if (!one_subtree) return std::nullopt;
      std::int64_t n = 0;
      if (static_cast<std::size_t>(ctx.lo) >= t.by_pos.size()) return Result<std::int64_t>(n);
      const auto& cells = t.by_pos[static_cast<std::size_t>(ctx.lo)];
      const int to = std::min(last, MonthIndex(until));
      for (const Cell& c : cells) n += c.key >= first && c.key <= to && c.total >= m.min_count;
      return Result<std::int64_t>(n);
    }
    case Measure::Kind::kUnits: {
      auto units = UnitsAt(m.level, ctx.lo, ctx.hi);
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
          ok = ok && unit_sum(u, a, b) >= m.min_count;
          if (!ok) break;
        }
        n += ok;
      }
      return Result<std::int64_t>(n);
    }
    default: return std::nullopt;
  }
}

}  // namespace pcmd::analytics
