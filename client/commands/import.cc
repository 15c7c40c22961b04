// import: streams a property graph in the benchmark's CSV layout (nodes.csv,
// edges.csv), or a JSON Lines export converted to it, to ImportGraph, which
// loads it all or nothing.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/commands/command.h"
#include "client/commands/import_files.h"
#include "client/commands/output.h"
#include "client/commands/progress.h"
#include "client/commands/rpc.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// An import takes longer than one query: at least this long.
constexpr absl::Duration kMinImportTimeout = absl::Hours(1);

// The size of the files `files` names; 0 if one cannot be read (the import
// then says why).
int64_t TotalBytes(const ImportFiles& files) {
  int64_t total = 0;
  for (const std::string* path : {&files.nodes, &files.edges, &files.jsonl}) {
    if (path->empty()) continue;
    std::error_code error;
    const auto size = std::filesystem::file_size(*path, error);
    if (error) return 0;
    total += static_cast<int64_t>(size);
  }
  return total;
}

void PrintResponse(const v1::ImportGraphResponse& response, double seconds) {
  Table table({});
  table.AddRow({"SOURCE_ID", response.source_id()});
  table.AddRow({"NODES", absl::StrCat(response.nodes())});
  table.AddRow({"EDGES", absl::StrCat(response.edges())});
  table.AddRow({"SECONDS", absl::StrCat(seconds)});
  table.Print(std::cout);
}

}  // namespace

int RunImport(const CommandContext& context, const std::vector<std::string>&) {
  ImportFiles files;
  files.nodes = absl::GetFlag(FLAGS_nodes);
  files.edges = absl::GetFlag(FLAGS_edges);
  files.jsonl = absl::GetFlag(FLAGS_jsonl);
  files.source_id = absl::GetFlag(FLAGS_source);
  if (files.nodes.empty() == files.jsonl.empty()) {
    return UsageError(
        "import: give --nodes=FILE (and --edges) or --jsonl=FILE");
  }
  if (!files.jsonl.empty() && !files.edges.empty()) {
    return UsageError("import: --edges goes with --nodes, not --jsonl");
  }
  v1::KnowledgeGraph::Stub stub(context.channel);
  grpc::ClientContext rpc;
  SetTimeout(std::max(context.timeout, kMinImportTimeout), &rpc);
  v1::ImportGraphResponse response;
  const absl::Time start = absl::Now();
  absl::Status file_error;
  grpc::Status status;
  {
    // Bytes sent of the files; the server then loads them in one write.
    Progress progress("import", "bytes", TotalBytes(files));
    files.on_sent = [&progress](int64_t bytes) { progress.Advance(bytes); };
    status = ImportCsvFiles(stub, files, &rpc, &response, &file_error);
  }
  if (!file_error.ok()) return UsageError(file_error.message());
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) return PrintJson(response);
  PrintResponse(response, absl::ToDoubleSeconds(absl::Now() - start));
  return kExitOk;
}

}  // namespace govgraph::client
