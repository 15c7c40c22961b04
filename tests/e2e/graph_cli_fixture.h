// Helpers for the end-to-end tests that build a graph from report texts
// and then query or curate it through the CLI: JSON-returning runs, error
// checks, name look-ups and snapshots of entities to compare states.
#ifndef GOVGRAPH_TESTS_E2E_GRAPH_CLI_FIXTURE_H_
#define GOVGRAPH_TESTS_E2E_GRAPH_CLI_FIXTURE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"

namespace govgraph::e2e {

// Test reports written for these tests, each directory with a SOURCES.tsv.
inline constexpr char kIdentityDir[] = GOVGRAPH_E2E_IDENTITY_DIR;
inline constexpr char kMandatesDir[] = GOVGRAPH_E2E_MANDATES_DIR;
// Hand-written facts (IngestFactsRequest JSON), one file per report.
inline constexpr char kMeetingsDir[] = GOVGRAPH_E2E_MEETINGS_DIR;
// shared/eval/dev: the project's development reports; may be missing.
inline constexpr char kDevDir[] = GOVGRAPH_DEV_REPORTS_DIR;

// Ids in kMeetingsDir's facts (Bình Định), as the paths and subgraph tests
// query them.
inline constexpr char kXuan[] = "p-phan-van-xuan";
inline constexpr char kYen[] = "p-vu-thi-yen";
inline constexpr char kTrung[] = "p-do-minh-trung";
inline constexpr char kSo[] = "o-so-tai-chinh-binh-dinh";
inline constexpr char kUbnd[] = "o-ubnd-binh-dinh";
inline constexpr char kHoiNghi[] = "m-bd-hoi-nghi-2024-01-05";
inline constexpr char kLamViec[] = "m-bd-lam-viec-2024-02-10";

// The ids of `path`'s nodes, source first.
inline std::vector<std::string> NodeIds(const v1::Path& path) {
  std::vector<std::string> ids;
  for (const v1::Entity& node : path.nodes()) ids.push_back(node.id());
  return ids;
}

// What a test remembers of some entities: per "get ID" and "relations ID",
// the CLI's JSON output, or "NOT_FOUND".
using Snapshot = std::map<std::string, std::string>;

class GraphE2eTest : public CliE2eTest {
 protected:
  // `govgraph --json args...`; records a failure unless it exits 0.
  // Returns stdout.
  std::string Json(std::vector<std::string> args) {
    args.push_back("--json");
    const ProcessResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0)
        << absl::StrJoin(args, " ") << ": " << result.err;
    return result.out;
  }

