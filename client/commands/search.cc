// search: entities whose name or alias starts with some text.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/output.h"
#include "client/commands/rpc.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Builds the request from `query` and the flags; returns kInvalidArgument
// for a bad --kind or --page_size.
absl::StatusOr<v1::SearchEntitiesRequest> BuildRequest(
    const std::string& query) {
  absl::StatusOr<v1::EntityKind> kind =
      ParseEntityKind(absl::GetFlag(FLAGS_kind));
  if (!kind.ok()) return kind.status();
  const int32_t page_size = absl::GetFlag(FLAGS_page_size);
  absl::Status size_ok = CheckPageSize(page_size);
  if (!size_ok.ok()) return size_ok;
  v1::SearchEntitiesRequest request;
  request.set_query(query);
  request.set_kind(*kind);
  request.set_page_size(page_size);
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  return request;
}

void PrintResponse(const v1::SearchEntitiesResponse& response) {
  Table table({"ID", "KIND", "NAME"});
  for (const v1::Entity& entity : response.entities()) {
    table.AddRow({entity.id(), v1::EntityKind_Name(entity.kind()),
                  entity.display_name()});
  }
  table.Print(std::cout);
  if (!response.next_page_token().empty()) {
    std::cout << "next_page_token: " << response.next_page_token() << "\n";
  }
}

}  // namespace

int RunSearch(const CommandContext& context,
              const std::vector<std::string>& args) {
  absl::StatusOr<v1::SearchEntitiesRequest> request = BuildRequest(args[0]);
  if (!request.ok()) return UsageError(request.status().message());
  v1::SearchEntitiesResponse response;
  grpc::ClientContext rpc;
  SetTimeout(context.timeout, &rpc);
  const grpc::Status status = v1::KnowledgeGraph::NewStub(context.channel)
                                  ->SearchEntities(&rpc, *request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) return PrintJson(response);
  PrintResponse(response);
  return kExitOk;
}

}  // namespace govgraph::client
