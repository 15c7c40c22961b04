// End-to-end tests over the project's development reports (shared/eval/dev,
// skipped when absent): ingesting them again changes nothing, and deleting
// one report takes away exactly what only it said. Expectations come from
// the data (what the extractor found), not from fixed counts, so the tests
// hold as the extractor improves.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/graph_cli_fixture.h"
#include "tests/e2e/test_server.h"

namespace govgraph::e2e {
namespace {

namespace fs = std::filesystem;

using ::testing::Contains;
using ::testing::Not;

// The report files of kDevDir, sorted.
std::vector<fs::path> DevReports() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kDevDir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool IsPersonOrOrganization(v1::EntityKind kind) {
  return kind == v1::PERSON || kind == v1::ORGANIZATION;
}

// The entities a report mentions, with their kinds.
using Mentions = std::map<std::string, v1::EntityKind>;

class DevCorpusE2eTest : public GraphE2eTest {
 protected:
  void SetUp() override {
    if (!fs::is_directory(kDevDir)) {
      GTEST_SKIP() << kDevDir << " is missing";
    }
    GraphE2eTest::SetUp();
  }

  // The entities with a MENTIONED_IN relation to `report_id`.
  Mentions MentionsOf(const std::string& report_id) {
    Mentions mentions;
    for (const v1::RelationView& view : Relations(
             {report_id, "--type=MENTIONED_IN", "--direction=in", "--all"})) {
      mentions.emplace(view.other().id(), view.other().kind());
    }
    return mentions;
  }

  // Among the dev reports (all ingested), the first one that mentions a
  // person or organisation no other report mentions and one that another
  // report mentions too: the report whose deletion says most. Sets
  // `*mentions` to what it mentions; "" if there is none.
  std::string ChooseReport(Mentions* mentions) {
    std::map<std::string, Mentions> by_report;
    std::map<std::string, int> reports_of;  // Entity id -> report count.
    for (const fs::path& file : DevReports()) {
      const std::string id = file.stem().string();
      by_report[id] = MentionsOf(id);
      for (const auto& [entity, kind] : by_report[id]) ++reports_of[entity];
    }
    for (const auto& [report, entities] : by_report) {
      bool unique = false;
      bool shared = false;
      for (const auto& [entity, kind] : entities) {
        if (!IsPersonOrOrganization(kind)) continue;
        (reports_of[entity] == 1 ? unique : shared) = true;
      }
      if (unique && shared) {
        *mentions = entities;
        return report;
      }
    }
    return "";
  }

  // Replaces server_ by a fresh one on an empty data directory.
  void RestartEmpty() {
    server_.reset();
    absl::StatusOr<std::unique_ptr<TestServer>> server = TestServer::Start(
        {kServerBinary, dir_ + "/data-fresh", dir_, "server-fresh", {}});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
  }

  // A copy of kDevDir's reports (and SOURCES.tsv) without `report_id`.
  std::string DevReportsWithout(const std::string& report_id) {
    const fs::path dir = fs::path(dir_) / "dev-without";
    fs::create_directories(dir);
    fs::copy_file(fs::path(kDevDir) / "SOURCES.tsv", dir / "SOURCES.tsv");
    for (const fs::path& file : DevReports()) {
      if (file.stem() != report_id) fs::copy_file(file, dir / file.filename());
    }
    return dir.string();
  }
};

TEST_F(DevCorpusE2eTest, IngestingAgainChangesNothing) {
  const int64_t reports = static_cast<int64_t>(DevReports().size());
  ASSERT_GT(reports, 0);
  const auto first = IngestPaths({kDevDir});
  EXPECT_EQ(Count(first, "reports_ok"), reports);
  EXPECT_EQ(Count(first, "reports_written"), reports);
  EXPECT_EQ(Count(first, "reports_unchanged"), 0);
  const v1::GetStatsResponse counts = Counts();
  EXPECT_EQ(counts.reports(), reports);

  const auto second = IngestPaths({kDevDir});
  EXPECT_EQ(Count(second, "reports_ok"), reports);
  EXPECT_EQ(Count(second, "reports_unchanged"), reports);
  EXPECT_EQ(Count(second, "reports_written"), 0);
  EXPECT_EQ(Count(second, "reports_failed"), 0);
  EXPECT_EQ(Counts().DebugString(), counts.DebugString());

  const ProcessResult table = Run({"ingest", kDevDir});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, testing::ContainsRegex(absl::StrCat(
                             "REPORTS_UNCHANGED +", reports, "\n")));
}

TEST_F(DevCorpusE2eTest, DeletingAReportTakesAwayExactlyWhatOnlyItSaid) {
  // Which report: one that both shares and alone supports something.
  IngestPaths({kDevDir});
  Mentions mentions;
  const std::string report = ChooseReport(&mentions);
  ASSERT_FALSE(report.empty()) << "no dev report both shares entities with "
                                  "others and has entities of its own";
  SCOPED_TRACE("deleting report " + report);
  std::vector<std::string> ids;
  for (const auto& [id, kind] : mentions) ids.push_back(id);

  // The graph without it.
  RestartEmpty();
  ASSERT_EQ(Count(IngestPaths({DevReportsWithout(report)}), "reports_failed"),
            0);
  const v1::GetStatsResponse counts = Counts();
  const Snapshot without = Take(ids);
  int unique = 0;
  for (const std::string& id : ids) {
    unique += without.at("get " + id) == "NOT_FOUND" ? 1 : 0;
  }
  ASSERT_GT(unique, 0);
  ASSERT_LT(unique, static_cast<int>(ids.size()));

  // With it, then deleted.
  ASSERT_EQ(Count(IngestPaths({absl::StrCat(kDevDir, "/", report, ".txt")}),
                  "reports_written"),
            1);
  for (const std::string& id : ids) {
    EXPECT_THAT(Get(id).report_ids(), Contains(report)) << id;
  }
  const auto deleted =
      ParseJson<v1::DeleteReportResponse>(Json({"delete-report", report}));
  EXPECT_EQ(deleted.entities_removed(), unique);

  EXPECT_EQ(Counts().DebugString(), counts.DebugString());
  ExpectRpcError({"get", report}, "NOT_FOUND");
  ExpectSame(without, Take(ids));
  for (const std::string& id : ids) {
    if (without.at("get " + id) == "NOT_FOUND") continue;
    EXPECT_THAT(Get(id).report_ids(), Not(Contains(report))) << id;
  }
}

}  // namespace
}  // namespace govgraph::e2e
