// export [ID]: the whole graph (ExportGraph) or the subgraph around ID
// (ExportSubgraph), written as it streams in, as --format to --out.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/commands/command.h"
#include "client/commands/expansion.h"
#include "client/commands/output.h"
#include "client/commands/progress.h"
#include "client/commands/rpc.h"
#include "client/commands/style.h"
#include "client/commands/table.h"
#include "client/export/graph_formats.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// An export of a large graph takes longer than one query: at least this.
constexpr absl::Duration kMinExportTimeout = absl::Hours(1);

// Where the export goes: stdout ("-"), a file, or for neo4j a directory
// that gets nodes.csv and relationships.csv. Files are written under a
// ".partial" name and renamed only once the export is complete, so that a
// failed export leaves nothing that looks whole.
class ExportTarget {
 public:
  // kInvalidArgument for neo4j to stdout; kNotFound if a file cannot be
  // created.
  static absl::StatusOr<std::unique_ptr<ExportTarget>> Open(
      GraphFormat format, const std::string& out) {
    auto target = std::unique_ptr<ExportTarget>(new ExportTarget(format));
    if (format == GraphFormat::kNeo4jCsv) {
      if (out == "-") {
        return absl::InvalidArgumentError(
            "--format=neo4j writes two files: give --out=DIR");
      }
      std::error_code error;
      std::filesystem::create_directories(out, error);
      if (error) {
        return absl::NotFoundError(
            absl::StrCat("cannot create ", out, ": ", error.message()));
      }
      target->files_ = {out + "/nodes.csv", out + "/relationships.csv"};
    } else if (out != "-") {
      target->files_ = {out};
    }
    for (const std::string& file : target->files_) {
      target->streams_.push_back(
          std::make_unique<std::ofstream>(file + ".partial", std::ios::binary));
      if (!*target->streams_.back()) {
        // Before Abandon(), which clears files_ and with it `file`.
        absl::Status error =
            absl::NotFoundError(absl::StrCat("cannot write ", file));
        target->Abandon();
        return error;
      }
    }
    return target;
  }

  ~ExportTarget() { Abandon(); }

  std::unique_ptr<GraphWriter> MakeWriter() {
    std::ostream* first = streams_.empty() ? &std::cout : streams_[0].get();
    switch (format_) {
      case GraphFormat::kGraphMl:
        return MakeGraphMlWriter(first);
      case GraphFormat::kNeo4jCsv:
        return MakeNeo4jCsvWriter(first, streams_[1].get());
      case GraphFormat::kJsonLines:
        break;
    }
    return MakeJsonLinesWriter(first);
  }

  bool to_stdout() const { return files_.empty(); }

  // Closes the files and gives them their names.
  absl::Status Commit() {
    for (size_t i = 0; i < files_.size(); ++i) {
      streams_[i]->close();
      if (!*streams_[i] || std::rename((files_[i] + ".partial").c_str(),
                                       files_[i].c_str()) != 0) {
        return absl::DataLossError(absl::StrCat("cannot write ", files_[i]));
      }
    }
    files_.clear();
    return absl::OkStatus();
  }

  // Removes what was written (nothing once committed).
  void Abandon() {
    streams_.clear();
    for (const std::string& file : files_) {
      std::remove((file + ".partial").c_str());
    }
    files_.clear();
  }

 private:
  explicit ExportTarget(GraphFormat format) : format_(format) {}

  const GraphFormat format_;
  std::vector<std::string> files_;
  std::vector<std::unique_ptr<std::ofstream>> streams_;
};

struct ExportCounts {
  int64_t nodes = 0;
  int64_t relations = 0;
  bool truncated = false;  // Subgraph: the node limit cut it.
};

// Reads the stream `reader` into `writer`, message by message.
template <typename Response, typename Consume>
grpc::Status Drain(grpc::ClientReader<Response>& reader, Consume consume,
                   absl::Status* write_error, grpc::ClientContext* rpc) {
  Response message;
  while (reader.Read(&message)) {
    *write_error = consume(message);
    if (!write_error->ok()) {
      rpc->TryCancel();
      break;
    }
  }
  return reader.Finish();
}

// Nodes and relations in the graph now, for the progress line (an extra
// call, made only when the line is shown); 0 if the server does not say.
int64_t GraphSize(v1::KnowledgeGraph::Stub& stub) {
  grpc::ClientContext rpc;
  SetTimeout(absl::Seconds(10), &rpc);
  v1::GetStatsResponse stats;
  if (!stub.GetStats(&rpc, v1::GetStatsRequest(), &stats).ok()) return 0;
  return stats.entities() + stats.relations();
}

