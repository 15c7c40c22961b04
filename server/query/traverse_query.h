// k-hop expansion from a node, breadth first, filtered by relation types,
// node kinds and a date range, handing each node to the caller as it is
// found so that it can be streamed.
#ifndef GOVGRAPH_SERVER_QUERY_TRAVERSE_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_TRAVERSE_QUERY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/common/types.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultTraverseHops = 2;
inline constexpr int32_t kMaxTraverseHops = 4;
inline constexpr int32_t kDefaultTraverseLimit = 1000;
inline constexpr int32_t kMaxTraverseLimit = 100000;
// Edges one traversal may visit.
inline constexpr int64_t kMaxTraverseSteps = 2000000;

struct TraverseRequest {
  std::string start_id = {};
  int32_t max_hops = 0;                  // 0: kDefaultTraverseHops.
  std::vector<RelationType> types = {};  // Empty: every type.
  std::vector<EntityKind> kinds = {};    // Empty: every kind.
  std::string from_date = {};            // For dated nodes; inclusive.
  std::string to_date = {};
  Direction direction = Direction::kBoth;
  int32_t limit = 0;  // 0: kDefaultTraverseLimit; the start counts.
};

struct TraverseStep {
  Entity node;  // Without evidence.
  int32_t hops = 0;
  Relation via;  // Without evidence; empty for the start.
  std::string parent_id;
  bool limit_reached = false;  // On the last step `limit` allowed.
};

// Calls `emit` with the start, then every node reached, fewest hops first
// (within a hop, in the order edges are scanned); each node once. Stops
// early, returning OK, when `emit` returns false (the receiver is gone) or
// after the `limit`-th node. Returns kInvalidArgument for an empty id, a
// max_hops outside [0, kMaxTraverseHops], a limit outside [0,
// kMaxTraverseLimit], an unknown type or kind, or a bad date range;
// kNotFound for an unknown start; `budget`'s status when it runs out or
// says stop (the steps already emitted stand). Thread-safe if the store is.
absl::Status Traverse(storage::GraphStore& store,
                      const TraverseRequest& request, QueryBudget& budget,
                      const std::function<bool(TraverseStep)>& emit);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_TRAVERSE_QUERY_H_
