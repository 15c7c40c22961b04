// The report files `govgraph extract` and `govgraph ingest` read: which
// files an argument list names, their contents, and the publication date
// that a SOURCES.tsv next to them gives (how shared/eval/dev dates its
// reports).
#ifndef GOVGRAPH_CLIENT_COMMANDS_REPORT_FILES_H_
#define GOVGRAPH_CLIENT_COMMANDS_REPORT_FILES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "govgraph/v1/knowledge_graph.pb.h"

namespace govgraph::client {

// Returns the whole of `path`, or of stdin for "-"; kNotFound if the file
// cannot be opened, kDataLoss if reading fails.
absl::StatusOr<std::string> ReadInput(const std::string& path);

// The files `args` name, in order: a file as given ("-" too, when
// `allow_stdin`), a directory as every "*.txt" file below it, recursively,
// sorted by path. kNotFound for a path that does not exist,
// kInvalidArgument for "-" when not allowed or when no file results.
absl::StatusOr<std::vector<std::string>> CollectReportFiles(
    const std::vector<std::string>& args, bool allow_stdin);

// "dir/vn-001.txt" -> "vn-001.txt"; "-" -> "-".
std::string BaseName(absl::string_view path);

// `prefix` + BaseName(path) without its last extension: "vn-001".
std::string ReportIdFor(absl::string_view path, absl::string_view prefix);

// What a SOURCES.tsv row says about one file.
struct SourceInfo {
  std::string published;  // YYYY-MM-DD as written; may be empty.
  // The "source" column: a URL or another source reference (e.g.
  // "github:owner/repo@commit:path"); the extractor reads the report's
  // place from it when the text names none.
  std::string source_url;
};

// Reads the SOURCES.tsv of each directory once. A SOURCES.tsv is
// tab-separated with a header line naming its columns, among them "file"
// (a base name) and "published" (optionally "source"). Not thread-safe.
class SourcesIndex {
 public:
  // The row of BaseName(path) in the SOURCES.tsv of path's directory; an
  // empty SourceInfo if there is no such file or row (or for "-").
  // kInvalidArgument if the SOURCES.tsv has no "file" and "published"
  // columns.
  absl::StatusOr<SourceInfo> Lookup(const std::string& path);

 private:
  using Rows = std::map<std::string, SourceInfo>;
  std::map<std::string, absl::StatusOr<Rows>> by_dir_;
};

// Reads the report at `path` ("-": stdin). Its published date is
// `published` if not empty, else the one `sources` gives.
absl::StatusOr<v1::ReportText> ReadReport(const std::string& path,
                                          const std::string& published,
                                          SourcesIndex* sources);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_REPORT_FILES_H_
