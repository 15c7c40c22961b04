// ImportGraph through the in-process server: a client stream of CSV chunks
// (split anywhere, even inside a UTF-8 sequence), what it loads, and one
// case per error code, each leaving the store unchanged.
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::HasSubstr;

std::chrono::system_clock::time_point Deadline() {
  // Only a guard against a hung test; calls answer at once.
  return std::chrono::system_clock::now() + std::chrono::seconds(60);
}

// Lines 2-5 of nodes.csv; every id starts with `prefix`.
std::string NodesCsv(const std::string& prefix = "") {
  return absl::StrReplaceAll(
      "id,kind,name,date\n"
      "$p1,Person,Nguyễn Văn An,1960-05-01\n"
      "$p2,Person,\"Trần Thị Bình\",\n"
      "$o1,Organization,\"Ban Dân vận, Thành ủy\",\n"
      "$m1,Meeting,Hội nghị tổng kết,2020-01-02\n",
      {{"$", prefix}});
}

// Lines 2-5 of edges.csv.
std::string EdgesCsv(const std::string& prefix = "") {
  return absl::StrReplaceAll(
      "src,dst,type,title,start,end\r\n"
      "$p1,$o1,HOLDS_POSITION,Bí thư,2016-01-01,\r\n"
      "$p1,$m1,ATTENDED,,,\r\n"
      "$p1,$m1,ATTENDED,,,\r\n"
      "$p2,$m1,ATTENDED,,,\r\n",
      {{"$", prefix}});
}

// The stream: `source_id` alone first (if not empty), then `nodes` and
// `edges` in chunks of `chunk` bytes.
std::vector<v1::ImportGraphRequest> Requests(const std::string& source_id,
                                             const std::string& nodes,
                                             const std::string& edges,
                                             size_t chunk = 1 << 20) {
  std::vector<v1::ImportGraphRequest> requests;
  if (!source_id.empty()) {
    requests.emplace_back().set_source_id(source_id);
  }
  for (size_t i = 0; i < nodes.size(); i += chunk) {
    requests.emplace_back().set_nodes_csv(nodes.substr(i, chunk));
  }
  for (size_t i = 0; i < edges.size(); i += chunk) {
    requests.emplace_back().set_edges_csv(edges.substr(i, chunk));
  }
  return requests;
}

class ImportServiceTest : public ServiceTest {
 protected:
  grpc::Status Import(const std::vector<v1::ImportGraphRequest>& requests,
                      v1::ImportGraphResponse* response = nullptr) {
    v1::ImportGraphResponse ignored;
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    std::unique_ptr<grpc::ClientWriter<v1::ImportGraphRequest>> writer =
        stub_->ImportGraph(&context, response != nullptr ? response : &ignored);
    for (const v1::ImportGraphRequest& request : requests) {
      if (!writer->Write(request)) break;  // The server has answered.
    }
    writer->WritesDone();
    return writer->Finish();
  }

  // Imports, expects `code` with `message` in the error and no change.
  void ExpectRefused(const std::vector<v1::ImportGraphRequest>& requests,
                     grpc::StatusCode code, const std::string& message) {
    const v1::GetStatsResponse before = Stats();
    const grpc::Status status = Import(requests);
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(message));
    ExpectNothingWritten(before, {"p1", "p2", "o1", "m1"});
  }

  std::vector<v1::RelationView> Relations(const std::string& id,
                                          v1::Direction direction) {
    v1::ListRelationsRequest request;
    request.set_entity_id(id);
    request.set_direction(direction);
    request.set_page_size(100);
    v1::ListRelationsResponse response;
    const grpc::Status status = ListRelations(request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.relations().begin(), response.relations().end()};
  }
};

