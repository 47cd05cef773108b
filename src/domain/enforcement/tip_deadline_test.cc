#include "domain/enforcement/tip_deadline.h"

#include <gtest/gtest.h>

namespace pcmd::enforcement {
namespace {

using base::Date;

Date D(const char* t) { return Date::Parse(t).value(); }

TEST(TipDeadline, DefaultsFollowTheLaws) {
  EXPECT_EQ(DefaultTipDeadlineRule("denunciation_crime").days, 20);
  EXPECT_EQ(DefaultTipDeadlineRule("crime_report").days, 20);
  EXPECT_EQ(DefaultTipDeadlineRule("crime_report").max_extension_days, 60);
  EXPECT_EQ(DefaultTipDeadlineRule("denunciation").days, 30);
  EXPECT_EQ(DefaultTipDeadlineRule("denunciation").max_extension_days, 30);
  EXPECT_EQ(DefaultTipDeadlineRule("complaint").days, 30);
  EXPECT_EQ(DefaultTipDeadlineRule("complaint").max_extension_days, 15);
  EXPECT_EQ(DefaultTipDeadlineRule("administrative_report").days, 15);
  for (const auto& r : DefaultTipDeadlineRules()) {
    EXPECT_EQ(r.max_extensions, 1) << r.kind;
    EXPECT_FALSE(r.basis_vi.empty()) << r.kind;
    EXPECT_FALSE(r.basis_en.empty()) << r.kind;
  }
  EXPECT_NE(DefaultTipDeadlineRule("crime_report").basis_vi.find("Điều 147"), std::string::npos);
  EXPECT_NE(DefaultTipDeadlineRule("denunciation").basis_vi.find("Luật Tố cáo 2018"),
            std::string::npos);
  EXPECT_NE(DefaultTipDeadlineRule("complaint").basis_vi.find("Luật Khiếu nại 2011"),
            std::string::npos);
  EXPECT_NE(DefaultTipDeadlineRule("administrative_report").basis_en.find("Programme default"),
            std::string::npos);
}

TEST(TipDeadline, UnknownKindGetsTheFallback) {
  TipDeadlineRule r = DefaultTipDeadlineRule("new_kind");
  EXPECT_EQ(r.kind, "new_kind");
  EXPECT_EQ(r.days, kFallbackTipDeadlineDays);
}

TEST(TipDeadline, IsReceivedDatePlusDaysPlusExtensions) {
  EXPECT_EQ(TipDeadline(D("2024-03-01"), 20, 0), D("2024-03-21"));
  EXPECT_EQ(TipDeadline(D("2024-02-20"), 15, 0), D("2024-03-06"));  // over a leap day
  EXPECT_EQ(TipDeadline(D("2024-12-20"), 30, 0), D("2025-01-19"));  // over a year end
  EXPECT_EQ(TipDeadline(D("2024-03-01"), 20, 60), D("2024-05-20"));
  EXPECT_EQ(TipDeadline(D("2024-03-01"), 30, 15), D("2024-04-15"));
}

TEST(TipDeadline, OpenTipsAreNotDueThenDueSoonThenOverdue) {
  const Date deadline = D("2024-03-21");
  EXPECT_EQ(TimelinessOf(deadline, std::nullopt, D("2024-03-01")), Timeliness::kNotDue);
  EXPECT_EQ(TimelinessOf(deadline, std::nullopt, D("2024-03-17")), Timeliness::kNotDue);
  EXPECT_EQ(TimelinessOf(deadline, std::nullopt, D("2024-03-18")),
            Timeliness::kDueSoon);  // 3 days left
  EXPECT_EQ(TimelinessOf(deadline, std::nullopt, D("2024-03-21")),
            Timeliness::kDueSoon);  // the last day
  EXPECT_EQ(TimelinessOf(deadline, std::nullopt, D("2024-03-22")), Timeliness::kOverdue);
  EXPECT_EQ(TimelinessOf(deadline, std::nullopt, D("2025-01-01")), Timeliness::kOverdue);
}

TEST(TipDeadline, HandledTipsAreOnTimeUpToTheDeadlineDay) {
  const Date deadline = D("2024-03-21");
  EXPECT_EQ(TimelinessOf(deadline, D("2024-03-02"), D("2024-06-01")), Timeliness::kOnTime);
  EXPECT_EQ(TimelinessOf(deadline, D("2024-03-21"), D("2024-06-01")), Timeliness::kOnTime);
  EXPECT_EQ(TimelinessOf(deadline, D("2024-03-22"), D("2024-06-01")), Timeliness::kLate);
  // "today" does not matter once handled
  EXPECT_EQ(TimelinessOf(deadline, D("2024-03-22"), D("2024-03-22")), Timeliness::kLate);
}

TEST(TipDeadline, AnExtensionTurnsALateHandlingIntoAnOnTimeOne) {
  const Date received = D("2024-03-01");
  const Date handled = D("2024-04-10");
  EXPECT_EQ(TimelinessOf(TipDeadline(received, 30, 0), handled, handled), Timeliness::kLate);
  EXPECT_EQ(TimelinessOf(TipDeadline(received, 30, 15), handled, handled), Timeliness::kOnTime);
  // and an open tip that was overdue is due soon again
  EXPECT_EQ(TimelinessOf(TipDeadline(received, 30, 0), std::nullopt, D("2024-04-01")),
            Timeliness::kOverdue);
  EXPECT_EQ(TimelinessOf(TipDeadline(received, 30, 15), std::nullopt, D("2024-04-13")),
            Timeliness::kDueSoon);
}

TEST(TipDeadline, ATransferCountsAsHandledOnItsDate) {
  // A transfer gives the tip a handled date: the transfer's; it is judged like a handling.
  const Date deadline = TipDeadline(D("2024-03-01"), 20, 0);
  EXPECT_EQ(TimelinessOf(deadline, D("2024-03-05"), D("2024-12-31")), Timeliness::kOnTime);
  EXPECT_EQ(TimelinessOf(deadline, D("2024-03-25"), D("2024-12-31")), Timeliness::kLate);
}

TEST(TipDeadline, TimelinessIds) {
  EXPECT_EQ(TimelinessId(Timeliness::kNotDue), "not_due");
  EXPECT_EQ(TimelinessId(Timeliness::kDueSoon), "due_soon");
  EXPECT_EQ(TimelinessId(Timeliness::kOverdue), "overdue");
  EXPECT_EQ(TimelinessId(Timeliness::kOnTime), "on_time");
  EXPECT_EQ(TimelinessId(Timeliness::kLate), "late");
}

TEST(ParseInstant, ReadsUtcOffsetsAndVietnamTime) {
  auto a = ParseInstant("2024-03-01T08:30:00Z");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->iso_utc, "2024-03-01T08:30:00Z");
  EXPECT_EQ(a->local_date, D("2024-03-01"));

