// The soak's end-of-run consistency check (soak_run.h): what GetStats
// counts, what ExportGraph streams and what the clients know they wrote
// and deleted must agree.
#ifndef GOVGRAPH_BENCH_SOAK_CHECK_H_
#define GOVGRAPH_BENCH_SOAK_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bench/soak_client.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::bench {

// What the run expects of the graph once every client has stopped.
struct ExpectedGraph {
  int64_t reports_before = 0;             // GetStats().reports before the run.
  std::vector<std::string> live_reports;  // Base and own, acknowledged.
  std::vector<DeletedReport> deleted;     // Acknowledged deletes.
};

// Checks, with nothing else writing to the server:
//  - GetStats' entity, relation and report counts, and those by kind and
//    type, equal what one ExportGraph streams; no node comes twice;
//  - every exported relation's endpoints are exported nodes;
//  - every live report is a REPORT node; the report count is
//    reports_before plus the live reports;
//  - no deleted report, nor an entity only it supported, is left.
// Appends one line per problem to `problems` and what was checked to
// `notes`. Calls have `timeout` each.
void CheckGraph(v1::KnowledgeGraph::Stub& stub, const ExpectedGraph& expected,
                absl::Duration timeout, std::vector<std::string>* problems,
                std::vector<std::string>* notes);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_SOAK_CHECK_H_
