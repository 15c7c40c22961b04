#include "server/ingest/ingest_pipeline.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "server/common/status_macros.h"

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

}  // namespace govgraph::ingest
