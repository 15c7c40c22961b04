// Minimal leveled logging to stderr (absl 20220623 has no absl/log).
// Thread-safe: each message is written with one call.
#ifndef GOVGRAPH_SERVER_COMMON_LOGGING_H_
#define GOVGRAPH_SERVER_COMMON_LOGGING_H_

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace govgraph {

enum class LogLevel { kInfo, kWarning, kError };

// Writes one line "<time> <LEVEL> <message>" to stderr.
void Log(LogLevel level, absl::string_view message);

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
