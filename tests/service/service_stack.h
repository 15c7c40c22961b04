// The whole server stack in process, for tests and fuzz targets: a
// RocksDbGraphStore in a caller's directory, the query, ingest and extract
// cores (the built-in lexicon), KnowledgeGraphService and a GrpcServer,
// called through the server's in-process channel (no socket carries a
// call). Also a realistic report to ingest and a call with raw bytes.
// Needs no test framework.
#ifndef GOVGRAPH_TESTS_SERVICE_SERVICE_STACK_H_
#define GOVGRAPH_TESTS_SERVICE_SERVICE_STACK_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/channel.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/status.h"
#include "server/extract/extractor.h"
#include "server/ingest/ingest_pipeline.h"
#include "server/query/graph_query.h"
#include "server/service/knowledge_graph_service.h"
#include "server/service/metrics.h"
#include "server/service/request_log.h"
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

// Calls unary `method` ("/package.Service/Method") on `channel` with
// `request` as the serialized request, bypassing the client's own
// serialization. Blocks until the call ends (deadline: 60 s).
RawReply CallRaw(const std::shared_ptr<grpc::Channel>& channel,
                 const std::string& method, const std::string& request);

// Owns the stack; destroying it shuts the server down (no grace) and
// closes the store, leaving its files. Not thread-safe to destroy while
// calls are made; calls on channel() are thread-safe.
class ServiceStack {
 public:
  // Opens (or creates) the store in `dir`, which must exist, and starts the
  // server on 127.0.0.1:0 with the test limits above. Returns the errors
  // of RocksDbGraphStore::Open, Lexicon::BuiltIn and GrpcServer::Start.
  static absl::StatusOr<std::unique_ptr<ServiceStack>> Open(
      const std::string& dir, const RequestLogOptions& request_log = {});
  ~ServiceStack();

  storage::RocksDbGraphStore* store() const { return store_.get(); }
  ServerMetrics* metrics() const { return metrics_.get(); }
  KnowledgeGraphService* service() const { return service_.get(); }
  GrpcServer* server() const { return server_.get(); }
  // The server's in-process channel; make no call on it once the stack is
  // destroyed.
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  ServiceStack() = default;
  absl::Status Start(const std::string& dir,
                     const RequestLogOptions& request_log);

  std::unique_ptr<storage::RocksDbGraphStore> store_;
  std::unique_ptr<query::GraphQuery> query_;
  std::unique_ptr<extract::Extractor> extractor_;
  std::unique_ptr<ingest::IngestPipeline> ingest_;
  // Counts the calls and ingests of service_ and server_; not served over
  // HTTP unless a caller calls Serve.
  std::unique_ptr<ServerMetrics> metrics_;
  std::unique_ptr<KnowledgeGraphService> service_;
  std::unique_ptr<GrpcServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace govgraph::service::testing

#endif  // GOVGRAPH_TESTS_SERVICE_SERVICE_STACK_H_
