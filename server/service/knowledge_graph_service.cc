#include "server/service/knowledge_graph_service.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "server/service/ingest_stream.h"
#include "server/service/proto_convert.h"
#include "server/service/status_mapping.h"

namespace govgraph::service {
namespace {

// Reports of one IngestReports stream in flight at once.
constexpr int kIngestWindow = 4;

absl::Status CheckReportSize(const v1::IngestFactsRequest& request,
                             size_t limit) {
  const size_t size = request.ByteSizeLong();
  if (size <= limit) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      absl::StrCat("report ", request.report_id(), " is ", size,
                   " bytes; the limit is ", limit, " (--max_report_bytes)"));
}

// The acknowledgement of one report of the IngestReports stream, with the
// status mapped as a handler's would be.
v1::IngestReportsResponse Acknowledgement(
    const v1::IngestReportRequest& request,
    const absl::StatusOr<ingest::ReportIngestResult>& result) {
  const grpc::Status status = ToGrpcStatus(result.status());
  v1::IngestReportsResponse ack;
  ack.set_report_id(result.ok() ? result->report_id : request.report_id());
  ack.set_code(status.error_code());
  ack.set_message(status.error_message());
  if (result.ok()) ToProto(*result, ack.mutable_report());
  return ack;
}

// Counts one report's outcome in `metrics`, if any; returns `result`.
const absl::StatusOr<ingest::ReportIngestResult>& Counted(
    ServerMetrics* metrics,
    const absl::StatusOr<ingest::ReportIngestResult>& result) {
  if (metrics == nullptr) return result;
  if (result.ok()) {
    metrics->RecordIngest(result->applied);
  } else {
    metrics->RecordIngest(result.status());
  }
  return result;
}

// Extracts one report of the stream now; writes it (durable at the next
// SyncWrites) when called back.
FinishFn PrepareOne(const ingest::IngestPipeline& ingest,
                    ServerMetrics* metrics,
                    const v1::IngestReportRequest& request) {
  auto prepared = std::make_shared<absl::StatusOr<ingest::PreparedReport>>(
      ingest.PrepareReport(request.report_id(), FromProto(request.report())));
  return [&ingest, metrics, request, prepared] {
    if (!prepared->ok()) {
      return Acknowledgement(request, Counted(metrics, prepared->status()));
    }
    return Acknowledgement(
        request,
        Counted(metrics, ingest.ApplyPreparedDeferred(*std::move(*prepared))));
  };
}

}  // namespace

absl::StatusOr<storage::ApplyResult> KnowledgeGraphService::IngestFactsOf(
    const v1::IngestFactsRequest& request) const {
  absl::Status size = CheckReportSize(request, options_.max_report_bytes);
  if (!size.ok()) return size;
  absl::StatusOr<ReportFacts> facts = FromProto(request);
  if (!facts.ok()) return facts.status();
  return ingest_->IngestFacts(*std::move(facts));
}

