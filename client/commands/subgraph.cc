// subgraph: the subgraph around a node, printed one line per node, then one
// per relation, as the server streams them.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/expansion.h"
#include "client/commands/output.h"
#include "client/commands/rpc.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"

namespace govgraph::client {
namespace {

// "\t“sentence” (report r1, 2024-01-05)" for the first evidence with a
// sentence; "" if there is none.
std::string EvidenceText(const v1::Relation& relation) {
  const v1::Evidence* evidence = FirstSentence(relation);
  if (evidence == nullptr) return "";
  return absl::StrCat("\t“", evidence->sentence(), "” (",
                      CitedReport(*evidence), ")");
}

// "node  MEETING  m1  Hội nghị" or
// "relation  HOLDS_POSITION  p1 -> o1  Giám đốc  “sentence” (report r1)".
std::string Line(const v1::ExportSubgraphResponse& item) {
  std::string line;
  if (item.has_node()) {
    line = absl::StrCat("node\t", v1::EntityKind_Name(item.node().kind()), "\t",
                        item.node().id(), "\t", item.node().display_name());
  } else {
    const v1::Relation& relation = item.relation();
    line =
        absl::StrCat("relation\t", v1::RelationType_Name(relation.type()), "\t",
                     relation.source_id(), " -> ", relation.target_id());
    if (!relation.role().empty()) absl::StrAppend(&line, "\t", relation.role());
    absl::StrAppend(&line, EvidenceText(relation));
  }
  if (item.truncated()) {
    absl::StrAppend(&line, "\t(truncated: more nodes within reach)");
  }
  return line;
}

}  // namespace

int RunSubgraph(const CommandContext& context,
                const std::vector<std::string>& args) {
  absl::StatusOr<v1::ExportSubgraphRequest> request =
      BuildSubgraphRequest(args[0]);
  if (!request.ok()) return UsageError(request.status().message());
  v1::KnowledgeGraph::Stub stub(context.channel);
  grpc::ClientContext rpc;
  SetTimeout(context.timeout, &rpc);
  auto reader = stub.ExportSubgraph(&rpc, *request);
  return PrintStream(context, *reader, &Line);
}

}  // namespace govgraph::client
