// The shared benchmark's six query types (../shared/bench/README.md), each
// answered through the KnowledgeGraph gRPC API on a graph ImportGraph
// loaded from the benchmark's CSV files (entity ids are the CSV ids).
#ifndef GOVGRAPH_BENCH_BENCH_QUERIES_H_
#define GOVGRAPH_BENCH_BENCH_QUERIES_H_

#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "bench/bench_rows.h"
#include "google/protobuf/struct.pb.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/channel.h"

namespace govgraph::bench {

// Thread-compatible: one runner per client thread.
class QueryRunner {
 public:
  // Each query (all its pages) must finish within `timeout`.
  QueryRunner(std::shared_ptr<grpc::Channel> channel, absl::Duration timeout)
      : stub_(std::move(channel)), timeout_(timeout) {}

  // The canonical rows answering `instance` of `query_type` ("Q1" ...
  // "Q6"), as the harness's reference engine gives them (unordered types
  // sorted). The call's status on failure (DEADLINE_EXCEEDED on timeout);
  // kInvalidArgument for an unknown type, a malformed instance or an id
  // in an answer that is not a benchmark (integer) id.
  absl::StatusOr<std::vector<Row>> Run(
      absl::string_view query_type, const google::protobuf::Struct& instance);

 private:
  using Instance = google::protobuf::Struct;
  absl::StatusOr<std::vector<Row>> Neighbors(const Instance& q);
  absl::StatusOr<std::vector<Row>> Positions(const Instance& q);
  absl::StatusOr<std::vector<Row>> CoAttendance(const Instance& q);
  absl::StatusOr<std::vector<Row>> ShortestPath(const Instance& q);
  absl::StatusOr<std::vector<Row>> SubtreeMeetings(const Instance& q);
  absl::StatusOr<std::vector<Row>> NamePrefix(const Instance& q);

  v1::KnowledgeGraph::Stub stub_;
  const absl::Duration timeout_;
  absl::Time deadline_;  // Of the query being run.
};

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_BENCH_QUERIES_H_
