#include "server/ingest/ingest_pipeline.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "server/common/status_macros.h"
#include "server/ingest/curation.h"
#include "server/ingest/extraction_to_facts.h"
#include "server/ingest/fingerprint.h"

namespace govgraph::ingest {
namespace {

// Gives every evidence span without a report id the id `report_id`.
void FillReportIds(const std::string& report_id,
                   std::vector<Evidence>* evidence) {
  for (Evidence& e : *evidence) {
    if (e.report_id.empty()) e.report_id = report_id;
  }
}

}  // namespace

absl::StatusOr<storage::ApplyResult> IngestPipeline::IngestFacts(
    ReportFacts facts) const {
  const std::string& report_id = facts.report.id;
  FillReportIds(report_id, &facts.report.evidence);
  for (Entity& entity : facts.entities) {
    FillReportIds(report_id, &entity.evidence);
  }
  for (Relation& relation : facts.relations) {
    FillReportIds(report_id, &relation.evidence);
  }
  GOVGRAPH_RETURN_IF_ERROR(ValidateReportFacts(facts, limits_));
  facts.fingerprint = FactsFingerprint(facts);
  return store_->ApplyReport(facts);
}

absl::StatusOr<ReportIngestResult> IngestPipeline::IngestReport(
    absl::string_view report_id, const extract::ReportInput& input) const {
  GOVGRAPH_ASSIGN_OR_RETURN(PreparedReport prepared,
                            PrepareReport(report_id, input));
  return ApplyPrepared(std::move(prepared));
}

absl::StatusOr<PreparedReport> IngestPipeline::PrepareReport(
    absl::string_view report_id, const extract::ReportInput& input) const {
  PreparedReport prepared;
  GOVGRAPH_ASSIGN_OR_RETURN(prepared.extraction, extractor_->Extract(input));
  prepared.report_id =
      report_id.empty() ? ContentReportId(input.text) : std::string(report_id);
  FactsOptions options;
  options.organization_key = [this](absl::string_view name) {
    return extractor_->OrganizationKey(name);
  };
  prepared.facts = FactsFromExtraction(prepared.report_id, input,
                                       prepared.extraction, options);
  GOVGRAPH_RETURN_IF_ERROR(ValidateExtractedFacts(prepared.facts, limits_));
  prepared.facts.extractor_version = extract::kExtractorVersion;
  prepared.facts.fingerprint =
      ReportFingerprint(input, extract::kExtractorVersion);
  return prepared;
}

absl::StatusOr<ReportIngestResult> IngestPipeline::ApplyPrepared(
    PreparedReport prepared) const {
  absl::StatusOr<storage::ApplyResult> applied =
      store_->ApplyReport(prepared.facts);
  return Applied(std::move(prepared), std::move(applied));
}

absl::StatusOr<ReportIngestResult> IngestPipeline::ApplyPreparedDeferred(
    PreparedReport prepared) const {
  absl::StatusOr<storage::ApplyResult> applied =
      store_->ApplyReportDeferred(prepared.facts);
  return Applied(std::move(prepared), std::move(applied));
}

absl::StatusOr<ReportIngestResult> IngestPipeline::Applied(
    PreparedReport prepared, absl::StatusOr<storage::ApplyResult> applied) {
  if (!applied.ok()) return applied.status();
  ReportIngestResult result;
  result.applied = *std::move(applied);
  result.report_id = std::move(prepared.report_id);
  result.extraction = std::move(prepared.extraction);
  return result;
}

absl::StatusOr<storage::DeleteResult> IngestPipeline::DeleteReport(
    absl::string_view report_id) const {
  if (report_id.empty()) {
    return absl::InvalidArgumentError("report_id: empty");
  }
  return store_->DeleteReport(report_id);
}

absl::StatusOr<storage::CurationResult> IngestPipeline::MergeEntities(
    storage::MergeRequest request, absl::Time now) const {
  return ingest::MergeEntities(*store_, std::move(request), now);
}

absl::StatusOr<storage::CurationResult> IngestPipeline::SplitEntity(
    storage::SplitRequest request, absl::Time now) const {
  return ingest::SplitEntity(*store_, std::move(request), now);
}

absl::StatusOr<storage::CurationResult> IngestPipeline::UndoCuration(
    storage::UndoRequest request, absl::Time now) const {
  return ingest::UndoCuration(*store_, std::move(request), now);
}

absl::StatusOr<storage::ImportResult> IngestPipeline::ImportGraph(
    GraphCsvReader& reader) const {
  GOVGRAPH_ASSIGN_OR_RETURN(storage::GraphImport graph, reader.Finish());
  return store_->ImportGraph(graph);
}

}  // namespace govgraph::ingest
