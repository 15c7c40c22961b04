// Curators' changes to the graph: merging two entities that are one real
// official or organisation, splitting one that is two (namesakes), and
// undoing either. Requests are checked and stamped with their time here,
// then applied by the store as one atomic write with an audit entry (see
// GraphStore::MergeEntities, SplitEntity, UndoCuration).
#ifndef GOVGRAPH_SERVER_INGEST_CURATION_H_
#define GOVGRAPH_SERVER_INGEST_CURATION_H_

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/storage/graph_store.h"

namespace govgraph::ingest {

// Longest curator name and reason, in bytes.
inline constexpr size_t kMaxCuratorBytes = 256;
inline constexpr size_t kMaxReasonBytes = 4 << 10;

// Each returns kInvalidArgument (naming the field) for a missing or invalid
// id, a missing curator or reason, or control characters in them;
// kResourceExhausted for a curator or reason over its limit; otherwise what
// the store returns. `now` becomes the audit entry's time. Nothing is
// written on failure.
absl::StatusOr<storage::CurationResult> MergeEntities(
    storage::GraphStore& store, storage::MergeRequest request, absl::Time now);

// Also kInvalidArgument when no report is listed. Reports listed twice
// count once.
absl::StatusOr<storage::CurationResult> SplitEntity(
    storage::GraphStore& store, storage::SplitRequest request, absl::Time now);

// kInvalidArgument for an audit id below 1.
absl::StatusOr<storage::CurationResult> UndoCuration(
    storage::GraphStore& store, storage::UndoRequest request, absl::Time now);

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_CURATION_H_
