// The server's memory as the soak samples it: resident set size from
// /proc, the RocksDB pools from the server's Prometheus endpoint.
#ifndef GOVGRAPH_BENCH_SOAK_MEMORY_H_
#define GOVGRAPH_BENCH_SOAK_MEMORY_H_

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace govgraph::bench {

// VmRSS of process `pid`, in bytes. kNotFound if the process or the line
// is missing.
absl::StatusOr<int64_t> ReadRssBytes(pid_t pid);

// The sum of the gauges govgraph_rocksdb_memtable_bytes and
// govgraph_rocksdb_block_cache_usage_bytes served over plain HTTP at
// http://`addr`/metrics ("host:port", IPv4). kUnavailable if the endpoint
// cannot be read within `timeout`, kNotFound if a gauge is missing.
absl::StatusOr<int64_t> ScrapeEngineBytes(const std::string& addr,
                                          absl::Duration timeout);

}  // namespace govgraph::bench

#endif  // GOVGRAPH_BENCH_SOAK_MEMORY_H_
