// The fixture of the service tests: a RocksDbGraphStore in a fresh temp
// dir, the query, ingest and extract cores (the built-in lexicon),
// KnowledgeGraphService and a GrpcServer,
// called through the server's in-process channel (no socket carries a
// call). Also a realistic report to ingest.
#ifndef GOVGRAPH_TESTS_SERVICE_SERVICE_TEST_BASE_H_
#define GOVGRAPH_TESTS_SERVICE_SERVICE_TEST_BASE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"
#include "server/ingest/ingest_pipeline.h"
#include "server/query/graph_query.h"
#include "server/service/knowledge_graph_service.h"
#include "server/service/server_setup.h"
#include "server/storage/rocksdb_graph_store.h"

namespace govgraph::service::testing {

// Limits small enough for a test to exceed cheaply; DanVanReport() stays
// well below them.
inline constexpr size_t kTestMaxReportBytes = 16 << 10;
inline constexpr size_t kTestMaxEntities = 20;
inline constexpr size_t kTestMaxTextBytes = 4 << 10;

// The ids DanVanReport() uses.
inline constexpr char kReportId[] = "tuoitre-2024-03-15-dan-van";
inline constexpr char kLoc[] = "p-nguyen-phuoc-loc";
inline constexpr char kYen[] = "p-tran-kim-yen";
inline constexpr char kBanDanVan[] = "o-ban-dan-van-tphcm";
inline constexpr char kThanhUy[] = "o-thanh-uy-tphcm";
inline constexpr char kMttq[] = "o-mttq-tphcm";
inline constexpr char kMeeting[] = "m-tong-ket-dan-van-2023";
inline constexpr char kDirective[] = "d-giam-sat-phan-bien";

// A news report as an extractor would send it: 2 persons, 3
// organizations, a meeting, a directive and 13 relations (every type but
// SPOKE_AT; HOLDS_POSITION x3, MENTIONED_IN x3), with evidence spans.
v1::IngestFactsRequest DanVanReport();

// A minimal valid request: report `report_id` mentioning one person.
v1::IngestFactsRequest OnePersonReport(const std::string& report_id,
                                       const std::string& person_id);

// The bytes of `buffer`; empty if they cannot be read.
std::string BytesOf(const grpc::ByteBuffer& buffer);

// The outcome of a call made with raw bytes.
struct RawReply {
  grpc::Status status;
  std::string bytes;  // The response message; empty unless status is OK.
};

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Calls `method` ("/package.Service/Method") with `request` as the
  // serialized request, bypassing the client's own serialization.
  RawReply CallRaw(const std::string& method, const std::string& request);

  grpc::Status Ingest(const v1::IngestFactsRequest& request,
                      v1::IngestFactsResponse* response = nullptr);
  grpc::Status GetEntity(const std::string& id, v1::Entity* entity = nullptr);
  grpc::Status ListRelations(const v1::ListRelationsRequest& request,
                             v1::ListRelationsResponse* response);
  grpc::Status Search(const v1::SearchEntitiesRequest& request,
                      v1::SearchEntitiesResponse* response);
  // GetStats with disk_bytes cleared (it changes with compaction).
  v1::GetStatsResponse Stats();

  // Expects the counts to equal `before` and every id in `ids` to be
  // unknown (GetEntity NOT_FOUND): a failed write wrote nothing.
  void ExpectNothingWritten(const v1::GetStatsResponse& before,
                            const std::vector<std::string>& ids);

  std::string dir_;
  std::unique_ptr<storage::RocksDbGraphStore> store_;
  std::unique_ptr<query::GraphQuery> query_;
  std::unique_ptr<extract::Extractor> extractor_;
  std::unique_ptr<ingest::IngestPipeline> ingest_;
  // Counts the calls and ingests of service_ and server_; not served over
  // HTTP unless a test calls Serve.
  std::unique_ptr<ServerMetrics> metrics_;
  // The server's request log; a subclass may change it before SetUp.
  RequestLogOptions request_log_;
  std::unique_ptr<KnowledgeGraphService> service_;
  std::unique_ptr<GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::KnowledgeGraph::Stub> stub_;
};

}  // namespace govgraph::service::testing

#endif  // GOVGRAPH_TESTS_SERVICE_SERVICE_TEST_BASE_H_
