#include "server/query/path_query.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/query/edge_walk.h"
#include "server/query/type_filters.h"

namespace govgraph::query {
namespace {

// How a node was first reached: from `parent` over the relation `key`.
struct Link {
  std::string parent;
  storage::RelationKeyQuery key;
};

// One side of the bidirectional search. Side 0 starts at the source and
// walks relations forwards; side 1 starts at the target and walks them
// backwards (which matters only when directed).
struct Side {
  absl::flat_hash_map<std::string, int> depth;
  absl::flat_hash_map<std::string, std::vector<Link>> parents;
  std::vector<std::string> frontier;
  int reached = 0;  // Depth of the frontier.
};

absl::Status Validate(const PathsRequest& request) {
  if (request.source_id.empty() || request.target_id.empty()) {
    return absl::InvalidArgumentError("source_id and target_id are required");
  }
  if (request.max_depth < 0 || request.max_depth > kMaxDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_depth must be in [0, ", kMaxDepth, "]"));
  }
  if (request.max_paths < 0 || request.max_paths > kMaxPaths) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_paths must be in [0, ", kMaxPaths, "]"));
  }
  return ValidateFilter(request.types, kMaxRelationType, "relation type");
}

class PathSearch {
 public:
  PathSearch(storage::GraphStore& store, const PathsRequest& request,
             QueryBudget& budget)
      : store_(store), request_(request), budget_(budget) {}

  absl::StatusOr<PathsResult> Run(const std::string& source,
                                  const std::string& target);

 private:
  // Grows `side` by one layer; returns the nodes it reached first.
  absl::StatusOr<std::vector<std::string>> Expand(int side);
  absl::Status Walk(int side, const std::string& node, Direction direction);
  bool Allowed(RelationType type) const;
  // Every chain of links from `node` back to the side's start, nearest
  // first, up to `limit`.
  void Chains(const Side& side, const std::string& node, size_t limit,
              std::vector<std::vector<const Link*>>* out) const;
  absl::StatusOr<Path> Materialize(const std::vector<const Link*>& to_source,
                                   const std::string& middle,
                                   const std::vector<const Link*>& to_target);