grpc::Status KnowledgeGraphService::IngestFacts(
    grpc::ServerContext*, const v1::IngestFactsRequest* request,
    v1::IngestFactsResponse* response) {
  absl::StatusOr<storage::ApplyResult> result = IngestFactsOf(*request);
  if (options_.metrics != nullptr) options_.metrics->RecordIngest(result);
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(*result, request->report_id(), response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::DeleteReport(
    grpc::ServerContext*, const v1::DeleteReportRequest* request,
    v1::DeleteReportResponse* response) {
  absl::StatusOr<storage::DeleteResult> result =
      ingest_->DeleteReport(request->report_id());
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(*result, request->report_id(), response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::ImportGraph(
    grpc::ServerContext* context,
    grpc::ServerReader<v1::ImportGraphRequest>* reader,
    v1::ImportGraphResponse* response) {
  v1::ImportGraphRequest request;
  if (!reader->Read(&request)) {
    return ToGrpcStatus(absl::InvalidArgumentError("no messages"));
  }
  const std::string source_id =
      request.source_id().empty() ? "import" : request.source_id();
  absl::Status status = ingest::ValidateId("source_id", source_id);
  ingest::GraphCsvReader csv(source_id, ingest::ImportLimits());
  do {
    if (!status.ok()) return ToGrpcStatus(status);
    if (context->IsCancelled()) {
      return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by client");
    }
    if (request.has_nodes_csv()) status = csv.AddNodes(request.nodes_csv());
    if (request.has_edges_csv()) status = csv.AddEdges(request.edges_csv());
  } while (reader->Read(&request));
  if (!status.ok()) return ToGrpcStatus(status);
  absl::StatusOr<storage::ImportResult> result = ingest_->ImportGraph(csv);
  if (!result.ok()) return ToGrpcStatus(result.status());
  response->set_source_id(source_id);
  response->set_nodes(result->nodes);
  response->set_edges(result->edges);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::GetEntity(
    grpc::ServerContext*, const v1::GetEntityRequest* request,
    v1::Entity* response) {
  absl::StatusOr<Entity> entity = query_->GetEntity(request->id());
  if (!entity.ok()) return ToGrpcStatus(entity.status());
  ToProto(*entity, response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::ListRelations(
    grpc::ServerContext*, const v1::ListRelationsRequest* request,
    v1::ListRelationsResponse* response) {
  absl::StatusOr<query::RelationsPage> page =
      query_->ListRelations(FromProto(*request));
  if (!page.ok()) return ToGrpcStatus(page.status());
  ToProto(*page, response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::SearchEntities(
    grpc::ServerContext*, const v1::SearchEntitiesRequest* request,
    v1::SearchEntitiesResponse* response) {
  absl::StatusOr<query::SearchPage> page = query_->Search(FromProto(*request));
  if (!page.ok()) return ToGrpcStatus(page.status());
  ToProto(*page, response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::ListEvidence(
    grpc::ServerContext*, const v1::ListEvidenceRequest* request,
    v1::ListEvidenceResponse* response) {
  absl::StatusOr<query::EvidencePage> page =
      query_->ListEvidence(FromProto(*request));
  if (!page.ok()) return ToGrpcStatus(page.status());
  ToProto(*page, response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::GetStats(grpc::ServerContext*,
                                             const v1::GetStatsRequest*,
                                             v1::GetStatsResponse* response) {
  absl::StatusOr<GraphStats> stats = query_->GetStats();
  if (!stats.ok()) return ToGrpcStatus(stats.status());
  ToProto(*stats, response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::Extract(grpc::ServerContext*,
                                            const v1::ExtractRequest* request,
                                            v1::ExtractResponse* response) {
  absl::StatusOr<extract::Extraction> extraction =
      extractor_->Extract(FromProto(request->report()));
  if (!extraction.ok()) return ToGrpcStatus(extraction.status());
  ToProto(*extraction, response->mutable_extraction());
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::IngestReport(
    grpc::ServerContext*, const v1::IngestReportRequest* request,
    v1::IngestReportResponse* response) {
  const absl::StatusOr<ingest::ReportIngestResult> result = Counted(
      options_.metrics, ingest_->IngestReport(request->report_id(),
                                              FromProto(request->report())));
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(*result, response);
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::IngestReports(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<v1::IngestReportsResponse,
                             v1::IngestReportRequest>* stream) {
  return RunIngestStream(
      context, stream, kIngestWindow,
      [this](const v1::IngestReportRequest& request) {
        return PrepareOne(*ingest_, options_.metrics, request);
      },
      [this] { return ingest_->SyncWrites(); });
}

grpc::Status KnowledgeGraphService::CreateBackup(
    grpc::ServerContext*, const v1::CreateBackupRequest* request,
    v1::CreateBackupResponse* response) {
  absl::StatusOr<storage::BackupInfo> backup = ingest_->Backup(request->dir());
  if (!backup.ok()) return ToGrpcStatus(backup.status());
  response->set_backup_id(backup->id);
  response->set_created_unix_seconds(backup->created_unix_seconds);
  response->set_size_bytes(backup->size_bytes);
  response->set_files(backup->files);
  response->set_schema_version(backup->schema_version);
  return grpc::Status::OK;
}

}  // namespace govgraph::service
