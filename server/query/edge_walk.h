// Walking a node's edges in batches under a QueryBudget: the loop every
// multi-step query (co-attendance, meetings, paths) is built on.
#ifndef GOVGRAPH_SERVER_QUERY_EDGE_WALK_H_
#define GOVGRAPH_SERVER_QUERY_EDGE_WALK_H_

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/common/status_macros.h"
#include "server/common/types.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

// An entity named by id, as a walk starts from it.
struct WalkStart {
  storage::NodeHandle handle = 0;
  Entity entity;  // Without evidence; its id is the stored one.
};

// The entity `id` names (an id merged away resolves to the entity it was
// merged into) and its handle; kNotFound for an unknown id.
inline absl::StatusOr<WalkStart> StartAt(storage::GraphStore& store,
                                         absl::string_view id) {
  WalkStart start;
  GOVGRAPH_ASSIGN_OR_RETURN(start.handle, store.FindHandle(id));
  GOVGRAPH_ASSIGN_OR_RETURN(start.entity, store.EntityOf(start.handle));
  return start;
}

// Calls `visit(EdgeHit&&)` for each edge of `id` in `direction` (kOutgoing
// or kIncoming), of `type` (kUnspecified: every type), its relation without
// evidence unless `with_evidence`, spending one budget step per edge and
// asking the budget between batches. Stops at the first error, and
// (returning OK) as soon as a `visit` that returns bool returns false.
template <typename Visit>
absl::Status WalkEdges(storage::GraphStore& store, const std::string& id,
                       Direction direction, RelationType type,
                       QueryBudget& budget, Visit visit,
                       bool with_evidence = false) {
  constexpr size_t kBatch = 1000;
  storage::EdgeScan scan;
  scan.entity_id = id;
  scan.direction = direction;
  scan.type = type;
  scan.limit = kBatch;
  scan.with_evidence = with_evidence;
  while (true) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<storage::EdgeHit> hits,
                              store.ScanEdges(scan));
    GOVGRAPH_RETURN_IF_ERROR(
        budget.Spend(static_cast<int64_t>(hits.size()), id));
    const bool more = hits.size() == kBatch;
    if (more) scan.start_after = hits.back().position;
    for (storage::EdgeHit& hit : hits) {
      if constexpr (std::is_same_v<
                        std::invoke_result_t<Visit&, storage::EdgeHit>, bool>) {
        if (!visit(std::move(hit))) return absl::OkStatus();
      } else {
        visit(std::move(hit));
      }
    }
    // Once more after the visits: what they held counts too.
    if (!more) return budget.Spend(0, id);
  }
}

// As WalkEdges, by handle: calls `visit(const storage::EdgeRef&)` for
// each edge of `node`, reading no records (see GraphStore::ScanAdjacency).
// `what` names the walk in budget errors.
template <typename Visit>
absl::Status WalkAdjacency(storage::GraphStore& store, storage::NodeHandle node,
                           Direction direction, RelationType type,
                           const std::string& what, QueryBudget& budget,
                           Visit visit) {
  storage::AdjacencyScan scan;
  scan.node = node;
  scan.direction = direction;
  scan.type = type;
  scan.limit = 4096;
  while (true) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<storage::EdgeRef> refs,
                              store.ScanAdjacency(scan));
    GOVGRAPH_RETURN_IF_ERROR(
        budget.Spend(static_cast<int64_t>(refs.size()), what));
    for (const storage::EdgeRef& ref : refs) visit(ref);
    if (refs.size() < scan.limit) return budget.Spend(0, what);
    scan.resume = true;
    scan.start_after = refs.back();
  }
}

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_EDGE_WALK_H_
