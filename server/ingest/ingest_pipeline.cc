#include "server/ingest/ingest_pipeline.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "server/common/status_macros.h"
#include "server/ingest/extraction_to_facts.h"

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
  return store_->ApplyReport(facts);
}

absl::StatusOr<ReportIngestResult> IngestPipeline::IngestReport(
    absl::string_view report_id, const extract::ReportInput& input) const {
  if (report_id.empty()) {
    return absl::InvalidArgumentError("report_id: empty");
  }
  ReportIngestResult result;
  GOVGRAPH_ASSIGN_OR_RETURN(result.extraction, extractor_->Extract(input));
  const ReportFacts facts =
      FactsFromExtraction(report_id, input, result.extraction);
  GOVGRAPH_RETURN_IF_ERROR(ValidateExtractedFacts(facts, limits_));
  GOVGRAPH_ASSIGN_OR_RETURN(result.applied, store_->ApplyReport(facts));
  return result;
}

absl::StatusOr<storage::DeleteResult> IngestPipeline::DeleteReport(
    absl::string_view report_id) const {
  if (report_id.empty()) {
    return absl::InvalidArgumentError("report_id: empty");
  }
  return store_->DeleteReport(report_id);
}

}  // namespace govgraph::ingest
