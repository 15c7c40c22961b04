// End-to-end tests of `govgraph export`: a graph built from report texts,
// hand-written facts and an imported property graph (two terms of one
// role) is exported as JSON Lines, GraphML and neo4j CSV; the GraphML is
// checked against the GraphML schema with xmllint, and the JSON Lines and
// CSV exports are loaded into fresh servers, which must count the same
// nodes and relations by kind and type.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/graph_cli_fixture.h"

namespace govgraph::e2e {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kImportDir = GOVGRAPH_E2E_IMPORT_DIR;
const std::string kGraphMlSchema = GOVGRAPH_GRAPHML_XSD;

// The counts a re-import must keep: everything but the report records
// (an import holds report nodes, not reports) and the disk size.
std::string Shape(v1::GetStatsResponse stats) {
  stats.clear_reports();
  stats.clear_disk_bytes();
  return stats.DebugString();
}

int64_t Occurrences(const std::string& text, const std::string& needle) {
  int64_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

class ExportE2eTest : public GraphE2eTest {
 protected:
  void SetUp() override {
    GraphE2eTest::SetUp();
    if (HasFatalFailure()) return;
    IngestPaths({kMandatesDir});
    IngestFactFiles(kMeetingsDir,
                    {"bd-2024-02-11.json", "bd-chi-dao-2024-03-01.json"});
    Json({"import", "--nodes=" + kImportDir + "/nodes.csv",
          "--edges=" + kImportDir + "/edges.csv", "--source=e2e-import"});
  }

  // `govgraph export args...`; expects exit 0.
  void Export(std::vector<std::string> args) {
    args.insert(args.begin(), "export");
    const ProcessResult result = Run(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }

  // Starts a fresh server, runs `import args...` against it and returns
  // its stats.
  v1::GetStatsResponse ImportIntoNewServer(const std::string& name,
                                           std::vector<std::string> args) {
    absl::StatusOr<std::unique_ptr<TestServer>> fresh = TestServer::Start(
        {kServerBinary, dir_ + "/" + name + "-data", dir_, name, {}});
    EXPECT_TRUE(fresh.ok()) << fresh.status();
    if (!fresh.ok()) return {};
    const std::string addr = "--addr=" + (*fresh)->addr();
    args.insert(args.begin(), "import");
    args.push_back(addr);
    const ProcessResult imported = Cli(args);
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    const ProcessResult stats = Cli({"stats", "--json", addr});
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    return ParseJson<v1::GetStatsResponse>(stats.out);
  }

  // The file's contents; a test failure if it is missing or empty.
  std::string Read(const std::string& path) {
    std::string text = ReadFileOrEmpty(path);
    EXPECT_FALSE(text.empty()) << path;
    return text;
  }
};

TEST_F(ExportE2eTest, JsonLinesHoldEveryNodeAndRelationWithEvidence) {
  const v1::GetStatsResponse stats = Stats();
  const std::string out = dir_ + "/graph.jsonl";
  ASSERT_NO_FATAL_FAILURE(Export({"--out=" + out, "--evidence"}));
  int64_t nodes = 0;
  int64_t relations = 0;
  int64_t evidence = 0;
  bool relation_seen = false;
  std::map<std::string, int64_t> by_kind;
  for (const std::string& line : Lines(Read(out))) {
    const auto item = ParseJson<v1::ExportSubgraphResponse>(line);
    if (item.has_node()) {
      EXPECT_FALSE(relation_seen) << "a node after the relations: " << line;
      ++nodes;
      ++by_kind[v1::EntityKind_Name(item.node().kind())];
      EXPECT_FALSE(item.node().report_ids().empty()) << line;
      evidence += item.node().evidence_size();
    } else {
      relation_seen = true;
      ++relations;
      EXPECT_FALSE(item.relation().report_ids().empty()) << line;
      evidence += item.relation().evidence_size();
    }
  }
  EXPECT_EQ(nodes, stats.entities());
  EXPECT_EQ(relations, stats.relations());
  EXPECT_GT(evidence, nodes);
  for (const auto& [kind, count] : stats.entities_by_kind()) {
    EXPECT_EQ(by_kind[kind], count) << kind;
  }
}

TEST_F(ExportE2eTest, ExportsLoadBackToTheSameCounts) {
  const v1::GetStatsResponse stats = Stats();
  ASSERT_GT(stats.relations_by_type().at("HOLDS_POSITION"), 0);
  ASSERT_NO_FATAL_FAILURE(
      Export({"--out=" + dir_ + "/graph.jsonl", "--evidence"}));
  ASSERT_NO_FATAL_FAILURE(
      Export({"--format=neo4j", "--out=" + dir_ + "/neo4j", "--evidence"}));

  EXPECT_EQ(Shape(ImportIntoNewServer("from-jsonl",
                                      {"--jsonl=" + dir_ + "/graph.jsonl"})),
            Shape(stats));
  EXPECT_EQ(
      Shape(ImportIntoNewServer(
          "from-neo4j", {"--nodes=" + dir_ + "/neo4j/nodes.csv",
                         "--edges=" + dir_ + "/neo4j/relationships.csv"})),
      Shape(stats));
}

TEST_F(ExportE2eTest, Neo4jCsvHasTheHeadersNeo4jAdminReads) {
  ASSERT_NO_FATAL_FAILURE(Export({"--format=neo4j", "--out=" + dir_ + "/n"}));
  const std::vector<std::string> nodes = Lines(Read(dir_ + "/n/nodes.csv"));
  const std::vector<std::string> edges =
      Lines(Read(dir_ + "/n/relationships.csv"));
  ASSERT_FALSE(nodes.empty());
  ASSERT_FALSE(edges.empty());
  EXPECT_TRUE(absl::StartsWith(nodes[0],
                               "id:ID,:LABEL,name,aliases:string[],"
                               "date:date,"))
      << nodes[0];
  EXPECT_TRUE(absl::StartsWith(edges[0],
                               ":START_ID,:END_ID,:TYPE,role,"
                               "start_date:date,end_date:date,"))
      << edges[0];
  EXPECT_THAT(nodes, Contains(HasSubstr(",Person,")));
  EXPECT_THAT(edges, Contains(HasSubstr(",HOLDS_POSITION,")));
}

TEST_F(ExportE2eTest, GraphMlIsValidAgainstTheGraphMlSchema) {
  const v1::GetStatsResponse stats = Stats();
  const std::string whole = dir_ + "/graph.graphml";
  ASSERT_NO_FATAL_FAILURE(
      Export({"--format=graphml", "--out=" + whole, "--evidence"}));
  const std::string around = dir_ + "/around.graphml";
  ASSERT_NO_FATAL_FAILURE(
      Export({kXuan, "--format=graphml", "--out=" + around, "--max_hops=2"}));
  for (const std::string& file : {whole, around}) {
    absl::StatusOr<ProcessResult> lint = RunProcess(
        {"/usr/bin/xmllint", "--noout", "--schema", kGraphMlSchema, file}, dir_,
        absl::Seconds(60));
    ASSERT_TRUE(lint.ok()) << lint.status();
    EXPECT_EQ(lint->exit_code, 0) << lint->err;
    EXPECT_THAT(lint->err, HasSubstr("validates")) << file;
  }
  const std::string text = Read(whole);
  EXPECT_EQ(Occurrences(text, "<node "), stats.entities());
  EXPECT_EQ(Occurrences(text, "<edge "), stats.relations());
  EXPECT_THAT(text, HasSubstr("Sở Y tế, tỉnh Quảng Nam"));
}

TEST_F(ExportE2eTest, TheSubgraphAroundANodeIsExportedToo) {
  const std::string out = dir_ + "/around.jsonl";
  ASSERT_NO_FATAL_FAILURE(Export({kXuan, "--out=" + out, "--max_hops=1"}));
  const std::vector<std::string> lines = Lines(Read(out));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(ParseJson<v1::ExportSubgraphResponse>(lines[0]).node().id(), kXuan);
  EXPECT_LT(static_cast<int64_t>(lines.size()),
            Stats().entities() + Stats().relations());
}

TEST_F(ExportE2eTest, ErrorsLeaveNoFileBehind) {
  const std::string out = dir_ + "/missing.jsonl";
  ExpectRpcError({"export", "no-such-id", "--out=" + out}, "NOT_FOUND");
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
  ExpectUsageError({"export", "--format=xml"});
  ExpectUsageError({"export", "--format=neo4j"});  // Two files: needs --out.
  ExpectUsageError({"export", "--out=" + dir_ + "/no/such/dir/graph.jsonl"});
  ExpectUsageError({"export", kXuan, "--types=NOT_A_TYPE"});
}

TEST_F(ExportE2eTest, BadJsonLinesAreRefusedNamingTheLine) {
  const v1::GetStatsResponse before = Stats();
  ASSERT_NO_FATAL_FAILURE(Export({"--out=" + dir_ + "/graph.jsonl"}));
  std::string text = Read(dir_ + "/graph.jsonl");
  const std::string bad =
      WriteInput("bad.jsonl", text + "{\"node\": {\"id\": 7}}\n");
  const int64_t line = static_cast<int64_t>(Lines(text).size()) + 1;
  const ProcessResult refused = Run({"import", "--jsonl=" + bad});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr(absl::StrCat("line ", line, ":")));
  // A node after the relations.
  const std::string late =
      WriteInput("late.jsonl", text +
                                   "{\"node\": {\"id\": \"x\", \"kind\": "
                                   "\"PERSON\", \"displayName\": \"X\"}}\n");
  EXPECT_EQ(Run({"import", "--jsonl=" + late}).exit_code, 2);
  ExpectUsageError({"import", "--jsonl=" + bad, "--nodes=x.csv"});
  EXPECT_EQ(Shape(Stats()), Shape(before));
}

}  // namespace
}  // namespace govgraph::e2e
