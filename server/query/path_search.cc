#include "server/query/path_search.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/query/edge_walk.h"
#include "server/query/type_filters.h"

namespace govgraph::query {
namespace {

auto KeyTuple(const storage::RelationKeyQuery& key) {
  return std::tie(key.type, key.source_id, key.target_id, key.role,
                  key.start_date, key.end_date);
}

}  // namespace

bool RelationKeyLess(const storage::RelationKeyQuery& a,
                     const storage::RelationKeyQuery& b) {
  return KeyTuple(a) < KeyTuple(b);
}

bool SameRelation(const storage::RelationKeyQuery& a,
                  const storage::RelationKeyQuery& b) {
  return KeyTuple(a) == KeyTuple(b);
}

bool PathLess(const PathKeys& a, const PathKeys& b) {
  if (a.relations.size() != b.relations.size()) {
    return a.relations.size() < b.relations.size();
  }
  if (a.nodes != b.nodes) return a.nodes < b.nodes;
  return std::lexicographical_compare(a.relations.begin(), a.relations.end(),
                                      b.relations.begin(), b.relations.end(),
                                      RelationKeyLess);
}

absl::Status PathSearch::ResolveExclusions() {
  const PathExclusions* excluded = options_.exclusions;
  if (excluded == nullptr) return absl::OkStatus();
  // What has gone from the graph cannot be walked anyway.
  for (const std::string& id : excluded->nodes) {
    absl::StatusOr<NodeHandle> node = store_.FindHandle(id);
    if (node.ok()) {
      excluded_nodes_.insert(*node);
    } else if (!absl::IsNotFound(node.status())) {
      return node.status();
    }
  }
  for (const storage::RelationKeyQuery& key : excluded->relations) {
    absl::StatusOr<storage::EdgeRef> edge = store_.FindRelationRef(key);
    if (edge.ok()) {
      excluded_edges_.insert(*edge);
    } else if (!absl::IsNotFound(edge.status())) {
      return edge.status();
    }
  }
  return absl::OkStatus();
}

bool PathSearch::Skips(const storage::EdgeRef& edge, NodeHandle node,
                       NodeHandle next) const {
  return next == node || !FilterAllows(options_.types, edge.type) ||
         excluded_nodes_.contains(next) || excluded_edges_.contains(edge);
}

absl::Status PathSearch::Walk(int side, NodeHandle node, Direction direction) {
  Side& s = sides_[side];
  const RelationType type = options_.types.size() == 1
                                ? options_.types[0]
                                : RelationType::kUnspecified;
  const int depth = s.reached + 1;
  const bool out = direction == Direction::kOutgoing;
  return WalkAdjacency(store_, node, direction, type, source_id_, budget_,
                       [&](const storage::EdgeRef& edge) {
                         const NodeHandle next =
                             out ? edge.target : edge.source;
                         if (Skips(edge, node, next)) return;
                         auto [it, added] = s.depth.emplace(next, depth);
                         if (!added && it->second != depth)
                           return;  // Reached sooner.
                         s.parents[next].push_back(Link{node, edge});
                         budget_.Hold(sizeof(Link) + (added ? 64 : 0));
                       });
}

absl::StatusOr<std::vector<storage::NodeHandle>> PathSearch::Expand(int side) {
  Side& s = sides_[side];
  const Direction forward =
      side == 0 ? Direction::kOutgoing : Direction::kIncoming;
  const Direction backward =
      side == 0 ? Direction::kIncoming : Direction::kOutgoing;
  const size_t known = s.depth.size();
  for (const NodeHandle node : s.frontier) {
    GOVGRAPH_RETURN_IF_ERROR(Walk(side, node, forward));
    if (!options_.directed) {
      GOVGRAPH_RETURN_IF_ERROR(Walk(side, node, backward));
    }
  }
  std::vector<NodeHandle> layer;
  layer.reserve(s.depth.size() - known);
  for (const auto& [node, depth] : s.depth) {
    if (depth == s.reached + 1) layer.push_back(node);
  }
  std::sort(layer.begin(), layer.end());  // Deterministic answers.
  ++s.reached;
  s.frontier = layer;
  return layer;
}

absl::StatusOr<int32_t> PathSearch::Run(const std::string& source,
                                        const std::string& target) {
  source_id_ = source;
  GOVGRAPH_ASSIGN_OR_RETURN(source_, store_.FindHandle(source));
  GOVGRAPH_ASSIGN_OR_RETURN(target_, store_.FindHandle(target));
  GOVGRAPH_RETURN_IF_ERROR(ResolveExclusions());
  for (int side = 0; side < 2; ++side) {
    const NodeHandle start = side == 0 ? source_ : target_;
    sides_[side].depth[start] = 0;
    sides_[side].frontier = {start};
  }
  int32_t length = -1;
  while (sides_[0].reached + sides_[1].reached < options_.max_depth &&
         !sides_[0].frontier.empty() && !sides_[1].frontier.empty()) {
    const int side =
        sides_[0].frontier.size() <= sides_[1].frontier.size() ? 0 : 1;
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<NodeHandle> layer, Expand(side));
    const Side& other = sides_[1 - side];
    for (const NodeHandle node : layer) {
      auto it = other.depth.find(node);
      if (it == other.depth.end()) continue;
      const int found = sides_[side].reached + it->second;
      if (length == -1 || found < length) {
        length = found;
        meeting_.clear();
      }
      if (found == length) meeting_.push_back(node);
    }
    if (length != -1) break;
  }
  std::vector<std::pair<std::string, NodeHandle>> by_id;
  for (const NodeHandle node : meeting_) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::string id, Name(node));
    by_id.emplace_back(std::move(id), node);
  }
  std::sort(by_id.begin(), by_id.end());
  for (size_t i = 0; i < by_id.size(); ++i) meeting_[i] = by_id[i].second;
  return length;
}

