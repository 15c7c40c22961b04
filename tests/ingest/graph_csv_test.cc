// GraphCsvReader: a valid graph read row by row, then one test per error
// the header promises, each naming the file and line, and the limits.
#include "server/ingest/graph_csv.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/text.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"

namespace govgraph::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kNodesHeader[] = "id,kind,name,date\n";
constexpr char kEdgesHeader[] = "src,dst,type,title,start,end\n";
// Lines 2-5 of nodes.csv.
constexpr char kNodeRows[] =
    "p1,Person,Nguyễn Văn An,1960-05-01\n"
    "p2,Person,Trần Thị Bình,\n"
    "o1,Organization,Ban Dân vận Thành ủy,\n"
    "m1,Meeting,Hội nghị tổng kết,2020-01-02\n";

std::string Nodes(absl::string_view rows = "") {
  return absl::StrCat(kNodesHeader, kNodeRows, rows);
}
std::string Edges(absl::string_view rows) {
  return absl::StrCat(kEdgesHeader, rows);
}

absl::StatusOr<storage::GraphImport> Read(
    absl::string_view nodes, absl::string_view edges,
    const ImportLimits& limits = ImportLimits()) {
  GraphCsvReader reader("import-1", limits);
  absl::Status status = reader.AddNodes(nodes);
  if (!status.ok()) return status;
  if (!edges.empty()) {
    status = reader.AddEdges(edges);
    if (!status.ok()) return status;
  }
  return reader.Finish();
}

// Expects reading to fail with `code` and a message starting with
// `where` ("nodes.csv line 3: ") and containing `what`.
void ExpectError(absl::string_view nodes, absl::string_view edges,
                 absl::StatusCode code, absl::string_view where,
                 absl::string_view what = "") {
  const absl::StatusOr<storage::GraphImport> graph = Read(nodes, edges);
  ASSERT_FALSE(graph.ok()) << "no error for:\n" << nodes << "\n" << edges;
  EXPECT_EQ(graph.status().code(), code) << graph.status();
  EXPECT_THAT(std::string(graph.status().message()), StartsWith(where));
  EXPECT_THAT(graph.status().message(), HasSubstr(what));
}

void ExpectNodeError(absl::string_view rows, absl::string_view where,
                     absl::string_view what = "") {
  ExpectError(Nodes(rows), "", absl::StatusCode::kInvalidArgument, where, what);
}

void ExpectEdgeError(absl::string_view rows, absl::string_view where,
                     absl::string_view what = "") {
  ExpectError(Nodes(), Edges(rows), absl::StatusCode::kInvalidArgument, where,
              what);
}

