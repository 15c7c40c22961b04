// The soak client's queries: every query RPC of the API, on ids the base
// reports put in the graph (or the client's own live reports).
#include <algorithm>
#include <utility>

#include "absl/time/clock.h"
#include "bench/soak_client.h"
#include "grpcpp/client_context.h"

namespace govgraph::bench {
namespace {

// Drains a server stream; returns the number of messages and the status.
template <typename Reader, typename Message>
std::pair<int, grpc::Status> Drain(Reader* reader, Message* message) {
  int n = 0;
  while (reader->Read(message)) ++n;
  return {n, reader->Finish()};
}

}  // namespace

void SoakClient::GetEntity() {
  v1::GetEntityRequest request;
  request.set_id(AnyEntity());
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::Entity entity;
  const absl::Time start = absl::Now();
  Record("GetEntity", start, stub_->GetEntity(&context, request, &entity),
         short_deadline);
}

// A report by id: an own live one when there is one, else a base report.
void SoakClient::GetReport() {
  v1::GetEntityRequest request;
  request.set_id(log_.live_reports.empty() ? Pick(pool_.reports)
                                           : log_.live_reports.back());
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::Entity entity;
  const absl::Time start = absl::Now();
  const grpc::Status status = stub_->GetEntity(&context, request, &entity);
  Record("GetEntity(report)", start, status, short_deadline);
  if (status.ok() && entity.kind() != v1::REPORT) {
    Fail("GetEntity(report)", request.id() + " is not a report");
  }
}

void SoakClient::ListRelations() {
  v1::ListRelationsRequest request;
  request.set_entity_id(AnyEntity());
  request.set_page_size(50);
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ListRelationsResponse response;
  const absl::Time start = absl::Now();
  Record("ListRelations", start,
         stub_->ListRelations(&context, request, &response), short_deadline);
}

void SoakClient::Traverse() {
  v1::TraverseRequest request;
  request.set_start_id(AnyEntity());
  request.set_max_hops(std::uniform_int_distribution<int>(1, 3)(random_));
  request.set_limit(500);
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  const absl::Time start = absl::Now();
  auto reader = stub_->Traverse(&context, request);
  v1::TraverseResponse message;
  Record("Traverse", start, Drain(reader.get(), &message).second,
         short_deadline);
}

// One shortest path, all shortest paths or the k shortest, by turns.
void SoakClient::FindPaths() {
  v1::FindPathsRequest request;
  request.set_source_id(Pick(pool_.persons));
  do {
    request.set_target_id(AnyEntity());
  } while (request.target_id() == request.source_id());
  request.set_max_depth(4);
  const int variant = std::uniform_int_distribution<int>(0, 2)(random_);
  if (variant == 1) request.set_max_paths(10);
  if (variant == 2) request.set_k_shortest(3);
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::FindPathsResponse response;
  const absl::Time start = absl::Now();
  Record("FindPaths", start, stub_->FindPaths(&context, request, &response),
         short_deadline);
}

void SoakClient::ListCoAttendees() {
  v1::ListCoAttendeesRequest request;
  request.set_person_id(Pick(pool_.persons));
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ListCoAttendeesResponse response;
  const absl::Time start = absl::Now();
  Record("ListCoAttendees", start,
         stub_->ListCoAttendees(&context, request, &response), short_deadline);
}

// Mandates of a person or in an organisation, as of a date half the time.
void SoakClient::ListPositions() {
  v1::ListPositionsRequest request;
  const bool person = std::uniform_int_distribution<int>(0, 1)(random_) == 0;
  request.set_entity_id(Pick(person ? pool_.persons : pool_.organizations));
  if (std::uniform_int_distribution<int>(0, 1)(random_) == 0) {
    request.set_as_of(RandomDate());
  }
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ListPositionsResponse response;
  const absl::Time start = absl::Now();
  Record("ListPositions", start,
         stub_->ListPositions(&context, request, &response), short_deadline);
}

// Meetings of an organisation and its sub-units.
void SoakClient::ListMeetings() {
  v1::ListMeetingsRequest request;
  request.set_entity_id(Pick(pool_.organizations));
  request.set_include_sub_units(true);
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ListMeetingsResponse response;
  const absl::Time start = absl::Now();
  Record("ListMeetings", start,
         stub_->ListMeetings(&context, request, &response), short_deadline);
}

// Directives by their issuer.
void SoakClient::ListDirectives() {
  v1::ListDirectivesRequest request;
  request.set_entity_id(Pick(pool_.persons));
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ListDirectivesResponse response;
  const absl::Time start = absl::Now();
  Record("ListDirectives", start,
         stub_->ListDirectives(&context, request, &response), short_deadline);
}

// The whole name as words (up to the 10 the API takes), or its first half
// as a prefix, by turns.
void SoakClient::SearchEntities() {
  v1::SearchEntitiesRequest request;
  const std::string& name = Pick(pool_.names);
  const bool words = std::count(name.begin(), name.end(), ' ') < 10;
  if (words && std::uniform_int_distribution<int>(0, 1)(random_) == 0) {
    request.set_query(name);
    request.set_whole_words(true);
  } else {
    size_t cut = (name.size() + 1) / 2;
    while (cut < name.size() && (name[cut] & 0xC0) == 0x80) ++cut;  // UTF-8.
    request.set_query(name.substr(0, cut));
  }
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::SearchEntitiesResponse response;
  const absl::Time start = absl::Now();
  Record("SearchEntities", start,
         stub_->SearchEntities(&context, request, &response), short_deadline);
}

void SoakClient::ExportSubgraph() {
  v1::ExportSubgraphRequest request;
  request.set_center_id(AnyEntity());
  request.set_max_hops(2);
  request.set_node_limit(300);
  request.set_with_evidence(true);
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  const absl::Time start = absl::Now();
  auto reader = stub_->ExportSubgraph(&context, request);
  v1::ExportSubgraphResponse message;
  Record("ExportSubgraph", start, Drain(reader.get(), &message).second,
         short_deadline);
}

// The evidence of a relation or of an entity, by turns.
void SoakClient::ListEvidence() {
  v1::ListEvidenceRequest request;
  if (!pool_.relations.empty() &&
      std::uniform_int_distribution<int>(0, 1)(random_) == 0) {
    *request.mutable_relation() =
        pool_.relations[std::uniform_int_distribution<size_t>(
            0, pool_.relations.size() - 1)(random_)];
  } else {
    request.set_entity_id(AnyEntity());
  }
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ListEvidenceResponse response;
  const absl::Time start = absl::Now();
  Record("ListEvidence", start,
         stub_->ListEvidence(&context, request, &response), short_deadline);
}

void SoakClient::GetStats() {
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::GetStatsResponse response;
  const absl::Time start = absl::Now();
  Record("GetStats", start, stub_->GetStats(&context, {}, &response),
         short_deadline);
}

void SoakClient::Extract() {
  v1::ExtractRequest request;
  *request.mutable_report() = NewReport("").report();
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ExtractResponse response;
  const absl::Time start = absl::Now();
  Record("Extract", start, stub_->Extract(&context, request, &response),
         short_deadline);
}

void SoakClient::ListAudit() {
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  v1::ListAuditResponse response;
  const absl::Time start = absl::Now();
  Record("ListAudit", start, stub_->ListAudit(&context, {}, &response),
         short_deadline);
}

// The whole graph (small: the soak keeps it bounded).
void SoakClient::ExportGraph() {
  grpc::ClientContext context;
  const bool short_deadline = StartQuery(&context);
  const absl::Time start = absl::Now();
  auto reader = stub_->ExportGraph(&context, {});
  v1::ExportGraphResponse message;
  Record("ExportGraph", start, Drain(reader.get(), &message).second,
         short_deadline);
}

}  // namespace govgraph::bench
