// Tests of the tips' handling steps (tip_steps.cc): the workflow to closed with every step in the
// history, steps out of order, stale versions, extensions of the deadline, what falls due and
// overdue, transfers and withdrawals.
#include "domain/enforcement/tip_store_test_fixture.h"

namespace pcmd::enforcement {
namespace {

using namespace tip_testing;  // NOLINT(google-build-using-namespace): the fixture and its helpers

TEST_P(TipStoreTest, TheWorkflowRunsToClosedWithEveryStepRecorded) {
  Tip t = Make(Input("14347", "denunciation"));
  EXPECT_EQ(t.deadline, D("2024-03-31"));
  now_ = "2024-03-02T03:00:00.000Z";
  t = Run(t, {.step = TipStep::kVerify, .note = "Đã gọi lại xác minh"});
  EXPECT_EQ(t.status, TipStatus::kVerified);
  EXPECT_EQ(t.verified_at, now_);
  // classification may change the kind, and the deadline with it
  t = Run(t, {.step = TipStep::kClassify, .kind = "crime_report"});
  EXPECT_EQ(t.status, TipStatus::kClassified);
  EXPECT_EQ(t.kind, "crime_report");
  EXPECT_EQ(t.deadline, D("2024-03-21"));
  t = Run(t, {.step = TipStep::kAssign, .assignee = inspector_.account_id});
  EXPECT_EQ(t.status, TipStatus::kAssigned);
  EXPECT_EQ(t.assignee, inspector_.account_id);
  // the inspector records the handling
  now_ = "2024-03-10T03:00:00.000Z";
  t = Run(t, {.step = TipStep::kHandle, .note = "Đã kiểm tra, lập biên bản"}, &inspector_);
  EXPECT_EQ(t.status, TipStatus::kHandled);
  EXPECT_EQ(t.timeliness, Timeliness::kOnTime);
  t = Run(t, {.step = TipStep::kClose, .outcome = "substantiated"});
  EXPECT_EQ(t.status, TipStatus::kClosed);
  EXPECT_EQ(t.outcome, "substantiated");
  EXPECT_EQ(t.timeliness, Timeliness::kOnTime);
  EXPECT_EQ(t.version, 6);

  auto h = tips_->History(intake_, t.id);
  ASSERT_TRUE(h.ok());
  std::vector<std::string> steps;
  for (const auto& e : *h) {
    steps.push_back(e.step);
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"receive", "verify", "classify", "assign", "handle",
                                             "close"}));
  EXPECT_EQ((*h)[1].note, "Đã gọi lại xác minh");
  EXPECT_EQ((*h)[2].kind, "crime_report");
  EXPECT_EQ((*h)[3].assignee, inspector_.account_id);
  EXPECT_EQ((*h)[4].by, inspector_.account_id);
  EXPECT_EQ((*h)[4].at, "2024-03-10T03:00:00.000Z");
  EXPECT_EQ((*h)[5].outcome, "substantiated");
  EXPECT_EQ((*h)[5].by, intake_.account_id);
  // the change log has one entry per step
  auto changes = db().ReadChangesAfter(0, 1000);
  ASSERT_TRUE(changes.ok());
  std::vector<std::string> ops;
  for (const auto& c : *changes) {
    if (c.entity == "tip") {
      ops.push_back(c.op);
    }
  }
  EXPECT_EQ(
      ops, (std::vector<std::string>{"create", "verify", "classify", "assign", "handle", "close"}));
}

TEST_P(TipStoreTest, StepsOutOfOrderAreRefused) {
  Tip t = Make(Input());
  auto expect_refused = [&](TipStepInput in) {
    in.version = t.version;
    auto r = tips_->Step(intake_, "x", t.id, in);
    ASSERT_FALSE(r.ok()) << TipStepId(in.step);
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition) << r.status().ToString();
    EXPECT_FALSE(r.status().message_vi().empty());
  };
  expect_refused({.step = TipStep::kClassify, .kind = "crime_report"});
  expect_refused({.step = TipStep::kAssign, .assignee = inspector_.account_id});
  expect_refused({.step = TipStep::kHandle, .note = "x"});
  expect_refused({.step = TipStep::kClose, .outcome = "substantiated"});
  t = Run(t, {.step = TipStep::kVerify});
  expect_refused({.step = TipStep::kVerify});
  expect_refused({.step = TipStep::kHandle, .note = "x"});
  t = Run(t, {.step = TipStep::kTransfer, .agency = "Công an tỉnh Ninh Bình"});
  expect_refused({.step = TipStep::kExtend, .note = "x", .days = 5});
  expect_refused({.step = TipStep::kClose, .outcome = "withdrawn"});
  expect_refused({.step = TipStep::kVerify});
  // a step missing what it needs names the field
  Tip u = Make(Input());
  auto r = tips_->Step(intake_, "x", u.id, {.step = TipStep::kTransfer, .version = u.version});
  EXPECT_EQ(FieldsOf(r.status()), (std::set<std::string>{"agency:required"}));
  r = tips_->Step(intake_, "x", u.id, {.step = TipStep::kExtend, .version = u.version});
  EXPECT_EQ(FieldsOf(r.status()), (std::set<std::string>{"days:required", "note:required"}));
  r = tips_->Step(intake_, "x", u.id,
                  {.step = TipStep::kClose, .version = u.version, .outcome = "maybe"});
  EXPECT_EQ(FieldsOf(r.status()), (std::set<std::string>{"outcome:invalid_code"}));
}