TEST_F(ImportServiceTest, ImportsTheGraph) {
  v1::ImportGraphResponse response;
  const grpc::Status status =
      Import(Requests("", NodesCsv(), EdgesCsv()), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.source_id(), "import");  // The default.
  EXPECT_EQ(response.nodes(), 4);
  EXPECT_EQ(response.edges(), 4);

  const v1::GetStatsResponse stats = Stats();
  EXPECT_EQ(stats.entities(), 4);
  EXPECT_EQ(stats.relations(), 4);
  EXPECT_EQ(stats.reports(), 0);
  EXPECT_EQ(stats.entities_by_kind().at("PERSON"), 2);
  EXPECT_EQ(stats.relations_by_type().at("ATTENDED"), 3);
  EXPECT_EQ(stats.relations_by_type().at("HOLDS_POSITION"), 1);

  v1::Entity o1;
  ASSERT_TRUE(GetEntity("o1", &o1).ok());
  EXPECT_EQ(o1.kind(), v1::ORGANIZATION);
  EXPECT_EQ(o1.display_name(), "Ban Dân vận, Thành ủy");
  ASSERT_EQ(o1.evidence_size(), 1);
  EXPECT_EQ(o1.evidence(0).report_id(), "import");
  EXPECT_EQ(o1.evidence(0).source_line(), 4);
  v1::Entity m1;
  ASSERT_TRUE(GetEntity("m1", &m1).ok());
  EXPECT_EQ(m1.meeting().date(), "2020-01-02");

  const std::vector<v1::RelationView> in = Relations("m1", v1::INCOMING);
  ASSERT_EQ(in.size(), 3u);  // The repeated row is its own relation.
  std::vector<int> lines;
  for (const v1::RelationView& view : in) {
    ASSERT_EQ(view.relation().evidence_size(), 1);
    lines.push_back(view.relation().evidence(0).source_line());
  }
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines, (std::vector<int>{3, 4, 5}));
  const std::vector<v1::RelationView> out = Relations("p1", v1::OUTGOING);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].relation().type(), v1::HOLDS_POSITION);
  EXPECT_EQ(out[0].relation().role(), "Bí thư");
  EXPECT_EQ(out[0].relation().start_date(), "2016-01-01");
}

TEST_F(ImportServiceTest, SourceIdNamesTheImport) {
  std::vector<v1::ImportGraphRequest> requests =
      Requests("", NodesCsv(), EdgesCsv());
  requests[0].set_source_id("bench-s1");  // With the first chunk.
  v1::ImportGraphResponse response;
  const grpc::Status status = Import(requests, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.source_id(), "bench-s1");
  v1::Entity p1;
  ASSERT_TRUE(GetEntity("p1", &p1).ok());
  ASSERT_EQ(p1.evidence_size(), 1);
  EXPECT_EQ(p1.evidence(0).report_id(), "bench-s1");
  EXPECT_EQ(p1.evidence(0).source_line(), 2);
}

TEST_F(ImportServiceTest, ChunksMaySplitLinesAndUtf8Sequences) {
  // Chunk sizes 1 and 2 split every multi-byte character of the names.
  for (size_t chunk : {1, 2, 3, 5, 7, 16, 4096}) {
    const std::string prefix = absl::StrCat("c", chunk, "-");
    v1::ImportGraphResponse response;
    const grpc::Status status = Import(
        Requests(prefix, NodesCsv(prefix), EdgesCsv(prefix), chunk), &response);
    ASSERT_TRUE(status.ok()) << chunk << ": " << status.error_message();
    EXPECT_EQ(response.source_id(), prefix);
    EXPECT_EQ(response.nodes(), 4);
    EXPECT_EQ(response.edges(), 4);
    v1::Entity p1;
    ASSERT_TRUE(GetEntity(prefix + "p1", &p1).ok());
    EXPECT_EQ(p1.display_name(), "Nguyễn Văn An") << chunk;
    v1::Entity o1;
    ASSERT_TRUE(GetEntity(prefix + "o1", &o1).ok());
    EXPECT_EQ(o1.display_name(), "Ban Dân vận, Thành ủy") << chunk;
    EXPECT_EQ(Relations(prefix + "m1", v1::INCOMING).size(), 3u) << chunk;
    EXPECT_EQ(Relations(prefix + "p1", v1::OUTGOING)[0].relation().role(),
              "Bí thư");
  }
  EXPECT_EQ(Stats().entities(), 7 * 4);
}