// The whole graph into `writer`.
grpc::Status ExportWhole(v1::KnowledgeGraph::Stub& stub,
                         grpc::ClientContext* rpc, GraphWriter& writer,
                         ExportCounts* counts, absl::Status* write_error) {
  Progress progress("export", "items", 0);
  if (progress.shown()) progress.set_total(GraphSize(stub));
  v1::ExportGraphRequest request;
  request.set_with_evidence(absl::GetFlag(FLAGS_evidence));
  auto reader = stub.ExportGraph(rpc, request);
  auto consume = [&](const v1::ExportGraphResponse& batch) -> absl::Status {
    for (const v1::Entity& node : batch.nodes()) {
      absl::Status written = writer.Node(node);
      if (!written.ok()) return written;
    }
    for (const v1::Relation& relation : batch.relations()) {
      absl::Status written = writer.Relation(relation);
      if (!written.ok()) return written;
    }
    counts->nodes += batch.nodes_size();
    counts->relations += batch.relations_size();
    progress.Advance(batch.nodes_size() + batch.relations_size());
    return absl::OkStatus();
  };
  return Drain(*reader, consume, write_error, rpc);
}

// The subgraph `request` asks for into `writer`.
grpc::Status ExportAround(v1::KnowledgeGraph::Stub& stub,
                          const v1::ExportSubgraphRequest& request,
                          grpc::ClientContext* rpc, GraphWriter& writer,
                          ExportCounts* counts, absl::Status* write_error) {
  Progress progress("export", "items", 0);
  auto reader = stub.ExportSubgraph(rpc, request);
  auto consume = [&](const v1::ExportSubgraphResponse& item) {
    progress.Advance(1);
    counts->truncated |= item.truncated();
    if (item.has_node()) {
      ++counts->nodes;
      return writer.Node(item.node());
    }
    ++counts->relations;
    return writer.Relation(item.relation());
  };
  return Drain(*reader, consume, write_error, rpc);
}

void PrintCounts(const ExportCounts& counts, double seconds,
                 std::ostream& out) {
  Table table({});
  table.AddRow({"NODES", absl::StrCat(counts.nodes)});
  table.AddRow({"RELATIONS", absl::StrCat(counts.relations)});
  if (counts.truncated) table.AddRow({"TRUNCATED", "yes (--limit)"});
  table.AddRow({"SECONDS", absl::StrCat(seconds)});
  table.Print(out);
}

}  // namespace

int RunExport(const CommandContext& context,
              const std::vector<std::string>& args) {
  absl::StatusOr<GraphFormat> format =
      ParseGraphFormat(absl::GetFlag(FLAGS_format));
  if (!format.ok()) return UsageError(format.status().message());
  absl::StatusOr<v1::ExportSubgraphRequest> around;
  if (!args.empty()) {
    around = BuildSubgraphRequest(args[0]);
    if (!around.ok()) return UsageError(around.status().message());
  }
  absl::StatusOr<std::unique_ptr<ExportTarget>> target =
      ExportTarget::Open(*format, absl::GetFlag(FLAGS_out));
  if (!target.ok()) return UsageError(target.status().message());

  v1::KnowledgeGraph::Stub stub(context.channel);
  grpc::ClientContext rpc;
  SetTimeout(std::max(context.timeout, kMinExportTimeout), &rpc);
  const absl::Time start = absl::Now();
  std::unique_ptr<GraphWriter> writer = (*target)->MakeWriter();
  ExportCounts counts;
  absl::Status written;
  const grpc::Status status =
      args.empty()
          ? ExportWhole(stub, &rpc, *writer, &counts, &written)
          : ExportAround(stub, *around, &rpc, *writer, &counts, &written);
  if (written.ok() && status.ok()) written = writer->Finish();
  if (written.ok() && status.ok()) written = (*target)->Commit();
  if (!written.ok()) {
    std::cerr << ErrorPrefix() << written.message() << "\n";
    return kExitRpcError;
  }
  if (!status.ok()) return ReportRpcError(status);
  PrintCounts(counts, absl::ToDoubleSeconds(absl::Now() - start),
              (*target)->to_stdout() ? std::cerr : std::cout);
  return kExitOk;
}

}  // namespace govgraph::client