TEST(GraphCsvTest, ReadsAValidGraph) {
  // Columns in another order, an extra column, kinds and types in any case.
  const std::string nodes =
      "Name,ID,note,Kind,date\n"
      "\"Nguyễn Văn An\",p1,x,person,1960-05-01\n"
      "Trần Thị Bình,p2,\"a, b\",PERSON,\n"
      "\r\n"
      "\"Ban Dân vận, Thành ủy\",o1,,Organization,\n"
      "Hội nghị,m1,,meeting,2020-01-02\n";
  const std::string edges =
      "type,src,dst,start,end,title,note\n"
      "holds_position,p1,o1,2010-01-01,2015-01-01,Bí thư,x\n"
      "HOLDS_POSITION,p1,o1,2016-01-01,,Bí thư,\n"
      "Holds_Position,p2,o1,,,Phó Bí thư,\n"
      "attended,p1,m1,,,,\n"
      "ATTENDED,p1,m1,,,,\n"
      "Organized,o1,m1,,,,";  // No final line end.
  const absl::StatusOr<storage::GraphImport> graph = Read(nodes, edges);
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_EQ(graph->source_id, "import-1");

  ASSERT_EQ(graph->nodes.size(), 4u);
  const storage::ImportNode& p1 = graph->nodes[0];
  EXPECT_EQ(p1.id, "p1");
  EXPECT_EQ(p1.kind, EntityKind::kPerson);
  EXPECT_EQ(p1.name, "Nguyễn Văn An");
  EXPECT_EQ(p1.date, PackIsoDate("1960-05-01"));
  EXPECT_EQ(p1.line, 2);
  EXPECT_EQ(graph->nodes[1].kind, EntityKind::kPerson);
  EXPECT_EQ(graph->nodes[1].date, 0u);
  EXPECT_EQ(graph->nodes[1].line, 3);
  EXPECT_EQ(graph->nodes[2].id, "o1");
  EXPECT_EQ(graph->nodes[2].kind, EntityKind::kOrganization);
  EXPECT_EQ(graph->nodes[2].name, "Ban Dân vận, Thành ủy");
  EXPECT_EQ(graph->nodes[2].line, 5);  // After a blank line.
  EXPECT_EQ(graph->nodes[3].kind, EntityKind::kMeeting);
  EXPECT_EQ(graph->nodes[3].date, 20200102u);

  EXPECT_THAT(graph->roles, ElementsAre("", "Bí thư", "Phó Bí thư"));
  ASSERT_EQ(graph->edges.size(), 6u);
  const storage::ImportEdge& first = graph->edges[0];
  EXPECT_EQ(first.source, 0u);
  EXPECT_EQ(first.target, 2u);
  EXPECT_EQ(first.type, RelationType::kHoldsPosition);
  EXPECT_EQ(graph->roles[first.role], "Bí thư");
  EXPECT_EQ(first.start, 20100101u);
  EXPECT_EQ(first.end, 20150101u);
  EXPECT_EQ(first.line, 2);
  EXPECT_EQ(graph->edges[1].role, first.role);  // One role, two terms.
  EXPECT_EQ(graph->edges[1].start, 20160101u);
  EXPECT_EQ(graph->edges[1].end, 0u);
  EXPECT_EQ(graph->roles[graph->edges[2].role], "Phó Bí thư");
  EXPECT_EQ(graph->edges[2].source, 1u);
  EXPECT_EQ(graph->edges[2].start, 0u);
  for (int i : {3, 4}) {
    EXPECT_EQ(graph->edges[i].type, RelationType::kAttended);
    EXPECT_EQ(graph->edges[i].source, 0u);
    EXPECT_EQ(graph->edges[i].target, 3u);
    EXPECT_EQ(graph->edges[i].role, 0u);
  }
  EXPECT_EQ(graph->edges[4].line, 6);
  EXPECT_EQ(graph->edges[5].type, RelationType::kOrganized);
  EXPECT_EQ(graph->edges[5].line, 7);
}

// The headers `govgraph export --format=neo4j` writes (neo4j-admin import's)
// name the same columns; the typed extra columns are read past.
TEST(GraphCsvTest, ReadsNeo4jAdminHeaders) {
  const std::string nodes =
      "id:ID,:LABEL,name,aliases:string[],date:date,evidence\n"
      "p1,Person,Nguyễn Văn An,An;Văn An,,\"[{\"\"reportId\"\":1}]\"\n"
      "o1,Organization,Ban Dân vận,,,\n"
      "m1,Meeting,Hội nghị,,2020-01-02,\n";
  const std::string edges =
      ":START_ID,:END_ID,:TYPE,role,start_date:date,end_date:date,"
      "report_ids:string[]\n"
      "p1,o1,HOLDS_POSITION,Bí thư,2010-01-01,2015-01-01,r1;r2\n"
      "p1,m1,ATTENDED,,,,\n";
  const absl::StatusOr<storage::GraphImport> graph = Read(nodes, edges);
  ASSERT_TRUE(graph.ok()) << graph.status();
  ASSERT_EQ(graph->nodes.size(), 3u);
  EXPECT_EQ(graph->nodes[0].id, "p1");
  EXPECT_EQ(graph->nodes[0].kind, EntityKind::kPerson);
  EXPECT_EQ(graph->nodes[0].name, "Nguyễn Văn An");
  EXPECT_EQ(graph->nodes[2].date, 20200102u);
  ASSERT_EQ(graph->edges.size(), 2u);
  EXPECT_EQ(graph->edges[0].type, RelationType::kHoldsPosition);
  EXPECT_EQ(graph->roles[graph->edges[0].role], "Bí thư");
  EXPECT_EQ(graph->edges[0].start, 20100101u);
  EXPECT_EQ(graph->edges[0].end, 20150101u);
  EXPECT_EQ(graph->edges[1].target, 2u);
}
TEST(GraphCsvTest, OptionalColumnsMayBeAbsent) {
  const absl::StatusOr<storage::GraphImport> graph =
      Read("id,kind,name\nm1,Meeting,Họp\no1,Organization,Sở\n",
           "src,dst,type\no1,m1,ORGANIZED\n");
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_EQ(graph->nodes[0].date, 0u);
  ASSERT_EQ(graph->edges.size(), 1u);
  EXPECT_EQ(graph->edges[0].type, RelationType::kOrganized);
}

