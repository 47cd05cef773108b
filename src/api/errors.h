#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/result.h"
#include "base/status.h"
#include "http/message.h"

namespace pcmd::api {

// The one place where an error becomes an HTTP status (userver's rule): by code, and
// for a few machine codes that HTTP distinguishes (malformed JSON 400, too large 413,
// wrong method 405, throttled 429).
int ToHttpStatus(const base::Status& status);

// The JSON error envelope of API.md for a failed status:
// {"error":{"code","message_vi","message_en","fields":[...]}}. Internal errors are
// logged with their detail and answered with a generic message.
http::Response ErrorResponse(const base::Status& status);

// The envelope of a stale-version conflict with the record as it is now (API.md: a
// stale version is 409 with the current record), under "current".
http::Response StaleResponse(const base::Status& status, const nlohmann::json& current);

// A JSON reply with the given status.
http::Response JsonResponse(int status, const nlohmann::json& body);

// A text field of a reply: null when empty (the API's "no value").
inline nlohmann::json Nullable(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

// The reply of a module call: its error, or `encode(value)` with `status`.
template <typename T, typename F>
http::Response Written(const base::Result<T>& r, int status, F encode) {
  if (!r.ok()) return ErrorResponse(r.status());
  return JsonResponse(status, encode(*r));
}

// The reply to an import of a file (records::ImportReport, enforcement::TipImportReport): 200 when
// it was stored, 422 when not, with the counts and every problem by line and field.
template <typename Report>
http::Response ImportReply(const Report& report) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : report.problems) {
    problems.push_back({{"line", p.line}, {"field", p.field}, {"code", p.code},
                        {"message_vi", p.message_vi}, {"message_en", p.message_en}});
  }
  return JsonResponse(report.stored ? 200 : 422,
                      {{"stored", report.stored}, {"created", report.created}, {"unchanged", report.unchanged},
                       {"rejected", report.rejected}, {"problems", problems}});
}

}  // namespace pcmd::api
