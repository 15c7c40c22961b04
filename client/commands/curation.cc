// merge, split and undo: a curator's corrections of who is who in the
// graph. Each names its curator and reason, which the audit log keeps.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "client/commands/audit_entry.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/output.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Who asks for a change, and why.
struct Attribution {
  std::string curator;
  std::string reason;
};

// The environment variable `name`, or "" if unset.
std::string Getenv(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// --curator (default $GOVGRAPH_CURATOR, else $USER) and --reason;
// kInvalidArgument if either is empty or blank.
absl::StatusOr<Attribution> ReadAttribution() {
  Attribution who{absl::GetFlag(FLAGS_curator), absl::GetFlag(FLAGS_reason)};
  if (absl::StripAsciiWhitespace(who.reason).empty()) {
    return absl::InvalidArgumentError("--reason=TEXT is required");
  }
  if (who.curator.empty()) who.curator = Getenv("GOVGRAPH_CURATOR");
  if (who.curator.empty()) who.curator = Getenv("USER");
  if (absl::StripAsciiWhitespace(who.curator).empty()) {
    return absl::InvalidArgumentError(
        "no curator: give --curator=NAME or set $GOVGRAPH_CURATOR");
  }
  return who;
}

// "r1, r2" from --reports=r1,r2; kInvalidArgument if it names none.
absl::StatusOr<std::vector<std::string>> ReadReportIds() {
  std::vector<std::string> ids;
  for (absl::string_view id :
       absl::StrSplit(absl::GetFlag(FLAGS_reports), ',')) {
    id = absl::StripAsciiWhitespace(id);
    if (!id.empty()) ids.emplace_back(id);
  }
  if (ids.empty()) {
    return absl::InvalidArgumentError("--reports=R1,R2,... is required");
  }
  return ids;
}

// Adds `label` with the entity's id and name, then its aliases.
void AddEntityRows(const std::string& label, const v1::Entity& entity,
                   Table* table) {
  table->AddRow({label, entity.id(), entity.display_name()});
  if (!entity.aliases().empty()) {
    table->AddRow({"  ALIASES", absl::StrJoin(entity.aliases(), "; ")});
  }
}

void PrintMerge(const v1::MergeEntitiesResponse& response) {
  Table table({});
  AddEntityRows("ENTITY", response.entity(), &table);
  table.AddRow({"RELATIONS_MOVED", absl::StrCat(response.relations_moved())});
  AddAuditEntryRows(response.audit(), &table);
  table.Print(std::cout);
}

void PrintSplit(const v1::SplitEntityResponse& response) {
  Table table({});
  AddEntityRows("ENTITY", response.entity(), &table);
  AddEntityRows("NEW_ENTITY", response.new_entity(), &table);
  table.AddRow({"RELATIONS_MOVED", absl::StrCat(response.relations_moved())});
  AddAuditEntryRows(response.audit(), &table);
  table.Print(std::cout);
}

void PrintUndo(const v1::UndoCurationResponse& response) {
  Table table({});
  AddAuditEntryRows(response.audit(), &table);
  table.Print(std::cout);
}

}  // namespace

int RunMerge(const CommandContext& context,
             const std::vector<std::string>& args) {
  absl::StatusOr<Attribution> who = ReadAttribution();
  if (!who.ok()) return UsageError(who.status().message());
  v1::MergeEntitiesRequest request;
  request.set_source_id(args[0]);
  request.set_target_id(args[1]);
  request.set_curator(who->curator);
  request.set_reason(who->reason);
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::MergeEntities,
                      request, &PrintMerge);
}

int RunSplit(const CommandContext& context,
             const std::vector<std::string>& args) {
  absl::StatusOr<Attribution> who = ReadAttribution();
  if (!who.ok()) return UsageError(who.status().message());
  absl::StatusOr<std::vector<std::string>> reports = ReadReportIds();
  if (!reports.ok()) return UsageError(reports.status().message());
  v1::SplitEntityRequest request;
  request.set_entity_id(args[0]);
  request.set_new_id(args[1]);
  request.set_new_name(absl::GetFlag(FLAGS_name));
  request.mutable_report_ids()->Assign(reports->begin(), reports->end());
  request.set_curator(who->curator);
  request.set_reason(who->reason);
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::SplitEntity, request,
                      &PrintSplit);
}

int RunUndo(const CommandContext& context,
            const std::vector<std::string>& args) {
  int64_t audit_id = 0;
  if (!absl::SimpleAtoi(args[0], &audit_id) || audit_id <= 0) {
    return UsageError(absl::StrCat("AUDIT_ID must be a positive integer, not '",
                                   args[0], "'"));
  }
  absl::StatusOr<Attribution> who = ReadAttribution();
  if (!who.ok()) return UsageError(who.status().message());
  v1::UndoCurationRequest request;
  request.set_audit_id(audit_id);
  request.set_curator(who->curator);
  request.set_reason(who->reason);
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::UndoCuration, request,
                      &PrintUndo);
}

}  // namespace govgraph::client
