// extract: the facts the server's extractor finds in report files, stored
// nowhere. One Extract call per file.
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "client/commands/command.h"
#include "client/commands/extraction_output.h"
#include "client/commands/output.h"
#include "client/commands/report_files.h"
#include "client/commands/rpc.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Prints "FILE: CODE: message" on stderr.
void ReportFileError(const std::string& file, const absl::Status& status) {
  std::cerr << file << ": " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
}

// Extracts one file and prints the result; returns false on failure (after
// printing it).
bool ExtractOne(const CommandContext& context, v1::KnowledgeGraph::Stub* stub,
                const std::string& file, SourcesIndex* sources) {
  v1::ExtractRequest request;
  absl::StatusOr<v1::ReportText> report =
      ReadReport(file, absl::GetFlag(FLAGS_published), sources);
  if (!report.ok()) {
    ReportFileError(file, report.status());
    return false;
  }
  *request.mutable_report() = *std::move(report);
  v1::ExtractResponse response;
  grpc::ClientContext rpc;
  SetTimeout(context.timeout, &rpc);
  const grpc::Status status = stub->Extract(&rpc, request, &response);
  if (!status.ok()) {
    ReportFileError(
        file, absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                           status.error_message()));
    return false;
  }
  if (context.json) {
    std::cout << ExtractionJson(BaseName(file), response.extraction())
              << std::endl;
  } else {
    PrintExtractionSummary(BaseName(file), response.extraction(), std::cout);
  }
  return true;
}

}  // namespace

int RunExtract(const CommandContext& context,
               const std::vector<std::string>& args) {
  absl::StatusOr<std::vector<std::string>> files =
      CollectReportFiles(args, /*allow_stdin=*/true);
  if (!files.ok()) return UsageError(files.status().message());
  const std::unique_ptr<v1::KnowledgeGraph::Stub> stub =
      v1::KnowledgeGraph::NewStub(context.channel);
  SourcesIndex sources;
  int failed = 0;
  for (const std::string& file : *files) {
    if (!ExtractOne(context, stub.get(), file, &sources)) ++failed;
  }
  return failed == 0 ? kExitOk : kExitRpcError;
}

}  // namespace govgraph::client