  // 20:00 UTC is 03:00 the next day in Vietnam
  auto b = ParseInstant("2024-03-01T20:00:00.123Z");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->iso_utc, "2024-03-01T20:00:00Z");
  EXPECT_EQ(b->local_date, D("2024-03-02"));

  // an offset
  auto c = ParseInstant("2024-03-02T06:00+07:00");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->iso_utc, "2024-03-01T23:00:00Z");
  EXPECT_EQ(c->local_date, D("2024-03-02"));

  auto n = ParseInstant("2024-01-01T01:00:00-05:30");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->iso_utc, "2024-01-01T06:30:00Z");

  // no zone: Vietnam time
  auto d = ParseInstant("2024-01-01T05:00:00");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->iso_utc, "2023-12-31T22:00:00Z");
  EXPECT_EQ(d->local_date, D("2024-01-01"));

  // a date: midnight in Vietnam
  auto e = ParseInstant("2024-03-01");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->iso_utc, "2024-02-29T17:00:00Z");
  EXPECT_EQ(e->local_date, D("2024-03-01"));
}

TEST(ParseInstant, RefusesWhatIsNotAMoment) {
  for (const char* bad :
       {"", "2024", "2024-02-30", "2024-03-01T", "2024-03-01T25:00Z", "2024-03-01T10:61Z",
        "2024-03-01T10:00:00X", "2024-03-01T10:00:00+7", "2024-03-01T10:00:00Zjunk", "yesterday",
        "2024-03-01T10:00:00.Z", "01/03/2024"}) {
    EXPECT_FALSE(ParseInstant(bad).ok()) << bad;
  }
}

TEST(ParseInstant, LocalDateOfStoredTimes) {
  EXPECT_EQ(LocalDateOf("2024-03-01T16:59:59.999Z"), D("2024-03-01"));
  EXPECT_EQ(LocalDateOf("2024-03-01T17:00:00.000Z"), D("2024-03-02"));
  EXPECT_EQ(LocalDateOf("2024-03-01T17:00:00Z"), D("2024-03-02"));
}

}  // namespace
}  // namespace pcmd::enforcement
