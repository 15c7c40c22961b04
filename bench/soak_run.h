// A bounded load and soak test of a running server: many clients at once,
// each a thread with its own channel, mixing ingest (IngestReport,
// IngestReports, IngestFacts, re-ingests, deletes) with every query of the
// API for a given time, while the server's resident memory is sampled once
// a second. At the end the graph is checked for consistency.
//
// The graph stays bounded so that "memory flat" means something while
// writes go on: each report text is ingested once as a base report that is
// never deleted (it pins the persons, organisations, meetings and
// directives the queries ask about), and each client keeps at most
// `live_reports_per_client` reports of its own, deleting the oldest when it
// writes a new one. After the first few seconds the graph's size only
// oscillates; RocksDB still writes (memtables fill and flush, compactions
// run), which is what a long-running server does.
#ifndef GOVGRAPH_BENCH_SOAK_RUN_H_
#define GOVGRAPH_BENCH_SOAK_RUN_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace govgraph::bench {

// One report text to ingest (ReportText's fields).
struct SoakText {
  std::string text;
  std::string published_date;  // YYYY-MM-DD; may be empty.
};

struct SoakOptions {
  std::string addr;  // host:port of the server. Required.
  // The texts every ingest picks from. At least one is required; a few
  // with persons, organisations and meetings make the queries useful.
  std::vector<SoakText> texts;
  int clients = 16;
  absl::Duration duration = absl::Minutes(1);
  // Deadline of every call but the deliberately short ones.
  absl::Duration timeout = absl::Seconds(10);
  // Every `short_deadline_every`-th query a client makes has the deadline
  // `short_deadline` instead: DEADLINE_EXCEEDED is then a deliberate
  // expiry, counted apart; OK is fine too. 0: never.
  int short_deadline_every = 20;
  absl::Duration short_deadline = absl::Microseconds(300);
  // Own reports a client keeps before deleting its oldest.
  int live_reports_per_client = 6;
  // Distinguishes this run's report ids from earlier runs on the same
  // server ("soak-RUN-..."). Empty: derived from the start time.
  std::string run_id;
  // The server's process id, for its VmRSS (/proc/PID/status): the same
  // machine only. 0: no memory samples.
  pid_t server_pid = 0;
  // host:port of the server's Prometheus endpoint (--metrics_listen), for
  // its memtable and block cache sizes. Empty: not sampled.
  std::string metrics_addr;
  // The memory criterion (see MemoryVerdict): the first `warmup_fraction`
  // of the run is warm-up; after it, the peak of the later half may exceed
  // the peak of the earlier half by at most max(`rss_tolerance` of it,
  // `rss_slack_bytes`). The slack covers what still settles after a minute
  // (table readers of new SST files, allocator arenas: about 6 MiB in the
  // 60-second run); a leak of 16 MiB per half (in the default 60-second
  // run, about 2 KB per call at 450 calls/s) fails.
  double warmup_fraction = 1.0 / 3;
  double rss_tolerance = 0.05;
  int64_t rss_slack_bytes = 16 << 20;
};

// What the clients saw of one RPC (or one kind of call, e.g.
// "IngestReport(again)", a re-ingest, or "GetEntity(report)").
struct SoakRpcStats {
  int64_t calls = 0;    // Every call, deliberate expiries included.
  int64_t errors = 0;   // Non-OK statuses and wrong answers.
  int64_t expired = 0;  // Deliberate expiries (short deadline).
  double p50_ms = 0;    // Over the calls with the normal deadline.
  double p99_ms = 0;
  double max_ms = 0;
};

// One memory sample, `seconds` after the start.
struct MemorySample {
  double seconds = 0;
  int64_t rss_bytes = 0;
  // RocksDB memtables plus block cache usage; -1 when not sampled.
  int64_t engine_bytes = -1;
};

// Whether memory stayed flat after warm-up. The calls go on at a steady
// rate on a graph of bounded size, so memory that grows with the number of
// calls (a leak) makes the later half's peak exceed the earlier half's.
// Warm-up (thread pools, malloc arenas, caches filling) is left out. The
// judged `bytes` are VmRSS less the high-water mark (so far in the run) of
// the engine's capped pools, memtables plus block cache, when those were
// sampled; VmRSS otherwise. The pools grow up to their caps (memtables
// until a flush empties them, the block cache up to 256 MiB), which is not a
// leak, and the memory of a flushed memtable stays with the allocator for
// the next one, so the high-water mark, not the current size, is what they
// hold of VmRSS. Without subtracting them, a run shorter than the
// memtables' fill time could not tell a leak from a memtable filling.
struct MemoryVerdict {
  bool sampled = false;  // Enough samples after warm-up to judge.
  bool flat = true;
  bool engine_subtracted = false;
  int64_t warm_rss_bytes = 0;    // VmRSS at the end of warm-up.
  int64_t end_rss_bytes = 0;     // The last VmRSS sample.
  int64_t peak_rss_bytes = 0;    // Over the whole run.
  int64_t early_peak_bytes = 0;  // Peak of `bytes`, earlier half.
  int64_t late_peak_bytes = 0;   // Peak of `bytes`, later half.
  int64_t allowed_growth_bytes = 0;
  std::string summary;  // One line for people.
};

struct SoakResult {
  double seconds = 0;
  int64_t calls = 0;
  int64_t errors = 0;
  int64_t expired = 0;
  double calls_per_second = 0;
  std::map<std::string, SoakRpcStats> rpcs;
  // The first errors seen ("Rpc: CODE: message"), at most a few dozen.
  std::vector<std::string> error_samples;
  std::vector<MemorySample> memory;
  MemoryVerdict memory_verdict;
  // The end-of-run consistency check: empty when the graph is consistent,
  // else one line per problem found.
  std::vector<std::string> inconsistencies;
  std::vector<std::string> consistency_notes;  // What was checked, counts.

  // No errors, memory flat and the graph consistent.
  bool passed() const {
    return errors == 0 && memory_verdict.flat && inconsistencies.empty();
  }
};

// The "*.txt" files directly in each of `dirs`, in order, each dated the
// 15th of a month of 2024 (January, February ... by position). kNotFound if
// a directory is missing or none holds a text.
absl::StatusOr<std::vector<SoakText>> ReadSoakTexts(
    const std::vector<std::string>& dirs);

// Runs the soak described by `options` and checks the graph afterwards.
// The consistency check's report count assumes nobody else writes to the
// server meanwhile. Returns kInvalidArgument for bad options, or the status
// of a setup call that failed (the base ingest): the run's own errors are
// in the result, not the status.
absl::StatusOr<SoakResult> RunSoak(const SoakOptions& options);

// The result as text for a log: totals, a table of the RPCs, the memory
// verdict and samples summary, errors and consistency lines.
std::string SoakReport(const SoakResult& result, int clients);

// Judges `samples` of a run of `run_seconds` as described in SoakOptions
// and MemoryVerdict.
MemoryVerdict JudgeMemory(const std::vector<MemorySample>& samples,
                          double run_seconds, const SoakOptions& options);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_SOAK_RUN_H_
