#include "base/date.h"

#include <chrono>
#include <cstdio>

namespace pcmd::base {
namespace {

// Howard Hinnant's civil-from-days algorithms.
std::int32_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void CivilFromDays(std::int32_t z, int& y, int& m, int& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int yy = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yy + (m <= 2);
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

Status BadPeriod() {
  return InvalidArgument("period must be YYYY, YYYYQn, YYYYMM or PYYYY-YYYY")
      .WithVi("Kỳ phải có dạng YYYY, YYYYQn, YYYYMM hoặc PYYYY-YYYY");
}

}  // namespace

Date Date::FromCivil(int year, int month, int day) {
  return Date(DaysFromCivil(year, month, day));
}

Result<Date> Date::Parse(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text.substr(0, 4), y) ||
      !ParseDigits(text.substr(5, 2), m) || !ParseDigits(text.substr(8, 2), d) || y < 1900 ||
      y > 2199 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return InvalidArgument("date must be a real date written YYYY-MM-DD")
        .WithVi("Ngày phải là ngày có thật, viết dạng YYYY-MM-DD");
  }
  return FromCivil(y, m, d);
}

Date Date::Today() {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours(7);
  return Date(static_cast<std::int32_t>(duration_cast<std::chrono::days>(now.time_since_epoch()).count()));
}

int Date::year() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  return y;
}
int Date::month() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  return m;
}
int Date::day() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  return d;
}

std::string Date::ToString() const {
  int y, m, d;
  CivilFromDays(days_, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

Result<Period> Period::Parse(std::string_view t) {
  Period p;
  int y = 0, y2 = 0, n = 0;
  if (t.size() == 4 && ParseDigits(t, y) && y >= 1900 && y <= 2199) {
    p.kind = Kind::kYear;
    p.first = Date::FromCivil(y, 1, 1);
    p.last = Date::FromCivil(y, 12, 31);
  } else if (t.size() == 6 && t[4] == 'Q' && ParseDigits(t.substr(0, 4), y) &&
             ParseDigits(t.substr(5, 1), n) && y >= 1900 && y <= 2199 && n >= 1 && n <= 4) {
    p.kind = Kind::kQuarter;
    p.first = Date::FromCivil(y, (n - 1) * 3 + 1, 1);
    p.last = Date::FromCivil(y, n * 3, DaysInMonth(y, n * 3));
  } else if (t.size() == 6 && ParseDigits(t, y)) {
    n = y % 100;
    y /= 100;
    if (y < 1900 || y > 2199 || n < 1 || n > 12) return BadPeriod();
    p.kind = Kind::kMonth;
    p.first = Date::FromCivil(y, n, 1);
    p.last = Date::FromCivil(y, n, DaysInMonth(y, n));
  } else if (t.size() == 10 && t[0] == 'P' && t[5] == '-' && ParseDigits(t.substr(1, 4), y) &&
             ParseDigits(t.substr(6, 4), y2) && y >= 1900 && y2 <= 2199 && y <= y2) {
    p.kind = Kind::kYears;
    p.first = Date::FromCivil(y, 1, 1);
    p.last = Date::FromCivil(y2, 12, 31);
  } else {
    return BadPeriod();
  }
  p.id = std::string(t);
  return p;
}

std::string NowIsoUtc() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count();
  const auto secs = ms / 1000;
  const Date d = Date::FromDays(static_cast<std::int32_t>(secs / 86400));
  const auto sod = secs % 86400;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02lld:%02lld:%02lld.%03lldZ", d.ToString().c_str(),
                static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                static_cast<long long>(sod % 60), static_cast<long long>(ms % 1000));
  return buf;
}

}  // namespace pcmd::base
