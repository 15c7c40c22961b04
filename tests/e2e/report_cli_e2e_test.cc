// End-to-end tests of `govgraph extract` and `govgraph ingest`: report texts
// from tests/testdata/reports/ through the real CLI and server. What the
// extractor finds is tested elsewhere; these check the output shapes, the
// dates taken from SOURCES.tsv, the summary and the exit codes.
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/process.h"

namespace govgraph::e2e {
namespace {

using ::google::protobuf::Struct;
using ::google::protobuf::Value;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kReportsDir[] = GOVGRAPH_REPORTS_DIR;
// The files of kReportsDir, sorted, and what its SOURCES.tsv says.
constexpr char kDanVan[] = "hoi-nghi-dan-van.txt";
constexpr char kDanVanTitle[] =
    "Ban Dân vận Tỉnh ủy Bình Dương tổng kết công tác dân vận 6 tháng đầu "
    "năm";
constexpr char kDanVanDate[] = "2024-07-12";
constexpr char kSoYTe[] = "lam-viec-so-y-te.txt";
constexpr char kSoYTeUrl[] = "https://example.vn/tin/lam-viec-so-y-te";
constexpr char kCuTri[] = "tiep-xuc-cu-tri.txt";

std::string Report(const std::string& name) {
  return absl::StrCat(kReportsDir, "/", name);
}

// Parses one line of `govgraph extract --json`; the test fails unless it
// is a JSON object.
Struct ParseLine(const std::string& line) {
  Struct object;
  const auto status =
      google::protobuf::util::JsonStringToMessage(line, &object);
  EXPECT_TRUE(status.ok()) << status.ToString() << " parsing: " << line;
  return object;
}

const Value& Field(const Struct& object, const std::string& key) {
  static const Value* const kMissing = new Value();
  const auto it = object.fields().find(key);
  EXPECT_NE(it, object.fields().end()) << "no \"" << key << "\"";
  return it == object.fields().end() ? *kMissing : it->second;
}

// Checks the FORMAT.md shape of one extraction line.
void ExpectExtractionShape(const Struct& line) {
  EXPECT_EQ(Field(line, "doc").kind_case(), Value::kStringValue);
  const Value& report = Field(line, "report");
  ASSERT_EQ(report.kind_case(), Value::kStructValue);
  EXPECT_EQ(Field(report.struct_value(), "title").kind_case(),
            Value::kStringValue);
  for (const char* facet :
       {"persons", "organizations", "meetings", "directives"}) {
    EXPECT_EQ(Field(line, facet).kind_case(), Value::kListValue) << facet;
  }
}

class ReportCliE2eTest : public CliE2eTest {
 protected:
  // A directory under dir_ holding copies of the test reports (and their
  // SOURCES.tsv) plus `extra` files (name -> contents).
  std::string CopyReports(
      const std::vector<std::pair<std::string, std::string>>& extra) {
    const std::string dir = dir_ + "/reports";
    std::filesystem::copy(kReportsDir, dir);
    for (const auto& [name, contents] : extra) {
      std::filesystem::create_directories(
          std::filesystem::path(dir + "/" + name).parent_path());
      EXPECT_TRUE(WriteFile(dir + "/" + name, contents).ok()) << name;
    }
    return dir;
  }

