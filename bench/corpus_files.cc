#include "bench/corpus_files.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace govgraph::bench {
namespace fs = std::filesystem;

std::string CorpusDirFromEnv() {
  const char* dir = std::getenv("GOVGRAPH_CORPUS_DIR");
  return dir != nullptr && *dir != '\0' ? dir : kDefaultCorpusDir;
}

size_t CorpusLimitFromEnv() {
  const char* limit = std::getenv("GOVGRAPH_CORPUS_LIMIT");
  size_t n = 0;
  if (limit == nullptr || !absl::SimpleAtoi(limit, &n)) return 0;
  return n;
}

absl::StatusOr<std::vector<std::string>> ListCorpusFiles(const std::string& dir,
                                                         size_t limit) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat("corpus directory ", dir, " not found"));
  }
  std::vector<std::string> paths;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string path = it->path().string();
    if (absl::EndsWith(path, ".txt") && it->is_regular_file(ec)) {
      paths.push_back(path);
    }
  }
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot list ", dir, ": ", ec.message()));
  }
  std::sort(paths.begin(), paths.end());
  if (limit != 0 && paths.size() > limit) paths.resize(limit);
  return paths;
}

absl::StatusOr<std::string> ReadCorpusFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path));
  }
  std::string contents;
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
    contents.append(buffer, n);
  }
  const bool failed = std::ferror(file) != 0;
  std::fclose(file);
  if (failed) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return contents;
}

}  // namespace govgraph::bench