TEST(GraphCsvTest, NoEdgesIsFine) {
  const absl::StatusOr<storage::GraphImport> graph = Read(Nodes(), "");
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_EQ(graph->nodes.size(), 4u);
  EXPECT_TRUE(graph->edges.empty());
}

TEST(GraphCsvTest, ChunksMayEndAnywhere) {
  const std::string nodes = Nodes();
  const std::string edges = Edges(
      "p1,o1,HOLDS_POSITION,Bí thư,2010-01-01,\n"
      "p1,m1,ATTENDED,,,\n");
  GraphCsvReader reader("import-1", ImportLimits());
  for (char c : nodes) ASSERT_TRUE(reader.AddNodes(std::string(1, c)).ok());
  for (char c : edges) ASSERT_TRUE(reader.AddEdges(std::string(1, c)).ok());
  const absl::StatusOr<storage::GraphImport> graph = reader.Finish();
  ASSERT_TRUE(graph.ok()) << graph.status();
  EXPECT_EQ(graph->nodes.size(), 4u);
  EXPECT_EQ(graph->nodes[0].name, "Nguyễn Văn An");
  ASSERT_EQ(graph->edges.size(), 2u);
  EXPECT_EQ(graph->roles[graph->edges[0].role], "Bí thư");
}

// --- One test per error of GraphCsvReader::AddNodes / AddEdges ------------

TEST(GraphCsvTest, MalformedCsv) {
  ExpectNodeError("p3,Person,\"An\"x,\n",
                  "nodes.csv line 6: ", "closing quote");
  ExpectEdgeError("p1,m1,ATTENDED,,,\np2,m1,ATT\"ENDED,,,\n",
                  "edges.csv line 3: ", "quote");
  // A quote left open when nodes.csv ends (the first AddEdges ends it).
  ExpectError(absl::StrCat(Nodes(), "p3,Person,\"An,\n"),
              Edges("p1,m1,ATTENDED,,,\n"), absl::StatusCode::kInvalidArgument,
              "nodes.csv line 6: ", "never closed");
  ExpectError(Nodes(), Edges("p1,m1,\"ATTENDED,,,\n"),
              absl::StatusCode::kInvalidArgument,
              "edges.csv line 2: ", "never closed");
}

TEST(GraphCsvTest, InvalidUtf8) {
  ExpectNodeError("p3,Person,Nguy\xE1\xBB,\n", "nodes.csv line 6: ", "UTF-8");
  ExpectEdgeError("p1,o1,HOLDS_POSITION,B\xC3,,\n",
                  "edges.csv line 2: ", "UTF-8");
  // In a column the reader otherwise ignores, and in the header.
  ExpectError("id,kind,name,note\np1,Person,An,\xFF\n", "",
              absl::StatusCode::kInvalidArgument,
              "nodes.csv line 2: ", "UTF-8");
  ExpectError("id,kind,name,n\xFF\np1,Person,An,x\n", "",
              absl::StatusCode::kInvalidArgument,
              "nodes.csv line 1: ", "UTF-8");
}

TEST(GraphCsvTest, MissingColumn) {
  ExpectError("id,name,date\np1,An,\n", "", absl::StatusCode::kInvalidArgument,
              "nodes.csv line 1: ", "id,kind,name");
  ExpectError(Nodes(), "src,type\np1,ATTENDED\n",
              absl::StatusCode::kInvalidArgument,
              "edges.csv line 1: ", "src,dst,type");
  // Blank lines before the header: the header's own line is named.
  ExpectError("\n\nid,kind\np1,Person\n", "",
              absl::StatusCode::kInvalidArgument,
              "nodes.csv line 3: ", "id,kind,name");
}

TEST(GraphCsvTest, FieldCountDiffersFromHeader) {
  ExpectNodeError("p3,Person\n", "nodes.csv line 6: ", "2 fields");
  ExpectNodeError("p3,Person,An,,extra\n", "nodes.csv line 6: ", "5 fields");
  ExpectEdgeError("p1,m1,ATTENDED,,,\n\np2,m1,ATTENDED\n",
                  "edges.csv line 4: ", "3 fields");
}

TEST(GraphCsvTest, InvalidId) {
  ExpectNodeError(",Person,An,\n", "nodes.csv line 6: ", "id");
  ExpectNodeError("p\x01,Person,An,\n", "nodes.csv line 6: ", "id");
  ExpectNodeError(absl::StrCat(std::string(257, 'p'), ",Person,An,\n"),
                  "nodes.csv line 6: ", "id");
}

