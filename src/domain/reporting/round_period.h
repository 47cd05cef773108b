#pragma once

#include <string>
#include <string_view>

#include "base/date.h"
#include "base/result.h"

namespace pcmd::reporting {

// The period a reporting round covers: a DHIS2-style period id that base::Period understands
// (YYYY, YYYYQn, YYYYMM, PYYYY-YYYY) or a half year, "2025H1" (January to June) and "2025H2"
// (July to December), which base::Period does not have. `first` and `last` are inclusive.
struct RoundPeriod {
  std::string id;
  base::Date first;
  base::Date last;

  // Parses the text; a malformed one is kInvalidArgument naming the field "period".
  static base::Result<RoundPeriod> Parse(std::string_view text);
  bool is_half_year() const { return id.size() == 6 && id[4] == 'H'; }
  // The period as the indicator engine takes it, which reads only its first day, last day and
  // id (a half year is given the kind of a year, the nearest one base::Period has).
  base::Period AsPeriod() const;
};

// The kinds of round (đợt báo cáo) and the periods each covers: "six_month" a half year
// (YYYYH1, YYYYH2), "year" a year (YYYY), "final_review" a span of years (PYYYY-YYYY, the
// programme's 2021–2025 review). Returns whether `kind` is one of them.
bool IsRoundKind(std::string_view kind);
// Ok when `period` is of the form `kind` covers; else a field error on "period".
base::Status CheckKindCoversPeriod(std::string_view kind, const RoundPeriod& period);

}  // namespace pcmd::reporting
