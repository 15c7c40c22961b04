#include "bench/bench_queries.h"

#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/queries_file.h"
#include "grpcpp/client_context.h"
#include "server/common/status_macros.h"

namespace govgraph::bench {
namespace {

constexpr int kPageSize = 1000;

absl::Status FromGrpc(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

absl::StatusOr<Cell> Id(const std::string& id) {
  int64_t n = 0;
  if (!absl::SimpleAtoi(id, &n)) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", id, "\" is not a benchmark id"));
  }
  return Cell(n);
}

}  // namespace

absl::StatusOr<std::vector<Row>> QueryRunner::Run(
    absl::string_view query_type, const google::protobuf::Struct& instance) {
  deadline_ = absl::Now() + timeout_;
  absl::StatusOr<std::vector<Row>> rows;
  if (query_type == "Q1") {
    rows = Neighbors(instance);
  } else if (query_type == "Q2") {
    rows = Positions(instance);
  } else if (query_type == "Q3") {
    rows = CoAttendance(instance);
  } else if (query_type == "Q4") {
    rows = ShortestPath(instance);
  } else if (query_type == "Q5") {
    rows = SubtreeMeetings(instance);
  } else if (query_type == "Q6") {
    rows = NamePrefix(instance);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown query type ", query_type));
  }
  if (rows.ok()) Canonicalize(query_type, &*rows);
  return rows;
}

// Calls `method` page after page until the last one, passing each
// response to `take`.
template <typename Request, typename Response, typename Method, typename Take>
absl::Status AllPages(v1::KnowledgeGraph::Stub& stub, absl::Time deadline,
                      Request request, Method method, Take take) {
  request.set_page_size(kPageSize);
  do {
    grpc::ClientContext rpc;
    rpc.set_deadline(absl::ToChronoTime(deadline));
    Response response;
    GOVGRAPH_RETURN_IF_ERROR(
        FromGrpc((stub.*method)(&rpc, request, &response)));
    GOVGRAPH_RETURN_IF_ERROR(take(response));
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Row>> QueryRunner::Neighbors(const Instance& q) {
  v1::ListRelationsRequest request;
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_entity_id(),
                            InstanceField(q, "node"));
  GOVGRAPH_ASSIGN_OR_RETURN(const std::string type, InstanceField(q, "type"));
  v1::RelationType parsed = v1::RELATION_TYPE_UNSPECIFIED;
  if (!type.empty() && !v1::RelationType_Parse(type, &parsed)) {
    return absl::InvalidArgumentError(absl::StrCat("unknown type ", type));
  }
  request.set_type(parsed);
  request.set_direction(v1::BOTH);
  std::vector<Row> rows;
  GOVGRAPH_RETURN_IF_ERROR(
      (AllPages<v1::ListRelationsRequest, v1::ListRelationsResponse>(
          stub_, deadline_, request, &v1::KnowledgeGraph::Stub::ListRelations,
          [&](const v1::ListRelationsResponse& page) -> absl::Status {
            for (const v1::RelationView& view : page.relations()) {
              GOVGRAPH_ASSIGN_OR_RETURN(Cell other, Id(view.other().id()));
              rows.push_back({v1::RelationType_Name(view.relation().type()),
                              view.direction() == v1::OUTGOING ? "out" : "in",
                              std::move(other)});
            }
            return absl::OkStatus();
          })));
  return rows;
}

absl::StatusOr<std::vector<Row>> QueryRunner::Positions(const Instance& q) {
  v1::ListPositionsRequest request;
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_entity_id(),
                            InstanceField(q, "person"));
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_as_of(), InstanceField(q, "date"));
  std::vector<Row> rows;
  GOVGRAPH_RETURN_IF_ERROR(
      (AllPages<v1::ListPositionsRequest, v1::ListPositionsResponse>(
          stub_, deadline_, request, &v1::KnowledgeGraph::Stub::ListPositions,
          [&](const v1::ListPositionsResponse& page) -> absl::Status {
            for (const v1::Mandate& m : page.mandates()) {
              GOVGRAPH_ASSIGN_OR_RETURN(Cell org, Id(m.organization().id()));
              rows.push_back(
                  {std::move(org), m.role(), m.start_date(), m.end_date()});
            }
            return absl::OkStatus();
          })));
  return rows;
}

