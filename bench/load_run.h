// Many clients at once against a running server: what one sequential
// client (the harness's rules) cannot show. Each client is a thread with
// its own connection that runs the measured instances of the chosen query
// types in turn, from its own starting point, until the time is up.
#ifndef GOVGRAPH_BENCH_LOAD_RUN_H_
#define GOVGRAPH_BENCH_LOAD_RUN_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/struct.pb.h"

namespace govgraph::bench {

struct LoadOptions {
  std::string addr;
  // Query types of queries.json ("Q1" ... "Q6"), or "health": the gRPC
  // health check, the floor every call pays.
  std::vector<std::string> types;
  int clients = 8;
  absl::Duration duration = absl::Seconds(10);
  absl::Duration timeout = absl::Seconds(20);  // Of each query.
};

struct LoadTypeStats {
  int64_t calls = 0;
  int64_t errors = 0;  // Failed calls, deadline expiries among them.
  double p50_ms = 0;
  double p99_ms = 0;
};

struct LoadResult {
  double seconds = 0;
  int64_t calls = 0;
  double calls_per_second = 0;
  std::map<std::string, LoadTypeStats> types;
};

// Runs `options` with the instances of `queries` (queries.json's
// "queries" object). kInvalidArgument for an unknown type or no clients.
absl::StatusOr<LoadResult> RunLoad(const LoadOptions& options,
                                   const google::protobuf::Struct& queries);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_LOAD_RUN_H_
