#include "plan/plan.h"

#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

namespace pcmd::plan {
namespace {

using base::Result;
using base::Status;
using FactFields = std::map<std::string, std::map<std::string, std::string>>;

// Errors carry the file and line of the definition they are about.
class Reader {
 public:
  Reader(std::string file, const FactFields& facts) : file_(std::move(file)), facts_(facts) {}

  Status Fail(const toml::node& at, const std::string& problem) const {
    return Fail(static_cast<int>(at.source().begin.line), problem);
  }
  Status Fail(int line, const std::string& problem) const {
    return base::InvalidArgument(file_ + ":" + std::to_string(line) + ": " + problem)
        .WithVi("Định nghĩa kế hoạch không hợp lệ: " + file_ + " dòng " + std::to_string(line) + ": " + problem);
  }

  Status Keys(const toml::table& t, const std::set<std::string>& known, const std::string& where) const {
    for (const auto& [k, v] : t) {
      if (!known.count(std::string(k.str()))) {
        return Fail(v, "unknown key '" + std::string(k.str()) + "' in " + where);
      }
    }
    return Status::Ok();
  }

  Result<std::string> Text(const toml::table& t, const char* key, bool required, const std::string& where) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) return Fail(static_cast<int>(t.source().begin.line), where + ": '" + key + "' is required");
      return std::string();
    }
    if (!n->is_string()) return Fail(*n, where + ": '" + key + "' must be text");
    return std::string(*n->value<std::string>());
  }

  Result<Condition> ParseCondition(const std::string& type, const std::string& field, const toml::node& v) const {
    auto fields = facts_.find(type);
    Condition c;
    c.field = field;
    std::string kind = field == "unit" ? "text" : field == "date" ? "date" : "";
    if (kind.empty()) {
      auto f = fields->second.find(field);
      if (f == fields->second.end()) return Fail(v, "'" + type + "' has no field '" + field + "'");
      kind = f->second;
    }
    auto scalar = [&](const toml::node& n, std::string& out) -> Status {
      if (n.is_string()) {
        out = *n.value<std::string>();
      } else if (n.is_integer()) {
        out = std::to_string(*n.value<std::int64_t>());
      } else if (n.is_boolean()) {
        out = *n.value<bool>() ? "true" : "false";
      } else if (n.is_date()) {
        const auto d = *n.value<toml::date>();
        out = base::Date::FromCivil(d.year, d.month, d.day).ToString();
      } else {
        return Fail(n, "field '" + field + "': a value must be text, a number, true/false or a date");
      }
      return Status::Ok();
    };
    if (const auto* arr = v.as_array()) {
      c.op = kind == "list" ? Condition::Op::kHasAny : Condition::Op::kIn;
      for (const auto& e : *arr) {
        std::string s;
        PCMD_RETURN_IF_ERROR(scalar(e, s));
        c.values.push_back(s);
      }
      if (c.values.empty()) return Fail(v, "field '" + field + "': an empty list matches nothing");
      return c;
    }
    if (const auto* t = v.as_table()) {
      if (t->size() != 1) return Fail(v, "field '" + field + "': one of present, has_any, before, on_or_after");
      const auto first = t->begin();  // the proxy pair lives in the iterator
      const std::string op(first->first.str());
      const toml::node& inner = first->second;
      if (op == "present") {
        if (!inner.is_boolean()) return Fail(inner, "field '" + field + "': present must be true or false");
        c.op = Condition::Op::kPresent;
        c.is_present = *inner.value<bool>();
      } else if (op == "has_any") {
        if (kind != "list") return Fail(inner, "field '" + field + "' is not a list: has_any does not apply");
        c.op = Condition::Op::kHasAny;
        if (const auto* arr = inner.as_array()) {
          for (const auto& e : *arr) {
            std::string s;
            PCMD_RETURN_IF_ERROR(scalar(e, s));
            c.values.push_back(s);
          }
        } else if (!inner.is_boolean() || !*inner.value<bool>()) {
          return Fail(inner, "field '" + field + "': has_any takes a list of codes, or true (any element)");
        }
      } else if (op == "before" || op == "on_or_after") {
        if (kind != "date") return Fail(inner, "field '" + field + "' is not a date: " + op + " does not apply");
        c.op = op == "before" ? Condition::Op::kBefore : Condition::Op::kOnOrAfter;
        PCMD_RETURN_IF_ERROR(scalar(inner, c.value));
        if (c.value.rfind('$', 0) == 0 && c.value != "$start" && c.value != "$end" && c.value != "$asof") {
          return Fail(inner, "field '" + field + "': " + c.value + " is not one of $start, $end, $asof");
        }
      } else {
        return Fail(inner, "field '" + field + "': unknown operator '" + op + "'");
      }
      return c;
    }
    c.op = Condition::Op::kEquals;
    PCMD_RETURN_IF_ERROR(scalar(v, c.value));
    if (kind == "bool" && c.value != "true" && c.value != "false") {
      return Fail(v, "field '" + field + "' is true or false");
    }
    if (kind == "integer" && v.is_string() && c.value != "$year") {
      return Fail(v, "field '" + field + "' is a number (or \"$year\")");
    }
    if (kind == "list") return Fail(v, "field '" + field + "' is a list: use has_any");
    return c;
  }

  Result<std::vector<Condition>> ParseConditions(const std::string& type, const toml::table& t) const {
    std::vector<Condition> out;
    for (const auto& [k, v] : t) {
      PCMD_ASSIGN_OR_RETURN(Condition c, ParseCondition(type, std::string(k.str()), v));
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<Measure> ParseMeasure(const toml::node& node, const std::string& where) const {
    const auto* t = node.as_table();
    if (!t) return Fail(node, where + " must be a table");
    PCMD_RETURN_IF_ERROR(Keys(*t, {"measure", "of", "field", "level", "where", "where_any", "span", "until",
                                   "min_count", "each", "within_denominator"},
                              where));
    Measure m;
    m.line = static_cast<int>(t->source().begin.line);
    PCMD_ASSIGN_OR_RETURN(std::string kind, Text(*t, "measure", true, where));
    static const std::map<std::string, Measure::Kind> kinds = {
        {"count", Measure::Kind::kCount},   {"sum", Measure::Kind::kSum},
        {"distinct", Measure::Kind::kDistinct}, {"units", Measure::Kind::kUnits},
        {"months_with", Measure::Kind::kMonthsWith}, {"months", Measure::Kind::kMonths}};
    auto k = kinds.find(kind);
    if (k == kinds.end()) return Fail(*t->get("measure"), where + ": unknown measure '" + kind + "'");
    m.kind = k->second;
    PCMD_ASSIGN_OR_RETURN(m.of, Text(*t, "of", false, where));
    PCMD_ASSIGN_OR_RETURN(m.field, Text(*t, "field", false, where));
    PCMD_ASSIGN_OR_RETURN(m.level, Text(*t, "level", false, where));
    PCMD_ASSIGN_OR_RETURN(m.each, Text(*t, "each", false, where));
    PCMD_ASSIGN_OR_RETURN(m.until_field, Text(*t, "until", false, where));
    PCMD_ASSIGN_OR_RETURN(std::string span, Text(*t, "span", false, where));
    const bool needs_of = m.kind == Measure::Kind::kCount || m.kind == Measure::Kind::kSum ||
                          m.kind == Measure::Kind::kDistinct || m.kind == Measure::Kind::kMonthsWith;
    if (needs_of && m.of.empty()) return Fail(m.line, where + ": measure '" + kind + "' needs 'of'");
    if (!m.of.empty() && !facts_.count(m.of)) {
      return Fail(*t->get("of"), where + ": no fact type '" + m.of + "'");
    }
    auto has_field = [&](const std::string& f) {
      return f == "unit" || f == "client" || f == "date" || facts_.at(m.of).count(f);
    };
    if (m.kind == Measure::Kind::kSum || m.kind == Measure::Kind::kDistinct) {
      if (m.field.empty()) return Fail(m.line, where + ": measure '" + kind + "' needs 'field'");
      if (!has_field(m.field)) return Fail(*t->get("field"), where + ": '" + m.of + "' has no field '" + m.field + "'");
      if (m.kind == Measure::Kind::kSum && facts_.at(m.of).at(m.field) != "integer") {
        return Fail(*t->get("field"), where + ": '" + m.field + "' is not a number: it cannot be summed");
      }
    }
    if (m.kind == Measure::Kind::kUnits) {
      if (m.level != "province" && m.level != "district" && m.level != "commune") {
        return Fail(m.line, where + ": measure 'units' needs level province, district or commune");
      }
    }
    if (!m.each.empty() && m.each != "month" && m.each != "quarter") {
      return Fail(*t->get("each"), where + ": each is month or quarter");
    }
    static const std::map<std::string, Span> spans = {{"", Span::kPeriod},
                                                      {"period", Span::kPeriod},
                                                      {"year", Span::kYear},
                                                      {"plan_to_date", Span::kPlanToDate},
                                                      {"existing", Span::kExisting},
                                                      {"all", Span::kAll}};
    auto s = spans.find(span);
    if (s == spans.end()) return Fail(*t->get("span"), where + ": unknown span '" + span + "'");
    m.span = s->second;
    if (m.span == Span::kExisting) {
      if (m.until_field.empty()) return Fail(m.line, where + ": span 'existing' needs 'until' (the field that ends it)");
      if (m.of.empty() || !has_field(m.until_field)) return Fail(m.line, where + ": no field '" + m.until_field + "'");
    }
    if (const toml::node* n = t->get("min_count")) {
      if (!n->is_integer() || *n->value<std::int64_t>() < 1) return Fail(*n, where + ": min_count is a whole number ≥ 1");
      m.min_count = static_cast<int>(*n->value<std::int64_t>());
    }
    if (const toml::node* n = t->get("within_denominator")) {
      if (!n->is_boolean()) return Fail(*n, where + ": within_denominator is true or false");
      m.within_denominator = *n->value<bool>();
    }
    if (const toml::node* n = t->get("where")) {
      if (m.of.empty()) return Fail(*n, where + ": 'where' needs 'of'");
      const auto* w = n->as_table();
      if (!w) return Fail(*n, where + ": 'where' must be a table of field = value");
      PCMD_ASSIGN_OR_RETURN(m.where.all, ParseConditions(m.of, *w));
    }
    if (const toml::node* n = t->get("where_any")) {
      if (m.of.empty()) return Fail(*n, where + ": 'where_any' needs 'of'");
      const auto* arr = n->as_array();
      if (!arr || arr->empty()) return Fail(*n, where + ": 'where_any' is a list of tables");
      for (const auto& e : *arr) {
        const auto* w = e.as_table();
        if (!w) return Fail(e, where + ": each element of 'where_any' is a table of field = value");
        PCMD_ASSIGN_OR_RETURN(auto conj, ParseConditions(m.of, *w));
        m.where.any.push_back(std::move(conj));
      }
    }
    return m;
  }

  Result<Target> ParseTarget(const toml::table& t) const {
    Target g;
    g.line = static_cast<int>(t.source().begin.line);
    PCMD_RETURN_IF_ERROR(Keys(t, {"id", "name_vi", "name_en", "level", "period", "value", "numerator", "denominator",
                                  "cap_at_100", "comparison", "target", "target_max", "client_derived",
                                  "goal_at_plan_end", "note_vi", "note_en"},
                              "a target"));
    PCMD_ASSIGN_OR_RETURN(g.id, Text(t, "id", true, "a target"));
    const std::string where = "target " + g.id;
    PCMD_ASSIGN_OR_RETURN(g.name_vi, Text(t, "name_vi", true, where));
    PCMD_ASSIGN_OR_RETURN(g.name_en, Text(t, "name_en", true, where));
    PCMD_ASSIGN_OR_RETURN(g.level, Text(t, "level", true, where));
    PCMD_ASSIGN_OR_RETURN(g.period, Text(t, "period", true, where));
    PCMD_ASSIGN_OR_RETURN(g.value_kind, Text(t, "value", true, where));
    PCMD_ASSIGN_OR_RETURN(g.note_vi, Text(t, "note_vi", false, where));
    PCMD_ASSIGN_OR_RETURN(g.note_en, Text(t, "note_en", false, where));
    if (g.level != "province" && g.level != "district" && g.level != "commune") {
      return Fail(*t.get("level"), where + ": level is province, district or commune");
    }
    if (g.period != "month" && g.period != "quarter" && g.period != "year" && g.period != "plan") {
      return Fail(*t.get("period"), where + ": period is month, quarter, year or plan");
    }
    if (g.value_kind != "percent" && g.value_kind != "count" && g.value_kind != "growth") {
      return Fail(*t.get("value"), where + ": value is percent, count or growth");
    }
    const toml::node* num = t.get("numerator");
    if (!num) return Fail(g.line, where + ": 'numerator' is required");
    PCMD_ASSIGN_OR_RETURN(g.numerator, ParseMeasure(*num, where + " numerator"));
    if (const toml::node* den = t.get("denominator")) {
      if (g.value_kind != "percent") return Fail(*den, where + ": only a percent has a denominator");
      PCMD_ASSIGN_OR_RETURN(g.denominator, ParseMeasure(*den, where + " denominator"));
    } else if (g.value_kind == "percent") {
      return Fail(g.line, where + ": a percent needs a 'denominator'");
    }
    if (g.numerator.within_denominator &&
        (!g.denominator || g.denominator->kind != Measure::Kind::kDistinct ||
         g.numerator.kind != Measure::Kind::kDistinct || g.numerator.field != g.denominator->field)) {
      return Fail(g.numerator.line, where + ": within_denominator needs distinct counts of the same field on both sides");
    }
    auto boolean = [&](const char* key, bool& out) -> Status {
      if (const toml::node* n = t.get(key)) {
        if (!n->is_boolean()) return Fail(*n, where + ": " + key + " is true or false");
        out = *n->value<bool>();
      }
      return Status::Ok();
    };
    PCMD_RETURN_IF_ERROR(boolean("cap_at_100", g.cap_at_100));
    PCMD_RETURN_IF_ERROR(boolean("client_derived", g.is_client_derived));
    PCMD_RETURN_IF_ERROR(boolean("goal_at_plan_end", g.is_cumulative_goal));
    PCMD_ASSIGN_OR_RETURN(std::string cmp, Text(t, "comparison", true, where));
    if (cmp == "at_least") {
      g.comparison = Comparison::kAtLeast;
    } else if (cmp == "at_most") {
      g.comparison = Comparison::kAtMost;
    } else if (cmp == "between") {
      g.comparison = Comparison::kBetween;
    } else {
      return Fail(*t.get("comparison"), where + ": comparison is at_least, at_most or between");
    }
    auto number = [&](const char* key, double& out, bool required) -> Status {
      const toml::node* n = t.get(key);
      if (!n) return required ? Fail(g.line, where + ": '" + std::string(key) + "' is required") : Status::Ok();
      if (n->is_integer()) {
        out = static_cast<double>(*n->value<std::int64_t>());
      } else if (n->is_floating_point()) {
        out = *n->value<double>();
      } else {
        return Fail(*n, where + ": " + key + " is a number");
      }
      return Status::Ok();
    };
    PCMD_RETURN_IF_ERROR(number("target", g.target, true));
    PCMD_RETURN_IF_ERROR(number("target_max", g.target_max, g.comparison == Comparison::kBetween));
    if (g.comparison == Comparison::kBetween && g.target_max < g.target) {
      return Fail(*t.get("target_max"), where + ": target_max is below target");
    }
    return g;
  }

  Result<Plan> ParsePlanTable(const toml::table& root) const {
    Plan p;
    p.source = file_;
    PCMD_RETURN_IF_ERROR(Keys(root, {"id", "name_vi", "name_en", "start", "end", "units", "split", "targets"},
                              "the plan"));
    PCMD_ASSIGN_OR_RETURN(p.id, Text(root, "id", true, "the plan"));
    PCMD_ASSIGN_OR_RETURN(p.name_vi, Text(root, "name_vi", true, "the plan"));
    PCMD_ASSIGN_OR_RETURN(p.name_en, Text(root, "name_en", true, "the plan"));
    for (const char* key : {"start", "end"}) {
      const toml::node* n = root.get(key);
      if (!n || !n->is_date()) return Fail(n ? static_cast<int>(n->source().begin.line) : 1,
                                           std::string("the plan: '") + key + "' is a date (2021-01-01)");
      const auto d = *n->value<toml::date>();
      (std::string(key) == "start" ? p.start : p.end) = base::Date::FromCivil(d.year, d.month, d.day);
    }
    if (p.end < p.start) return Fail(*root.get("end"), "the plan ends before it starts");
    if (const auto* units = root.get_as<toml::array>("units")) {
      for (const auto& u : *units) {
        if (!u.is_string()) return Fail(u, "the plan: units are unit codes (text)");
        p.units.push_back(*u.value<std::string>());
      }
    }
    if (const toml::node* split = root.get("split")) {
      const auto rule = split->value<std::string>();
      if (!rule || (*rule != "unapportioned" && *rule != "remainder")) {
        return Fail(*split, "the plan: 'split' is \"unapportioned\" or \"remainder\"");
      }
      p.split_rule = *rule;
    }
    const auto* targets = root.get_as<toml::array>("targets");
    if (!targets || targets->empty()) return Fail(1, "the plan has no [[targets]]");
    std::set<std::string> ids;
    for (const auto& node : *targets) {
      const auto* t = node.as_table();
      if (!t) return Fail(node, "each [[targets]] is a table");
      PCMD_ASSIGN_OR_RETURN(Target g, ParseTarget(*t));
      if (!ids.insert(g.id).second) return Fail(g.line, "target " + g.id + " is defined twice");
      p.targets.push_back(std::move(g));
    }
    return p;
  }

 private:
  std::string file_;
  const FactFields& facts_;
};

}  // namespace

Result<Plan> ParsePlan(const std::string& text, const std::string& file_name, const FactFields& fact_fields) {
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return base::InvalidArgument(file_name + ":" + std::to_string(e.source().begin.line) + ": " +
                                 std::string(e.description()));
  }
  return Reader(file_name, fact_fields).ParsePlanTable(root);
}

Result<Plan> LoadPlanFile(const std::string& path, const FactFields& fact_fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::NotFound("cannot read the plan file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return ParsePlan(text.str(), path, fact_fields);
}

std::string_view SpanId(Span s) {
  switch (s) {
    case Span::kPeriod: return "period";
    case Span::kYear: return "year";
    case Span::kPlanToDate: return "plan_to_date";
    case Span::kExisting: return "existing";
    case Span::kAll: return "all";
  }
  return "period";
}

std::string_view MeasureKindId(Measure::Kind k) {
  switch (k) {
    case Measure::Kind::kCount: return "count";
    case Measure::Kind::kSum: return "sum";
    case Measure::Kind::kDistinct: return "distinct";
    case Measure::Kind::kUnits: return "units";
    case Measure::Kind::kMonthsWith: return "months_with";
    case Measure::Kind::kMonths: return "months";
  }
  return "count";
}

}  // namespace pcmd::plan