  // Runs `args`; expects exit 1 and "error: CODE: " on stderr.
  void ExpectRpcError(const std::vector<std::string>& args,
                      const std::string& code) {
    const ProcessResult result = Run(args);
    EXPECT_EQ(result.exit_code, 1) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, ::testing::HasSubstr("error: " + code + ": "))
        << absl::StrJoin(args, " ");
  }

  // Runs `args`; expects exit 2 (usage error, nothing sent).
  void ExpectUsageError(const std::vector<std::string>& args) {
    const ProcessResult result = Run(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, ::testing::HasSubstr("error: "))
        << absl::StrJoin(args, " ");
  }

  // `govgraph args... --all --json`: every page, parsed.
  template <typename Response>
  std::vector<Response> Pages(std::vector<std::string> args) {
    args.push_back("--all");
    std::vector<Response> pages;
    for (const std::string& line : Lines(Json(args))) {
      pages.push_back(ParseJson<Response>(line));
    }
    return pages;
  }

  // `govgraph --json ingest paths...`: the summary; expects exit 0.
  google::protobuf::Struct IngestPaths(std::vector<std::string> paths) {
    paths.insert(paths.begin(), "ingest");
    google::protobuf::Struct summary;
    const auto status =
        google::protobuf::util::JsonStringToMessage(Json(paths), &summary);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return summary;
  }

  // A number in an ingest summary; -1 if missing.
  static int64_t Count(const google::protobuf::Struct& summary,
                       const std::string& key) {
    const auto it = summary.fields().find(key);
    if (it == summary.fields().end()) return -1;
    return static_cast<int64_t>(it->second.number_value());
  }

  // `govgraph ingest-facts` of each of `dir`/`files`; expects each to be
  // written.
  void IngestFactFiles(const std::string& dir,
                       const std::vector<std::string>& files) {
    for (const std::string& file : files) {
      const auto written = ParseJson<v1::IngestFactsResponse>(
          Json({"ingest-facts", absl::StrCat(dir, "/", file)}));
      EXPECT_GT(written.relations_written(), 0) << file;
    }
  }

  v1::Entity Get(const std::string& id) {
    return ParseJson<v1::Entity>(Json({"get", id}));
  }

  // Stats without disk_bytes, which compaction changes.
  v1::GetStatsResponse Counts() {
    v1::GetStatsResponse stats = Stats();
    stats.clear_disk_bytes();
    return stats;
  }

  // The ids `search QUERY --kind=KIND` finds (first page of up to 100).
  std::vector<std::string> SearchIds(const std::string& query,
                                     const std::string& kind) {
    const auto found = ParseJson<v1::SearchEntitiesResponse>(
        Json({"search", query, "--kind=" + kind, "--page_size=100"}));
    std::vector<std::string> ids;
    for (const v1::Entity& entity : found.entities()) {
      ids.push_back(entity.id());
    }
    return ids;
  }

  // The one entity of `kind` that `query` finds; "" (and a failure) if it
  // finds none or several.
  std::string FindOne(const std::string& query, const std::string& kind) {
    const std::vector<std::string> ids = SearchIds(query, kind);
    EXPECT_EQ(ids.size(), 1u)
        << "search " << query << ": " << absl::StrJoin(ids, ", ");
    return ids.size() == 1 ? ids[0] : "";
  }

  // get and relations --all of each id, as JSON text (or NOT_FOUND).
  Snapshot Take(const std::vector<std::string>& ids) {
    Snapshot snapshot;
    for (const std::string& id : ids) {
      for (const char* command : {"get", "relations"}) {
        std::vector<std::string> args = {command, id, "--json"};
        if (absl::string_view(command) == "relations") args.push_back("--all");
        const ProcessResult result = Run(args);
        std::string& value = snapshot[absl::StrCat(command, " ", id)];
        value = result.exit_code == 0 ? result.out : result.err;
        if (absl::StrContains(result.err, "error: NOT_FOUND: ")) {
          value = "NOT_FOUND";
        }
      }
    }
    return snapshot;
  }

  // Expects `after` to hold exactly `before`'s keys and texts; a failure
  // names the fields that differ.
  static void ExpectSame(const Snapshot& before, const Snapshot& after) {
    ASSERT_EQ(before.size(), after.size());
    for (const auto& [key, text] : before) {
      const auto it = after.find(key);
      ASSERT_NE(it, after.end()) << key;
      EXPECT_TRUE(text == it->second) << key << " changed:\n"
                                      << JsonDiff(text, it->second);
    }
  }

  // What differs between two texts of JSON lines, field by field.
  static std::string JsonDiff(const std::string& before,
                              const std::string& after) {
    const std::vector<std::string> old_lines = Lines(before);
    const std::vector<std::string> new_lines = Lines(after);
    if (old_lines.size() != new_lines.size()) {
      return absl::StrCat(before, "\nbecame\n", after);
    }
    std::string report;
    for (size_t i = 0; i < old_lines.size(); ++i) {
      google::protobuf::Struct a;
      google::protobuf::Struct b;
      if (!google::protobuf::util::JsonStringToMessage(old_lines[i], &a).ok() ||
          !google::protobuf::util::JsonStringToMessage(new_lines[i], &b).ok()) {
        absl::StrAppend(&report, old_lines[i], "\nbecame\n", new_lines[i]);
        continue;
      }
      google::protobuf::util::MessageDifferencer differencer;
      differencer.ReportDifferencesToString(&report);
      differencer.Compare(a, b);
    }
    return report;
  }
};

}  // namespace govgraph::e2e

#endif  // GOVGRAPH_TESTS_E2E_GRAPH_CLI_FIXTURE_H_