TEST_F(ImportServiceTest, BadEdgeRowIsInvalidArgumentAndLoadsNothing) {
  const std::string edges = EdgesCsv() + "p2,m9,ATTENDED,,,\r\n";  // Line 6.
  ExpectRefused(Requests("", NodesCsv(), edges, 10),
                grpc::StatusCode::INVALID_ARGUMENT, "edges.csv line 6");
  // A bad row in the middle, after a blank line.
  const std::string middle =
      "src,dst,type,title,start,end\n"
      "p1,m1,ATTENDED,,,\n"
      "\n"
      "p1,m1,ATTENDED,Bí thư,,\n"
      "p2,m1,ATTENDED,,,\n";
  ExpectRefused(Requests("", NodesCsv(), middle),
                grpc::StatusCode::INVALID_ARGUMENT, "edges.csv line 4");
}

TEST_F(ImportServiceTest, BadNodeRowIsInvalidArgumentAndLoadsNothing) {
  ExpectRefused(Requests("", NodesCsv() + "p3,Persona,An,\n", EdgesCsv()),
                grpc::StatusCode::INVALID_ARGUMENT, "nodes.csv line 6");
  ExpectRefused(Requests("", NodesCsv() + "p3,Person,\"An\n", EdgesCsv()),
                grpc::StatusCode::INVALID_ARGUMENT, "nodes.csv line 6");
  ExpectRefused(Requests("", NodesCsv() + "p4,Person,Nguy\xE1\xBB,\n", ""),
                grpc::StatusCode::INVALID_ARGUMENT, "nodes.csv line 6");
}

TEST_F(ImportServiceTest, EdgesBeforeNodesAreInvalid) {
  std::vector<v1::ImportGraphRequest> requests =
      Requests("", NodesCsv(), EdgesCsv());
  std::swap(requests.front(), requests.back());  // Edges first, nodes last.
  ExpectRefused(requests, grpc::StatusCode::INVALID_ARGUMENT, "nodes.csv");
}

TEST_F(ImportServiceTest, TakenIdIsAlreadyExists) {
  ASSERT_TRUE(Ingest(DanVanReport()).ok());
  const std::string nodes = NodesCsv() + kLoc + ",Person,Nguyễn Phước Lộc,\n";
  const v1::GetStatsResponse before = Stats();
  v1::Entity loc_before;
  ASSERT_TRUE(GetEntity(kLoc, &loc_before).ok());
  const grpc::Status status = Import(Requests("", nodes, EdgesCsv()));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS)
      << status.error_message();
  EXPECT_THAT(status.error_message(), HasSubstr("nodes.csv line 6"));
  ExpectNothingWritten(before, {"p1", "p2", "o1", "m1"});
  v1::Entity loc_after;
  ASSERT_TRUE(GetEntity(kLoc, &loc_after).ok());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(loc_before,
                                                                 loc_after));
  // The same import twice.
  ASSERT_TRUE(Import(Requests("", NodesCsv(), EdgesCsv())).ok());
  const v1::GetStatsResponse imported = Stats();
  EXPECT_EQ(Import(Requests("", NodesCsv(), EdgesCsv())).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(imported, Stats()));
}

TEST_F(ImportServiceTest, NoMessagesIsInvalidArgument) {
  ExpectRefused({}, grpc::StatusCode::INVALID_ARGUMENT, "no messages");
}

TEST_F(ImportServiceTest, NoNodesIsInvalidArgument) {
  ExpectRefused(Requests("import-9", "", ""),
                grpc::StatusCode::INVALID_ARGUMENT, "nodes.csv");
}

TEST_F(ImportServiceTest, InvalidSourceIdIsInvalidArgument) {
  ExpectRefused(Requests("bad\x01id", NodesCsv(), EdgesCsv()),
                grpc::StatusCode::INVALID_ARGUMENT, "source_id");
  ExpectRefused(Requests(std::string(300, 's'), NodesCsv(), EdgesCsv()),
                grpc::StatusCode::INVALID_ARGUMENT, "source_id");
}

}  // namespace
}  // namespace govgraph::service::testing