TEST(GraphCsvTest, InvalidName) {
  ExpectNodeError("p3,Person,,\n", "nodes.csv line 6: ", "name");
  ExpectNodeError("p3,Person,A\x07n,\n", "nodes.csv line 6: ", "name");
  ExpectNodeError("p3,Person,\"An\nBình\",\n", "nodes.csv line 6: ", "name");
}

TEST(GraphCsvTest, UnknownKind) {
  ExpectNodeError("p3,Persona,An,\n",
                  "nodes.csv line 6: ", "unknown kind \"Persona\"");
  ExpectNodeError("p3,,An,\n", "nodes.csv line 6: ", "unknown kind");
  ExpectNodeError("p3,KIND_UNSPECIFIED,An,\n",
                  "nodes.csv line 6: ", "unknown kind");
}

TEST(GraphCsvTest, UnknownType) {
  ExpectEdgeError("p1,p2,KNOWS,,,\n",
                  "edges.csv line 2: ", "unknown type \"KNOWS\"");
  ExpectEdgeError("p1,p2,,,,\n", "edges.csv line 2: ", "unknown type");
}

TEST(GraphCsvTest, BadDate) {
  ExpectNodeError("m2,Meeting,Họp,2017-02-29\n",
                  "nodes.csv line 6: ", "2017-02-29");
  ExpectNodeError("m2,Meeting,Họp,2017-2-1\n", "nodes.csv line 6: ", "date");
  ExpectNodeError("m2,Meeting,Họp,01/02/2017\n", "nodes.csv line 6: ", "date");
  ExpectEdgeError("p1,o1,HOLDS_POSITION,Bí thư,2020-13-01,\n",
                  "edges.csv line 2: ", "start");
  ExpectEdgeError("p1,o1,HOLDS_POSITION,Bí thư,2020-01-01,2021-02-30\n",
                  "edges.csv line 2: ", "end");
}

TEST(GraphCsvTest, IdStatedTwice) {
  ExpectNodeError("\np1,Meeting,Họp,\n",
                  "nodes.csv line 7: ", "\"p1\" repeats line 2");
}

TEST(GraphCsvTest, EndpointNotANode) {
  ExpectEdgeError("p9,m1,ATTENDED,,,\n",
                  "edges.csv line 2: ", "src \"p9\" is not a node");
  ExpectEdgeError("p1,m1,ATTENDED,,,\np1,m9,ATTENDED,,,\n",
                  "edges.csv line 3: ", "dst \"m9\"");
}

TEST(GraphCsvTest, KindsTheTypeDoesNotJoin) {
  ExpectEdgeError("o1,m1,ATTENDED,,,\n",
                  "edges.csv line 2: ", "ATTENDED cannot join");
  ExpectEdgeError("p1,m1,HOLDS_POSITION,Bí thư,,\n",
                  "edges.csv line 2: ", "HOLDS_POSITION");
  ExpectEdgeError("m1,o1,ORGANIZED,,,\n", "edges.csv line 2: ", "ORGANIZED");
}

TEST(GraphCsvTest, RoleMissingOnHoldsPosition) {
  ExpectEdgeError("p1,o1,HOLDS_POSITION,,2010-01-01,\n",
                  "edges.csv line 2: ", "title");
}

TEST(GraphCsvTest, RoleGivenElsewhere) {
  ExpectEdgeError("p1,m1,ATTENDED,Bí thư,,\n",
                  "edges.csv line 2: ", "HOLDS_POSITION");
}

TEST(GraphCsvTest, DatesGivenElsewhere) {
  ExpectEdgeError("p1,m1,ATTENDED,,2020-01-01,\n",
                  "edges.csv line 2: ", "HOLDS_POSITION");
  ExpectEdgeError("o1,m1,ORGANIZED,,,2020-01-01\n",
                  "edges.csv line 2: ", "HOLDS_POSITION");
}

TEST(GraphCsvTest, InvalidRole) {
  ExpectEdgeError("p1,o1,HOLDS_POSITION,B\x01t,2010-01-01,\n",
                  "edges.csv line 2: ", "title");
}

