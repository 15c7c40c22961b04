// The fixture of the service tests: a ServiceStack (service_stack.h) on a
// RocksDbGraphStore in a fresh temp dir, called through the server's
// in-process channel (no socket carries a call).
#ifndef GOVGRAPH_TESTS_SERVICE_SERVICE_TEST_BASE_H_
#define GOVGRAPH_TESTS_SERVICE_SERVICE_TEST_BASE_H_

#include <memory>
#include <string>
#include <vector>

#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "server/service/knowledge_graph_service.h"
#include "server/service/metrics.h"
#include "server/service/request_log.h"
#include "server/service/server_setup.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/service/service_stack.h"

namespace govgraph::service::testing {

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
  // The server's request log; a subclass may change it before SetUp.
  RequestLogOptions request_log_;
  std::unique_ptr<ServiceStack> stack_;
  // Parts of stack_, owned by it.
  storage::RocksDbGraphStore* store_ = nullptr;
  // Counts the calls and ingests of service_ and server_; not served over
  // HTTP unless a test calls Serve.
  ServerMetrics* metrics_ = nullptr;
  KnowledgeGraphService* service_ = nullptr;
  GrpcServer* server_ = nullptr;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::KnowledgeGraph::Stub> stub_;
};

}  // namespace govgraph::service::testing

#endif  // GOVGRAPH_TESTS_SERVICE_SERVICE_TEST_BASE_H_