absl::StatusOr<std::string> PathSearch::Name(NodeHandle node) {
  auto it = names_.find(node);
  if (it != names_.end()) return it->second;
  GOVGRAPH_ASSIGN_OR_RETURN(Entity entity, store_.EntityOf(node));
  return names_.emplace(node, std::move(entity.id)).first->second;
}

absl::StatusOr<storage::RelationKeyQuery> PathSearch::KeyOf(
    const storage::EdgeRef& edge) {
  auto it = keys_.find(edge);
  if (it != keys_.end()) return it->second;
  GOVGRAPH_ASSIGN_OR_RETURN(const Relation r,
                            store_.RelationOf(edge, /*with_evidence=*/false));
  storage::RelationKeyQuery key{r.type, r.source_id,  r.target_id,
                                r.role, r.start_date, r.end_date};
  return keys_.emplace(edge, std::move(key)).first->second;
}

void PathSearch::Chains(const Side& side, NodeHandle node, size_t limit,
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

absl::StatusOr<PathKeys> PathSearch::Named(
    NodeHandle middle, const std::vector<const Link*>& left,
    const std::vector<const Link*>& right) {
  PathKeys path;
  for (auto it = left.rbegin(); it != left.rend(); ++it) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::string node, Name((*it)->parent));
    path.nodes.push_back(std::move(node));
    GOVGRAPH_ASSIGN_OR_RETURN(storage::RelationKeyQuery key,
                              KeyOf((*it)->edge));
    path.relations.push_back(std::move(key));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(std::string node, Name(middle));
  path.nodes.push_back(std::move(node));
  for (const Link* link : right) {
    GOVGRAPH_ASSIGN_OR_RETURN(storage::RelationKeyQuery key, KeyOf(link->edge));
    path.relations.push_back(std::move(key));
    GOVGRAPH_ASSIGN_OR_RETURN(std::string next, Name(link->parent));
    path.nodes.push_back(std::move(next));
  }
  return path;
}

absl::StatusOr<std::vector<PathKeys>> PathSearch::AllShortest(size_t limit) {
  std::vector<PathKeys> paths;
  for (const NodeHandle middle : meeting_) {
    std::vector<std::vector<const Link*>> to_source, to_target;
    Chains(sides_[0], middle, limit, &to_source);
    Chains(sides_[1], middle, limit, &to_target);
    for (const auto& left : to_source) {
      for (const auto& right : to_target) {
        if (paths.size() >= limit) return paths;
        GOVGRAPH_ASSIGN_OR_RETURN(PathKeys path, Named(middle, left, right));
        paths.push_back(std::move(path));
      }
    }
  }
  return paths;
}

