#include "client/commands/expansion.h"

#include "absl/strings/str_cat.h"

namespace govgraph::client {

absl::StatusOr<v1::ExportSubgraphRequest> BuildSubgraphRequest(
    const std::string& id) {
  v1::ExportSubgraphRequest request;
  absl::Status valid = SetExpansion(&request);
  if (!valid.ok()) return valid;
  request.set_center_id(id);
  request.set_node_limit(absl::GetFlag(FLAGS_limit));
  request.set_with_evidence(absl::GetFlag(FLAGS_evidence));
  return request;
}

const v1::Evidence* FirstSentence(const v1::Relation& relation) {
  for (const v1::Evidence& evidence : relation.evidence()) {
    if (!evidence.sentence().empty()) return &evidence;
  }
  return nullptr;
}

std::string CitedReport(const v1::Evidence& evidence) {
  const std::string date =
      evidence.report_date().empty() ? "" : ", " + evidence.report_date();
  return absl::StrCat("report ", evidence.report_id(), date);
}

}  // namespace govgraph::client
