// path: the shortest paths (or the k shortest) between two entities, each
// printed as a chain of nodes and relations with one evidence sentence per
// relation.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/expansion.h"
#include "client/commands/output.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Builds the request from the two ids and the flags; kInvalidArgument for
// a bad --types or a negative --max_depth, --max_paths or --k. The ranges
// (and whether --k goes with --max_paths) are the server's to check.
absl::StatusOr<v1::FindPathsRequest> BuildRequest(
    const std::vector<std::string>& args) {
  absl::StatusOr<std::vector<v1::RelationType>> types =
      ParseRelationTypes("types", absl::GetFlag(FLAGS_types));
  if (!types.ok()) return types.status();
  const int32_t max_depth = absl::GetFlag(FLAGS_max_depth);
  const int32_t max_paths = absl::GetFlag(FLAGS_max_paths);
  const int32_t k = absl::GetFlag(FLAGS_k);
  absl::Status valid = CheckNotNegative("max_depth", max_depth);
  if (valid.ok()) valid = CheckNotNegative("max_paths", max_paths);
  if (valid.ok()) valid = CheckNotNegative("k", k);
  if (!valid.ok()) return valid;
  v1::FindPathsRequest request;
  request.set_source_id(args[0]);
  request.set_target_id(args[1]);
  request.set_max_depth(max_depth);
  request.set_max_paths(max_paths);
  request.set_k_shortest(k);
  request.set_directed(absl::GetFlag(FLAGS_directed));
  for (v1::RelationType type : *types) request.add_types(type);
  return request;
}

// "Lê Trí Thanh (p-le-tri-thanh)"
std::string NodeLabel(const v1::Entity& node) {
  return absl::StrCat(node.display_name(), " (", node.id(), ")");
}

// " -[ATTENDED]→ " when `relation` points away from `from`, else
// " ←[ATTENDED]- ".
std::string Link(const v1::Relation& relation, const v1::Entity& from) {
  const std::string type = v1::RelationType_Name(relation.type());
  if (relation.source_id() == from.id()) {
    return absl::StrCat(" -[", type, "]→ ");
  }
  return absl::StrCat(" ←[", type, "]- ");
}

// "  ATTENDED p1 → m1: sentence (report r1, 2023-01-10)", or "" when the
// relation carries no evidence sentence.
std::string EvidenceLine(const v1::Relation& relation) {
  const v1::Evidence* evidence = FirstSentence(relation);
  if (evidence == nullptr) return "";
  return absl::StrCat("  ", v1::RelationType_Name(relation.type()), " ",
                      relation.source_id(), " → ", relation.target_id(), ": ",
                      evidence->sentence(), " (", CitedReport(*evidence),
                      ")\n");
}

// "path 2: chain", or with `ranked` "path 2 (length 3): chain".
void PrintPath(int number, const v1::Path& path, bool ranked) {
  std::string chain = absl::StrCat("path ", number);
  if (ranked) absl::StrAppend(&chain, " (length ", path.relations_size(), ")");
  absl::StrAppend(&chain, ": ");
  std::string evidence;
  for (int i = 0; i < path.nodes_size(); ++i) {
    absl::StrAppend(&chain, NodeLabel(path.nodes(i)));
    if (i >= path.relations_size()) continue;
    absl::StrAppend(&chain, Link(path.relations(i), path.nodes(i)));
    absl::StrAppend(&evidence, EvidenceLine(path.relations(i)));
  }
  std::cout << chain << "\n" << evidence;
}

// The shortest length, then each path (with its own length if `ranked`).
void PrintAll(const v1::FindPathsResponse& response, bool ranked) {
  std::cout << "length: " << response.length() << "\n";
  if (response.length() < 0) {
    std::cout << "no path within the maximum depth\n";
  }
  for (int i = 0; i < response.paths_size(); ++i) {
    PrintPath(i + 1, response.paths(i), ranked);
  }
}

void PrintPaths(const v1::FindPathsResponse& response) {
  PrintAll(response, /*ranked=*/false);
}

// The k shortest paths, whose lengths may differ.
void PrintRankedPaths(const v1::FindPathsResponse& response) {
  PrintAll(response, /*ranked=*/true);
}

}  // namespace

int RunPath(const CommandContext& context,
            const std::vector<std::string>& args) {
  absl::StatusOr<v1::FindPathsRequest> request = BuildRequest(args);
  if (!request.ok()) return UsageError(request.status().message());
  return CallAndPrint(
      context, &v1::KnowledgeGraph::Stub::FindPaths, *request,
      request->k_shortest() > 0 ? &PrintRankedPaths : &PrintPaths);
}

}  // namespace govgraph::client
