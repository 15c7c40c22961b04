// The handlers of KnowledgeGraphService for mandates, co-attendance,
// meetings, paths, traversal, subgraph export and curation.
#include <chrono>
#include <cstddef>

#include "absl/time/clock.h"
#include "server/service/knowledge_graph_service.h"
#include "server/service/proto_convert.h"
#include "server/service/query_curation_convert.h"
#include "server/service/status_mapping.h"

namespace govgraph::service {
namespace {

// Maps `result` to the handler's status, filling `response` if it is OK.
template <typename Result, typename Response>
grpc::Status Respond(const absl::StatusOr<Result>& result, Response* response) {
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(*result, response);
  return grpc::Status::OK;
}

// Items per ExportGraph batch read from the store.
constexpr size_t kExportBatchSize = 256;

// Splits ExportGraph's batches into messages of about kMessageBytes, well
// under the 4 MiB a gRPC client accepts by default (nodes with evidence
// vary from bytes to megabytes).
class ExportMessages {
 public:
  static constexpr size_t kMessageBytes = 1 << 20;

  explicit ExportMessages(grpc::ServerWriter<v1::ExportGraphResponse>* writer)
      : writer_(writer) {}

  v1::ExportGraphResponse& current() { return message_; }

  // Counts an item of `bytes` added to current(); sends it once it is
  // full. False if the client has gone.
  bool Added(size_t bytes) {
    bytes_ += bytes;
    return bytes_ < kMessageBytes || Flush();
  }

  // Sends current() unless it is empty. False if the client has gone.
  bool Flush() {
    if (bytes_ == 0) return true;
    const bool sent = writer_->Write(message_);
    message_.Clear();
    bytes_ = 0;
    return sent;
  }

 private:
  grpc::ServerWriter<v1::ExportGraphResponse>* const writer_;
  v1::ExportGraphResponse message_;
  size_t bytes_ = 0;
};

// Tells a query to stop once the call is cancelled or past its deadline.
query::QueryBudget::StopCheck StopCheckFor(grpc::ServerContext* context) {
  return [context]() -> absl::Status {
    if (context->IsCancelled()) {
      return absl::CancelledError("the call was cancelled");
    }
    if (std::chrono::system_clock::now() > context->deadline()) {
      return absl::DeadlineExceededError("the call's deadline passed");
    }
    return absl::OkStatus();
  };
}

}  // namespace

grpc::Status KnowledgeGraphService::ListCoAttendees(
    grpc::ServerContext* context, const v1::ListCoAttendeesRequest* request,
    v1::ListCoAttendeesResponse* response) {
  return Respond(
      query_->ListCoAttendees(FromProto(*request), StopCheckFor(context)),
      response);
}

grpc::Status KnowledgeGraphService::ListMeetings(
    grpc::ServerContext* context, const v1::ListMeetingsRequest* request,
    v1::ListMeetingsResponse* response) {
  return Respond(
      query_->ListMeetings(FromProto(*request), StopCheckFor(context)),
      response);
}

grpc::Status KnowledgeGraphService::ListDirectives(
    grpc::ServerContext* context, const v1::ListDirectivesRequest* request,
    v1::ListDirectivesResponse* response) {
  return Respond(
      query_->ListDirectives(FromProto(*request), StopCheckFor(context)),
      response);
}

grpc::Status KnowledgeGraphService::FindPaths(
    grpc::ServerContext* context, const v1::FindPathsRequest* request,
    v1::FindPathsResponse* response) {
  return Respond(query_->FindPaths(FromProto(*request), StopCheckFor(context)),
                 response);
}

grpc::Status KnowledgeGraphService::Traverse(
    grpc::ServerContext* context, const v1::TraverseRequest* request,
    grpc::ServerWriter<v1::TraverseResponse>* writer) {
  return ToGrpcStatus(query_->Traverse(FromProto(*request),
                                       StopCheckFor(context),
                                       [writer](query::TraverseStep step) {
                                         v1::TraverseResponse response;
                                         ToProto(step, &response);
                                         return writer->Write(response);
                                       }));
}

grpc::Status KnowledgeGraphService::ExportSubgraph(
    grpc::ServerContext* context, const v1::ExportSubgraphRequest* request,
    grpc::ServerWriter<v1::ExportSubgraphResponse>* writer) {
  return ToGrpcStatus(
      query_->ExportSubgraph(FromProto(*request), StopCheckFor(context),
                             [writer](query::SubgraphItem item) {
                               v1::ExportSubgraphResponse response;
                               ToProto(item, &response);
                               return writer->Write(response);
                             }));
}

grpc::Status KnowledgeGraphService::ExportGraph(
    grpc::ServerContext* context, const v1::ExportGraphRequest* request,
    grpc::ServerWriter<v1::ExportGraphResponse>* writer) {
  return ToGrpcStatus(query_->ExportGraph(
      request->with_evidence(), kExportBatchSize, StopCheckFor(context),
      [writer](query::GraphBatch batch) {
        ExportMessages messages(writer);
        for (const Entity& entity : batch.entities) {
          v1::Entity* node = messages.current().add_nodes();
          ToProto(entity, node);
          if (!messages.Added(node->ByteSizeLong())) return false;
        }
        for (const Relation& relation : batch.relations) {
          v1::Relation* edge = messages.current().add_relations();
          RelationToProto(relation, edge);
          if (!messages.Added(edge->ByteSizeLong())) return false;
        }
        return messages.Flush();
      }));
}

grpc::Status KnowledgeGraphService::ListPositions(
    grpc::ServerContext*, const v1::ListPositionsRequest* request,
    v1::ListPositionsResponse* response) {
  return Respond(query_->ListPositions(FromProto(*request)), response);
}

grpc::Status KnowledgeGraphService::MergeEntities(
    grpc::ServerContext*, const v1::MergeEntitiesRequest* request,
    v1::MergeEntitiesResponse* response) {
  return Respond(ingest_->MergeEntities(FromProto(*request), absl::Now()),
                 response);
}

grpc::Status KnowledgeGraphService::SplitEntity(
    grpc::ServerContext*, const v1::SplitEntityRequest* request,
    v1::SplitEntityResponse* response) {
  return Respond(ingest_->SplitEntity(FromProto(*request), absl::Now()),
                 response);
}

grpc::Status KnowledgeGraphService::UndoCuration(
    grpc::ServerContext*, const v1::UndoCurationRequest* request,
    v1::UndoCurationResponse* response) {
  absl::StatusOr<storage::CurationResult> result =
      ingest_->UndoCuration(FromProto(*request), absl::Now());
  if (!result.ok()) return ToGrpcStatus(result.status());
  ToProto(result->audit, response->mutable_audit());
  return grpc::Status::OK;
}

grpc::Status KnowledgeGraphService::ListAudit(
    grpc::ServerContext*, const v1::ListAuditRequest* request,
    v1::ListAuditResponse* response) {
  return Respond(query_->ListAudit(FromProto(*request)), response);
}

}  // namespace govgraph::service
