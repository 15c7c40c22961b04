#include "client/commands/import_files.h"

#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"

namespace govgraph::client {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

using ImportWriter = grpc::ClientWriter<v1::ImportGraphRequest>;

// Sends `path` in chunks, as nodes or edges, until the server ends the
// stream (Finish says why). An error if the file cannot be read.
absl::Status SendFile(const std::string& path, bool nodes,
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
  }
  if (in.bad()) return absl::DataLossError(absl::StrCat("reading ", path));
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
  if (writer->Write(first)) {
    *file_error = SendFile(files.nodes, true, *writer);
    if (file_error->ok() && !files.edges.empty()) {
      *file_error = SendFile(files.edges, false, *writer);
    }
  }
  if (!file_error->ok()) rpc->TryCancel();
  writer->WritesDone();
  return writer->Finish();
}

}  // namespace govgraph::client
