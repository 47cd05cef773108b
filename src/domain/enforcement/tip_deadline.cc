#include "domain/enforcement/tip_deadline.h"

#include <algorithm>
#include <cctype>

namespace pcmd::enforcement {
namespace {

constexpr std::int64_t kVietnamOffsetMinutes = 7 * 60;

base::Status BadInstant() {
  return base::InvalidArgument("must be an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ) or a date")
      .WithVi("phải là thời điểm dạng ISO 8601 (YYYY-MM-DDTHH:MM:SSZ) hoặc ngày YYYY-MM-DD");
}

// Reads exactly `n` digits at `pos`; -1 when they are not all digits.
int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) {
    return -1;
  }
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      return -1;
    }
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::string Two(std::int64_t v) {
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

}  // namespace

const std::vector<TipDeadlineRule>& DefaultTipDeadlineRules() {
  static const std::vector<TipDeadlineRule> rules = {
      {"denunciation_crime", 20, 1, 60,
       "Bộ luật Tố tụng hình sự 2015, Điều 147 khoản 1: 20 ngày; vụ việc phức tạp gia hạn không "
       "quá 02 tháng (khoản 2, 3)",
       "Criminal Procedure Code 2015, Art. 147(1): 20 days; complex cases extended by up to 2 "
       "months (147(2), (3))"},
      {"crime_report", 20, 1, 60,
       "Bộ luật Tố tụng hình sự 2015, Điều 147 khoản 1: 20 ngày; vụ việc phức tạp gia hạn không "
       "quá 02 tháng (khoản 2, 3)",
       "Criminal Procedure Code 2015, Art. 147(1): 20 days; complex cases extended by up to 2 "
       "months (147(2), (3))"},
      {"denunciation", 30, 1, 30,
       "Luật Tố cáo 2018, Điều 30 khoản 1: 30 ngày; vụ việc phức tạp gia hạn một lần không quá 30 "
       "ngày (đặc biệt phức tạp: hai lần)",
       "Law on Denunciations 2018, Art. 30(1): 30 days; complex cases extended once by up to 30 "
       "days (especially complex: twice)"},
      {"complaint", 30, 1, 15,
       "Luật Khiếu nại 2011, Điều 28: 30 ngày; vụ việc phức tạp không quá 45 ngày",
       "Law on Complaints 2011, Art. 28: 30 days; complex cases up to 45 days"},
      {"administrative_report", 15, 1, 15,
       "Mặc định của chương trình (không có văn bản quy định): 15 ngày, gia hạn một lần không quá "
       "15 ngày",
       "Programme default (no law sets it): 15 days, one extension of up to 15 days"},
  };
  return rules;
}

TipDeadlineRule DefaultTipDeadlineRule(std::string_view kind) {
  for (const auto& r : DefaultTipDeadlineRules()) {
    if (r.kind == kind) {
      return r;
    }
  }
  TipDeadlineRule r;
  r.kind = std::string(kind);
  r.days = kFallbackTipDeadlineDays;
  r.max_extensions = 1;
  r.max_extension_days = kFallbackTipDeadlineDays;
  r.basis_vi = "Mặc định của chương trình cho loại chưa có quy định thời hạn";
  r.basis_en = "Programme default for a kind without a deadline rule";
  return r;
}

base::Date TipDeadline(base::Date received_on, int days, int extended_days) {
  return received_on.AddDays(days + extended_days);
}

std::string_view TimelinessId(Timeliness t) {
  switch (t) {
    case Timeliness::kNotDue: return "not_due";
    case Timeliness::kDueSoon: return "due_soon";
    case Timeliness::kOverdue: return "overdue";
    case Timeliness::kOnTime: return "on_time";
    case Timeliness::kLate: return "late";
  }
  return "not_due";
}

Timeliness TimelinessOf(base::Date deadline, std::optional<base::Date> handled_on,
                        base::Date today) {
  if (handled_on) {
    return *handled_on <= deadline ? Timeliness::kOnTime : Timeliness::kLate;
  }
  if (today > deadline) {
    return Timeliness::kOverdue;
  }
  if (deadline.days() - today.days() <= kTipDueSoonDays) {
    return Timeliness::kDueSoon;
  }
  return Timeliness::kNotDue;
}

base::Result<Instant> ParseInstant(std::string_view text) {
  if (text.size() < 10) {
    return BadInstant();
  }
  auto date = base::Date::Parse(text.substr(0, 10));
  if (!date.ok()) {
    return BadInstant();
  }
  int hour = 0, minute = 0, second = 0;
  std::int64_t offset_minutes = kVietnamOffsetMinutes;
  std::size_t pos = 10;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') {
      return BadInstant();
    }
    hour = Digits(text, pos + 1, 2);
    if (hour < 0 || hour > 23 || pos + 3 >= text.size() || text[pos + 3] != ':') {
      return BadInstant();
    }
    minute = Digits(text, pos + 4, 2);
    if (minute < 0 || minute > 59) {
      return BadInstant();
    }
    pos += 6;
    if (pos < text.size() && text[pos] == ':') {
      second = Digits(text, pos + 1, 2);
      if (second < 0 || second > 59) {
        return BadInstant();
      }
      pos += 3;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
          ++pos;
        }
        if (pos == start || pos - start > 9) {
          return BadInstant();
        }
      }
    }
    if (pos < text.size()) {
      if (text[pos] == 'Z' || text[pos] == 'z') {
        offset_minutes = 0;
        ++pos;
      } else if (text[pos] == '+' || text[pos] == '-') {
        const int h = Digits(text, pos + 1, 2);
        if (h < 0 || h > 14 || pos + 3 >= text.size() || text[pos + 3] != ':') {
          return BadInstant();
        }
        const int m = Digits(text, pos + 4, 2);
        if (m < 0 || m > 59) {
          return BadInstant();
        }
        offset_minutes = (text[pos] == '-' ? -1 : 1) * (h * 60 + m);
        pos += 6;
      } else {
        return BadInstant();
      }
    }
    if (pos != text.size()) {
      return BadInstant();
    }
  }
  // Seconds since 1970 in UTC.
  const std::int64_t local = static_cast<std::int64_t>(date->days()) * 86400 +
                             std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second;
  const std::int64_t utc = local - static_cast<std::int64_t>(offset_minutes) * 60;
  auto floor_div = [](std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
  };
  const std::int64_t utc_days = floor_div(utc, 86400);
  const std::int64_t sod = utc - utc_days * 86400;
  Instant out;
  out.iso_utc = base::Date::FromDays(static_cast<std::int32_t>(utc_days)).ToString() + "T" +
                Two(sod / 3600) + ":" + Two(sod / 60 % 60) + ":" + Two(sod % 60) + "Z";
  out.local_date = base::Date::FromDays(
      static_cast<std::int32_t>(floor_div(utc + kVietnamOffsetMinutes * 60, 86400)));
  return out;
}

base::Date LocalDateOf(std::string_view iso_utc) {
  auto instant = ParseInstant(iso_utc);
  if (!instant.ok()) {
    auto d = base::Date::Parse(iso_utc.substr(0, std::min<std::size_t>(10, iso_utc.size())));
    return d.ok() ? *d : base::Date();
  }
  return instant->local_date;
}

}  // namespace pcmd::enforcement
