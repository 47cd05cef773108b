#pragma once

#include <optional>
#include <string_view>

#include "base/result.h"

namespace pcmd::enforcement {

// Where a tip is in its handling (target T8: received, verified, classified, handled on
// time). Open: received, verified, classified, assigned. Done: handled (the result is
// recorded), closed (with an outcome), transferred (to another agency).
enum class TipStatus {
  kReceived,
  kVerified,
  kClassified,
  kAssigned,
  kHandled,
  kClosed,
  kTransferred
};

// One step of the workflow, recorded as an event with its time and its person:
// verify (xác minh ban đầu), classify (phân loại: may change the kind), assign (giao người xử
// lý; again to reassign), handle (kết quả xử lý), close (kết thúc, with an outcome), transfer
// (chuyển cơ quan khác, from any open status), extend (gia hạn, any open status; the status
// stays).
enum class TipStep { kVerify, kClassify, kAssign, kHandle, kClose, kTransfer, kExtend };

std::string_view TipStatusId(TipStatus s);
std::optional<TipStatus> ParseTipStatus(std::string_view id);
std::string_view TipStepId(TipStep s);
std::optional<TipStep> ParseTipStep(std::string_view id);

// Open tips count against their deadline; handled, closed and transferred ones do not.
bool IsOpen(TipStatus s);

// The outcome code that a close may give to a tip that is still open (the denouncer or
// complainant withdrew: rút tố cáo, rút khiếu nại); any other outcome needs a handled tip.
inline constexpr std::string_view kWithdrawnOutcome = "withdrawn";
// The outcome a transfer records (a close cannot give it).
inline constexpr std::string_view kTransferredOutcome = "transferred";

// The status `step` leads to from `from` (`outcome` only matters for close), or
// kFailedPrecondition (machine code "invalid_transition") with a Vietnamese message saying
// what the tip needs first.
base::Result<TipStatus> NextTipStatus(TipStatus from, TipStep step, std::string_view outcome = "");

}  // namespace pcmd::enforcement
