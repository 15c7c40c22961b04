#include "client/commands/report_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace govgraph::client {
namespace {

namespace fs = std::filesystem;

// Appends the "*.txt" regular files below `dir`, sorted.
absl::Status AddTextFiles(const std::string& dir,
                          std::vector<std::string>* files) {
  std::error_code error;
  std::vector<std::string> found;
  for (fs::recursive_directory_iterator it(dir, error), end;
       !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error) && it->path().extension() == ".txt") {
      found.push_back(it->path().string());
    }
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("cannot list ", dir, ": ", error.message()));
  }
  std::sort(found.begin(), found.end());
  files->insert(files->end(), found.begin(), found.end());
  return absl::OkStatus();
}

// Column name -> index, from a SOURCES.tsv header line.
std::map<std::string, size_t> Columns(absl::string_view header) {
  std::map<std::string, size_t> columns;
  const std::vector<std::string> names = absl::StrSplit(header, '\t');
  for (size_t i = 0; i < names.size(); ++i) {
    columns.emplace(absl::StripAsciiWhitespace(names[i]), i);
  }
  return columns;
}

// Parses SOURCES.tsv `contents` (read from `path`) into rows by file name.
absl::StatusOr<std::map<std::string, SourceInfo>> ParseSources(
    const std::string& path, const std::string& contents) {
  std::vector<absl::string_view> lines =
      absl::StrSplit(contents, '\n', absl::SkipWhitespace());
  std::map<std::string, size_t> columns;
  if (!lines.empty()) columns = Columns(lines[0]);
  if (!columns.count("file") || !columns.count("published")) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, ": the header line must name \"file\" and \"published\""));
  }
  std::map<std::string, SourceInfo> rows;
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> cells = absl::StrSplit(lines[i], '\t');
    auto cell = [&](const std::string& name) -> std::string {
      const auto it = columns.find(name);
      if (it == columns.end() || it->second >= cells.size()) return "";
      return std::string(absl::StripAsciiWhitespace(cells[it->second]));
    };
    SourceInfo info{cell("published"), cell("source")};
    rows.emplace(cell("file"), std::move(info));
  }
  return rows;
}

}  // namespace

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return absl::NotFoundError(absl::StrCat("cannot open ", path));
    in = &file;
  }
  std::ostringstream contents;
  contents << in->rdbuf();
  if (in->bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return contents.str();
}

absl::StatusOr<std::vector<std::string>> CollectReportFiles(
    const std::vector<std::string>& args, bool allow_stdin) {
  std::vector<std::string> files;
  for (const std::string& arg : args) {
    std::error_code error;
    if (arg == "-") {
      if (!allow_stdin) {
        return absl::InvalidArgumentError("- (stdin) is not accepted here");
      }
      files.push_back(arg);
    } else if (fs::is_directory(arg, error)) {
      absl::Status listed = AddTextFiles(arg, &files);
      if (!listed.ok()) return listed;
    } else if (fs::exists(arg, error)) {
      files.push_back(arg);
    } else {
      return absl::NotFoundError(absl::StrCat("no such file: ", arg));
    }
  }
  if (files.empty()) {
    return absl::InvalidArgumentError("no report files (*.txt) found");
  }
  return files;
}

std::string BaseName(absl::string_view path) {
  const size_t slash = path.rfind('/');
  return std::string(slash == absl::string_view::npos ? path
                                                      : path.substr(slash + 1));
}

std::string ReportIdFor(absl::string_view path, absl::string_view prefix) {
  std::string base = BaseName(path);
  const size_t dot = base.rfind('.');
  if (dot != std::string::npos && dot > 0) base.resize(dot);
  return absl::StrCat(prefix, base);
}

absl::StatusOr<SourceInfo> SourcesIndex::Lookup(const std::string& path) {
  if (path == "-") return SourceInfo();
  const std::string dir = fs::path(path).parent_path().string();
  auto it = by_dir_.find(dir);
  if (it == by_dir_.end()) {
    const std::string tsv = (fs::path(dir) / "SOURCES.tsv").string();
    std::error_code error;
    absl::StatusOr<Rows> rows = Rows();
    if (fs::exists(tsv, error)) {
      absl::StatusOr<std::string> contents = ReadInput(tsv);
      rows = contents.ok() ? ParseSources(tsv, *contents)
                           : absl::StatusOr<Rows>(contents.status());
    }
    it = by_dir_.emplace(dir, std::move(rows)).first;
  }
  if (!it->second.ok()) return it->second.status();
  const auto row = it->second->find(BaseName(path));
  return row == it->second->end() ? SourceInfo() : row->second;
}

absl::StatusOr<v1::ReportText> ReadReport(const std::string& path,
                                          const std::string& published,
                                          SourcesIndex* sources) {
  absl::StatusOr<std::string> text = ReadInput(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<SourceInfo> info = sources->Lookup(path);
  if (!info.ok()) return info.status();
  v1::ReportText report;
  report.set_text(*std::move(text));
  report.set_published_date(published.empty() ? info->published : published);
  report.set_source_url(info->source_url);
  return report;
}

}  // namespace govgraph::client
