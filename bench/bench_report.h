// The harness's external-client result file (../shared/bench/README.md,
// "Result files"): what govgraph-bench measured, in the shape report.js
// reads, and the check of its digests against a reference engine's file.
#ifndef GOVGRAPH_BENCH_BENCH_REPORT_H_
#define GOVGRAPH_BENCH_BENCH_REPORT_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace govgraph::bench {

struct InstanceResult {
  int index = 0;  // Into queries.json's Qn.measure.
  double ms = 0;
  int64_t rows = 0;
  std::string digest;   // Empty on failure.
  std::string first;    // JSON of the first row, for diagnosis.
  std::string timeout;  // Set if the deadline passed.
  std::string error;    // Set on another failure.
};

struct QueryTypeResult {
  int planned = 0;
  bool truncated = false;  // The type's time budget ran out.
  double warmup_s = 0;
  std::vector<InstanceResult> instances;
};

struct BenchResult {
  std::string version;
  double scale = 1;
  std::string data_dir;
  double load_seconds = 0;  // 0: not imported by this run.
  double size_mb = 0;
  int64_t nodes = 0;
  int64_t edges = 0;
  std::map<std::string, QueryTypeResult> queries;  // By "Q1" ...
};

// The result file's JSON (host figures read from /proc).
std::string ResultJson(const BenchResult& result);

// Compares every digest of `result` with the file `reference_path` (a
// harness result, e.g. reference/s1/memory.json), instance by instance.
// Returns the mismatches, one line each (empty: all equal); failed
// instances count as mismatches. kInvalidArgument if the file
// cannot be read or parsed.
absl::StatusOr<std::vector<std::string>> CheckDigests(
    const BenchResult& result, const std::string& reference_path);

// Nearest-rank percentile `p` (0-100) of `sorted`; 0 if empty.
double Percentile(const std::vector<double>& sorted, double p);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_BENCH_REPORT_H_
