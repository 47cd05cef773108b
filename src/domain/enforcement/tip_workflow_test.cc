#include "domain/enforcement/tip_workflow.h"

#include <gtest/gtest.h>

namespace pcmd::enforcement {
namespace {

using S = TipStatus;
using T = TipStep;

TEST(TipWorkflow, TheWholeWayFromReceivedToClosed) {
  EXPECT_EQ(NextTipStatus(S::kReceived, T::kVerify).value(), S::kVerified);
  EXPECT_EQ(NextTipStatus(S::kVerified, T::kClassify).value(), S::kClassified);
  EXPECT_EQ(NextTipStatus(S::kClassified, T::kAssign).value(), S::kAssigned);
  EXPECT_EQ(NextTipStatus(S::kAssigned, T::kAssign).value(), S::kAssigned);  // reassigned
  EXPECT_EQ(NextTipStatus(S::kAssigned, T::kHandle).value(), S::kHandled);
  EXPECT_EQ(NextTipStatus(S::kHandled, T::kClose, "substantiated").value(), S::kClosed);
}

TEST(TipWorkflow, TransferAndExtendFromEveryOpenStatus) {
  for (S s : {S::kReceived, S::kVerified, S::kClassified, S::kAssigned}) {
    EXPECT_TRUE(IsOpen(s));
    EXPECT_EQ(NextTipStatus(s, T::kTransfer).value(), S::kTransferred) << TipStatusId(s);
    EXPECT_EQ(NextTipStatus(s, T::kExtend).value(), s) << TipStatusId(s);
    EXPECT_EQ(NextTipStatus(s, T::kClose, "withdrawn").value(), S::kClosed) << TipStatusId(s);
  }
}

TEST(TipWorkflow, DoneTipsTakeNoStepButTheClosingOfAHandledOne) {
  for (S s : {S::kHandled, S::kClosed, S::kTransferred}) {
    EXPECT_FALSE(IsOpen(s));
    for (T t : {T::kVerify, T::kClassify, T::kAssign, T::kHandle, T::kTransfer, T::kExtend}) {
      auto r = NextTipStatus(s, t);
      ASSERT_FALSE(r.ok()) << TipStatusId(s) << " " << TipStepId(t);
      EXPECT_EQ(r.status().code(), base::StatusCode::kFailedPrecondition);
      EXPECT_EQ(r.status().machine_code(), "invalid_transition");
      EXPECT_FALSE(r.status().message_vi().empty());
    }
  }
  EXPECT_FALSE(NextTipStatus(S::kClosed, T::kClose, "substantiated").ok());
  EXPECT_FALSE(NextTipStatus(S::kTransferred, T::kClose, "withdrawn").ok());
}

TEST(TipWorkflow, StepsOutOfOrderAreRefusedWithAVietnameseReason) {
  struct Case {
    S from;
    T step;
  } cases[] = {
      {S::kReceived, T::kClassify}, {S::kReceived, T::kAssign},     {S::kReceived, T::kHandle},
      {S::kVerified, T::kVerify},   {S::kVerified, T::kAssign},     {S::kVerified, T::kHandle},
      {S::kClassified, T::kVerify}, {S::kClassified, T::kClassify}, {S::kClassified, T::kHandle},
      {S::kAssigned, T::kVerify},   {S::kAssigned, T::kClassify},
  };
  for (const auto& c : cases) {
    auto r = NextTipStatus(c.from, c.step);
    ASSERT_FALSE(r.ok()) << TipStatusId(c.from) << " " << TipStepId(c.step);
    EXPECT_EQ(r.status().code(), base::StatusCode::kFailedPrecondition);
    EXPECT_NE(r.status().message_vi().find("Không thể"), std::string::npos);
  }
  auto r = NextTipStatus(S::kReceived, T::kClassify);
  EXPECT_NE(r.status().message_vi().find("xác minh"), std::string::npos);
}

TEST(TipWorkflow, CloseNeedsAHandlingUnlessWithdrawnAndNeverTransfers) {
  auto open = NextTipStatus(S::kAssigned, T::kClose, "substantiated");
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message_vi().find("kết quả xử lý"), std::string::npos);
  auto transferred = NextTipStatus(S::kHandled, T::kClose, "transferred");
  ASSERT_FALSE(transferred.ok());
  EXPECT_NE(transferred.status().message_vi().find("chuyển"), std::string::npos);
}

TEST(TipWorkflow, IdsRoundTrip) {
  for (S s : {S::kReceived, S::kVerified, S::kClassified, S::kAssigned, S::kHandled, S::kClosed,
              S::kTransferred}) {
    EXPECT_EQ(ParseTipStatus(TipStatusId(s)), s);
  }
  for (T t :
       {T::kVerify, T::kClassify, T::kAssign, T::kHandle, T::kClose, T::kTransfer, T::kExtend}) {
    EXPECT_EQ(ParseTipStep(TipStepId(t)), t);
  }
  EXPECT_FALSE(ParseTipStep("approve").has_value());
  EXPECT_FALSE(ParseTipStatus("done").has_value());
}

}  // namespace
}  // namespace pcmd::enforcement
