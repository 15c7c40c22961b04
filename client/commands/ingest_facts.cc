// ingest-facts: sends facts extracted elsewhere, written as proto3 JSON.
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "client/commands/call.h"
#include "client/commands/command.h"
#include "client/commands/output.h"
#include "client/commands/report_files.h"
#include "client/commands/table.h"
#include "google/protobuf/util/json_util.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Parses `json` strictly: unknown field names are errors. Returns
// kInvalidArgument with the parser's message.
absl::Status ParseRequest(const std::string& json,
                          v1::IngestFactsRequest* request) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  const auto status =
      google::protobuf::util::JsonStringToMessage(json, request, options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(status.message().ToString());
}

void PrintResponse(const v1::IngestFactsResponse& response) {
  Table table({});
  table.AddRow({"REPORT_ID", response.report_id()});
  table.AddRow({"REPLACED", response.replaced() ? "yes" : "no"});
  table.AddRow({"UNCHANGED", response.unchanged() ? "yes" : "no"});
  table.AddRow({"ENTITIES_WRITTEN", absl::StrCat(response.entities_written())});
  table.AddRow(
      {"RELATIONS_WRITTEN", absl::StrCat(response.relations_written())});
  table.Print(std::cout);
}

}  // namespace

int RunIngestFacts(const CommandContext& context,
                   const std::vector<std::string>& args) {
  absl::StatusOr<std::string> json = ReadInput(args[0]);
  if (!json.ok()) return UsageError(json.status().message());
  v1::IngestFactsRequest request;
  absl::Status parsed = ParseRequest(*json, &request);
  if (!parsed.ok()) {
    return UsageError(absl::StrCat(
        args[0], ": not an IngestFactsRequest: ", parsed.message()));
  }
  return CallAndPrint(context, &v1::KnowledgeGraph::Stub::IngestFacts, request,
                      &PrintResponse);
}

}  // namespace govgraph::client
