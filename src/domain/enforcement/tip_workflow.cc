#include "domain/enforcement/tip_workflow.h"

#include <array>
#include <string>
#include <utility>

namespace pcmd::enforcement {
namespace {

constexpr std::array<std::pair<TipStatus, std::string_view>, 7> kStatusIds = {{
    {TipStatus::kReceived, "received"},
    {TipStatus::kVerified, "verified"},
    {TipStatus::kClassified, "classified"},
    {TipStatus::kAssigned, "assigned"},
    {TipStatus::kHandled, "handled"},
    {TipStatus::kClosed, "closed"},
    {TipStatus::kTransferred, "transferred"},
}};

constexpr std::array<std::pair<TipStep, std::string_view>, 7> kStepIds = {{
    {TipStep::kVerify, "verify"},
    {TipStep::kClassify, "classify"},
    {TipStep::kAssign, "assign"},
    {TipStep::kHandle, "handle"},
    {TipStep::kClose, "close"},
    {TipStep::kTransfer, "transfer"},
    {TipStep::kExtend, "extend"},
}};

std::string_view StatusVi(TipStatus s) {
  switch (s) {
    case TipStatus::kReceived: return "mới tiếp nhận";
    case TipStatus::kVerified: return "đã xác minh ban đầu";
    case TipStatus::kClassified: return "đã phân loại";
    case TipStatus::kAssigned: return "đã giao người xử lý";
    case TipStatus::kHandled: return "đã có kết quả xử lý";
    case TipStatus::kClosed: return "đã kết thúc";
    case TipStatus::kTransferred: return "đã chuyển cơ quan khác";
  }
  return "";
}

base::Status Invalid(TipStatus from, TipStep step, const std::string& need_vi,
                     const std::string& need_en) {
  return base::FailedPrecondition("cannot " + std::string(TipStepId(step)) + " a tip that is " +
                                  std::string(TipStatusId(from)) + ": " + need_en)
      .WithVi("Không thể thực hiện bước này khi tin " + std::string(StatusVi(from)) + ": " +
              need_vi)
      .WithMachineCode("invalid_transition");
}

}  // namespace

std::string_view TipStatusId(TipStatus s) {
  for (const auto& [status, id] : kStatusIds) {
    if (status == s) {
      return id;
    }
  }
  return "received";
}

std::optional<TipStatus> ParseTipStatus(std::string_view id) {
  for (const auto& [status, name] : kStatusIds) {
    if (name == id) {
      return status;
    }
  }
  return std::nullopt;
}

std::string_view TipStepId(TipStep s) {
  for (const auto& [step, id] : kStepIds) {
    if (step == s) {
      return id;
    }
  }
  return "verify";
}

std::optional<TipStep> ParseTipStep(std::string_view id) {
  for (const auto& [step, name] : kStepIds) {
    if (name == id) {
      return step;
    }
  }
  return std::nullopt;
}

bool IsOpen(TipStatus s) {
  return s == TipStatus::kReceived || s == TipStatus::kVerified || s == TipStatus::kClassified ||
         s == TipStatus::kAssigned;
}

base::Result<TipStatus> NextTipStatus(TipStatus from, TipStep step, std::string_view outcome) {
  if (!IsOpen(from) && step != TipStep::kClose) {
    return Invalid(from, step, "tin đã xử lý xong, không còn bước nào ngoài kết thúc",
                   "the tip is done; only closing a handled tip remains");
  }
  switch (step) {
    case TipStep::kVerify:
      if (from == TipStatus::kReceived) {
        return TipStatus::kVerified;
      }
      return Invalid(from, step, "tin đã được xác minh ban đầu", "the tip is verified already");
    case TipStep::kClassify:
      if (from == TipStatus::kVerified) {
        return TipStatus::kClassified;
      }
      if (from == TipStatus::kReceived) {
        return Invalid(from, step, "cần xác minh ban đầu trước khi phân loại", "verify it first");
      }
      return Invalid(from, step, "tin đã được phân loại", "the tip is classified already");
    case TipStep::kAssign:
      if (from == TipStatus::kClassified || from == TipStatus::kAssigned) {
        return TipStatus::kAssigned;
      }
      return Invalid(from, step, "cần xác minh và phân loại trước khi giao người xử lý",
                     "verify and classify it first");
    case TipStep::kHandle:
      if (from == TipStatus::kAssigned) {
        return TipStatus::kHandled;
      }
      return Invalid(from, step, "cần giao người xử lý trước khi ghi kết quả xử lý",
                     "assign it first");
    case TipStep::kClose:
      if (outcome == kTransferredOutcome) {
        return Invalid(from, step, "dùng bước chuyển cơ quan khác để chuyển tin",
                       "use the transfer step to transfer a tip");
      }
      if (from == TipStatus::kHandled) {
        return TipStatus::kClosed;
      }
      if (IsOpen(from) && outcome == kWithdrawnOutcome) {
        return TipStatus::kClosed;
      }
      if (IsOpen(from)) {
        return Invalid(from, step,
                       "cần ghi kết quả xử lý trước khi kết thúc (trừ khi người gửi rút tin)",
                       "record the handling first (unless the sender withdrew it)");
      }
      return Invalid(from, step, "tin đã kết thúc hoặc đã chuyển đi",
                     "the tip is closed or transferred already");
    case TipStep::kTransfer: return TipStatus::kTransferred;
    case TipStep::kExtend: return from;
  }
  return Invalid(from, step, "bước không hợp lệ", "unknown step");
}

}  // namespace pcmd::enforcement
