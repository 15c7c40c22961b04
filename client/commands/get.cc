// get: one entity, with its details and evidence.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Adds the fields of `entity`'s details oneof, skipping empty ones.
void AddDetails(const v1::Entity& entity, Table* table) {
  std::vector<std::pair<std::string, std::string>> rows;
  switch (entity.details_case()) {
    case v1::Entity::kPerson:
      rows = {{"FULL_NAME", entity.person().full_name()}};
      break;
    case v1::Entity::kOrganization:
      rows = {{"ORG_NAME", entity.organization().name()}};
      break;
    case v1::Entity::kMeeting:
      rows = {{"MEETING_NAME", entity.meeting().name()},
              {"DATE", entity.meeting().date()},
              {"LOCATION", entity.meeting().location()}};
      break;
    case v1::Entity::kDirective:
      rows = {{"VERB", entity.directive().verb()},
              {"TEXT", entity.directive().text()},
              {"DATE", entity.directive().date()}};
      break;
    case v1::Entity::kReport:
      rows = {{"TITLE", entity.report().title()},
              {"SOURCE_URL", entity.report().source_url()},
              {"PUBLISHED", entity.report().published_date()}};
      break;
    case v1::Entity::DETAILS_NOT_SET:
      break;
  }
  for (auto& [key, value] : rows) {
    if (!value.empty()) table->AddRow({key, value});
  }
}

// "r1 [0,10) sentence"
std::string FormatEvidence(const v1::Evidence& evidence) {
  return absl::StrCat(evidence.report_id(), " [", evidence.start(), ",",
                      evidence.end(), ") ", evidence.sentence());
}

void PrintEntity(const v1::Entity& entity) {
  Table table({});
  table.AddRow({"ID", entity.id()});
  table.AddRow({"KIND", v1::EntityKind_Name(entity.kind())});
  table.AddRow({"NAME", entity.display_name()});
  if (!entity.aliases().empty()) {
    table.AddRow({"ALIASES", absl::StrJoin(entity.aliases(), "; ")});
  }
  AddDetails(entity, &table);
  if (!entity.report_ids().empty()) {
    table.AddRow({"REPORTS", absl::StrJoin(entity.report_ids(), ", ")});
  }
  if (!entity.first_seen().empty()) {
    table.AddRow({"FIRST_SEEN", entity.first_seen()});
    table.AddRow({"LAST_SEEN", entity.last_seen()});
  }
  for (const v1::Evidence& evidence : entity.evidence()) {
    table.AddRow({"EVIDENCE", FormatEvidence(evidence)});
  }
  table.Print(std::cout);
}

}  // namespace

int RunGet(const CommandContext& context,
           const std::vector<std::string>& args) {
  v1::GetEntityRequest request;
  request.set_id(args[0]);
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::GetEntity, request,
                      &PrintEntity);
}

}  // namespace govgraph::client
