// Shortest paths between two entities by bidirectional breadth-first search:
// the two searches grow one whole layer at a time, the smaller frontier
// first, and stop at the first layer where they meet. Every shortest path
// passes through exactly one node of that layer, so all of them (up to a
// count) are rebuilt from the parent links of both searches.
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
};

// nodes.size() == relations.size() + 1; relations[i] joins nodes[i] and
// nodes[i + 1] (either orientation unless directed), with its evidence.
struct Path {
  std::vector<Entity> nodes;  // Without evidence.
  std::vector<Relation> relations;
};

struct PathsResult {
  int32_t length = -1;  // -1: no path within max_depth.
  std::vector<Path> paths;
};

// kInvalidArgument for an empty id, the same entity twice, a max_depth
// outside [0, kMaxDepth], a max_paths outside [0, kMaxPaths] or an unknown
// type; kNotFound for an unknown entity; `budget`'s status when it runs out
// or says stop. Thread-safe if the store is.
absl::StatusOr<PathsResult> FindPaths(storage::GraphStore& store,
                                      const PathsRequest& request,
                                      QueryBudget& budget);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_PATH_QUERY_H_
