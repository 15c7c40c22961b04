// End-to-end tests: the real govgraph-server binary on a free loopback port,
// driven by the real govgraph CLI, each test with a fresh data directory.
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/process.h"
#include "tests/e2e/test_server.h"

namespace govgraph::e2e {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

// Ids in tests/testdata/facts/danvan_report.json.
constexpr char kReportId[] = "r-2023-07-12-dan-van-tphcm";
constexpr char kLoc[] = "p-nguyen-phuoc-loc";
constexpr char kMinh[] = "p-le-van-minh";
constexpr char kBanDanVan[] = "o-ban-dan-van-tu-tphcm";
constexpr char kMeeting[] = "m-so-ket-dan-van-2023-07-12";

// Usage errors: no server needed, nothing is sent.

TEST_F(CliTest, NoArgumentsPrintsUsageAndExits2) {
  const ProcessResult result = Cli({});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("usage: govgraph"));
}

TEST_F(CliTest, HelpListsEverySubcommand) {
  const ProcessResult result = Cli({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"health", "ingest-facts", "delete-report", "get",
                              "relations", "evidence", "search", "stats",
                              "positions", "merge", "split", "undo", "audit"}) {
    EXPECT_THAT(result.out, HasSubstr(absl::StrCat("\n  ", command)));
  }
}

TEST_F(CliTest, BadCommandLinesExit2WithUsageLine) {
  const std::vector<std::vector<std::string>> bad = {
      {"frobnicate"},
      {"get"},
      {"get", "a", "b"},
      {"relations", "x", "--type=bogus"},
      {"relations", "x", "--direction=sideways"},
      {"relations", "x", "--page_size=-1"},
      {"search", "x", "--kind=bogus"},
      {"evidence"},
      {"evidence", "x", "--relation=ATTENDED:a:b"},
      {"evidence", "--relation=ATTENDED:a"},
      {"evidence", "--relation=bogus:a:b"},
      {"get", "x", "--all"},
      {"get", "x", "--bogus_flag"},
      {"delete-report"},
      {"delete-report", "a", "b"},
      {"stats", "--timeout=abc"},
      {"stats", "--timeout=0"},
  };
  for (const auto& args : bad) {
    const ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, HasSubstr("error: ")) << absl::StrJoin(args, " ");
  }
}

TEST_F(CliTest, UnreachableServerIsUnavailable) {
  const ProcessResult result = Cli({"get", "x", "--addr=127.0.0.1:1"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: UNAVAILABLE: "));
}

// Against a running server.

TEST_F(CliE2eTest, HealthIsServing) {
  const ProcessResult result = Run({"health"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "SERVING\n");
  EXPECT_EQ(Run({"health", "--json"}).out, "{\"status\":\"SERVING\"}\n");
}

TEST_F(CliE2eTest, AddrFlagOverridesEnvironmentWhichOverridesDefault) {
  ASSERT_NE(server_, nullptr);
  ASSERT_EQ(setenv("GOVGRAPH_ADDR", server_->addr().c_str(), 1), 0);
  const ProcessResult from_env = Cli({"health"});
  ASSERT_EQ(setenv("GOVGRAPH_ADDR", "127.0.0.1:1", 1), 0);
  const ProcessResult from_flag = Run({"health"});
  unsetenv("GOVGRAPH_ADDR");
  EXPECT_EQ(from_env.exit_code, 0) << from_env.err;
  EXPECT_EQ(from_flag.exit_code, 0) << from_flag.err;
}

TEST_F(CliE2eTest, IngestFactsWritesReport) {
  const ProcessResult result = Run({"ingest-facts", kFactsJson});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, AllOf(HasSubstr(kReportId), HasSubstr("REPLACED"),
                                HasSubstr("RELATIONS_WRITTEN  10")));
}

TEST_F(CliE2eTest, IngestFactsReadsStdin) {
  ASSERT_NE(server_, nullptr);
  const ProcessResult result = Cli(
      {"ingest-facts", "-", "--json", "--addr=" + server_->addr()}, kFactsJson);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ParseJson<v1::IngestFactsResponse>(result.out).relations_written(),
            10);
}

TEST_F(CliE2eTest, ReingestingReplacesAndKeepsCounts) {
  const v1::IngestFactsResponse first = Ingest();
  EXPECT_EQ(first.report_id(), kReportId);
  EXPECT_FALSE(first.replaced());
  EXPECT_GE(first.entities_written(), 4);
  EXPECT_EQ(first.relations_written(), 10);
  v1::GetStatsResponse before = Stats();
  const v1::IngestFactsResponse second = Ingest();
  EXPECT_TRUE(second.unchanged());
  EXPECT_EQ(second.entities_written(), 0);
  EXPECT_EQ(second.relations_written(), 0);
  v1::GetStatsResponse after = Stats();
  before.clear_disk_bytes();
  after.clear_disk_bytes();
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(before, after))
      << before.DebugString() << " vs " << after.DebugString();
}

