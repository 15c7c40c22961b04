// relations: the relations of one entity, as seen from it.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/output.h"
#include "client/commands/paging.h"
#include "client/commands/rpc.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Builds the first page's request from `entity_id` and the flags; returns
// kInvalidArgument for a bad --type, --direction or --page_size.
absl::StatusOr<v1::ListRelationsRequest> BuildRequest(
    const std::string& entity_id) {
  absl::StatusOr<v1::RelationType> type =
      ParseRelationType(absl::GetFlag(FLAGS_type));
  if (!type.ok()) return type.status();
  absl::StatusOr<v1::Direction> direction =
      ParseDirection(absl::GetFlag(FLAGS_direction));
  if (!direction.ok()) return direction.status();
  const int32_t page_size = absl::GetFlag(FLAGS_page_size);
  absl::Status size_ok = CheckPageSize(page_size);
  if (!size_ok.ok()) return size_ok;
  v1::ListRelationsRequest request;
  request.set_entity_id(entity_id);
  request.set_type(*type);
  request.set_direction(*direction);
  request.set_page_size(page_size);
  request.set_page_token(absl::GetFlag(FLAGS_page_token));
  return request;
}

void AddRows(const v1::ListRelationsResponse& response, Table* table) {
  for (const v1::RelationView& view : response.relations()) {
    table->AddRow({DirectionLabel(view.direction()),
                   v1::RelationType_Name(view.relation().type()),
                   view.relation().role(), view.other().id(),
                   v1::EntityKind_Name(view.other().kind()),
                   view.other().display_name()});
  }
}

}  // namespace

int RunRelations(const CommandContext& context,
                 const std::vector<std::string>& args) {
  absl::StatusOr<v1::ListRelationsRequest> request = BuildRequest(args[0]);
  if (!request.ok()) return UsageError(request.status().message());
  Table table(
      {"DIRECTION", "TYPE", "ROLE", "OTHER_ID", "OTHER_KIND", "OTHER_NAME"});
  const grpc::Status status = FetchPages(
      context, absl::GetFlag(FLAGS_all),
      &v1::KnowledgeGraph::Stub::ListRelations, &AddRows, &*request, &table);
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) return kExitOk;
  table.Print(std::cout);
  if (!request->page_token().empty()) {
    std::cout << "next_page_token: " << request->page_token() << "\n";
  }
  return kExitOk;
}

}  // namespace govgraph::client
