#include "server/query/subgraph_query.h"

#include <cstddef>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/query/edge_walk.h"
#include "server/query/type_filters.h"

namespace govgraph::query {
namespace {

absl::Status Validate(const SubgraphRequest& request) {
  if (request.center_id.empty()) {
    return absl::InvalidArgumentError("center_id is empty");
  }
  if (request.max_hops < 0 || request.max_hops > kMaxSubgraphHops) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_hops must be in [0, ", kMaxSubgraphHops, "]"));
  }
  if (request.node_limit < 0 || request.node_limit > kMaxSubgraphNodes) {
    return absl::InvalidArgumentError(
        absl::StrCat("node_limit must be in [0, ", kMaxSubgraphNodes, "]"));
  }
  GOVGRAPH_RETURN_IF_ERROR(
      ValidateFilter(request.types, kMaxRelationType, "relation type"));
  return ValidateFilter(request.kinds, kMaxEntityKind, "entity kind");
}

// One export. Holds back the last node sent until it knows whether the
// truncated flag goes on it. Not thread-safe.
class Exporter {
 public:
  Exporter(storage::GraphStore& store, const SubgraphRequest& request,
           QueryBudget& budget, const std::function<bool(SubgraphItem)>& emit)
      : store_(store), request_(request), budget_(budget), emit_(emit) {
    max_hops_ = request.max_hops == 0 ? kDefaultSubgraphHops : request.max_hops;
    node_limit_ = static_cast<size_t>(
        request.node_limit == 0 ? kDefaultSubgraphNodes : request.node_limit);
    scan_type_ = request.types.size() == 1 ? request.types[0]
                                           : RelationType::kUnspecified;
  }

  absl::Status Run(Entity center);

 private:
  // Breadth first from the centre; stops at the first node past the limit.
  absl::Status ExportNodes();
  // Exports `hit`'s other node if it is new and allowed, adding it to
  // `next`. Returns false to end the walk (limit passed, receiver gone).
  bool Reach(storage::EdgeHit hit, std::vector<std::string>* next);
  // The relations out of each exported node to another (or itself).
  absl::Status ExportRelations();
  bool SendNode(Entity node);
  bool SendRelation(Relation relation);
  // Sends the node held back, flagged `truncated`; false if the receiver
  // is gone.
  bool Flush(bool truncated);

  storage::GraphStore& store_;
  const SubgraphRequest& request_;
  QueryBudget& budget_;
  const std::function<bool(SubgraphItem)>& emit_;
  int32_t max_hops_;
  size_t node_limit_;
  RelationType scan_type_;
  std::vector<std::string> exported_order_;
  absl::flat_hash_set<std::string> exported_;
  std::optional<Entity> held_;
  bool truncated_ = false;
  bool stopped_ = false;  // The receiver went away.
  bool relation_sent_ = false;
};

bool Exporter::Flush(bool truncated) {
  if (!held_.has_value() || stopped_) return !stopped_;
  SubgraphItem item;
  item.node = std::move(held_);
  item.truncated = truncated;
  held_.reset();
  stopped_ = !emit_(std::move(item));
  return !stopped_;
}

bool Exporter::SendNode(Entity node) {
  node.evidence.clear();
  node.report_ids.clear();
  exported_.insert(node.id);
  exported_order_.push_back(node.id);
  if (!Flush(false)) return false;
  held_ = std::move(node);
  return true;
}

bool Exporter::SendRelation(Relation relation) {
  if (!Flush(false)) return false;
  if (!request_.with_evidence) {
    relation.evidence.clear();
    relation.report_ids.clear();
  }
  SubgraphItem item;
  item.relation = std::move(relation);
  item.truncated = truncated_ && !relation_sent_;
  relation_sent_ = true;
  stopped_ = !emit_(std::move(item));
  return !stopped_;
}

bool Exporter::Reach(storage::EdgeHit hit, std::vector<std::string>* next) {
  if (!FilterAllows(request_.types, hit.relation.type) ||
      !FilterAllows(request_.kinds, hit.other.kind) ||
      exported_.contains(hit.other.id)) {
    return true;
  }
  if (exported_order_.size() == node_limit_) {
    truncated_ = true;
    return false;
  }
  next->push_back(hit.other.id);
  budget_.Hold(3 * HeldBytes(hit.other.id));
  return SendNode(std::move(hit.other));
}

absl::Status Exporter::ExportNodes() {
  std::vector<std::string> frontier = exported_order_;
  for (int32_t hops = 1; hops <= max_hops_ && !frontier.empty(); ++hops) {
    std::vector<std::string> next;
    for (const std::string& node : frontier) {
      for (Direction direction : {Direction::kOutgoing, Direction::kIncoming}) {
        GOVGRAPH_RETURN_IF_ERROR(WalkEdges(store_, node, direction, scan_type_,
                                           budget_, [&](storage::EdgeHit hit) {
                                             return Reach(std::move(hit),
                                                          &next);
                                           }));
        if (truncated_ || stopped_) return absl::OkStatus();
      }
    }
    frontier = std::move(next);
  }
  return absl::OkStatus();
}

absl::Status Exporter::ExportRelations() {
  for (const std::string& node : exported_order_) {
    GOVGRAPH_RETURN_IF_ERROR(WalkEdges(
        store_, node, Direction::kOutgoing, scan_type_, budget_,
        [&](storage::EdgeHit hit) {
          if (!FilterAllows(request_.types, hit.relation.type) ||
              !exported_.contains(hit.other.id)) {
            return true;
          }
          return SendRelation(std::move(hit.relation));
        },
        request_.with_evidence));
    if (stopped_) return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::Status Exporter::Run(Entity center) {
  absl::Status status =
      SendNode(std::move(center)) ? ExportNodes() : absl::OkStatus();
  if (status.ok() && !stopped_) status = ExportRelations();
  // If no relation came, the last node carries the flag; after an error,
  // the nodes found still stand.
  Flush(status.ok() && truncated_);
  return status;
}

}  // namespace

absl::Status ExportSubgraph(storage::GraphStore& store,
                            const SubgraphRequest& request, QueryBudget& budget,
                            const std::function<bool(SubgraphItem)>& emit) {
  GOVGRAPH_RETURN_IF_ERROR(Validate(request));
  GOVGRAPH_ASSIGN_OR_RETURN(Entity center, store.GetEntity(request.center_id));
  Exporter exporter(store, request, budget, emit);
  return exporter.Run(std::move(center));
}

}  // namespace govgraph::query
