// The k shortest loopless paths between two entities, by Yen's algorithm:
// the shortest path first; then, for each path found, every node on it
// becomes a spur node from which a new shortest path to the target is
// searched with the path's earlier nodes removed and the relations that
// paths found before leave the same root by removed too. The candidates are
// kept in PathLess order and the first is taken each round. Since each
// spur search returns the PathLess-first shortest spur path (and PathLess
// agrees with shared prefixes), the answer is exactly the first k loopless
// paths in PathLess order.
#ifndef GOVGRAPH_SERVER_QUERY_K_PATHS_H_
#define GOVGRAPH_SERVER_QUERY_K_PATHS_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/query/path_query.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

// Up to request.k_shortest loopless paths from `source` to `target` (two
// different ids of existing entities; `request` already validated by
// FindPaths), each within max_depth, following only request.types and,
// if directed, relations from source to target; result.length is the
// shortest length (-1: no path). Each spur search spends one step of
// `budget` besides the edges it walks. Returns `budget`'s status when it
// runs out or says stop; a store error. Thread-safe if the store is.
absl::StatusOr<PathsResult> KShortestPaths(storage::GraphStore& store,
                                           const PathsRequest& request,
                                           const std::string& source,
                                           const std::string& target,
                                           QueryBudget& budget);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_K_PATHS_H_
