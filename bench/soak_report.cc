// SoakReport: the soak's figures as text.
#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/soak_run.h"

namespace govgraph::bench {
namespace {

double Mib(int64_t bytes) { return bytes / 1048576.0; }

std::string RpcTable(const SoakResult& result) {
  std::string out =
      absl::StrFormat("%-22s %9s %7s %8s %9s %9s %9s\n", "rpc", "calls",
                      "errors", "expired", "p50 ms", "p99 ms", "max ms");
  for (const auto& [rpc, s] : result.rpcs) {
    absl::StrAppendFormat(&out, "%-22s %9d %7d %8d %9.2f %9.2f %9.1f\n", rpc,
                          s.calls, s.errors, s.expired, s.p50_ms, s.p99_ms,
                          s.max_ms);
  }
  return out;
}

// About sixty evenly spaced samples.
std::string MemoryLines(const SoakResult& result) {
  const MemoryVerdict& v = result.memory_verdict;
  std::string out = absl::StrFormat(
      "memory: %s\nVmRSS: %.1f MiB at the end of warm-up, %.1f MiB at the "
      "end, peak %.1f MiB; %d samples\n",
      v.summary, Mib(v.warm_rss_bytes), Mib(v.end_rss_bytes),
      Mib(v.peak_rss_bytes), result.memory.size());
  const size_t step = std::max<size_t>(1, result.memory.size() / 60);
  int64_t engine_peak = 0;
  for (size_t i = 0; i < result.memory.size(); ++i) {
    const MemorySample& s = result.memory[i];
    engine_peak = std::max(engine_peak, s.engine_bytes);
    if (i % step != 0 && i + 1 != result.memory.size()) continue;
    absl::StrAppendFormat(&out, "  t=%5.0f s  VmRSS %7.1f MiB", s.seconds,
                          Mib(s.rss_bytes));
    if (s.engine_bytes >= 0) {
      absl::StrAppendFormat(
          &out,
          "  memtables+cache %6.1f MiB (high-water %6.1f)  rest %6.1f MiB",
          Mib(s.engine_bytes), Mib(engine_peak),
          Mib(s.rss_bytes - engine_peak));
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string SoakReport(const SoakResult& result, int clients) {
  std::string out = absl::StrFormat(
      "soak: %d clients, %.1f s, %d calls (%.1f/s), %d errors, %d deliberate "
      "deadline expiries\n",
      clients, result.seconds, result.calls, result.calls_per_second,
      result.errors, result.expired);
  out += RpcTable(result);
  out += MemoryLines(result);
  for (const std::string& e : result.error_samples) {
    absl::StrAppend(&out, "error: ", e, "\n");
  }
  for (const std::string& note : result.consistency_notes) {
    absl::StrAppend(&out, "consistency: ", note, "\n");
  }
  for (const std::string& problem : result.inconsistencies) {
    absl::StrAppend(&out, "INCONSISTENT: ", problem, "\n");
  }
  absl::StrAppend(&out, "soak ", result.passed() ? "passed" : "FAILED", "\n");
  return out;
}

}  // namespace govgraph::bench