absl::StatusOr<std::vector<Row>> QueryRunner::CoAttendance(const Instance& q) {
  v1::ListCoAttendeesRequest request;
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_person_id(),
                            InstanceField(q, "person"));
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_from_date(),
                            InstanceField(q, "from"));
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_to_date(), InstanceField(q, "to"));
  request.set_page_size(20);
  request.set_meetings_per_attendee(1);
  grpc::ClientContext rpc;
  rpc.set_deadline(absl::ToChronoTime(deadline_));
  v1::ListCoAttendeesResponse response;
  GOVGRAPH_RETURN_IF_ERROR(
      FromGrpc(stub_.ListCoAttendees(&rpc, request, &response)));
  std::vector<Row> rows;
  for (const v1::CoAttendee& attendee : response.attendees()) {
    GOVGRAPH_ASSIGN_OR_RETURN(Cell person, Id(attendee.person().id()));
    rows.push_back({std::move(person), int64_t{attendee.shared_meetings()}});
  }
  return rows;
}

absl::StatusOr<std::vector<Row>> QueryRunner::ShortestPath(const Instance& q) {
  v1::FindPathsRequest request;
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_source_id(),
                            InstanceField(q, "a"));
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_target_id(),
                            InstanceField(q, "b"));
  request.set_max_depth(6);
  request.set_max_paths(1);
  grpc::ClientContext rpc;
  rpc.set_deadline(absl::ToChronoTime(deadline_));
  v1::FindPathsResponse response;
  GOVGRAPH_RETURN_IF_ERROR(FromGrpc(stub_.FindPaths(&rpc, request, &response)));
  return std::vector<Row>{{int64_t{response.length()}}};
}

absl::StatusOr<std::vector<Row>> QueryRunner::SubtreeMeetings(
    const Instance& q) {
  v1::ListMeetingsRequest request;
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_entity_id(),
                            InstanceField(q, "org"));
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_from_date(),
                            InstanceField(q, "from"));
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_to_date(), InstanceField(q, "to"));
  request.set_include_sub_units(true);
  std::vector<Row> rows;
  GOVGRAPH_RETURN_IF_ERROR(
      (AllPages<v1::ListMeetingsRequest, v1::ListMeetingsResponse>(
          stub_, deadline_, request, &v1::KnowledgeGraph::Stub::ListMeetings,
          [&](const v1::ListMeetingsResponse& page) -> absl::Status {
            for (const v1::Entity& meeting : page.meetings()) {
              GOVGRAPH_ASSIGN_OR_RETURN(Cell id, Id(meeting.id()));
              rows.push_back({std::move(id), meeting.meeting().date()});
            }
            return absl::OkStatus();
          })));
  return rows;
}

absl::StatusOr<std::vector<Row>> QueryRunner::NamePrefix(const Instance& q) {
  v1::SearchEntitiesRequest request;
  GOVGRAPH_ASSIGN_OR_RETURN(*request.mutable_query(),
                            InstanceField(q, "prefix"));
  request.set_kind(v1::PERSON);
  request.set_page_size(50);
  grpc::ClientContext rpc;
  rpc.set_deadline(absl::ToChronoTime(deadline_));
  v1::SearchEntitiesResponse response;
  GOVGRAPH_RETURN_IF_ERROR(
      FromGrpc(stub_.SearchEntities(&rpc, request, &response)));
  std::vector<Row> rows;
  for (const v1::Entity& person : response.entities()) {
    GOVGRAPH_ASSIGN_OR_RETURN(Cell id, Id(person.id()));
    rows.push_back({std::move(id), person.display_name()});
  }
  return rows;
}

}  // namespace govgraph::bench
