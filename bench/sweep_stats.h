// The tallies of a corpus sweep (bench/corpus_sweep.cc) and their two
// printed forms: a text report for people and one JSON object for scripts.
// Precision signals are per file: how many files yield each kind of fact,
// and in how many files each person or organisation name was extracted.
#ifndef GOVGRAPH_BENCH_SWEEP_STATS_H_
#define GOVGRAPH_BENCH_SWEEP_STATS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "server/extract/extraction.h"

namespace govgraph::bench {

// How many failing files SweepStats keeps as examples.
inline constexpr size_t kMaxErrorExamples = 10;

// Counts of each kind of extracted fact.
struct KindCounts {
  size_t persons = 0;
  size_t organizations = 0;
  size_t meetings = 0;
  size_t directives = 0;
};

// A file that failed, and why.
struct FileError {
  std::string file;
  absl::Status status;
};

// What a sweep saw, accumulated file by file. Not thread-safe.
struct SweepStats {
  size_t files = 0;
  uint64_t bytes = 0;
  double extract_seconds = 0;  // Inside Extract only.
  double wall_seconds = 0;     // Reading files included.
  std::string slowest_file;
  double slowest_seconds = 0;
  std::map<absl::StatusCode, size_t> errors;
  std::vector<FileError> error_examples;  // The first kMaxErrorExamples.
  KindCounts files_with;                  // Files yielding >= 1 of a kind.
  KindCounts totals;
  // Name -> number of files it was extracted from.
  absl::flat_hash_map<std::string, size_t> person_files;
  absl::flat_hash_map<std::string, size_t> organization_files;
};

// Adds the facts of one file's extraction to `stats`.
void RecordExtraction(const extract::Extraction& x, SweepStats* stats);

// Counts a file whose extraction (or reading) failed with `status`.
void RecordError(const std::string& file, absl::Status status,
                 SweepStats* stats);

// Prints `stats` of a sweep over `dir` to stdout, listing the `top` most
// frequent person and organisation names.
void PrintSweepText(const std::string& dir, size_t top,
                    const SweepStats& stats);
void PrintSweepJson(const std::string& dir, size_t top,
                    const SweepStats& stats);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_SWEEP_STATS_H_
