// The write path: validate a report's facts, then apply them to the store
// as one atomic batch. Extraction from text (a later step) feeds the same
// path, so every writer gets the same checks.
#ifndef GOVGRAPH_SERVER_INGEST_INGEST_PIPELINE_H_
#define GOVGRAPH_SERVER_INGEST_INGEST_PIPELINE_H_

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/ingest/fact_validator.h"
#include "server/storage/graph_store.h"

namespace govgraph::ingest {

// Thread-safe if the store is.
class IngestPipeline {
 public:
  // `store` is not owned and must outlive this object.
  IngestPipeline(storage::GraphStore* store, const IngestLimits& limits)
      : store_(store), limits_(limits) {}

  // Fills empty evidence report ids with the report's id, validates
  // (kInvalidArgument, kResourceExhausted: see ValidateReportFacts) and
  // applies (see GraphStore::ApplyReport). Nothing is written on failure.
  absl::StatusOr<storage::ApplyResult> IngestFacts(ReportFacts facts) const;

 private:
  storage::GraphStore* const store_;
  const IngestLimits limits_;
};

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_INGEST_PIPELINE_H_
