#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/result.h"

namespace pcmd::enforcement {

// The handling deadline of one kind of tip (tố giác, tin báo, tố cáo, khiếu nại, phản ánh):
// days from the day it was received, how many extensions a tip of that kind may have and
// how many days each may add, with the legal basis of both. The store keeps one rule per
// kind (table tip_deadline_rules), editable by the province; these are the defaults.
struct TipDeadlineRule {
  std::string kind;            // a code of the list tip_kind
  int days = 0;                // from the received date
  int max_extensions = 1;      // extensions a tip of this kind may have
  int max_extension_days = 0;  // days one extension may add
  std::string basis_vi;        // legal basis of `days` and of the extensions
  std::string basis_en;
};

// Limits of a rule, checked when the province changes one.
inline constexpr int kMaxTipDeadlineDays = 365;
inline constexpr int kMaxTipExtensions = 5;
// A tip is "due soon" from this many days before its deadline (inclusive).
inline constexpr int kTipDueSoonDays = 3;
// Days for a kind that has no rule yet (a code added to tip_kind later).
inline constexpr int kFallbackTipDeadlineDays = 30;

// The default rules, one per kind of the seeded tip_kind list:
// - denunciation_crime (tố giác về tội phạm), crime_report (tin báo về tội phạm): 20 days,
//   Bộ luật Tố tụng hình sự 2015, Điều 147 khoản 1; complex cases may be extended by up
//   to 2 months (khoản 2, 3): one extension of at most 60 days.
// - denunciation (tố cáo): 30 days, Luật Tố cáo 2018, Điều 30 khoản 1; one extension of at
//   most 30 days (twice for especially complex cases: the province may raise it).
// - complaint (khiếu nại): 30 days, Luật Khiếu nại 2011, Điều 28; complex cases 45 days: one
//   extension of at most 15 days.
// - administrative_report (phản ánh, kiến nghị): 15 days, a programme default (no law sets
//   it); one extension of at most 15 days.
// The laws count from acceptance (thụ lý); pcmd counts from receipt, which is never later.
const std::vector<TipDeadlineRule>& DefaultTipDeadlineRules();
// The default rule of a kind, or a rule of kFallbackTipDeadlineDays without a basis.
TipDeadlineRule DefaultTipDeadlineRule(std::string_view kind);

// deadline = received date + days + extended days.
base::Date TipDeadline(base::Date received_on, int days, int extended_days);

// Where a tip stands against its deadline on `today`. Open tips: not due, due soon
// (0..kTipDueSoonDays days left) or overdue (past the deadline). Handled tips (handled,
// closed, or transferred: a transfer counts as handled on its date): on time when handled
// on or before the deadline, else late.
enum class Timeliness { kNotDue, kDueSoon, kOverdue, kOnTime, kLate };
std::string_view TimelinessId(Timeliness t);
Timeliness TimelinessOf(base::Date deadline, std::optional<base::Date> handled_on,
                        base::Date today);

// A moment sent by a client, as ISO 8601: "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z" or an
// offset "+HH:MM"/"-HH:MM" (no zone means Vietnam time, UTC+7), or a date "YYYY-MM-DD"
// (midnight in Vietnam). `iso_utc` is "YYYY-MM-DDTHH:MM:SSZ"; `local_date` is the date in
// Vietnam, the calendar deadlines are counted in.
struct Instant {
  std::string iso_utc;
  base::Date local_date;
};
base::Result<Instant> ParseInstant(std::string_view text);
// The date in Vietnam of a stored ISO time (what base::NowIsoUtc and ParseInstant write).
base::Date LocalDateOf(std::string_view iso_utc);

}  // namespace pcmd::enforcement
