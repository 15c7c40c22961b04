// Leveled, structured logging to stderr (absl 20220623 has no absl/log).
// Each message is one line: by default a JSON object
//   {"time":"2026-11-28T09:00:00.000Z","level":"info","msg":"...",
//    "key":"value",...}
// or, with LogFormat::kText, "<time> <LEVEL> <msg> key=value ...".
// Thread-safe: each line is written with one call.
#ifndef GOVGRAPH_SERVER_COMMON_LOGGING_H_
#define GOVGRAPH_SERVER_COMMON_LOGGING_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace govgraph {

enum class LogLevel { kInfo = 0, kWarning = 1, kError = 2 };
enum class LogFormat { kJson, kText };

// A named value of a log line.
using LogField = std::pair<std::string, std::string>;

// Process-wide settings; set them before starting threads that log.
void SetLogFormat(LogFormat format);
// Lines below `level` are dropped.
void SetMinLogLevel(LogLevel level);
// Where lines go (each with its newline); null restores stderr. For tests.
void SetLogSink(std::function<void(absl::string_view line)> sink);

// Parses "info", "warning", "error" (LogLevel) or "json", "text"
// (LogFormat); false if `name` is none of them.
bool ParseLogLevel(absl::string_view name, LogLevel* level);
bool ParseLogFormat(absl::string_view name, LogFormat* format);

// Writes one line with `message` and `fields`, in order.
void Log(LogLevel level, absl::string_view message,
         const std::vector<LogField>& fields = {});

template <typename... Args>
void LogInfo(const Args&... args) {
  Log(LogLevel::kInfo, absl::StrCat(args...));
}
template <typename... Args>
void LogWarning(const Args&... args) {
  Log(LogLevel::kWarning, absl::StrCat(args...));
}
template <typename... Args>
void LogError(const Args&... args) {
  Log(LogLevel::kError, absl::StrCat(args...));
}

}  // namespace govgraph

#endif  // GOVGRAPH_SERVER_COMMON_LOGGING_H_
