#include "server/ingest/curation.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/ingest/fact_validator.h"

namespace govgraph::ingest {
namespace {

absl::Status CheckNote(absl::string_view field, absl::string_view text,
                       size_t max_bytes) {
  if (text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": empty"));
  }
  IngestLimits limits;
  limits.max_string_bytes = max_bytes;
  return ValidateName(field, text, limits);
}

// Checks who and why, and stamps the time.
absl::Status Stamp(absl::Time now, storage::CurationInfo* info) {
  GOVGRAPH_RETURN_IF_ERROR(
      CheckNote("curator", info->curator, kMaxCuratorBytes));
  GOVGRAPH_RETURN_IF_ERROR(CheckNote("reason", info->reason, kMaxReasonBytes));
  info->time_micros = absl::ToUnixMicros(now);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<storage::CurationResult> MergeEntities(
    storage::GraphStore& store, storage::MergeRequest request, absl::Time now) {
  GOVGRAPH_RETURN_IF_ERROR(ValidateId("source_id", request.source_id));
  GOVGRAPH_RETURN_IF_ERROR(ValidateId("target_id", request.target_id));
  GOVGRAPH_RETURN_IF_ERROR(Stamp(now, &request.info));
  return store.MergeEntities(request);
}

absl::StatusOr<storage::CurationResult> SplitEntity(
    storage::GraphStore& store, storage::SplitRequest request, absl::Time now) {
  GOVGRAPH_RETURN_IF_ERROR(ValidateId("entity_id", request.entity_id));
  GOVGRAPH_RETURN_IF_ERROR(ValidateId("new_id", request.new_id));
  GOVGRAPH_RETURN_IF_ERROR(
      ValidateName("new_name", request.new_name, IngestLimits()));
  if (request.report_ids.empty()) {
    return absl::InvalidArgumentError("report_ids: empty");
  }
  std::vector<std::string> unique;
  for (const std::string& report_id : request.report_ids) {
    GOVGRAPH_RETURN_IF_ERROR(ValidateId("report_ids", report_id));
    if (std::find(unique.begin(), unique.end(), report_id) == unique.end()) {
      unique.push_back(report_id);
    }
  }
  request.report_ids = std::move(unique);
  GOVGRAPH_RETURN_IF_ERROR(Stamp(now, &request.info));
  return store.SplitEntity(request);
}

absl::StatusOr<storage::CurationResult> UndoCuration(
    storage::GraphStore& store, storage::UndoRequest request, absl::Time now) {
  if (request.audit_id < 1) {
    return absl::InvalidArgumentError("audit_id: must be at least 1");
  }
  GOVGRAPH_RETURN_IF_ERROR(Stamp(now, &request.info));
  return store.UndoCuration(request);
}

}  // namespace govgraph::ingest
