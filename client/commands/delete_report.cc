// delete-report: retracts a report and everything it said.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/table.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

void PrintResponse(const v1::DeleteReportResponse& response) {
  Table table({});
  table.AddRow({"REPORT_ID", response.report_id()});
  table.AddRow({"ENTITIES_REMOVED", absl::StrCat(response.entities_removed())});
  table.AddRow(
      {"RELATIONS_REMOVED", absl::StrCat(response.relations_removed())});
  table.Print(std::cout);
}

}  // namespace

int RunDeleteReport(const CommandContext& context,
                    const std::vector<std::string>& args) {
  v1::DeleteReportRequest request;
  request.set_report_id(args[0]);
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::DeleteReport, request,
                      &PrintResponse);
}

}  // namespace govgraph::client
