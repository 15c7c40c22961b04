// audit: the curation log, newest first; all of it or the entries naming
// one entity (merged-away entities included).
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/commands/audit_entry.h"
#include "client/commands/command.h"
#include "client/commands/paging.h"
#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// The first page's request for the entries naming `args[0]`, or all of
// them; kInvalidArgument for a bad --page_size.
absl::StatusOr<v1::ListAuditRequest> BuildRequest(
    const std::vector<std::string>& args) {
  v1::ListAuditRequest request;
  if (!args.empty()) request.set_entity_id(args[0]);
  absl::Status paging = SetPaging(&request);
  if (!paging.ok()) return paging;
  return request;
}

void AddRows(const v1::ListAuditResponse& response, Table* table) {
  for (const v1::AuditEntry& entry : response.entries()) {
    AddAuditEntryRow(entry, table);
  }
}

}  // namespace

int RunAudit(const CommandContext& context,
             const std::vector<std::string>& args) {
  return ListPages(context, &v1::KnowledgeGraph::Stub::ListAudit, &AddRows,
                   BuildRequest(args), AuditTable());
}

}  // namespace govgraph::client
