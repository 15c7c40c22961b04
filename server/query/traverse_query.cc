#include "server/query/traverse_query.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/query/date_range.h"
#include "server/query/edge_walk.h"
#include "server/query/type_filters.h"

namespace govgraph::query {
namespace {

absl::Status Validate(const TraverseRequest& request) {
  if (request.start_id.empty()) {
    return absl::InvalidArgumentError("start_id is empty");
  }
  if (request.max_hops < 0 || request.max_hops > kMaxTraverseHops) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_hops must be in [0, ", kMaxTraverseHops, "]"));
  }
  if (request.limit < 0 || request.limit > kMaxTraverseLimit) {
    return absl::InvalidArgumentError(
        absl::StrCat("limit must be in [0, ", kMaxTraverseLimit, "]"));
  }
  if (request.direction != Direction::kOutgoing &&
      request.direction != Direction::kIncoming &&
      request.direction != Direction::kBoth) {
    return absl::InvalidArgumentError("unknown direction");
  }
  GOVGRAPH_RETURN_IF_ERROR(
      ValidateFilter(request.types, kMaxRelationType, "relation type"));
  GOVGRAPH_RETURN_IF_ERROR(
      ValidateFilter(request.kinds, kMaxEntityKind, "entity kind"));
  return DateRange{request.from_date, request.to_date}.Validate();
}

// Dated nodes must be in the range; undated ones always pass.
bool InRange(const DateRange& range, const Entity& node) {
  return node.date.empty() || range.Contains(node.date);
}

TraverseStep Step(Entity node, int32_t hops) {
  node.evidence.clear();
  node.report_ids.clear();
  TraverseStep step;
  step.node = std::move(node);
  step.hops = hops;
  return step;
}

}  // namespace

absl::Status Traverse(storage::GraphStore& store,
                      const TraverseRequest& request, QueryBudget& budget,
                      const std::function<bool(TraverseStep)>& emit) {
  GOVGRAPH_RETURN_IF_ERROR(Validate(request));
  GOVGRAPH_ASSIGN_OR_RETURN(Entity start, store.GetEntity(request.start_id));
  const int32_t max_hops =
      request.max_hops == 0 ? kDefaultTraverseHops : request.max_hops;
  const int32_t limit =
      request.limit == 0 ? kDefaultTraverseLimit : request.limit;
  const DateRange range{request.from_date, request.to_date};
  const RelationType scan_type =
      request.types.size() == 1 ? request.types[0] : RelationType::kUnspecified;
  std::vector<Direction> directions = {Direction::kOutgoing,
                                       Direction::kIncoming};
  if (request.direction != Direction::kBoth) {
    directions = {request.direction};
  }
  absl::flat_hash_set<std::string> seen = {start.id};
  std::vector<std::string> frontier = {start.id};
  int32_t emitted = 1;
  if (!emit(Step(std::move(start), 0)) || emitted == limit) {
    return absl::OkStatus();
  }
  bool stop = false;
  for (int32_t hops = 1; hops <= max_hops && !frontier.empty() && !stop;
       ++hops) {
    std::vector<std::string> next;
    for (const std::string& node : frontier) {
      for (Direction direction : directions) {
        GOVGRAPH_RETURN_IF_ERROR(
            WalkEdges(store, node, direction, scan_type, budget,
                      [&](storage::EdgeHit hit) {
                        if (!FilterAllows(request.types, hit.relation.type) ||
                            !FilterAllows(request.kinds, hit.other.kind) ||
                            !InRange(range, hit.other) ||
                            !seen.insert(hit.other.id).second) {
                          return true;
                        }
                        next.push_back(hit.other.id);
                        budget.Hold(2 * HeldBytes(hit.other.id));
                        TraverseStep step = Step(std::move(hit.other), hops);
                        hit.relation.evidence.clear();
                        step.via = std::move(hit.relation);
                        step.parent_id = node;
                        step.limit_reached = ++emitted == limit;
                        stop = !emit(std::move(step)) || emitted == limit;
                        return !stop;  // Past the limit, the walk ends here.
                      }));
        if (stop) return absl::OkStatus();
      }
    }
    frontier = std::move(next);
  }
  return absl::OkStatus();
}

}  // namespace govgraph::query
