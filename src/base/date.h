#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace pcmd::base {

// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
// Dates are what records are attributed by: "when things happened", never a time zone.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(std::int32_t days) { return Date(days); }
  static Date FromCivil(int year, int month, int day);

  // Parses exactly "YYYY-MM-DD" with a real month and day; years 1900..2199.
  static Result<Date> Parse(std::string_view text);
  // Today in Vietnam (UTC+7), the calendar the users live in.
  static Date Today();

  std::int32_t days() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  std::string ToString() const;

  Date AddDays(std::int32_t n) const { return Date(days_ + n); }
  auto operator<=>(const Date&) const = default;

 private:
  constexpr explicit Date(std::int32_t days) : days_(days) {}
  std::int32_t days_ = 0;
};

// A DHIS2-style period: "2023" (year), "2023Q2" (quarter), "202305" (month),
// "P2021-2025" (a span of whole years). `first` and `last` are inclusive.
struct Period {
  enum class Kind { kYear, kQuarter, kMonth, kYears };
  Kind kind = Kind::kYear;
  Date first;
  Date last;
  std::string id;  // canonical text, e.g. "2023Q2"

  static Result<Period> Parse(std::string_view text);
  bool Contains(Date d) const { return first <= d && d <= last; }
};

// The current time as ISO 8601 UTC with milliseconds and "Z".
std::string NowIsoUtc();

}  // namespace pcmd::base
