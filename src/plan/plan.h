#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace pcmd::plan {

// A plan's definitions as data (docs/plans.md): what each target counts, over which facts, with
// which filters, over which time span, and what value it must reach. Loaded from a TOML file under
// data/plans/; a definition that cannot be evaluated is refused at load with its line.

// A condition on one field of a fact. Values beginning with "$" are taken from the period being
// evaluated: "$year" (its year), "$start", "$end" (its first and last day), "$asof" (its last day,
// or today when the period has not ended).
struct Condition {
  enum class Op {
    kEquals,    // the field equals `value` (text, integer, boolean)
    kIn,        // the field is one of `values`
    kPresent,   // the field has a non-empty value (`is_present` false: it has none)
    kHasAny,    // a list field holds at least one element (of `values`, when given)
    kBefore,    // a date field is before `value` (a date or a "$" word)
    kOnOrAfter, // a date field is on or after `value`
  };
  std::string field;
  Op op = Op::kEquals;
  std::string value;                // kEquals (as text: "true", "12", "violation"), kBefore, kOnOrAfter
  std::vector<std::string> values;  // kIn, kHasAny
  bool is_present = true;           // kPresent
};

// All of `all` hold, and at least one of `any` when it is not empty.
struct Filter {
  std::vector<Condition> all;
  std::vector<std::vector<Condition>> any;  // each element: a conjunction
};

// Which facts a measure looks at, in time.
enum class Span {
  kPeriod,      // dated within the period
  kYear,        // dated within the calendar year of the period's end
  kPlanToDate,  // dated from the plan's start to the period's end ("at least once since the plan began")
  kExisting,    // dated on or before the period's end and not ended before its start (`until_field`)
  kAll,         // any date (the filter decides, e.g. year = "$year")
};

// One side of a formula.
struct Measure {
  enum class Kind {
    kCount,        // facts of `of`
    kSum,          // the sum of integer `field` over facts of `of`
    kDistinct,     // distinct values of `field` (a reference, "unit" or "client")
    kUnits,        // units at `level` below the unit (from the tree); with `of`: only those whose
                   // facts satisfy `min_count` and `each`
    kMonthsWith,   // months of the period (up to "$asof") with at least `min_count` facts of `of`
    kMonths,       // months of the period up to "$asof"
  };
  Kind kind = Kind::kCount;
  std::string of;     // fact type: a record type id, "tip", "client_eligible", "client_served"
  std::string field;  // kSum, kDistinct
  std::string level;  // kUnits: province, district, commune
  Filter where;
  Span span = Span::kPeriod;
  std::string until_field;  // kExisting: the date field that ends a fact's life ("closed_on")
  int min_count = 1;        // kUnits with `of`, kMonthsWith
  std::string each;         // kUnits with `of`: "" | "month" | "quarter": in every such part of the period
                            // (up to "$asof"), at least `min_count`
  bool within_denominator = false;  // kDistinct numerators: only values also counted by the denominator
  int line = 0;
};

// How the value is judged.
enum class Comparison { kAtLeast, kAtMost, kBetween };

struct Target {
  std::string id;  // "T1"
  std::string name_vi, name_en;
  std::string level;         // the level it is judged at: province, district or commune (and above)
  std::string period;        // its natural period: month, quarter, year, plan
  std::string value_kind;    // "percent" (numerator / denominator × 100), "count" (numerator),
                             // "growth" (numerator against the same span one year before, in %)
  Measure numerator;
  std::optional<Measure> denominator;  // percent only
  bool cap_at_100 = false;
  Comparison comparison = Comparison::kAtLeast;
  double target = 0;      // kAtLeast, kAtMost; kBetween: the lower bound
  double target_max = 0;  // kBetween
  bool is_client_derived = false;  // counts of clients: suppressed when 1–4 leave the unit
  bool is_cumulative_goal = false; // judged at the plan's end (T10b: every establishment once by 2025):
                                   // before it, "on track" compares with the share of the plan elapsed
  std::string note_vi, note_en;
  int line = 0;
};

struct Plan {
  std::string id;  // "plan-184"
  std::string name_vi, name_en;
  base::Date start, end;
  std::vector<std::string> units;  // root units it applies to
  // How a unit split between several successors carries its values to a later tree
  // (docs/plans.md "Reorganisations"): "unapportioned" (only to the units holding every successor)
  // or "remainder" (whole to the successor that took the rest of it, as its change row's source says).
  std::string split_rule = "unapportioned";
  std::vector<Target> targets;
  std::string source;  // the file it was loaded from

  const Target* Find(const std::string& target_id) const {
    for (const auto& t : targets) {
      if (t.id == target_id) return &t;
    }
    return nullptr;
  }
};

// Parses a plan file (TOML). `fact_fields` lists the fact types the engine knows and their fields
// (type → field → kind: "text", "integer", "bool", "date", "list", "ref"); a definition naming an
// unknown type or field, or a filter whose value does not fit the field, is refused with
// "FILE:LINE: problem".
base::Result<Plan> ParsePlan(const std::string& text, const std::string& file_name,
                             const std::map<std::string, std::map<std::string, std::string>>& fact_fields);
base::Result<Plan> LoadPlanFile(const std::string& path,
                                const std::map<std::string, std::map<std::string, std::string>>& fact_fields);

std::string_view SpanId(Span s);
std::string_view MeasureKindId(Measure::Kind k);

}  // namespace pcmd::plan
