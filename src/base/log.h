#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace pcmd::base {

// Structured logging: one JSON object per line on standard error, with the time,
// level, message and fields. Callers pass ids, codes and counts only: never a
// person's name, contact, UIC, password or free text about a person.
// Safe to call from any thread.
enum class LogLevel { kDebug, kInfo, kWarn, kError };

using LogField = std::pair<std::string_view, std::string>;

void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {});
void SetLogLevel(LogLevel level);
// Parses "debug", "info", "warn", "error"; unknown text gives kInfo.
LogLevel ParseLogLevel(std::string_view text);

// JSON string escaping (quotes included), for log lines and hand-built JSON.
std::string JsonQuote(std::string_view text);

inline void LogInfo(std::string_view msg, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kInfo, msg, f);
}
inline void LogWarn(std::string_view msg, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kWarn, msg, f);
}
inline void LogError(std::string_view msg, std::initializer_list<LogField> f = {}) {
  Log(LogLevel::kError, msg, f);
}

}  // namespace pcmd::base
