// Checks a report's facts before anything is written: the contract every
// GraphStore::ApplyReport relies on.
#ifndef GOVGRAPH_SERVER_INGEST_FACT_VALIDATOR_H_
#define GOVGRAPH_SERVER_INGEST_FACT_VALIDATOR_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "server/common/types.h"

namespace govgraph::ingest {

struct IngestLimits {
  // Default: 10000.
  size_t max_entities = 10000;
  // Default: 50000.
  size_t max_relations = 50000;
  // Evidence spans per fact. Default: 1000.
  size_t max_evidence_per_fact = 1000;
  // Bytes of any one string (name, sentence, text). Default: 64 KiB.
  size_t max_string_bytes = 64 << 10;
};

inline constexpr size_t kMaxIdBytes = 256;

// Returns OK if `facts` may be applied. kInvalidArgument (with a message
// naming the offending field) when:
//  - the report id is empty, longer than kMaxIdBytes, or has control
//    characters; the report entity's kind is not kReport;
//  - there are no entities and no relations;
//  - any string is invalid UTF-8; names, ids and the extractor version
//    have control characters;
//  - an entity has an empty id or name, an unspecified/report kind, or its
//    id is declared twice or equals the report id;
//  - a date is not a real YYYY-MM-DD date;
//  - a relation has an unspecified type, an endpoint not declared in this
//    report, endpoint kinds its type does not allow, a role missing on
//    HOLDS_POSITION or present on another type, or is declared twice;
//  - evidence has start < 0, end < start, or a report id other than the
//    report's.
// kResourceExhausted when a count or string exceeds `limits`.
absl::Status ValidateReportFacts(const ReportFacts& facts,
                                 const IngestLimits& limits);

// As ValidateReportFacts, except that a report with no entities and no
// relations is valid: a report's text may name nobody, and ingesting it
// then withdraws whatever the report said before.
absl::Status ValidateExtractedFacts(const ReportFacts& facts,
                                    const IngestLimits& limits);

// OK if `id` is a valid entity id: non-empty, at most kMaxIdBytes of UTF-8,
// no control characters; else kInvalidArgument naming `field`.
absl::Status ValidateId(absl::string_view field, absl::string_view id);

// OK if `text` (a name, a curator's note) is UTF-8 of at most
// `limits.max_string_bytes` (else kResourceExhausted) without control
// characters (else kInvalidArgument naming `field`).
absl::Status ValidateName(absl::string_view field, absl::string_view text,
                          const IngestLimits& limits);

// True if `type` may join a `source` entity to a `target` entity (the
// table in knowledge_graph.proto).
bool RelationEndpointsAllowed(RelationType type, EntityKind source,
                              EntityKind target);

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_FACT_VALIDATOR_H_