absl::flat_hash_map<storage::NodeHandle, std::vector<PathSearch::Hop>>
PathSearch::HopsToMeeting() const {
  // Side 0's links point back to the source: invert those that lead to a
  // meeting node, visiting each node once.
  absl::flat_hash_map<NodeHandle, std::vector<Hop>> hops;
  absl::flat_hash_set<NodeHandle> visited;
  std::vector<NodeHandle> pending = meeting_;
  while (!pending.empty()) {
    const NodeHandle node = pending.back();
    pending.pop_back();
    auto parents = sides_[0].parents.find(node);
    if (parents == sides_[0].parents.end()) continue;  // The source.
    if (!visited.insert(node).second) continue;
    for (const Link& link : parents->second) {
      hops[link.parent].push_back(Hop{node, &link.edge});
      pending.push_back(link.parent);
    }
  }
  return hops;
}

absl::StatusOr<PathSearch::Hop> PathSearch::Best(
    const std::vector<Hop>& options) {
  const Hop* best = nullptr;
  std::string best_id;
  storage::RelationKeyQuery best_key;
  for (const Hop& hop : options) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::string id, Name(hop.next));
    GOVGRAPH_ASSIGN_OR_RETURN(storage::RelationKeyQuery key, KeyOf(*hop.edge));
    if (best == nullptr || id < best_id ||
        (id == best_id && RelationKeyLess(key, best_key))) {
      best = &hop;
      best_id = std::move(id);
      best_key = std::move(key);
    }
  }
  return *best;
}

absl::StatusOr<PathKeys> PathSearch::Smallest() {
  const absl::flat_hash_map<NodeHandle, std::vector<Hop>> to_meeting =
      HopsToMeeting();
  const absl::flat_hash_set<NodeHandle> meeting(meeting_.begin(),
                                                meeting_.end());
  std::vector<NodeHandle> nodes = {source_};
  std::vector<const storage::EdgeRef*> edges;
  bool past_meeting = false;
  while (nodes.back() != target_) {
    const NodeHandle node = nodes.back();
    past_meeting = past_meeting || meeting.contains(node);
    std::vector<Hop> options;
    if (past_meeting) {  // Side 1's links point on to the target.
      auto links = sides_[1].parents.find(node);
      if (links != sides_[1].parents.end()) {
        for (const Link& link : links->second) {
          options.push_back(Hop{link.parent, &link.edge});
        }
      }
    } else if (auto hops = to_meeting.find(node); hops != to_meeting.end()) {
      options = hops->second;
    }
    if (options.empty() ||
        static_cast<int32_t>(edges.size()) >= options_.max_depth) {
      return absl::InternalError(
          absl::StrCat("path search: no way on from #", node));
    }
    GOVGRAPH_ASSIGN_OR_RETURN(const Hop best, Best(options));
    edges.push_back(best.edge);
    nodes.push_back(best.next);
  }
  PathKeys path;
  for (const NodeHandle node : nodes) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::string id, Name(node));
    path.nodes.push_back(std::move(id));
  }
  for (const storage::EdgeRef* edge : edges) {
    GOVGRAPH_ASSIGN_OR_RETURN(storage::RelationKeyQuery key, KeyOf(*edge));
    path.relations.push_back(std::move(key));
  }
  return path;
}

absl::StatusOr<Path> MaterializePath(storage::GraphStore& store,
                                     const PathKeys& keys) {
  Path path;
  for (const std::string& id : keys.nodes) {
    GOVGRAPH_ASSIGN_OR_RETURN(WalkStart node, StartAt(store, id));
    path.nodes.push_back(std::move(node.entity));
  }
  for (const storage::RelationKeyQuery& key : keys.relations) {
    GOVGRAPH_ASSIGN_OR_RETURN(Relation relation, store.GetRelation(key));
    path.relations.push_back(std::move(relation));
  }
  return path;
}

}  // namespace govgraph::query