TEST(GraphCsvTest, TermEndingBeforeItStarts) {
  ExpectEdgeError("p1,o1,HOLDS_POSITION,Bí thư,2015-01-01,2014-12-31\n",
                  "edges.csv line 2: ", "end before start");
  // Ending the day it starts, or without a start, is allowed.
  EXPECT_TRUE(
      Read(Nodes(), Edges("p1,o1,HOLDS_POSITION,Bí thư,2015-01-01,2015-01-01\n"
                          "p2,o1,HOLDS_POSITION,Bí thư,,2015-01-01\n"))
          .ok());
}

TEST(GraphCsvTest, NodeRowsAfterEdgeRows) {
  GraphCsvReader reader("import-1", ImportLimits());
  ASSERT_TRUE(reader.AddNodes(Nodes()).ok());
  ASSERT_TRUE(reader.AddEdges(Edges("p1,m1,ATTENDED,,,\n")).ok());
  const absl::Status status = reader.AddNodes("p3,Person,An,\n");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("nodes.csv"));
  EXPECT_THAT(status.message(), HasSubstr("after edge rows"));
  EXPECT_EQ(reader.Finish().status(), status);
}

TEST(GraphCsvTest, NoNodeRows) {
  ExpectError(kNodesHeader, "", absl::StatusCode::kInvalidArgument, "nodes.csv",
              "no node rows");
  ExpectError("", "", absl::StatusCode::kInvalidArgument, "nodes.csv",
              "no node rows");
  // Edge rows cannot come first either: the first AddEdges ends nodes.csv.
  GraphCsvReader reader("import-1", ImportLimits());
  const absl::Status status = reader.AddEdges(Edges("p1,m1,ATTENDED,,,\n"));
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("no node rows"));
}

TEST(GraphCsvTest, Limits) {
  ImportLimits limits;
  limits.max_nodes = 3;
  absl::StatusOr<storage::GraphImport> graph = Read(Nodes(), "", limits);
  EXPECT_EQ(graph.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(graph.status().message()),
              StartsWith("nodes.csv line 5: "));
  limits.max_nodes = 4;
  EXPECT_TRUE(Read(Nodes(), "", limits).ok());

  limits.max_edges = 2;
  const std::string three =
      Edges("p1,m1,ATTENDED,,,\np2,m1,ATTENDED,,,\no1,m1,ORGANIZED,,,\n");
  graph = Read(Nodes(), three, limits);
  EXPECT_EQ(graph.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(graph.status().message()),
              StartsWith("edges.csv line 4: "));
  limits.max_edges = 3;
  EXPECT_TRUE(Read(Nodes(), three, limits).ok());

  limits.max_field_bytes = 25;  // "Ban Dân vận Thành ủy" has 26 bytes.
  graph = Read(Nodes(), "", limits);
  EXPECT_EQ(graph.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(graph.status().message()),
              StartsWith("nodes.csv line 4: "));
}

TEST(GraphCsvTest, EveryLaterCallReturnsTheFirstError) {
  GraphCsvReader reader("import-1", ImportLimits());
  const absl::Status first = reader.AddNodes(Nodes("p3,Persona,An,\n"));
  ASSERT_EQ(first.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(first.message()), StartsWith("nodes.csv line 6: "));
  EXPECT_EQ(reader.AddNodes("p4,Person,Bình,\n"), first);
  EXPECT_EQ(reader.AddNodes("p5,Persona,Bình,\n"), first);
  EXPECT_EQ(reader.AddEdges(Edges("p1,m1,ATTENDED,,,\n")), first);
  EXPECT_EQ(reader.Finish().status(), first);
  EXPECT_EQ(reader.Finish().status(), first);

  GraphCsvReader edges("import-1", ImportLimits());
  ASSERT_TRUE(edges.AddNodes(Nodes()).ok());
  const absl::Status bad = edges.AddEdges(Edges("p1,m9,ATTENDED,,,\n"));
  ASSERT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(edges.AddEdges("p1,m1,ATTENDED,,,\n"), bad);
  EXPECT_EQ(edges.AddNodes("p3,Person,An,\n"), bad);
  EXPECT_EQ(edges.Finish().status(), bad);
}

TEST(GraphCsvTest, ErrorAtFinishSticksToo) {
  GraphCsvReader reader("import-1", ImportLimits());
  ASSERT_TRUE(reader.AddNodes(Nodes()).ok());
  ASSERT_TRUE(reader.AddEdges(Edges("p1,m1,\"ATTENDED")).ok());
  const absl::Status status = reader.Finish().status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), StartsWith("edges.csv line 2: "));
  EXPECT_EQ(reader.Finish().status(), status);
}

}  // namespace
}  // namespace govgraph::ingest
