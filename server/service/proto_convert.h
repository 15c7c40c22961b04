// The only translation between govgraph.v1 API messages and the core types,
// so an API change cannot reach the disk format.
#ifndef GOVGRAPH_SERVER_SERVICE_PROTO_CONVERT_H_
#define GOVGRAPH_SERVER_SERVICE_PROTO_CONVERT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "server/common/types.h"
#include "server/extract/extraction.h"
#include "server/ingest/ingest_pipeline.h"
#include "server/query/graph_query.h"
#include "server/storage/graph_store.h"

namespace govgraph::service {

// kInvalidArgument when an entity's `details` case does not match its kind.
// Enum values are not checked here (the validators and queries do), but
// values outside the core enums' range become 0xFF, never a valid value.
absl::StatusOr<ReportFacts> FromProto(const v1::IngestFactsRequest& request);
query::RelationsRequest FromProto(const v1::ListRelationsRequest& request);
query::SearchRequest FromProto(const v1::SearchEntitiesRequest& request);
// An unset fact becomes Fact::kUnset; a relation type outside the enum
// becomes 0xFF (both rejected by the query).
query::EvidenceRequest FromProto(const v1::ListEvidenceRequest& request);
// Field for field; the extractor checks the values.
extract::ReportInput FromProto(const v1::ReportText& report);
// Field for field; a directive's meeting index below -1 becomes -1.
extract::Extraction FromProto(const v1::Extraction& extraction);

void ToProto(const Entity& entity, v1::Entity* out);
// API enum values (as the wire carries them) to core ones; values outside
// the core enum become 0xFF, which every validator rejects as unknown.
EntityKind ToCoreKind(int kind);
RelationType ToCoreType(int type);
// UNSPECIFIED means BOTH; out of range becomes 0xFF (queries reject it).
Direction DirectionFromProto(v1::Direction direction);
// A relation with its evidence and report ids.
void RelationToProto(const Relation& relation, v1::Relation* out);
void ToProto(const storage::ApplyResult& result, absl::string_view report_id,
             v1::IngestFactsResponse* out);
void ToProto(const storage::DeleteResult& result, absl::string_view report_id,
             v1::DeleteReportResponse* out);
void ToProto(const query::RelationsPage& page, v1::ListRelationsResponse* out);
void ToProto(const query::SearchPage& page, v1::SearchEntitiesResponse* out);
void ToProto(const query::EvidencePage& page, v1::ListEvidenceResponse* out);
void ToProto(const GraphStats& stats, v1::GetStatsResponse* out);
// Also sets extractor_version to extract::kExtractorVersion.
void ToProto(const extract::Extraction& extraction, v1::Extraction* out);
void ToProto(const ingest::ReportIngestResult& result,
             v1::IngestReportResponse* out);

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_PROTO_CONVERT_H_
