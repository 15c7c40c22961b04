#include "server/service/knowledge_graph_service.h"

#include "absl/strings/str_cat.h"
#include "server/service/proto_convert.h"
#include "server/service/status_mapping.h"

namespace govgraph::service {
namespace {

absl::Status CheckReportSize(const v1::IngestFactsRequest& request,
                             size_t limit) {
  const size_t size = request.ByteSizeLong();
  if (size <= limit) return absl::OkStatus();
  return absl::ResourceExhaustedError(
      absl::StrCat("report ", request.report_id(), " is ", size,
                   " bytes; the limit is ", limit, " (--max_report_bytes)"));
}

}  // namespace

grpc::Status KnowledgeGraphService::IngestFacts(
    grpc::ServerContext*, const v1::IngestFactsRequest* request,
    v1::IngestFactsResponse* response) {
  absl::Status size = CheckReportSize(*request, options_.max_report_bytes);
  if (!size.ok()) return ToGrpcStatus(size);
  absl::StatusOr<ReportFacts> facts = FromProto(*request);
  if (!facts.ok()) return ToGrpcStatus(facts.status());
  absl::StatusOr<storage::ApplyResult> result =
      ingest_->IngestFacts(*std::move(facts));
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(*result, request->report_id(), response);
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

grpc::Status KnowledgeGraphService::GetStats(grpc::ServerContext*,
                                             const v1::GetStatsRequest*,
                                             v1::GetStatsResponse* response) {
  absl::StatusOr<GraphStats> stats = query_->GetStats();
  if (!stats.ok()) return ToGrpcStatus(stats.status());
  ToProto(*stats, response);
  return grpc::Status::OK;
}

}  // namespace govgraph::service
