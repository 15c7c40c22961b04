#include "client/commands/import_files.h"

#include <cstdint>
#include <fstream>
#include <functional>
#include <memory>

#include "absl/strings/str_cat.h"
#include "client/export/graph_formats.h"

namespace govgraph::client {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

using ImportWriter = grpc::ClientWriter<v1::ImportGraphRequest>;

// Sends `path` in chunks, as nodes or edges, until the server ends the
// stream (Finish says why). An error if the file cannot be read.
absl::Status SendFile(const std::string& path, bool nodes,
                      const std::function<void(int64_t)>& on_sent,
                      ImportWriter& writer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::string buffer(kChunkBytes, '\0');
  v1::ImportGraphRequest request;
  while (in) {
    in.read(buffer.data(), buffer.size());
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (nodes) {
      request.set_nodes_csv(buffer.data(), n);
    } else {
      request.set_edges_csv(buffer.data(), n);
    }
    if (!writer.Write(request)) return absl::OkStatus();
    if (on_sent) on_sent(n);
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat("reading ", path));
  return absl::OkStatus();
}

// Sends what `converter` has converted: nodes, then edges. False once
// the server has ended the stream.
bool SendConverted(JsonLinesToCsv& converter, ImportWriter& writer) {
  v1::ImportGraphRequest request;
  std::string nodes = converter.TakeNodes();
  if (!nodes.empty()) {
    request.set_nodes_csv(std::move(nodes));
    if (!writer.Write(request)) return false;
  }
  std::string edges = converter.TakeEdges();
  if (!edges.empty()) {
    request.set_edges_csv(std::move(edges));
    if (!writer.Write(request)) return false;
  }
  return true;
}

// Sends the JSON Lines export `path` as nodes.csv, then edges.csv, rows.
absl::Status SendJsonLines(const std::string& path,
                           const std::function<void(int64_t)>& on_sent,
                           ImportWriter& writer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  JsonLinesToCsv converter;
  std::string line;
  int64_t read = 0;  // Bytes read since the last send.
  for (int64_t number = 1; std::getline(in, line); ++number) {
    read += static_cast<int64_t>(line.size()) + 1;
    absl::Status added = converter.AddLine(line, number);
    if (!added.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ": ", added.message()));
    }
    if (converter.pending_bytes() >= kChunkBytes) {
      if (!SendConverted(converter, writer)) return absl::OkStatus();
      if (on_sent) on_sent(read);
      read = 0;
    }
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat("reading ", path));
  SendConverted(converter, writer);
  return absl::OkStatus();
}

}  // namespace

grpc::Status ImportCsvFiles(v1::KnowledgeGraph::Stub& stub,
                            const ImportFiles& files, grpc::ClientContext* rpc,
                            v1::ImportGraphResponse* response,
                            absl::Status* file_error) {
  std::unique_ptr<ImportWriter> writer = stub.ImportGraph(rpc, response);
  v1::ImportGraphRequest first;
  first.set_source_id(files.source_id);
  *file_error = absl::OkStatus();
  if (!writer->Write(first)) {
    // The server ended the call: Finish says why.
  } else if (!files.jsonl.empty()) {
    *file_error = SendJsonLines(files.jsonl, files.on_sent, *writer);
  } else {
    *file_error = SendFile(files.nodes, true, files.on_sent, *writer);
    if (file_error->ok() && !files.edges.empty()) {
      *file_error = SendFile(files.edges, false, files.on_sent, *writer);
    }
  }
  if (!file_error->ok()) rpc->TryCancel();
  writer->WritesDone();
  return writer->Finish();
}

}  // namespace govgraph::client
