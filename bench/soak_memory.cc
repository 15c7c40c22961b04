#include "bench/soak_memory.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "bench/soak_run.h"

namespace govgraph::bench {
namespace {

// The body of GET /metrics from `addr`, or "" on any failure.
std::string HttpGetMetrics(const std::string& addr, absl::Duration timeout) {
  std::pair<std::string, std::string> host_port =
      absl::StrSplit(addr, absl::MaxSplits(':', 1));
  sockaddr_in peer{};
  peer.sin_family = AF_INET;
  int port = 0;
  if (!absl::SimpleAtoi(host_port.second, &port) ||
      inet_pton(AF_INET, host_port.first.c_str(), &peer.sin_addr) != 1) {
    return "";
  }
  peer.sin_port = htons(static_cast<uint16_t>(port));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  const timeval tv = absl::ToTimeval(timeout);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&peer), sizeof(peer)) == 0) {
    const std::string request = "GET /metrics HTTP/1.0\r\n\r\n";
    if (write(fd, request.data(), request.size()) ==
        static_cast<ssize_t>(request.size())) {
      char buffer[16384];
      ssize_t n;
      while ((n = read(fd, buffer, sizeof(buffer))) > 0)
        response.append(buffer, n);
    }
  }
  close(fd);
  return response;
}

// The value of the sample line "`name` VALUE" in `text`, or -1.
int64_t Gauge(const std::string& text, absl::string_view name) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!absl::ConsumePrefix(&line, name) || !absl::ConsumePrefix(&line, " ")) {
      continue;
    }
    double value = 0;
    if (absl::SimpleAtod(absl::StripAsciiWhitespace(line), &value)) {
      return static_cast<int64_t>(value);
    }
  }
  return -1;
}

std::string Mib(int64_t bytes) {
  return absl::StrFormat("%.1f MiB", bytes / 1048576.0);
}

}  // namespace

absl::StatusOr<int64_t> ReadRssBytes(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "VmRSS:")) continue;
    rest = absl::StripSuffix(absl::StripAsciiWhitespace(rest), " kB");
    int64_t kib = 0;
    if (absl::SimpleAtoi(rest, &kib)) return kib * 1024;
  }
  return absl::NotFoundError(absl::StrCat("no VmRSS for process ", pid));
}

absl::StatusOr<int64_t> ScrapeEngineBytes(const std::string& addr,
                                          absl::Duration timeout) {
  const std::string text = HttpGetMetrics(addr, timeout);
  if (text.empty()) {
    return absl::UnavailableError(
        absl::StrCat("cannot read http://", addr, "/metrics"));
  }
  const int64_t memtables = Gauge(text, "govgraph_rocksdb_memtable_bytes");
  const int64_t cache = Gauge(text, "govgraph_rocksdb_block_cache_usage_bytes");
  if (memtables < 0 || cache < 0) {
    return absl::NotFoundError("no RocksDB memtable or block cache gauge");
  }
  return memtables + cache;
}

MemoryVerdict JudgeMemory(const std::vector<MemorySample>& samples,
                          double run_seconds, const SoakOptions& options) {
  MemoryVerdict verdict;
  std::vector<MemorySample> after;
  for (const MemorySample& s : samples) {
    verdict.peak_rss_bytes = std::max(verdict.peak_rss_bytes, s.rss_bytes);
    if (s.seconds >= options.warmup_fraction * run_seconds) after.push_back(s);
  }
  if (after.size() < 4) {
    verdict.summary = "too few memory samples after warm-up to judge";
    return verdict;
  }
  verdict.sampled = true;
  verdict.engine_subtracted =
      std::all_of(after.begin(), after.end(),
                  [](const MemorySample& s) { return s.engine_bytes >= 0; });
  verdict.warm_rss_bytes = after.front().rss_bytes;
  verdict.end_rss_bytes = after.back().rss_bytes;
  // The pools' high-water mark over the whole run, warm-up included.
  int64_t engine_peak = 0;
  const size_t half = after.size() / 2;
  size_t next = 0;  // Into `after`.
  for (const MemorySample& s : samples) {
    engine_peak = std::max(engine_peak, s.engine_bytes);
    if (next == after.size() || s.seconds < after[next].seconds) continue;
    const int64_t bytes =
        s.rss_bytes - (verdict.engine_subtracted ? engine_peak : 0);
    int64_t& peak =
        next < half ? verdict.early_peak_bytes : verdict.late_peak_bytes;
    peak = std::max(peak, bytes);
    ++next;
  }
  verdict.allowed_growth_bytes = std::max(
      static_cast<int64_t>(options.rss_tolerance * verdict.early_peak_bytes),
      options.rss_slack_bytes);
  const int64_t growth = verdict.late_peak_bytes - verdict.early_peak_bytes;
  verdict.flat = growth <= verdict.allowed_growth_bytes;
  verdict.summary = absl::StrCat(
      verdict.flat ? "flat" : "GROWING", ": peak of ",
      verdict.engine_subtracted
          ? "VmRSS less the high-water mark of memtables + block cache"
          : "VmRSS",
      " after warm-up ", Mib(verdict.early_peak_bytes), " (earlier half), ",
      Mib(verdict.late_peak_bytes), " (later half); growth ", Mib(growth),
      ", allowed ", Mib(verdict.allowed_growth_bytes));
  return verdict;
}

}  // namespace govgraph::bench
