// FindPaths with k_shortest, ExportSubgraph and ExportGraph through the
// in-process server: answers on the Dân vận report and the status code of each
// error a client can cause.
#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

// The ids of `path`'s nodes, source first.
std::vector<std::string> NodeIds(const v1::Path& path) {
  std::vector<std::string> ids;
  for (const v1::Entity& node : path.nodes()) ids.push_back(node.id());
  return ids;
}

// "SOURCE TYPE TARGET".
std::string Text(const v1::Relation& relation) {
  return relation.source_id() + " " + v1::RelationType_Name(relation.type()) +
         " " + relation.target_id();
}

class PathsExportServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    ASSERT_TRUE(Ingest(DanVanReport()).ok());
  }

  grpc::StatusCode Paths(const v1::FindPathsRequest& request,
                         v1::FindPathsResponse* response) {
    response->Clear();
    grpc::ClientContext context;
    return stub_->FindPaths(&context, request, response).error_code();
  }

  // Reads the whole stream into `items`; returns its status code.
  grpc::StatusCode Export(const v1::ExportSubgraphRequest& request,
                          std::vector<v1::ExportSubgraphResponse>* items) {
    items->clear();
    grpc::ClientContext context;
    auto reader = stub_->ExportSubgraph(&context, request);
    v1::ExportSubgraphResponse item;
    while (reader->Read(&item)) items->push_back(item);
    return reader->Finish().error_code();
  }
};

TEST_F(PathsExportServiceTest, KShortestPathsLongerOnesAfterTheShortest) {
  v1::FindPathsRequest request;
  request.set_source_id(kYen);
  request.set_target_id(kLoc);
  request.set_k_shortest(3);
  v1::FindPathsResponse response;
  ASSERT_EQ(Paths(request, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.length(), 2);
  ASSERT_EQ(response.paths_size(), 3);
  // Through the meeting, then the report (ids m- < tuoitre-), then the
  // first of the paths of 3 by node ids: through the meeting's directive.
  EXPECT_THAT(NodeIds(response.paths(0)), ElementsAre(kYen, kMeeting, kLoc));
  EXPECT_THAT(NodeIds(response.paths(1)), ElementsAre(kYen, kReportId, kLoc));
  EXPECT_THAT(NodeIds(response.paths(2)),
              ElementsAre(kYen, kMeeting, kDirective, kLoc));
  const v1::Path& first = response.paths(0);
  EXPECT_EQ(first.relations(0).type(), v1::ATTENDED);
  EXPECT_GT(first.relations(0).evidence_size(), 0);
  EXPECT_EQ(first.nodes(0).evidence_size(), 0);

  request.set_k_shortest(20);  // More than there are: every loopless path.
  ASSERT_EQ(Paths(request, &response), grpc::StatusCode::OK);
  EXPECT_GT(response.paths_size(), 3);
  EXPECT_LT(response.paths_size(), 20);
  std::set<std::string> seen;
  int previous = 0;
  for (const v1::Path& path : response.paths()) {
    EXPECT_GE(path.relations_size(), previous);
    previous = path.relations_size();
    std::string key;
    for (const v1::Relation& r : path.relations()) key += Text(r) + ";";
    EXPECT_TRUE(seen.insert(key).second) << key;
  }
  request.set_directed(true);  // Yến's relations all point away from her.
  ASSERT_EQ(Paths(request, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.length(), -1);
  EXPECT_EQ(response.paths_size(), 0);
}

TEST_F(PathsExportServiceTest, KShortestErrors) {
  v1::FindPathsRequest request;
  request.set_source_id(kYen);
  request.set_target_id(kLoc);
  v1::FindPathsResponse response;
  for (int k : {-1, 21}) {
    request.set_k_shortest(k);
    EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT)
        << k;
  }
  request.set_k_shortest(2);
  request.set_max_paths(2);
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_max_paths(1);
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::OK);
  EXPECT_EQ(response.paths_size(), 2);
  request.set_max_depth(11);
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_max_depth(0);
  request.add_types(static_cast<v1::RelationType>(99));
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.clear_types();
  request.set_target_id(kYen);
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_target_id("p-nobody");
  EXPECT_EQ(Paths(request, &response), grpc::StatusCode::NOT_FOUND);

  request.set_target_id(kLoc);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() -
                       std::chrono::seconds(1));
  EXPECT_EQ(stub_->FindPaths(&context, request, &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
}

TEST_F(PathsExportServiceTest, ExportSubgraphNodesThenRelations) {
  v1::ExportSubgraphRequest request;
  request.set_center_id(kYen);
  std::vector<v1::ExportSubgraphResponse> items;
  ASSERT_EQ(Export(request, &items), grpc::StatusCode::OK);
  ASSERT_EQ(items.size(), 8u);  // 4 nodes, then the 4 relations among them.
  EXPECT_EQ(items[0].node().id(), kYen);
  std::vector<std::string> nodes, relations;
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].has_node(), i < 4) << i;
    EXPECT_FALSE(items[i].truncated());
    if (items[i].has_node()) {
      nodes.push_back(items[i].node().id());
      EXPECT_EQ(items[i].node().evidence_size(), 0);
    } else {
      relations.push_back(Text(items[i].relation()));
      EXPECT_EQ(items[i].relation().evidence_size(), 0);
    }
  }
  EXPECT_THAT(nodes, UnorderedElementsAre(kYen, kMttq, kMeeting, kReportId));
  EXPECT_THAT(relations,
              UnorderedElementsAre(
                  std::string(kYen) + " HOLDS_POSITION " + kMttq,
                  std::string(kYen) + " ATTENDED " + kMeeting,
                  std::string(kYen) + " MENTIONED_IN " + kReportId,
                  std::string(kMeeting) + " MENTIONED_IN " + kReportId));

  request.set_with_evidence(true);
  request.add_types(v1::ATTENDED);
  ASSERT_EQ(Export(request, &items), grpc::StatusCode::OK);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2].relation().type(), v1::ATTENDED);
  EXPECT_GT(items[2].relation().evidence_size(), 0);
  EXPECT_FALSE(items[2].relation().evidence(0).sentence().empty());

  request.clear_types();
  request.add_kinds(v1::MEETING);
  request.set_max_hops(3);
  ASSERT_EQ(Export(request, &items), grpc::StatusCode::OK);
  ASSERT_EQ(items.size(), 3u);  // Yến, the meeting, ATTENDED.
  EXPECT_EQ(items[1].node().id(), kMeeting);
}

