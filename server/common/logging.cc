#include "server/common/logging.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/common/json.h"

namespace govgraph {
namespace {

std::atomic<LogFormat> format{LogFormat::kJson};
std::atomic<LogLevel> min_level{LogLevel::kInfo};

absl::Mutex sink_mu(absl::kConstInit);
std::function<void(absl::string_view)>* sink ABSL_GUARDED_BY(sink_mu) = nullptr;

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "?";
}

std::string Line(LogLevel level, absl::string_view message,
                 const std::vector<LogField>& fields) {
  const std::string time = absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                            absl::UTCTimeZone());
  if (format.load() == LogFormat::kText) {
    std::string line = absl::StrCat(
        time, " ", absl::AsciiStrToUpper(LevelName(level)), " ", message);
    for (const auto& [key, value] : fields) {
      absl::StrAppend(&line, " ", key, "=", value);
    }
    return line + "\n";
  }
  std::string line =
      absl::StrCat("{\"time\":\"", time, "\",\"level\":\"", LevelName(level),
                   "\",\"msg\":", JsonQuote(message));
  for (const auto& [key, value] : fields) {
    absl::StrAppend(&line, ",", JsonQuote(key), ":", JsonQuote(value));
  }
  return line + "}\n";
}

}  // namespace

void SetLogFormat(LogFormat value) { format.store(value); }

void SetMinLogLevel(LogLevel level) { min_level.store(level); }

void SetLogSink(std::function<void(absl::string_view line)> new_sink) {
  absl::MutexLock lock(&sink_mu);
  delete sink;
  sink = new_sink
             ? new std::function<void(absl::string_view)>(std::move(new_sink))
             : nullptr;
}

bool ParseLogLevel(absl::string_view name, LogLevel* level) {
  for (LogLevel candidate :
       {LogLevel::kInfo, LogLevel::kWarning, LogLevel::kError}) {
    if (name == LevelName(candidate)) {
      *level = candidate;
      return true;
    }
  }
  return false;
}

bool ParseLogFormat(absl::string_view name, LogFormat* value) {
  if (name == "json") {
    *value = LogFormat::kJson;
  } else if (name == "text") {
    *value = LogFormat::kText;
  } else {
    return false;
  }
  return true;
}

void Log(LogLevel level, absl::string_view message,
         const std::vector<LogField>& fields) {
  if (level < min_level.load()) return;
  const std::string line = Line(level, message, fields);
  absl::MutexLock lock(&sink_mu);
  if (sink != nullptr) {
    (*sink)(line);
    return;
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace govgraph
