// relations: the relations of one entity, as seen from it.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/paging.h"
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
  v1::ListRelationsRequest request;
  request.set_entity_id(entity_id);
  request.set_type(*type);
  request.set_direction(*direction);
  request.set_from_date(absl::GetFlag(FLAGS_from));
  request.set_to_date(absl::GetFlag(FLAGS_to));
  absl::Status paging = SetPaging(&request);
  if (!paging.ok()) return paging;
  return request;
}

void AddRows(const v1::ListRelationsResponse& response, Table* table) {
  for (const v1::RelationView& view : response.relations()) {
    const v1::Relation& relation = view.relation();
    table->AddRow({DirectionLabel(view.direction()),
                   v1::RelationType_Name(relation.type()), relation.role(),
                   relation.start_date(), relation.end_date(),
                   relation.first_seen(), relation.last_seen(),
                   view.other().id(), v1::EntityKind_Name(view.other().kind()),
                   view.other().display_name()});
  }
}

}  // namespace

int RunRelations(const CommandContext& context,
                 const std::vector<std::string>& args) {
  return ListPages(
      context, &v1::KnowledgeGraph::Stub::ListRelations, &AddRows,
      BuildRequest(args[0]),
      Table({"DIRECTION", "TYPE", "ROLE", "START", "END", "FIRST_SEEN",
             "LAST_SEEN", "OTHER_ID", "OTHER_KIND", "OTHER_NAME"}));
}

}  // namespace govgraph::client
