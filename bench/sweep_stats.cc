#include "bench/sweep_stats.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/extract/extractor.h"

namespace govgraph::bench {
namespace {

using extract::Extraction;

template <typename T, typename GetName>
void CountNames(const std::vector<T>& items, GetName get_name,
                absl::flat_hash_map<std::string, size_t>* files) {
  std::set<absl::string_view> names;
  for (const T& item : items) names.insert(get_name(item));
  for (absl::string_view name : names) ++(*files)[name];
}

// The `n` most frequent names, most frequent first, ties by name.
std::vector<std::pair<std::string, size_t>> TopNames(
    const absl::flat_hash_map<std::string, size_t>& counts, size_t n) {
  std::vector<std::pair<std::string, size_t>> top(counts.begin(), counts.end());
  std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (top.size() > n) top.resize(n);
  return top;
}

double MegabytesPerSecond(const SweepStats& stats) {
  if (stats.extract_seconds <= 0) return 0;
  return static_cast<double>(stats.bytes) / 1e6 / stats.extract_seconds;
}

double Percent(size_t part, size_t whole) {
  if (whole == 0) return 0;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

void PrintTop(const char* title,
              const absl::flat_hash_map<std::string, size_t>& counts,
              size_t top) {
  std::printf("top %zu %s (files):\n", top, title);
  for (const auto& [name, files] : TopNames(counts, top)) {
    std::printf("  %6zu  %s\n", files, name.c_str());
  }
}

// `text` as a JSON string literal.
std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      absl::StrAppend(&out, "\\", absl::string_view(&c, 1));
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\u%04x", c);
      out += escape;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string JsonKinds(const KindCounts& k) {
  return absl::StrCat(
      "{\"persons\":", k.persons, ",\"organizations\":", k.organizations,
      ",\"meetings\":", k.meetings, ",\"directives\":", k.directives, "}");
}

std::string JsonTop(const absl::flat_hash_map<std::string, size_t>& counts,
                    size_t top) {
  std::string out = "[";
  for (const auto& [name, files] : TopNames(counts, top)) {
    absl::StrAppend(&out, out.size() > 1 ? "," : "",
                    "{\"name\":", JsonString(name), ",\"files\":", files, "}");
  }
  return out + "]";
}

std::string JsonErrors(const SweepStats& s) {
  std::string counts = "{";
  for (const auto& [code, n] : s.errors) {
    absl::StrAppend(&counts, counts.size() > 1 ? "," : "",
                    JsonString(absl::StatusCodeToString(code)), ":", n);
  }
  std::string examples = "[";
  for (const FileError& e : s.error_examples) {
    absl::StrAppend(&examples, examples.size() > 1 ? "," : "",
                    "{\"file\":", JsonString(e.file), ",\"code\":",
                    JsonString(absl::StatusCodeToString(e.status.code())),
                    ",\"message\":", JsonString(e.status.message()), "}");
  }
  return absl::StrCat("\"errors\":", counts, "},\"error_examples\":", examples,
                      "]");
}

}  // namespace

void RecordExtraction(const Extraction& x, SweepStats* stats) {
  stats->totals.persons += x.persons.size();
  stats->totals.organizations += x.organizations.size();
  stats->totals.meetings += x.meetings.size();
  stats->totals.directives += x.directives.size();
  stats->files_with.persons += !x.persons.empty();
  stats->files_with.organizations += !x.organizations.empty();
  stats->files_with.meetings += !x.meetings.empty();
  stats->files_with.directives += !x.directives.empty();
  CountNames(
      x.persons, [](const auto& p) -> absl::string_view { return p.name; },
      &stats->person_files);
  CountNames(
      x.organizations,
      [](const auto& o) -> absl::string_view { return o.name; },
      &stats->organization_files);
}

void RecordError(const std::string& file, absl::Status status,
                 SweepStats* stats) {
  ++stats->errors[status.code()];
  if (stats->error_examples.size() < kMaxErrorExamples) {
    stats->error_examples.push_back(FileError{file, std::move(status)});
  }
}

void PrintSweepText(const std::string& dir, size_t top, const SweepStats& s) {
  std::printf("corpus sweep of %s (%s)\n", dir.c_str(),
              extract::kExtractorVersion);
  std::printf("files        %zu\n", s.files);
  std::printf("bytes        %llu (%.1f MB)\n",
              static_cast<unsigned long long>(s.bytes),
              static_cast<double>(s.bytes) / 1e6);
  std::printf("seconds      %.3f extracting, %.3f with reading\n",
              s.extract_seconds, s.wall_seconds);
  std::printf("throughput   %.2f MB/s (extraction only; MB = 10^6 bytes)\n",
              MegabytesPerSecond(s));
  std::printf("slowest      %s %.6f s\n", s.slowest_file.c_str(),
              s.slowest_seconds);
  size_t errors = 0;
  for (const auto& [code, n] : s.errors) errors += n;
  std::printf("errors       %zu\n", errors);
  for (const auto& [code, n] : s.errors) {
    std::printf("  %-20s %zu\n", absl::StatusCodeToString(code).c_str(), n);
  }
  for (const FileError& e : s.error_examples) {
    std::printf("  e.g. %s: %s\n", e.file.c_str(), e.status.ToString().c_str());
  }
  const KindCounts& w = s.files_with;
  const KindCounts& t = s.totals;
  std::printf("files with >= 1 (share of files; total extracted):\n");
  std::printf("  person       %6zu (%5.1f%%; %zu)\n", w.persons,
              Percent(w.persons, s.files), t.persons);
  std::printf("  organization %6zu (%5.1f%%; %zu)\n", w.organizations,
              Percent(w.organizations, s.files), t.organizations);
  std::printf("  meeting      %6zu (%5.1f%%; %zu)\n", w.meetings,
              Percent(w.meetings, s.files), t.meetings);
  std::printf("  directive    %6zu (%5.1f%%; %zu)\n", w.directives,
              Percent(w.directives, s.files), t.directives);
  PrintTop("persons", s.person_files, top);
  PrintTop("organizations", s.organization_files, top);
}

void PrintSweepJson(const std::string& dir, size_t top, const SweepStats& s) {
  const std::string json = absl::StrCat(
      "{\"dir\":", JsonString(dir),
      ",\"extractor_version\":", JsonString(extract::kExtractorVersion),
      ",\"files\":", s.files, ",\"bytes\":", s.bytes,
      ",\"extract_seconds\":", s.extract_seconds,
      ",\"wall_seconds\":", s.wall_seconds,
      ",\"mb_per_second\":", MegabytesPerSecond(s),
      ",\"slowest\":{\"file\":", JsonString(s.slowest_file),
      ",\"seconds\":", s.slowest_seconds, "},", JsonErrors(s),
      ",\"files_with\":", JsonKinds(s.files_with),
      ",\"totals\":", JsonKinds(s.totals),
      ",\"top_persons\":", JsonTop(s.person_files, top),
      ",\"top_organizations\":", JsonTop(s.organization_files, top), "}\n");
  std::fputs(json.c_str(), stdout);
}

}  // namespace govgraph::bench
