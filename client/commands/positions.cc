// positions: the mandates of a person or in an organisation, optionally
// those in force on a date.
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "client/commands/command.h"
#include "client/commands/paging.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Builds the first page's request from `entity_id` and the flags; returns
// kInvalidArgument for a bad --page_size. The date is the server's to
// check.
absl::StatusOr<v1::ListPositionsRequest> BuildRequest(
    const std::string& entity_id) {
  v1::ListPositionsRequest request;
  request.set_entity_id(entity_id);
  request.set_as_of(absl::GetFlag(FLAGS_as_of));
  request.set_role(absl::GetFlag(FLAGS_role));
  absl::Status paging = SetPaging(&request);
  if (!paging.ok()) return paging;
  return request;
}

// "evidenced", "presumed"; "" when no date was asked.
std::string BasisLabel(v1::MandateBasis basis) {
  if (basis == v1::MANDATE_BASIS_UNSPECIFIED) return "";
  return absl::AsciiStrToLower(v1::MandateBasis_Name(basis));
}

void AddRows(const v1::ListPositionsResponse& response, Table* table) {
  for (const v1::Mandate& mandate : response.mandates()) {
    table->AddRow({mandate.person().display_name(), mandate.role(),
                   mandate.organization().display_name(), mandate.start_date(),
                   mandate.end_date(), mandate.first_seen(),
                   mandate.last_seen(), BasisLabel(mandate.basis()),
                   mandate.person().id(), mandate.organization().id()});
  }
}

}  // namespace

int RunPositions(const CommandContext& context,
                 const std::vector<std::string>& args) {
  return ListPages(
      context, &v1::KnowledgeGraph::Stub::ListPositions, &AddRows,
      BuildRequest(args[0]),
      Table({"PERSON", "ROLE", "ORGANIZATION", "START", "END", "FIRST_SEEN",
             "LAST_SEEN", "BASIS", "PERSON_ID", "ORG_ID"}));
}

}  // namespace govgraph::client