  v1::Entity Get(const std::string& id) {
    const ProcessResult result = Run({"get", id, "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return ParseJson<v1::Entity>(result.out);
  }
};

// --- Usage errors: nothing is sent ---------------------------------------

TEST_F(CliTest, ExtractAndIngestUsageErrorsExit2) {
  std::filesystem::create_directories(dir_ + "/a");
  std::filesystem::create_directories(dir_ + "/b");
  WriteInput("a/r.txt", "");
  WriteInput("b/r.txt", "");
  const std::vector<std::vector<std::string>> bad = {
      {"extract"},
      {"ingest"},
      {"ingest", "-"},
      {"extract", dir_ + "/missing.txt"},
      {"ingest", dir_ + "/missing"},
      {"ingest", dir_ + "/empty-dir-without-txt"},
      {"ingest", dir_ + "/a/r.txt", "--type=ATTENDED"},
      {"get", "x", "--published=2024-01-01"},
      // Both give report id "r".
      {"ingest", dir_ + "/a", dir_ + "/b"},
  };
  std::filesystem::create_directories(dir_ + "/empty-dir-without-txt");
  for (const auto& args : bad) {
    const ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 2) << absl::StrJoin(args, " ");
    EXPECT_THAT(result.err, HasSubstr("error: ")) << absl::StrJoin(args, " ");
  }
  EXPECT_THAT(Cli(bad.back()).err, HasSubstr("both give report id \"r\""));
}

TEST_F(CliTest, HelpDescribesReportCommandsAndSourcesTsv) {
  const ProcessResult result = Cli({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, HasSubstr("\n  extract FILE..."));
  EXPECT_THAT(result.out, HasSubstr("\n  ingest FILE..."));
  EXPECT_THAT(result.out, HasSubstr("SOURCES.tsv"));
}

// --- extract -------------------------------------------------------------

TEST_F(ReportCliE2eTest, ExtractJsonPrintsOneFormatLinePerFile) {
  const ProcessResult result = Run(
      {"extract", "--json", Report(kDanVan), Report(kSoYTe), Report(kCuTri)});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::vector<std::string> lines = Lines(result.out);
  ASSERT_THAT(lines, SizeIs(3));
  std::vector<std::string> docs;
  for (const std::string& line : lines) {
    const Struct object = ParseLine(line);
    ExpectExtractionShape(object);
    docs.push_back(Field(object, "doc").string_value());
  }
  EXPECT_THAT(docs, ElementsAre(kDanVan, kSoYTe, kCuTri));
  const Struct first = ParseLine(lines[0]);
  const Value& report = Field(first, "report");
  EXPECT_EQ(Field(report.struct_value(), "title").string_value(), kDanVanTitle);
  // From SOURCES.tsv.
  EXPECT_EQ(Field(report.struct_value(), "date").string_value(), kDanVanDate);
  // UTF-8 is written as is, not \u-escaped.
  EXPECT_THAT(lines[0], HasSubstr("Dân vận"));
}

TEST_F(ReportCliE2eTest, ExtractDirectoryAndPublishedFlag) {
  const ProcessResult result =
      Run({"extract", "--json", kReportsDir, "--published=2020-01-02"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::vector<std::string> lines = Lines(result.out);
  ASSERT_THAT(lines, SizeIs(3));  // The .txt files; not SOURCES.tsv.
  for (const std::string& line : lines) {
    const Struct object = ParseLine(line);
    const Value& report = Field(object, "report");
    EXPECT_EQ(Field(report.struct_value(), "date").string_value(),
              "2020-01-02");
  }
}

TEST_F(ReportCliE2eTest, ExtractReadsStdinAndEscapesJson) {
  const std::string title = "Tin \"nóng\" \\ mới\tđây\x01";
  const std::string input =
      WriteInput("in.txt", title + "\nÔng Trần Văn Nam chủ trì hội nghị.");
  const ProcessResult result =
      Cli({"extract", "--json", "-", absl::StrCat("--addr=", server_->addr())},
          input);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_THAT(Lines(result.out), SizeIs(1));
  EXPECT_THAT(result.out, HasSubstr("\\u0001"));
  const Struct line = ParseLine(result.out);
  ExpectExtractionShape(line);
  EXPECT_EQ(Field(line, "doc").string_value(), "-");
  const Struct& report = Field(line, "report").struct_value();
  EXPECT_EQ(Field(report, "title").string_value(), title);
  EXPECT_FALSE(report.fields().contains("date"));  // No SOURCES.tsv row.
}

TEST_F(ReportCliE2eTest, ExtractSummaryIsReadable) {
  const ProcessResult result = Run({"extract", Report(kDanVan)});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr(absl::StrCat(kDanVan, ": ", kDanVanTitle,
                                                 " [", kDanVanDate, "]")));
  for (const char* facet :
       {"persons:", "organizations:", "meetings:", "directives:"}) {
    EXPECT_THAT(result.out, HasSubstr(facet));
  }
}

TEST_F(ReportCliE2eTest, ExtractBadFileFailsOthersStillPrint) {
  const std::string empty = WriteInput("empty.txt", "");
  const ProcessResult result =
      Run({"extract", "--json", empty, Report(kDanVan)});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(Lines(result.out), SizeIs(1));
  EXPECT_THAT(result.err,
              HasSubstr(absl::StrCat(empty, ": INVALID_ARGUMENT: ")));
}

// --- ingest --------------------------------------------------------------

TEST_F(ReportCliE2eTest, IngestDirectoryStoresEveryReport) {
  const ProcessResult result = Run({"--json", "ingest", kReportsDir});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Struct summary = ParseLine(result.out);
  EXPECT_EQ(Field(summary, "reports_ok").number_value(), 3);
  EXPECT_EQ(Field(summary, "reports_failed").number_value(), 0);
  for (const char* key : {"persons", "organizations", "meetings", "directives",
                          "elapsed_seconds", "reports_per_second"}) {
    EXPECT_EQ(Field(summary, key).kind_case(), Value::kNumberValue) << key;
  }
  EXPECT_EQ(Stats().reports(), 3);
  const v1::Entity report = Get("hoi-nghi-dan-van");
  EXPECT_EQ(report.kind(), v1::REPORT);
  EXPECT_EQ(report.report().title(), kDanVanTitle);
  EXPECT_EQ(report.report().published_date(), kDanVanDate);
  EXPECT_EQ(Get("lam-viec-so-y-te").report().source_url(), kSoYTeUrl);
}

TEST_F(ReportCliE2eTest, IngestBadFileExitsNonZeroAndWritesTheRest) {
  const std::string dir =
      CopyReports({{"empty.txt", ""},
                   {"nested/them.txt", "Tin mới\nÔng Trần Văn Nam phát biểu."},
                   {"notes.md", "not a report"}});
  const ProcessResult result = Run({"ingest", dir, "--id_prefix=tin-"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr(absl::StrCat(dir, "/empty.txt: INVALID_ARGUMENT: ")));
  EXPECT_THAT(result.err, Not(HasSubstr("notes.md")));
  EXPECT_THAT(result.out, HasSubstr("REPORTS_OK          4\n"));
  EXPECT_THAT(result.out, HasSubstr("REPORTS_FAILED      1\n"));
  EXPECT_THAT(result.out, HasSubstr("REPORTS_PER_SECOND"));
  EXPECT_EQ(Stats().reports(), 4);
  EXPECT_EQ(Get("tin-them").report().title(), "Tin mới");
  EXPECT_EQ(Get("tin-hoi-nghi-dan-van").report().published_date(), kDanVanDate);
}

TEST_F(ReportCliE2eTest, IngestAgainReplacesReports) {
  ASSERT_EQ(Run({"ingest", kReportsDir}).exit_code, 0);
  const v1::GetStatsResponse before = Stats();
  const ProcessResult again = Run({"--json", "ingest", kReportsDir});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const Struct summary = ParseLine(again.out);
  EXPECT_EQ(Field(summary, "reports_ok").number_value(), 3);
  EXPECT_EQ(Field(summary, "reports_unchanged").number_value(), 3);
  EXPECT_EQ(Field(summary, "reports_written").number_value(), 0);
  const v1::GetStatsResponse after = Stats();
  EXPECT_EQ(after.entities(), before.entities());
  EXPECT_EQ(after.relations(), before.relations());
  EXPECT_EQ(after.reports(), 3);
}

}  // namespace
}  // namespace govgraph::e2e