TEST_F(CliE2eTest, GetReturnsEntity) {
  Ingest();
  const ProcessResult result = Run({"get", kLoc, "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto entity = ParseJson<v1::Entity>(result.out);
  EXPECT_EQ(entity.id(), kLoc);
  EXPECT_EQ(entity.kind(), v1::PERSON);
  EXPECT_EQ(entity.display_name(), "Nguyễn Phước Lộc");
  EXPECT_EQ(entity.person().full_name(), "Nguyễn Phước Lộc");
  EXPECT_THAT(entity.report_ids(), testing::Contains(kReportId));

  const ProcessResult table = Run({"get", kMeeting});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, AllOf(HasSubstr("MEETING"), HasSubstr("2023-07-12"),
                               HasSubstr("Hội nghị sơ kết công tác dân vận")));
}

TEST_F(CliE2eTest, RelationsFilterByTypeAndDirection) {
  Ingest();
  const auto attended = Relations({kLoc, "--type=attended", "--direction=out"});
  ASSERT_THAT(attended, SizeIs(1));
  EXPECT_EQ(attended[0].direction(), v1::OUTGOING);
  EXPECT_EQ(attended[0].relation().type(), v1::ATTENDED);
  EXPECT_EQ(attended[0].relation().source_id(), kLoc);
  EXPECT_EQ(attended[0].other().id(), kMeeting);
  EXPECT_THAT(Relations({kLoc, "--type=ATTENDED", "--direction=in"}),
              SizeIs(0));

  const auto attendees =
      Relations({kMeeting, "--type=Attended", "--direction=in"});
  std::vector<std::string> ids;
  for (const auto& view : attendees) {
    EXPECT_EQ(view.direction(), v1::INCOMING);
    ids.push_back(view.other().id());
  }
  EXPECT_THAT(ids, UnorderedElementsAre(kLoc, kMinh));
}

TEST_F(CliE2eTest, RelationsTableShowsRoles) {
  Ingest();
  const ProcessResult result =
      Run({"relations", kBanDanVan, "--type=holds_position"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::vector<std::string> lines = Lines(result.out);
  ASSERT_THAT(lines, SizeIs(3)) << result.out;
  EXPECT_THAT(lines[0], HasSubstr("DIRECTION  TYPE"));
  EXPECT_THAT(result.out, AllOf(HasSubstr("Trưởng ban"),
                                HasSubstr("Phó Trưởng ban"), HasSubstr(kMinh)));
}

TEST_F(CliE2eTest, RelationsPagesWithTokenAndAll) {
  Ingest();
  const auto all =
      Relations({kMeeting, "--direction=in", "--page_size=1", "--all"});
  EXPECT_THAT(all, SizeIs(4));  // ORGANIZED, CHAIRED, 2 x ATTENDED.

  const ProcessResult first =
      Run({"relations", kMeeting, "--direction=in", "--page_size=1", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto page = ParseJson<v1::ListRelationsResponse>(first.out);
  ASSERT_THAT(page.relations(), SizeIs(1));
  ASSERT_FALSE(page.next_page_token().empty());
  const auto rest = Relations({kMeeting, "--direction=in", "--page_size=10",
                               "--page_token=" + page.next_page_token()});
  EXPECT_THAT(rest, SizeIs(3));
}

TEST_F(CliE2eTest, EvidenceOfEntityAndRelation) {
  Ingest();
  const ProcessResult table = Run({"evidence", kLoc});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  const std::vector<std::string> lines = Lines(table.out);
  ASSERT_THAT(lines, SizeIs(2)) << table.out;
  EXPECT_THAT(lines[0], HasSubstr("REPORT"));
  EXPECT_THAT(lines[0], HasSubstr("SENTENCE"));
  EXPECT_THAT(lines[1], AllOf(HasSubstr(kReportId), HasSubstr("2023-07-12")));

  const ProcessResult json =
      Run({"evidence",
           absl::StrCat("--relation=holds_position:", kLoc, ":", kBanDanVan,
                        ":Trưởng ban"),
           "--json", "--all"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto page = ParseJson<v1::ListEvidenceResponse>(json.out);
  ASSERT_THAT(page.items(), SizeIs(1));
  EXPECT_EQ(page.items(0).evidence().report_id(), kReportId);
  EXPECT_EQ(page.items(0).source_url(),
            "https://example.vn/tphcm-so-ket-cong-tac-dan-van-2023.htm");
  EXPECT_EQ(page.items(0).published_date(), "2023-07-12");

  const ProcessResult missing =
      Run({"evidence", absl::StrCat("--relation=holds_position:", kLoc, ":",
                                    kBanDanVan, ":Bí thư")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("error: NOT_FOUND: "));
}

TEST_F(CliE2eTest, SearchIgnoresCaseAndDiacritics) {
  Ingest();
  const ProcessResult result = Run({"search", "nguyen phuoc loc", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto found = ParseJson<v1::SearchEntitiesResponse>(result.out);
  ASSERT_THAT(found.entities(), SizeIs(1));
  EXPECT_EQ(found.entities(0).id(), kLoc);
  EXPECT_EQ(found.entities(0).display_name(), "Nguyễn Phước Lộc");

  const ProcessResult table =
      Run({"search", "BAN DAN VAN", "--kind=organization"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, AllOf(HasSubstr("ID"), HasSubstr(kBanDanVan),
                               HasSubstr("Ban Dân vận Thành ủy TPHCM")));
}

TEST_F(CliE2eTest, StatsCountIngestedFacts) {
  Ingest();
  const v1::GetStatsResponse stats = Stats();
  EXPECT_EQ(stats.reports(), 1);
  EXPECT_EQ(stats.relations(), 10);
  const auto& kinds = stats.entities_by_kind();
  EXPECT_EQ(kinds.count("PERSON") ? kinds.at("PERSON") : 0, 2);
  EXPECT_EQ(kinds.count("ORGANIZATION") ? kinds.at("ORGANIZATION") : 0, 1);
  EXPECT_EQ(kinds.count("MEETING") ? kinds.at("MEETING") : 0, 1);
  int64_t sum = 0;
  for (const auto& [kind, count] : kinds) sum += count;
  EXPECT_EQ(stats.entities(), sum);
  const auto& types = stats.relations_by_type();
  EXPECT_EQ(types.count("HOLDS_POSITION") ? types.at("HOLDS_POSITION") : 0, 2);
  EXPECT_EQ(types.count("ATTENDED") ? types.at("ATTENDED") : 0, 2);
  EXPECT_EQ(types.count("MENTIONED_IN") ? types.at("MENTIONED_IN") : 0, 4);

  const ProcessResult table = Run({"stats"});
  EXPECT_THAT(table.out, AllOf(HasSubstr("RELATIONS"), HasSubstr("REPORTS")));
}

TEST_F(CliE2eTest, UnknownIdIsNotFound) {
  const ProcessResult result = Run({"get", "no-such-entity"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: NOT_FOUND: "));
  EXPECT_EQ(result.out, "");
}

TEST_F(CliE2eTest, DeleteReportRemovesItsFacts) {
  Ingest();
  const ProcessResult json = Run({"delete-report", kReportId, "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto response = ParseJson<v1::DeleteReportResponse>(json.out);
  EXPECT_EQ(response.report_id(), kReportId);
  EXPECT_EQ(response.entities_removed(), 4);
  EXPECT_EQ(response.relations_removed(), 10);
  const v1::GetStatsResponse stats = Stats();
  EXPECT_EQ(stats.entities(), 0);
  EXPECT_EQ(stats.relations(), 0);
  EXPECT_EQ(stats.reports(), 0);
  EXPECT_EQ(Run({"get", kLoc}).exit_code, 1);

  Ingest();
  const ProcessResult table = Run({"delete-report", kReportId});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out,
              AllOf(HasSubstr("ENTITIES_REMOVED"), HasSubstr("4"),
                    HasSubstr("RELATIONS_REMOVED"), HasSubstr("10")));
}

TEST_F(CliE2eTest, DeleteUnknownReportIsNotFound) {
  Ingest();
  for (const char* id : {"no-such-report", kLoc}) {
    const ProcessResult result = Run({"delete-report", id});
    EXPECT_EQ(result.exit_code, 1) << id;
    EXPECT_THAT(result.err, HasSubstr("error: NOT_FOUND: ")) << id;
    EXPECT_EQ(result.out, "") << id;
  }
  EXPECT_EQ(Stats().reports(), 1);
  EXPECT_EQ(Stats().relations(), 10);
}

TEST_F(CliE2eTest, MalformedJsonIsInputErrorAndSendsNothing) {
  const std::string path = WriteInput("bad.json", "{\"reportId\": \"r1\", ");
  const ProcessResult result = Run({"ingest-facts", path});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("error: "));
  const std::string unknown =
      WriteInput("unknown.json", "{\"reportIdd\":\"r\"}");
  EXPECT_EQ(Run({"ingest-facts", unknown}).exit_code, 2);
  EXPECT_EQ(Run({"ingest-facts", dir_ + "/missing.json"}).exit_code, 2);
  EXPECT_EQ(Stats().reports(), 0);
}

TEST_F(CliE2eTest, GarbagePageTokenIsInvalidArgument) {
  Ingest();
  const ProcessResult result =
      Run({"relations", kLoc, "--page_token=garbage!!"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: INVALID_ARGUMENT: "));
}

TEST_F(CliE2eTest, DataSurvivesCleanRestart) {
  Ingest();
  ASSERT_NE(server_, nullptr);
  absl::StatusOr<int> code = server_->Terminate();
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0) << server_->stderr_text();
  server_ = StartServer("restarted");
  const ProcessResult result = Run({"get", kLoc, "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(ParseJson<v1::Entity>(result.out).display_name(),
            "Nguyễn Phước Lộc");
  EXPECT_EQ(Stats().relations(), 10);
}

TEST_F(CliE2eTest, SecondServerOnSameDataDirFailsOnLock) {
  absl::StatusOr<std::unique_ptr<TestServer>> second =
      TestServer::Spawn({kServerBinary, data_dir(), dir_, "second", {}});
  ASSERT_TRUE(second.ok()) << second.status();
  absl::StatusOr<int> code = (*second)->Wait(absl::Seconds(20));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_NE(*code, 0);
  EXPECT_THAT(absl::AsciiStrToLower((*second)->stderr_text()),
              HasSubstr("lock"));
  EXPECT_EQ(Run({"health"}).exit_code, 0) << "first server must keep serving";
}

}  // namespace
}  // namespace govgraph::e2e
