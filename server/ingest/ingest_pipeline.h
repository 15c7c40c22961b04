// The write path: a report's text is extracted and turned into facts, facts
// are validated, then applied to the store as one atomic batch. Clients that
// extract elsewhere enter at IngestFacts; both get the same checks. The
// steps stay separate (extract -> facts -> apply) so that the facts, not the
// text, are what a replicated log would carry. DeleteReport retracts a
// report: everything it said is withdrawn.
#ifndef GOVGRAPH_SERVER_INGEST_INGEST_PIPELINE_H_
#define GOVGRAPH_SERVER_INGEST_INGEST_PIPELINE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "server/common/types.h"
#include "server/extract/extraction.h"
#include "server/extract/extractor.h"
#include "server/ingest/fact_validator.h"
#include "server/ingest/graph_csv.h"
#include "server/storage/graph_store.h"

namespace govgraph::ingest {

// What IngestReport extracted and wrote.
struct ReportIngestResult {
  std::string report_id;  // As given, or derived from the text.
  extract::Extraction extraction;
  storage::ApplyResult applied;
};

// A report's facts, extracted and checked, not yet written: the first of
// IngestReport's two steps, pure and deterministic for a given text,
// metadata and extractor version.
struct PreparedReport {
  std::string report_id;
  extract::Extraction extraction;
  ReportFacts facts;
};

// Thread-safe if the store is.
class IngestPipeline {
 public:
  // `store` and `extractor` are not owned and must outlive this object.
  IngestPipeline(storage::GraphStore* store,
                 const extract::Extractor* extractor,
                 const IngestLimits& limits)
      : store_(store), extractor_(extractor), limits_(limits) {}

  // Fills empty evidence report ids with the report's id, validates
  // (kInvalidArgument, kResourceExhausted: see ValidateReportFacts) and
  // applies (see GraphStore::ApplyReport). The same facts again are a no-op
  // (ApplyResult::unchanged). Nothing is written on failure.
  absl::StatusOr<storage::ApplyResult> IngestFacts(ReportFacts facts) const;

  // Extracts the facts of `input` (see Extractor::Extract), converts them
  // (FactsFromExtraction, organisations named by the extractor's canonical
  // keys) and applies them as report `report_id` (empty: ContentReportId of
  // the text), replacing what that report said before. The same text,
  // metadata and extractor version again are a no-op
  // (ApplyResult::unchanged). A text that states no facts still records the
  // report (see ValidateExtractedFacts). Returns the report id, the
  // extraction and what was written; kInvalidArgument for an invalid
  // `report_id` or a text the extractor rejects; else as IngestFacts.
  // Nothing is written on failure.
  absl::StatusOr<ReportIngestResult> IngestReport(
      absl::string_view report_id, const extract::ReportInput& input) const;

  // IngestReport's two steps, for callers that extract several reports at
  // once but write them in order: PrepareReport reads no store and writes
  // nothing (errors as IngestReport's before writing); ApplyPrepared writes
  // (errors as IngestFacts').
  absl::StatusOr<PreparedReport> PrepareReport(
      absl::string_view report_id, const extract::ReportInput& input) const;
  absl::StatusOr<ReportIngestResult> ApplyPrepared(
      PreparedReport prepared) const;
  // ApplyPrepared for group commit: the write is visible when it returns
  // but durable only once SyncWrites returns OK (see
  // GraphStore::ApplyReportDeferred); acknowledge nothing before that.
  absl::StatusOr<ReportIngestResult> ApplyPreparedDeferred(
      PreparedReport prepared) const;
  absl::Status SyncWrites() const { return store_->SyncWrites(); }

  // Finishes reading `reader` and loads the graph it read (see
  // GraphStore::ImportGraph): kInvalidArgument for a bad row (see
  // GraphCsvReader), kAlreadyExists for an id already taken. Nothing is
  // written on failure.
  absl::StatusOr<storage::ImportResult> ImportGraph(
      GraphCsvReader& reader) const;

  // Withdraws report `report_id` and everything it said (see
  // GraphStore::DeleteReport): facts no other report supports disappear.
  // Returns what was removed; kInvalidArgument for an empty `report_id`,
  // kNotFound if no report has that id (including the id of an entity of
  // another kind). Nothing is written on failure.
  absl::StatusOr<storage::DeleteResult> DeleteReport(
      absl::string_view report_id) const;

  // See GraphStore::Backup.
  absl::StatusOr<storage::BackupInfo> Backup(const std::string& dir) const {
    return store_->Backup(dir);
  }

  // Curation: see ingest/curation.h. `now` is the audit entry's time.
  absl::StatusOr<storage::CurationResult> MergeEntities(
      storage::MergeRequest request, absl::Time now) const;
  absl::StatusOr<storage::CurationResult> SplitEntity(
      storage::SplitRequest request, absl::Time now) const;
  absl::StatusOr<storage::CurationResult> UndoCuration(
      storage::UndoRequest request, absl::Time now) const;

 private:
  storage::GraphStore* const store_;
  const extract::Extractor* const extractor_;
  const IngestLimits limits_;

  // ApplyPrepared's result once `applied` is known.
  static absl::StatusOr<ReportIngestResult> Applied(
      PreparedReport prepared, absl::StatusOr<storage::ApplyResult> applied);
};

}  // namespace govgraph::ingest

#endif  // GOVGRAPH_SERVER_INGEST_INGEST_PIPELINE_H_
