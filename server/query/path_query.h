// Paths between two entities: every shortest path (up to a count), found by
// bidirectional breadth-first search (path_search.h), or the k shortest
// loopless paths (Yen's algorithm, k_paths.h).
#ifndef GOVGRAPH_SERVER_QUERY_PATH_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_PATH_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultMaxDepth = 6;
inline constexpr int32_t kMaxDepth = 10;
inline constexpr int32_t kMaxPaths = 100;
inline constexpr int32_t kMaxKShortest = 20;
// Edges one path search may visit: hubs (a Prime Minister's thousands of
// meetings) end in kResourceExhausted instead of a search without end.
inline constexpr int64_t kMaxPathSteps = 2000000;

struct PathsRequest {
  std::string source_id = {};
  std::string target_id = {};
  int32_t max_depth = 0;                 // 0: kDefaultMaxDepth.
  std::vector<RelationType> types = {};  // Empty: every type.
  bool directed = false;                 // Only source -> target orientation.
  int32_t max_paths = 0;                 // 0 or 1: one path.
  // More than 0: the k shortest loopless paths instead (then max_paths
  // must be 0 or 1).
  int32_t k_shortest = 0;
};

// nodes.size() == relations.size() + 1; relations[i] joins nodes[i] and
// nodes[i + 1] (either orientation unless directed), with its evidence.
struct Path {
  std::vector<Entity> nodes;  // Without evidence.
  std::vector<Relation> relations;
};

struct PathsResult {
  // The length of the shortest path; -1: no path within max_depth.
  int32_t length = -1;
  // Without k_shortest: shortest paths, by the node where the two searches
  // met (in id order). With k_shortest: up to k loopless paths, each within
  // max_depth, by length, then by the sequence of node ids, then of
  // relation keys (type, source, target, role).
  std::vector<Path> paths;
};

// kInvalidArgument for an empty id, the same entity twice, a max_depth
// outside [0, kMaxDepth], a max_paths outside [0, kMaxPaths], a k_shortest
// outside [0, kMaxKShortest], a k_shortest with a max_paths over 1 or an
// unknown type; kNotFound for an unknown entity; `budget`'s status when it
// runs out or says stop. Thread-safe if the store is.
absl::StatusOr<PathsResult> FindPaths(storage::GraphStore& store,
                                      const PathsRequest& request,
                                      QueryBudget& budget);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_PATH_QUERY_H_