TEST_P(TipStoreTest, AStaleVersionIsAConflict) {
  Tip t = Make(Input());
  Tip v2 = Run(t, {.step = TipStep::kVerify});
  auto r = tips_->Step(intake_, "x", t.id,
                       {.step = TipStep::kTransfer, .version = t.version, .agency = "CA"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().machine_code(), "stale_version");
  auto p = tips_->Update(intake_, "x", t.id, {.version = t.version, .content = std::string("x")});
  EXPECT_EQ(p.status().machine_code(), "stale_version");
  auto d = tips_->Delete(intake_, "x", t.id, t.version);
  EXPECT_EQ(d.status().machine_code(), "stale_version");
  EXPECT_TRUE(tips_->Delete(intake_, "x", t.id, v2.version).ok());
}

TEST_P(TipStoreTest, AnExtensionMovesTheDeadlineOnceWithItsLegalBasis) {
  Tip t = Make(Input("14347", "crime_report"));  // deadline 2024-03-21
  auto too_long =
      tips_->Step(intake_, "x", t.id,
                  {.step = TipStep::kExtend, .version = t.version, .note = "Phức tạp", .days = 61});
  EXPECT_EQ(FieldsOf(too_long.status()), (std::set<std::string>{"days:out_of_range"}));
  t = Run(t, {.step = TipStep::kExtend, .note = "Phải xác minh tại nhiều địa điểm", .days = 30});
  EXPECT_EQ(t.extended_days, 30);
  EXPECT_EQ(t.extensions, 1);
  EXPECT_EQ(t.deadline, D("2024-04-20"));
  EXPECT_EQ(t.status, TipStatus::kReceived);
  auto again =
      tips_->Step(intake_, "x", t.id,
                  {.step = TipStep::kExtend, .version = t.version, .note = "Lần hai", .days = 5});
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().machine_code(), "extension_limit");
  auto h = tips_->History(intake_, t.id);
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[1].step, "extend");
  EXPECT_EQ((*h)[1].days, 30);
  EXPECT_EQ((*h)[1].note, "Phải xác minh tại nhiều địa điểm");
  EXPECT_NE((*h)[1].legal_basis.find("Điều 147"), std::string::npos);
  // the extended tip is handled after the first deadline, before the second: on time
  t = Assigned(t, inspector_);
  now_ = "2024-04-15T03:00:00.000Z";
  t = Run(t, {.step = TipStep::kHandle, .note = "Xong"}, &inspector_);
  EXPECT_EQ(t.timeliness, Timeliness::kOnTime);
}

TEST_P(TipStoreTest, AnExtensionComesBeforeTheDeadline) {
  Tip t = Make(Input("14347", "administrative_report"));  // deadline 2024-03-16
  now_ = "2024-03-17T03:00:00.000Z";
  auto r = tips_->Step(intake_, "x", t.id,
                       {.step = TipStep::kExtend, .version = t.version, .note = "Muộn", .days = 5});
  EXPECT_EQ(r.status().machine_code(), "deadline_passed");
  now_ = "2024-03-16T16:00:00.000Z";  // 23:00 on the last day in Vietnam
  EXPECT_TRUE(tips_
                  ->Step(intake_, "x", t.id,
                         {.step = TipStep::kExtend, .version = t.version, .note = "Kịp", .days = 5})
                  .ok());
}

