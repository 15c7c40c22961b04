// Streams nodes.csv and edges.csv files to ImportGraph: shared by the CLI's
// import command and the benchmark client.
#ifndef GOVGRAPH_CLIENT_COMMANDS_IMPORT_FILES_H_
#define GOVGRAPH_CLIENT_COMMANDS_IMPORT_FILES_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace govgraph::client {

// nodes.csv and edges.csv, or a JSON Lines export instead.
struct ImportFiles {
  std::string nodes;       // Required unless `jsonl` is set.
  std::string edges;       // Optional.
  std::string source_id;   // Empty: the server's default.
  std::string jsonl = {};  // A JSON Lines export (JsonLinesToCsv).
  // Told the bytes of the files read so far, as they are sent.
  std::function<void(int64_t bytes)> on_sent = {};
};

// Sends `files` on one ImportGraph call under `rpc` (whose deadline the
// caller sets). Returns the call's status; if a file cannot be read, the
// call is cancelled (nothing is loaded) and *file_error says why (also
// for a bad line of a JSON Lines file).
grpc::Status ImportCsvFiles(v1::KnowledgeGraph::Stub& stub,
                            const ImportFiles& files, grpc::ClientContext* rpc,
                            v1::ImportGraphResponse* response,
                            absl::Status* file_error);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_IMPORT_FILES_H_
