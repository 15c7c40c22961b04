// The subgraph around a node, for export to visualisation tools: the nodes
// within a few hops (breadth first, filtered by relation types and node
// kinds, up to a limit), then the induced subgraph's relations (every
// relation between two of those nodes), streamed to the caller.
#ifndef GOVGRAPH_SERVER_QUERY_SUBGRAPH_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_SUBGRAPH_QUERY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "server/common/types.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultSubgraphHops = 1;
inline constexpr int32_t kMaxSubgraphHops = 3;
inline constexpr int32_t kDefaultSubgraphNodes = 1000;
inline constexpr int32_t kMaxSubgraphNodes = 100000;
// Edges one export may visit (both phases together).
inline constexpr int64_t kMaxSubgraphSteps = 2000000;

struct SubgraphRequest {
  std::string center_id = {};
  int32_t max_hops = 0;                  // 0: kDefaultSubgraphHops.
  std::vector<RelationType> types = {};  // Followed and exported; empty: all.
  std::vector<EntityKind> kinds = {};    // Reached; empty: all.
  int32_t node_limit = 0;      // 0: kDefaultSubgraphNodes; the centre counts.
  bool with_evidence = false;  // Relations with their evidence.
};

// One streamed item: exactly one of `node` and `relation` is set.
struct SubgraphItem {
  std::optional<Entity> node;        // Without evidence.
  std::optional<Relation> relation;  // With evidence if asked for.
  // Set on the first relation, or on the last node if there is none, when
  // node_limit stopped the expansion: more nodes were within reach.
  bool truncated = false;
};

// Calls `emit` with the centre, then every node within max_hops of it over
// relations of the given types in either direction whose kind is allowed
// (the centre's kind need not be), fewest hops first (within a hop, in the
// order edges are scanned), each once, until node_limit nodes; then with
// every relation of the given types between two of those nodes, each
// exactly once (by its source, in node order, then in key order; a
// self-loop and each parallel relation count as one). Stops early,
// returning OK, when `emit` returns false (the receiver is gone). Returns
// kInvalidArgument for an empty id, a max_hops outside [0,
// kMaxSubgraphHops], a node_limit outside [0, kMaxSubgraphNodes], an
// unknown type or kind; kNotFound for an unknown centre; `budget`'s status
// when it runs out or says stop (the items already emitted stand).
// Thread-safe if the store is.
absl::Status ExportSubgraph(storage::GraphStore& store,
                            const SubgraphRequest& request, QueryBudget& budget,
                            const std::function<bool(SubgraphItem)>& emit);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_SUBGRAPH_QUERY_H_
