// The article corpus read by the benchmarks and the corpus sweep: a directory
// of UTF-8 text files, one article each, title on the first line (see
// shared/corpus/README.md). Files are listed in name order so that runs over
// the same directory see the same articles in the same order.
#ifndef GOVGRAPH_BENCH_CORPUS_FILES_H_
#define GOVGRAPH_BENCH_CORPUS_FILES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace govgraph::bench {

// Where the corpus is unpacked by default.
inline constexpr const char* kDefaultCorpusDir = "/tmp/vn-news-2017";

// Env GOVGRAPH_CORPUS_DIR if set and non-empty, else kDefaultCorpusDir.
std::string CorpusDirFromEnv();

// Env GOVGRAPH_CORPUS_LIMIT as a file count; 0 (no limit) when unset or not
// a positive number.
size_t CorpusLimitFromEnv();

// Paths of the regular "*.txt" files directly in `dir`, sorted by name, the
// first `limit` of them (0: all). kNotFound if `dir` is not a directory;
// kUnavailable if it cannot be read.
absl::StatusOr<std::vector<std::string>> ListCorpusFiles(const std::string& dir,
                                                         size_t limit);

// The bytes of the file at `path`. kNotFound if it cannot be opened,
// kDataLoss if reading fails part way.
absl::StatusOr<std::string> ReadCorpusFile(const std::string& path);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_CORPUS_FILES_H_
