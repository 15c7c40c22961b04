// The gRPC adapter of govgraph.v1.KnowledgeGraph: each handler converts the
// request, calls the core (query / ingest / extract) and maps the status. No
// storage access, NLP or loops over data here.
#ifndef GOVGRAPH_SERVER_SERVICE_KNOWLEDGE_GRAPH_SERVICE_H_
#define GOVGRAPH_SERVER_SERVICE_KNOWLEDGE_GRAPH_SERVICE_H_

#include <cstddef>

#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "server/extract/extractor.h"
#include "server/ingest/ingest_pipeline.h"
#include "server/query/graph_query.h"
#include "server/service/metrics.h"

namespace govgraph::service {

struct ServiceOptions {
  // Largest IngestFacts request accepted, in serialized bytes; larger ones
  // fail with RESOURCE_EXHAUSTED. (Report texts have their own limit,
  // ExtractorOptions::max_text_bytes: INVALID_ARGUMENT.) Default: 8 MiB.
  size_t max_report_bytes = 8 << 20;
  // Where ingest outcomes are counted; not owned, may be null.
  ServerMetrics* metrics = nullptr;
};

// Thread-safe.
class KnowledgeGraphService final : public v1::KnowledgeGraph::Service {
 public:
  // `query`, `ingest` and `extractor` are not owned and must outlive the
  // service.
  KnowledgeGraphService(const query::GraphQuery* query,
                        const ingest::IngestPipeline* ingest,
                        const extract::Extractor* extractor,
                        const ServiceOptions& options)
      : query_(query),
        ingest_(ingest),
        extractor_(extractor),
        options_(options) {}

  grpc::Status IngestFacts(grpc::ServerContext* context,
                           const v1::IngestFactsRequest* request,
                           v1::IngestFactsResponse* response) override;
  grpc::Status DeleteReport(grpc::ServerContext* context,
                            const v1::DeleteReportRequest* request,
                            v1::DeleteReportResponse* response) override;
  // Reads the whole stream, then loads it in one atomic write.
  grpc::Status ImportGraph(grpc::ServerContext* context,
                           grpc::ServerReader<v1::ImportGraphRequest>* reader,
                           v1::ImportGraphResponse* response) override;
  grpc::Status GetEntity(grpc::ServerContext* context,
                         const v1::GetEntityRequest* request,
                         v1::Entity* response) override;
  grpc::Status ListRelations(grpc::ServerContext* context,
                             const v1::ListRelationsRequest* request,
                             v1::ListRelationsResponse* response) override;
  grpc::Status SearchEntities(grpc::ServerContext* context,
                              const v1::SearchEntitiesRequest* request,
                              v1::SearchEntitiesResponse* response) override;
  grpc::Status ListEvidence(grpc::ServerContext* context,
                            const v1::ListEvidenceRequest* request,
                            v1::ListEvidenceResponse* response) override;
  grpc::Status GetStats(grpc::ServerContext* context,
                        const v1::GetStatsRequest* request,
                        v1::GetStatsResponse* response) override;
  grpc::Status Extract(grpc::ServerContext* context,
                       const v1::ExtractRequest* request,
                       v1::ExtractResponse* response) override;
  grpc::Status IngestReport(grpc::ServerContext* context,
                            const v1::IngestReportRequest* request,
                            v1::IngestReportResponse* response) override;
  grpc::Status ListPositions(grpc::ServerContext* context,
                             const v1::ListPositionsRequest* request,
                             v1::ListPositionsResponse* response) override;
  // These six stop with DEADLINE_EXCEEDED or CANCELLED as the call ends.
  grpc::Status ListCoAttendees(grpc::ServerContext* context,
                               const v1::ListCoAttendeesRequest* request,
                               v1::ListCoAttendeesResponse* response) override;
  grpc::Status ListMeetings(grpc::ServerContext* context,
                            const v1::ListMeetingsRequest* request,
                            v1::ListMeetingsResponse* response) override;
  grpc::Status ListDirectives(grpc::ServerContext* context,
                              const v1::ListDirectivesRequest* request,
                              v1::ListDirectivesResponse* response) override;
  grpc::Status FindPaths(grpc::ServerContext* context,
                         const v1::FindPathsRequest* request,
                         v1::FindPathsResponse* response) override;
  grpc::Status Traverse(
      grpc::ServerContext* context, const v1::TraverseRequest* request,
      grpc::ServerWriter<v1::TraverseResponse>* writer) override;
  grpc::Status ExportSubgraph(
      grpc::ServerContext* context, const v1::ExportSubgraphRequest* request,
      grpc::ServerWriter<v1::ExportSubgraphResponse>* writer) override;
  grpc::Status ExportGraph(
      grpc::ServerContext* context, const v1::ExportGraphRequest* request,
      grpc::ServerWriter<v1::ExportGraphResponse>* writer) override;
  grpc::Status MergeEntities(grpc::ServerContext* context,
                             const v1::MergeEntitiesRequest* request,
                             v1::MergeEntitiesResponse* response) override;
  grpc::Status SplitEntity(grpc::ServerContext* context,
                           const v1::SplitEntityRequest* request,
                           v1::SplitEntityResponse* response) override;
  grpc::Status UndoCuration(grpc::ServerContext* context,
                            const v1::UndoCurationRequest* request,
                            v1::UndoCurationResponse* response) override;
  grpc::Status ListAudit(grpc::ServerContext* context,
                         const v1::ListAuditRequest* request,
                         v1::ListAuditResponse* response) override;
  // Reads reports until the client half-closes, ingesting each and writing
  // its acknowledgement (code and message; OK when written) before reading
  // the next, so a client must read acknowledgements while it writes (a
  // client that only writes stalls once the transport's buffers fill).
  // Returns OK, or CANCELLED if the client cancelled.
  grpc::Status IngestReports(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::IngestReportsResponse,
                               v1::IngestReportRequest>* stream) override;

  grpc::Status CreateBackup(grpc::ServerContext* context,
                            const v1::CreateBackupRequest* request,
                            v1::CreateBackupResponse* response) override;

 private:
  // IngestFacts from the size check to the write.
  absl::StatusOr<storage::ApplyResult> IngestFactsOf(
      const v1::IngestFactsRequest& request) const;

  const query::GraphQuery* const query_;
  const ingest::IngestPipeline* const ingest_;
  const extract::Extractor* const extractor_;
  const ServiceOptions options_;
};

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_KNOWLEDGE_GRAPH_SERVICE_H_