  storage::GraphStore& store_;
  const PathsRequest& request_;
  QueryBudget& budget_;
  Side sides_[2];
};

bool PathSearch::Allowed(RelationType type) const {
  return FilterAllows(request_.types, type);
}

absl::Status PathSearch::Walk(int side, const std::string& node,
                              Direction direction) {
  Side& s = sides_[side];
  const RelationType type = request_.types.size() == 1
                                ? request_.types[0]
                                : RelationType::kUnspecified;
  return WalkEdges(
      store_, node, direction, type, budget_, [&](storage::EdgeHit hit) {
        const std::string& next = hit.other.id;
        if (next == node || !Allowed(hit.relation.type)) return;
        auto [it, added] = s.depth.emplace(next, s.reached + 1);
        if (!added && it->second != s.reached + 1) return;  // Reached sooner.
        const Relation& r = hit.relation;
        s.parents[next].push_back(Link{node,
                                       {r.type, r.source_id, r.target_id,
                                        r.role, r.start_date, r.end_date}});
      });
}

absl::StatusOr<std::vector<std::string>> PathSearch::Expand(int side) {
  Side& s = sides_[side];
  const Direction forward =
      side == 0 ? Direction::kOutgoing : Direction::kIncoming;
  const Direction backward =
      side == 0 ? Direction::kIncoming : Direction::kOutgoing;
  const size_t known = s.depth.size();
  for (const std::string& node : s.frontier) {
    GOVGRAPH_RETURN_IF_ERROR(Walk(side, node, forward));
    if (!request_.directed) {
      GOVGRAPH_RETURN_IF_ERROR(Walk(side, node, backward));
    }
  }
  std::vector<std::string> layer;
  layer.reserve(s.depth.size() - known);
  for (const auto& [node, depth] : s.depth) {
    if (depth == s.reached + 1) layer.push_back(node);
  }
  std::sort(layer.begin(), layer.end());  // Deterministic answers.
  ++s.reached;
  s.frontier = layer;
  return layer;
}

void PathSearch::Chains(const Side& side, const std::string& node, size_t limit,
                        std::vector<std::vector<const Link*>>* out) const {
  auto parents = side.parents.find(node);
  if (parents == side.parents.end()) {  // The start itself.
    out->emplace_back();
    return;
  }
  for (const Link& link : parents->second) {
    std::vector<std::vector<const Link*>> tails;
    Chains(side, link.parent, limit, &tails);
    for (std::vector<const Link*>& tail : tails) {
      if (out->size() >= limit) return;
      tail.insert(tail.begin(), &link);
      out->push_back(std::move(tail));
    }
  }
}

absl::StatusOr<Path> PathSearch::Materialize(
    const std::vector<const Link*>& to_source, const std::string& middle,
    const std::vector<const Link*>& to_target) {
  std::vector<std::string> ids;
  std::vector<const Link*> links;
  for (auto it = to_source.rbegin(); it != to_source.rend(); ++it) {
    ids.push_back((*it)->parent);
    links.push_back(*it);
  }
  ids.push_back(middle);
  for (const Link* link : to_target) {
    links.push_back(link);
    ids.push_back(link->parent);
  }
  Path path;
  for (const std::string& id : ids) {
    GOVGRAPH_ASSIGN_OR_RETURN(Entity node, store_.GetEntity(id));
    node.evidence.clear();
    node.report_ids.clear();
    path.nodes.push_back(std::move(node));
  }
  for (const Link* link : links) {
    GOVGRAPH_ASSIGN_OR_RETURN(Relation relation, store_.GetRelation(link->key));
    path.relations.push_back(std::move(relation));
  }
  return path;
}

absl::StatusOr<PathsResult> PathSearch::Run(const std::string& source,
                                            const std::string& target) {
  const int max_depth =
      request_.max_depth == 0 ? kDefaultMaxDepth : request_.max_depth;
  const size_t max_paths = static_cast<size_t>(std::max(request_.max_paths, 1));
  for (int side = 0; side < 2; ++side) {
    const std::string& start = side == 0 ? source : target;
    sides_[side].depth[start] = 0;
    sides_[side].frontier = {start};
  }
  PathsResult result;
  std::vector<std::string> meeting;  // Nodes of the layer where they meet.
  while (sides_[0].reached + sides_[1].reached < max_depth &&
         !sides_[0].frontier.empty() && !sides_[1].frontier.empty()) {
    const int side =
        sides_[0].frontier.size() <= sides_[1].frontier.size() ? 0 : 1;
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<std::string> layer, Expand(side));
    const Side& other = sides_[1 - side];
    for (const std::string& node : layer) {
      auto it = other.depth.find(node);
      if (it == other.depth.end()) continue;
      const int length = sides_[side].reached + it->second;
      if (result.length == -1 || length < result.length) {
        result.length = length;
        meeting.clear();
      }
      if (length == result.length) meeting.push_back(node);
    }
    if (result.length != -1) break;
  }
  for (const std::string& middle : meeting) {
    std::vector<std::vector<const Link*>> to_source, to_target;
    Chains(sides_[0], middle, max_paths, &to_source);
    Chains(sides_[1], middle, max_paths, &to_target);
    for (const auto& left : to_source) {
      for (const auto& right : to_target) {
        if (result.paths.size() >= max_paths) return result;
        GOVGRAPH_ASSIGN_OR_RETURN(Path path, Materialize(left, middle, right));
        result.paths.push_back(std::move(path));
      }
    }
  }
  return result;
}

}  // namespace

absl::StatusOr<PathsResult> FindPaths(storage::GraphStore& store,
                                      const PathsRequest& request,
                                      QueryBudget& budget) {
  GOVGRAPH_RETURN_IF_ERROR(Validate(request));
  GOVGRAPH_ASSIGN_OR_RETURN(Entity source, store.GetEntity(request.source_id));
  GOVGRAPH_ASSIGN_OR_RETURN(Entity target, store.GetEntity(request.target_id));
  if (source.id == target.id) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", request.source_id, "\" and \"", request.target_id,
                     "\" are the same entity"));
  }
  PathSearch search(store, request, budget);
  return search.Run(source.id, target.id);
}

}  // namespace govgraph::query
