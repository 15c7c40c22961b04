// evidence: the sentences behind an entity or a relation, with their
// reports.
#include <cstddef>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/paging.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Longest sentence shown in the table, in code points (with the ellipsis).
constexpr size_t kMaxSentenceCodePoints = 80;

// "TYPE:SOURCE:TARGET[:ROLE]" (the role may contain ':') -> RelationKey;
// kInvalidArgument for fewer parts or a bad type.
absl::StatusOr<v1::RelationKey> ParseRelationKey(absl::string_view text) {
  std::vector<std::string> parts =
      absl::StrSplit(text, absl::MaxSplits(':', 3));
  if (parts.size() < 3 || parts[0].empty() || parts[1].empty() ||
      parts[2].empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--relation: want TYPE:SOURCE:TARGET[:ROLE], got '", text, "'"));
  }
  absl::StatusOr<v1::RelationType> type = ParseRelationType(parts[0]);
  if (!type.ok()) return type.status();
  v1::RelationKey key;
  key.set_type(*type);
  key.set_source_id(parts[1]);
  key.set_target_id(parts[2]);
  if (parts.size() == 4) key.set_role(parts[3]);
  return key;
}

// Builds the first page's request from the positional `args` (an entity
// id) or --relation, exactly one of them, and the paging flags.
absl::StatusOr<v1::ListEvidenceRequest> BuildRequest(
    const std::vector<std::string>& args) {
  const std::string relation = absl::GetFlag(FLAGS_relation);
  if (args.empty() == relation.empty()) {
    return absl::InvalidArgumentError(
        "give exactly one of an entity ID and --relation");
  }
  v1::ListEvidenceRequest request;
  if (args.empty()) {
    absl::StatusOr<v1::RelationKey> key = ParseRelationKey(relation);
    if (!key.ok()) return key.status();
    *request.mutable_relation() = *key;
  } else {
    request.set_entity_id(args[0]);
  }
  absl::Status paging = SetPaging(&request);
  if (!paging.ok()) return paging;
  return request;
}

void AddRows(const v1::ListEvidenceResponse& response, Table* table) {
  for (const v1::EvidenceItem& item : response.items()) {
    const v1::Evidence& evidence = item.evidence();
    table->AddRow(
        {evidence.report_id(), item.published_date(),
         absl::StrCat("[", evidence.start(), ",", evidence.end(), ")"),
         evidence.extractor_version(),
         Shorten(evidence.sentence(), kMaxSentenceCodePoints)});
  }
}

}  // namespace

int RunEvidence(const CommandContext& context,
                const std::vector<std::string>& args) {
  return ListPages(context, &v1::KnowledgeGraph::Stub::ListEvidence, &AddRows,
                   BuildRequest(args),
                   Table({"REPORT", "DATE", "SPAN", "EXTRACTOR", "SENTENCE"}));
}

}  // namespace govgraph::client
