// Translation of the query and curation messages of govgraph.v1 added with
// mandates (positions, co-attendance, meetings, paths, traversal, subgraph
// export, merge, split, undo, audit) to and from the core types.
#ifndef GOVGRAPH_SERVER_SERVICE_QUERY_CURATION_CONVERT_H_
#define GOVGRAPH_SERVER_SERVICE_QUERY_CURATION_CONVERT_H_

#include "govgraph/v1/knowledge_graph.pb.h"
#include "server/query/audit_query.h"
#include "server/query/co_attendance_query.h"
#include "server/query/directives_query.h"
#include "server/query/meetings_query.h"
#include "server/query/path_query.h"
#include "server/query/positions_query.h"
#include "server/query/subgraph_query.h"
#include "server/query/traverse_query.h"
#include "server/storage/graph_store.h"

namespace govgraph::service {

query::PositionsRequest FromProto(const v1::ListPositionsRequest& request);
query::AuditRequest FromProto(const v1::ListAuditRequest& request);
query::CoAttendanceRequest FromProto(const v1::ListCoAttendeesRequest& request);
query::MeetingsRequest FromProto(const v1::ListMeetingsRequest& request);
query::DirectivesRequest FromProto(const v1::ListDirectivesRequest& request);
// Relation types outside the enum become 0xFF (rejected by the query).
query::PathsRequest FromProto(const v1::FindPathsRequest& request);
// Types and kinds outside their enums become 0xFF; UNSPECIFIED direction
// means BOTH.
query::TraverseRequest FromProto(const v1::TraverseRequest& request);
// Types and kinds outside their enums become 0xFF.
query::SubgraphRequest FromProto(const v1::ExportSubgraphRequest& request);
// Field for field; the curation layer checks the values and stamps the time.
storage::MergeRequest FromProto(const v1::MergeEntitiesRequest& request);
storage::SplitRequest FromProto(const v1::SplitEntityRequest& request);
// A negative audit id becomes 0 (rejected by the curation layer).
storage::UndoRequest FromProto(const v1::UndoCurationRequest& request);

void ToProto(const query::PositionsPage& page, v1::ListPositionsResponse* out);
void ToProto(const query::AuditPage& page, v1::ListAuditResponse* out);
void ToProto(const query::CoAttendancePage& page,
             v1::ListCoAttendeesResponse* out);
void ToProto(const query::MeetingsPage& page, v1::ListMeetingsResponse* out);
void ToProto(const query::DirectivesPage& page,
             v1::ListDirectivesResponse* out);
void ToProto(const query::PathsResult& result, v1::FindPathsResponse* out);
void ToProto(const query::TraverseStep& step, v1::TraverseResponse* out);
void ToProto(const query::SubgraphItem& item, v1::ExportSubgraphResponse* out);
void ToProto(const storage::AuditEntry& entry, v1::AuditEntry* out);
void ToProto(const storage::CurationResult& result,
             v1::MergeEntitiesResponse* out);
void ToProto(const storage::CurationResult& result,
             v1::SplitEntityResponse* out);

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_QUERY_CURATION_CONVERT_H_
