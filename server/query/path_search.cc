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

storage::RelationKeyQuery KeyOf(const Relation& r) {
  return {r.type, r.source_id, r.target_id, r.role, r.start_date, r.end_date};
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

bool PathSearch::Skips(const storage::EdgeHit& hit,
                       const std::string& node) const {
  const std::string& next = hit.other.id;
  if (next == node || !FilterAllows(options_.types, hit.relation.type)) {
    return true;
  }
  const PathExclusions* excluded = options_.exclusions;
  if (excluded == nullptr) return false;
  if (excluded->nodes.contains(next)) return true;
  const storage::RelationKeyQuery key = KeyOf(hit.relation);
  return absl::c_any_of(excluded->relations,
                        [&](const storage::RelationKeyQuery& other) {
                          return SameRelation(key, other);
                        });
}

absl::Status PathSearch::Walk(int side, const std::string& node,
                              Direction direction) {
  Side& s = sides_[side];
  const RelationType type = options_.types.size() == 1
                                ? options_.types[0]
                                : RelationType::kUnspecified;
  const int depth = s.reached + 1;
  return WalkEdges(store_, node, direction, type, budget_,
                   [&](const storage::EdgeHit& hit) {
                     if (Skips(hit, node)) return;
                     const std::string& next = hit.other.id;
                     auto [it, added] = s.depth.emplace(next, depth);
                     if (!added && it->second != depth) return;  // Sooner.
                     s.parents[next].push_back(Link{node, KeyOf(hit.relation)});
                     budget_.Hold(HeldBytes(next) + HeldBytes(node) +
                                  HeldBytes(hit.relation.role));
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
    if (!options_.directed) {
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

absl::StatusOr<int32_t> PathSearch::Run(const std::string& source,
                                        const std::string& target) {
  source_ = source;
  target_ = target;
  for (int side = 0; side < 2; ++side) {
    const std::string& start = side == 0 ? source : target;
    sides_[side].depth[start] = 0;
    sides_[side].frontier = {start};
  }
  int32_t length = -1;
  while (sides_[0].reached + sides_[1].reached < options_.max_depth &&
         !sides_[0].frontier.empty() && !sides_[1].frontier.empty()) {
    const int side =
        sides_[0].frontier.size() <= sides_[1].frontier.size() ? 0 : 1;
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<std::string> layer, Expand(side));
    const Side& other = sides_[1 - side];
    for (const std::string& node : layer) {
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
  return length;
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

std::vector<PathKeys> PathSearch::AllShortest(size_t limit) const {
  std::vector<PathKeys> paths;
  for (const std::string& middle : meeting_) {
    std::vector<std::vector<const Link*>> to_source, to_target;
    Chains(sides_[0], middle, limit, &to_source);
    Chains(sides_[1], middle, limit, &to_target);
    for (const auto& left : to_source) {
      for (const auto& right : to_target) {
        if (paths.size() >= limit) return paths;
        PathKeys path;
        for (auto it = left.rbegin(); it != left.rend(); ++it) {
          path.nodes.push_back((*it)->parent);
          path.relations.push_back((*it)->key);
        }
        path.nodes.push_back(middle);
        for (const Link* link : right) {
          path.relations.push_back(link->key);
          path.nodes.push_back(link->parent);
        }
        paths.push_back(std::move(path));
      }
    }
  }
  return paths;
}

absl::flat_hash_map<std::string, std::vector<PathSearch::Hop>>
PathSearch::HopsToMeeting() const {
  // Side 0's links point back to the source: invert those that lead to a
  // meeting node, visiting each node once.
  absl::flat_hash_map<std::string, std::vector<Hop>> hops;
  absl::flat_hash_set<std::string> visited;
  std::vector<std::string> pending = meeting_;
  while (!pending.empty()) {
    std::string node = std::move(pending.back());
    pending.pop_back();
    auto parents = sides_[0].parents.find(node);
    if (parents == sides_[0].parents.end()) continue;  // The source.
    if (!visited.insert(node).second) continue;
    for (const Link& link : parents->second) {
      hops[link.parent].push_back(Hop{&parents->first, &link.key});
      pending.push_back(link.parent);
    }
  }
  return hops;
}

absl::StatusOr<PathKeys> PathSearch::Smallest() const {
  const absl::flat_hash_map<std::string, std::vector<Hop>> to_meeting =
      HopsToMeeting();
  PathKeys path;
  path.nodes.push_back(source_);
  bool past_meeting = false;
  while (path.nodes.back() != target_) {
    const std::string& node = path.nodes.back();
    past_meeting = past_meeting ||
                   std::binary_search(meeting_.begin(), meeting_.end(), node);
    std::vector<Hop> options;
    if (past_meeting) {  // Side 1's links point on to the target.
      auto links = sides_[1].parents.find(node);
      if (links != sides_[1].parents.end()) {
        for (const Link& link : links->second) {
          options.push_back(Hop{&link.parent, &link.key});
        }
      }
    } else if (auto hops = to_meeting.find(node); hops != to_meeting.end()) {
      options = hops->second;
    }
    if (options.empty() ||
        static_cast<int32_t>(path.relations.size()) >= options_.max_depth) {
      return absl::InternalError(
          absl::StrCat("path search: no way on from ", node));
    }
    const Hop best = *absl::c_min_element(options, [](Hop a, Hop b) {
      if (*a.next != *b.next) return *a.next < *b.next;
      return RelationKeyLess(*a.key, *b.key);
    });
    path.relations.push_back(*best.key);
    path.nodes.push_back(*best.next);
  }
  return path;
}

absl::StatusOr<Path> MaterializePath(storage::GraphStore& store,
                                     const PathKeys& keys) {
  Path path;
  for (const std::string& id : keys.nodes) {
    GOVGRAPH_ASSIGN_OR_RETURN(Entity node, store.GetEntity(id));
    node.evidence.clear();
    node.report_ids.clear();
    path.nodes.push_back(std::move(node));
  }
  for (const storage::RelationKeyQuery& key : keys.relations) {
    GOVGRAPH_ASSIGN_OR_RETURN(Relation relation, store.GetRelation(key));
    path.relations.push_back(std::move(relation));
  }
  return path;
}

}  // namespace govgraph::query
