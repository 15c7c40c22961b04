#include "server/common/logging.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

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

// `text` as a JSON string, quotes included. Bytes of 0x80 and above pass
// through: logged text is UTF-8.
std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
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
                   "\",\"msg\":", JsonString(message));
  for (const auto& [key, value] : fields) {
    absl::StrAppend(&line, ",", JsonString(key), ":", JsonString(value));
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
