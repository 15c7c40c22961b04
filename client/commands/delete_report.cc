// delete-report: retracts a report and everything it said.
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/commands/command.h"
#include "client/commands/output.h"
#include "client/commands/rpc.h"
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
  v1::DeleteReportResponse response;
  grpc::ClientContext rpc;
  SetTimeout(context.timeout, &rpc);
  const grpc::Status status = v1::KnowledgeGraph::NewStub(context.channel)
                                  ->DeleteReport(&rpc, request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) return PrintJson(response);
  PrintResponse(response);
  return kExitOk;
}

}  // namespace govgraph::client
