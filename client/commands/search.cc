// search: entities whose name or alias starts with some text.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/output.h"
#include "client/commands/paging.h"
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
  v1::SearchEntitiesRequest request;
  request.set_query(query);
  request.set_kind(*kind);
  request.set_whole_words(absl::GetFlag(FLAGS_words));
  absl::Status paging = SetPaging(&request);
  if (!paging.ok()) return paging;
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
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::SearchEntities,
                      *request, &PrintResponse);
}

}  // namespace govgraph::client