TEST_P(TipStoreTest, OpenTipsFallDueAndOverdueAndHandlingsAreLateOrOnTime) {
  Tip a = Make(Input("14347", "complaint"));              // deadline 2024-03-31
  Tip b = Make(Input("14347", "crime_report"));           // deadline 2024-03-21
  Tip c = Make(Input("14350", "administrative_report"));  // deadline 2024-03-16
  now_ = "2024-03-19T03:00:00.000Z";
  EXPECT_EQ(tips_->Get(intake_, a.id)->timeliness, Timeliness::kNotDue);
  EXPECT_EQ(tips_->Get(intake_, b.id)->timeliness, Timeliness::kDueSoon);
  EXPECT_EQ(tips_->Get(intake_, b.id)->days_left, 2);
  EXPECT_EQ(tips_->Get(intake_, c.id)->timeliness, Timeliness::kOverdue);
  EXPECT_EQ(tips_->Get(intake_, c.id)->days_left, -3);
  auto overdue = tips_->List(intake_, {.due = "overdue"});
  ASSERT_EQ(overdue->total, 1);
  EXPECT_EQ(overdue->items[0].id, c.id);
  auto due = tips_->List(intake_, {.due = "due_soon"});
  ASSERT_EQ(due->total, 1);
  EXPECT_EQ(due->items[0].id, b.id);
  // c is handled late; once handled it is no longer overdue
  Tip handled = Run(Assigned(*tips_->Get(intake_, c.id), inspector_),
                    {.step = TipStep::kHandle, .note = "x"}, &inspector_);
  EXPECT_EQ(handled.timeliness, Timeliness::kLate);
  EXPECT_EQ(tips_->List(intake_, {.due = "overdue"})->total, 0);
  EXPECT_EQ(tips_->List(intake_, {.status = "handled"})->total, 1);
  EXPECT_EQ(tips_->List(intake_, {.kind = "complaint"})->total, 1);
  EXPECT_EQ(tips_->List(intake_, {.assignee = inspector_.account_id})->total, 1);
  EXPECT_EQ(tips_->List(intake_, {.from = D("2024-03-02")})->total, 0);
  EXPECT_EQ(tips_->List(intake_, {.to = D("2024-03-01")})->total, 3);
  // the closing later does not change when it was handled
  now_ = "2024-04-30T03:00:00.000Z";
  Tip closed = Run(handled, {.step = TipStep::kClose, .outcome = "not_substantiated"});
  EXPECT_EQ(closed.timeliness, Timeliness::kLate);
}

TEST_P(TipStoreTest, ATransferCountsAsHandledOnItsDate) {
  Tip early = Make(Input("14347", "crime_report"));
  Tip late = Make(Input("14347", "crime_report"));
  now_ = "2024-03-05T03:00:00.000Z";
  early = Run(early, {.step = TipStep::kTransfer, .agency = "Cơ quan CSĐT Công an tỉnh"});
  EXPECT_EQ(early.status, TipStatus::kTransferred);
  EXPECT_EQ(early.transferred_to, "Cơ quan CSĐT Công an tỉnh");
  EXPECT_EQ(early.outcome, "transferred");
  EXPECT_EQ(early.handled_at, now_);
  EXPECT_EQ(early.timeliness, Timeliness::kOnTime);
  now_ = "2024-03-25T03:00:00.000Z";
  late = Run(Run(late, {.step = TipStep::kVerify}),
             {.step = TipStep::kTransfer, .agency = "Viện kiểm sát"});
  EXPECT_EQ(late.timeliness, Timeliness::kLate);
  auto h = tips_->History(intake_, late.id);
  EXPECT_EQ(h->back().step, "transfer");
  EXPECT_EQ(h->back().agency, "Viện kiểm sát");
  auto s = tips_->Summary(province_, "37", base::Period::Parse("2024").value());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->totals.handled, 2);
  EXPECT_EQ(s->totals.handled_on_time, 1);
  EXPECT_EQ(s->totals.handled_late, 1);
  EXPECT_EQ(s->totals.verified, 1);
  EXPECT_EQ(s->totals.open, 0);
}

TEST_P(TipStoreTest, AWithdrawnTipClosesFromAnyOpenStep) {
  Tip t = Make(Input());
  t = Run(t, {.step = TipStep::kClose, .note = "Người gửi rút đơn", .outcome = "withdrawn"});
  EXPECT_EQ(t.status, TipStatus::kClosed);
  EXPECT_EQ(t.handled_at, now_);
  EXPECT_EQ(t.timeliness, Timeliness::kOnTime);
}

// Instantiated on both engines with the rest of TipStoreTest (tip_store_test.cc).

}  // namespace
}  // namespace pcmd::enforcement
