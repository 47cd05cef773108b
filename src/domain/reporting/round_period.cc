#include "domain/reporting/round_period.h"

namespace pcmd::reporting {
namespace {

base::Status BadPeriod() {
  return base::Validation::Fail(
      "period", "invalid_value",
      "Kỳ báo cáo phải có dạng YYYY, YYYYH1, YYYYH2, YYYYQn, YYYYMM hoặc PYYYY-YYYY",
      "period must be YYYY, YYYYH1, YYYYH2, YYYYQn, YYYYMM or PYYYY-YYYY");
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

}  // namespace

base::Result<RoundPeriod> RoundPeriod::Parse(std::string_view text) {
  if (text.size() == 6 && text[4] == 'H' && AllDigits(text.substr(0, 4)) &&
      (text[5] == '1' || text[5] == '2')) {
    const int year = std::stoi(std::string(text.substr(0, 4)));
    if (year < 1900 || year > 2199) return BadPeriod();
    const bool first_half = text[5] == '1';
    return RoundPeriod{std::string(text), base::Date::FromCivil(year, first_half ? 1 : 7, 1),
                       base::Date::FromCivil(year, first_half ? 6 : 12, first_half ? 30 : 31)};
  }
  auto p = base::Period::Parse(text);
  if (!p.ok()) return BadPeriod();
  return RoundPeriod{p->id, p->first, p->last};
}

base::Period RoundPeriod::AsPeriod() const {
  if (!is_half_year()) {
    if (auto p = base::Period::Parse(id); p.ok()) return *p;
  }
  base::Period p;
  p.kind = base::Period::Kind::kYear;
  p.first = first;
  p.last = last;
  p.id = id;
  return p;
}

bool IsRoundKind(std::string_view kind) {
  return kind == "six_month" || kind == "year" || kind == "final_review";
}

base::Status CheckKindCoversPeriod(std::string_view kind, const RoundPeriod& period) {
  const bool is_year = period.id.size() == 4;
  const bool is_span = !period.id.empty() && period.id[0] == 'P';
  if (kind == "six_month" && !period.is_half_year()) {
    return base::Validation::Fail("period", "kind_mismatch",
                                  "Đợt báo cáo 6 tháng cần kỳ dạng YYYYH1 hoặc YYYYH2",
                                  "a six_month round covers a half year: YYYYH1 or YYYYH2");
  }
  if (kind == "year" && !is_year) {
    return base::Validation::Fail("period", "kind_mismatch", "Đợt báo cáo năm cần kỳ dạng YYYY",
                                  "a year round covers a year: YYYY");
  }
  if (kind == "final_review" && !is_span) {
    return base::Validation::Fail("period", "kind_mismatch",
                                  "Đợt báo cáo tổng kết cần kỳ dạng PYYYY-YYYY",
                                  "a final_review round covers a span of years: PYYYY-YYYY");
  }
  return base::Status::Ok();
}

}  // namespace pcmd::reporting
