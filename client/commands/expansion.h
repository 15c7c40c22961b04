// What traverse and subgraph read alike from the flags: how far to go
// (--max_hops), along which relations (--types), to which nodes (--kinds),
// and how many (--limit), and the first evidence sentence of a relation as
// path and subgraph print it.
#ifndef GOVGRAPH_CLIENT_COMMANDS_EXPANSION_H_
#define GOVGRAPH_CLIENT_COMMANDS_EXPANSION_H_

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/commands/enum_args.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.pb.h"

namespace govgraph::client {

// Sets `request`'s max_hops, types and kinds from the flags.
// kInvalidArgument for a bad --types or --kinds or a negative --max_hops or
// --limit (the ranges are the server's to check); the caller sets the limit.
template <typename Request>
absl::Status SetExpansion(Request* request) {
  absl::StatusOr<std::vector<v1::RelationType>> types =
      ParseRelationTypes("types", absl::GetFlag(FLAGS_types));
  if (!types.ok()) return types.status();
  absl::StatusOr<std::vector<v1::EntityKind>> kinds =
      ParseEntityKinds("kinds", absl::GetFlag(FLAGS_kinds));
  if (!kinds.ok()) return kinds.status();
  absl::Status valid =
      CheckNotNegative("max_hops", absl::GetFlag(FLAGS_max_hops));
  if (valid.ok()) valid = CheckNotNegative("limit", absl::GetFlag(FLAGS_limit));
  if (!valid.ok()) return valid;
  request->set_max_hops(absl::GetFlag(FLAGS_max_hops));
  for (v1::RelationType type : *types) request->add_types(type);
  for (v1::EntityKind kind : *kinds) request->add_kinds(kind);
  return absl::OkStatus();
}

// ExportSubgraph around `id` from the flags (SetExpansion, --limit,
// --evidence); errors as SetExpansion.
absl::StatusOr<v1::ExportSubgraphRequest> BuildSubgraphRequest(
    const std::string& id);

// The first evidence of `relation` that has a sentence, or null.
const v1::Evidence* FirstSentence(const v1::Relation& relation);

// "report r1, 2023-01-10" (without the date when it is unknown).
std::string CitedReport(const v1::Evidence& evidence);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_EXPANSION_H_
