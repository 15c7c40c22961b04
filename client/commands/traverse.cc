// traverse: the nodes within k relations of a node, printed one line each as
// the server streams them.
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

// The request from the id and the flags; kInvalidArgument for a bad
// --types, --kinds or --direction or a negative --max_hops or --limit.
absl::StatusOr<v1::TraverseRequest> BuildRequest(const std::string& id) {
  v1::TraverseRequest request;
  absl::Status valid = SetExpansion(&request);
  if (!valid.ok()) return valid;
  absl::StatusOr<v1::Direction> direction =
      ParseDirection(absl::GetFlag(FLAGS_direction));
  if (!direction.ok()) return direction.status();
  request.set_start_id(id);
  request.set_from_date(absl::GetFlag(FLAGS_from));
  request.set_to_date(absl::GetFlag(FLAGS_to));
  request.set_direction(*direction);
  request.set_limit(absl::GetFlag(FLAGS_limit));
  return request;
}

// "2  MEETING  m1  Hội nghị  <-ATTENDED- p1"
std::string Line(const v1::TraverseResponse& step) {
  std::string line =
      absl::StrCat(step.hops(), "\t", v1::EntityKind_Name(step.node().kind()),
                   "\t", step.node().id(), "\t", step.node().display_name());
  if (step.has_via()) {
    const bool out = step.via().source_id() == step.parent_id();
    absl::StrAppend(&line, "\t", out ? "-" : "<-",
                    v1::RelationType_Name(step.via().type()),
                    out ? "-> " : "- ", step.parent_id());
  }
  if (step.limit_reached()) absl::StrAppend(&line, "\t(limit reached)");
  return line;
}

}  // namespace

int RunTraverse(const CommandContext& context,
                const std::vector<std::string>& args) {
  absl::StatusOr<v1::TraverseRequest> request = BuildRequest(args[0]);
  if (!request.ok()) return UsageError(request.status().message());
  v1::KnowledgeGraph::Stub stub(context.channel);
  grpc::ClientContext rpc;
  SetTimeout(context.timeout, &rpc);
  auto reader = stub.Traverse(&rpc, *request);
  return PrintStream(context, *reader, &Line);
}

}  // namespace govgraph::client