TEST_F(PathsExportServiceTest, ExportSubgraphTruncatedByTheNodeLimit) {
  v1::ExportSubgraphRequest request;
  request.set_center_id(kYen);
  request.set_max_hops(2);
  request.set_node_limit(2);
  std::vector<v1::ExportSubgraphResponse> items;
  ASSERT_EQ(Export(request, &items), grpc::StatusCode::OK);
  ASSERT_EQ(items.size(), 3u);  // Yến, a neighbour, the relation between.
  EXPECT_FALSE(items[1].truncated());
  EXPECT_TRUE(items[2].has_relation());
  EXPECT_TRUE(items[2].truncated());
  request.set_node_limit(1);
  ASSERT_EQ(Export(request, &items), grpc::StatusCode::OK);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(items[0].truncated());
}

TEST_F(PathsExportServiceTest, ExportSubgraphErrors) {
  v1::ExportSubgraphRequest good;
  good.set_center_id(kYen);
  std::vector<v1::ExportSubgraphResponse> items;
  auto code_with = [&](auto change) {
    v1::ExportSubgraphRequest request = good;
    change(&request);
    return Export(request, &items);
  };
  using Request = v1::ExportSubgraphRequest;
  EXPECT_EQ(code_with([](Request* r) { r->clear_center_id(); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(code_with([](Request* r) { r->set_max_hops(4); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(code_with([](Request* r) { r->set_max_hops(-1); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(code_with([](Request* r) { r->set_node_limit(100001); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(code_with([](Request* r) { r->set_node_limit(-1); }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(code_with([](Request* r) {
              r->add_kinds(static_cast<v1::EntityKind>(42));
            }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(
      code_with([](Request* r) { r->add_kinds(v1::ENTITY_KIND_UNSPECIFIED); }),
      grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(code_with([](Request* r) {
              r->add_types(static_cast<v1::RelationType>(99));
            }),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(code_with([](Request* r) { r->set_center_id("p-nobody"); }),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(items.empty());
  EXPECT_EQ(code_with([](Request* r) { r->set_node_limit(100000); }),
            grpc::StatusCode::OK);

  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() -
                       std::chrono::seconds(1));
  auto reader = stub_->ExportSubgraph(&context, good);
  v1::ExportSubgraphResponse item;
  while (reader->Read(&item)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

// The whole graph: every node, then every relation, each once, counted as
// GetStats counts them; evidence only when asked for.
TEST_F(PathsExportServiceTest, ExportGraphStreamsTheWholeGraph) {
  v1::GetStatsResponse stats;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(stub_->GetStats(&context, {}, &stats).ok());
  }
  for (const bool with_evidence : {false, true}) {
    v1::ExportGraphRequest request;
    request.set_with_evidence(with_evidence);
    grpc::ClientContext context;
    auto reader = stub_->ExportGraph(&context, request);
    v1::ExportGraphResponse batch;
    std::set<std::string> nodes;
    std::set<std::string> relations;
    int64_t evidence = 0;
    while (reader->Read(&batch)) {
      EXPECT_TRUE(batch.nodes().empty() || relations.empty())
          << "nodes after relations";
      for (const v1::Entity& node : batch.nodes()) {
        EXPECT_TRUE(nodes.insert(node.id()).second) << node.id();
        evidence += node.evidence_size();
      }
      for (const v1::Relation& relation : batch.relations()) {
        EXPECT_TRUE(
            relations.insert(Text(relation) + " " + relation.role()).second)
            << Text(relation);
        EXPECT_EQ(nodes.count(relation.source_id()), 1u) << Text(relation);
        EXPECT_EQ(nodes.count(relation.target_id()), 1u) << Text(relation);
        evidence += relation.evidence_size();
      }
    }
    ASSERT_TRUE(reader->Finish().ok());
    EXPECT_EQ(static_cast<int64_t>(nodes.size()), stats.entities());
    EXPECT_EQ(static_cast<int64_t>(relations.size()), stats.relations());
    EXPECT_EQ(evidence > 0, with_evidence);
    EXPECT_EQ(nodes.count(kLoc), 1u);
  }
}

TEST_F(PathsExportServiceTest, ExportGraphEndsWithTheCall) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() -
                       std::chrono::seconds(1));
  auto reader = stub_->ExportGraph(&context, v1::ExportGraphRequest());
  v1::ExportGraphResponse batch;
  while (reader->Read(&batch)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
}

}  // namespace
}  // namespace govgraph::service::testing
