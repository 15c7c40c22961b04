// The bidirectional breadth-first search behind FindPaths and the k
// shortest paths: the two searches grow one whole layer at a time, the
// smaller frontier first, and stop at the first layer where they meet.
// Every shortest path passes through exactly one node of that layer, so all
// of them are rebuilt from the parent links of both searches. Nodes and
// relations can be left out of the graph (Yen's spur paths need that).
#ifndef GOVGRAPH_SERVER_QUERY_PATH_SEARCH_H_
#define GOVGRAPH_SERVER_QUERY_PATH_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/query/path_query.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

// A path by its keys: nodes.size() == relations.size() + 1 and
// relations[i] joins nodes[i] and nodes[i + 1].
struct PathKeys {
  std::vector<std::string> nodes;
  std::vector<storage::RelationKeyQuery> relations;
};

// Orders relation keys by type, source, target, then role.
bool RelationKeyLess(const storage::RelationKeyQuery& a,
                     const storage::RelationKeyQuery& b);
bool SameRelation(const storage::RelationKeyQuery& a,
                  const storage::RelationKeyQuery& b);

// The order of paths the k shortest paths are listed in: fewer relations
// first, then by the sequence of node ids, then by the sequence of relation
// keys (parallel relations). It agrees with shared prefixes: two paths that
// start alike compare as their remainders do.
bool PathLess(const PathKeys& a, const PathKeys& b);

// What a search must not use, besides its type filter.
struct PathExclusions {
  absl::flat_hash_set<std::string> nodes;
  std::vector<storage::RelationKeyQuery> relations;
};

struct PathSearchOptions {
  std::vector<RelationType> types;  // Empty: every type.
  bool directed = false;            // Only source -> target orientation.
  int32_t max_depth = kDefaultMaxDepth;
  // May be null (nothing excluded); must outlive the search.
  const PathExclusions* exclusions = nullptr;
};

// One search between two nodes. Not thread-safe; `store`, `budget` and the
// options' exclusions must outlive it. Self-loops are never followed.
class PathSearch {
 public:
  PathSearch(storage::GraphStore& store, const PathSearchOptions& options,
             QueryBudget& budget)
      : store_(store), options_(options), budget_(budget) {}

  PathSearch(const PathSearch&) = delete;
  PathSearch& operator=(const PathSearch&) = delete;

  // Searches from `source` to `target` (two different ids of existing
  // entities); call once. Returns the length of the shortest path, -1 if
  // there is none within max_depth; `budget`'s status when it runs out or
  // says stop; a store error.
  absl::StatusOr<int32_t> Run(const std::string& source,
                              const std::string& target);

  // After Run found a path: up to `limit` shortest paths, by the node where
  // the two searches met (in id order), then in the order edges were
  // scanned. A store error (kNotFound if the graph changed meanwhile).
  absl::StatusOr<std::vector<PathKeys>> AllShortest(size_t limit);

  // After Run found a path: the shortest path that comes first in
  // PathLess order. kInternal if the search's links are inconsistent (a
  // bug); a store error.
  absl::StatusOr<PathKeys> Smallest();

 private:
  using NodeHandle = storage::NodeHandle;
  // How a node was first reached: from `parent` over `edge`.
  struct Link {
    NodeHandle parent;
    storage::EdgeRef edge;
  };
  // One side of the search. Side 0 starts at the source and walks relations
  // forwards; side 1 starts at the target and walks them backwards (which
  // matters only when directed). The search runs on handles and names only
  // the nodes and relations of the paths it returns.
  struct Side {
    absl::flat_hash_map<NodeHandle, int> depth;
    absl::flat_hash_map<NodeHandle, std::vector<Link>> parents;
    std::vector<NodeHandle> frontier;
    int reached = 0;  // Depth of the frontier.
  };
  // A step towards the target: to `next` over `edge`.
  struct Hop {
    NodeHandle next;
    const storage::EdgeRef* edge;
  };

  // Turns the options' exclusions into handles.
  absl::Status ResolveExclusions();
  // Grows `side` by one layer; returns the nodes it reached first, sorted.
  absl::StatusOr<std::vector<NodeHandle>> Expand(int side);
  absl::Status Walk(int side, NodeHandle node, Direction direction);
  // True if the search must not follow `edge` from `node` to `next`.
  bool Skips(const storage::EdgeRef& edge, NodeHandle node,
             NodeHandle next) const;
  // The external id of `node`, read once.
  absl::StatusOr<std::string> Name(NodeHandle node);
  // The key of the relation `edge` names, read once.
  absl::StatusOr<storage::RelationKeyQuery> KeyOf(const storage::EdgeRef& edge);
  // The path of `links`: from the source's side's start to the target's.
  absl::StatusOr<PathKeys> Named(NodeHandle middle,
                                 const std::vector<const Link*>& left,
                                 const std::vector<const Link*>& right);
  // Every chain of links from `node` back to the side's start, nearest
  // first, up to `limit`.
  void Chains(const Side& side, NodeHandle node, size_t limit,
              std::vector<std::vector<const Link*>>* out) const;
  // The hops from the nodes before the meeting layer towards it, on
  // shortest paths only.
  absl::flat_hash_map<NodeHandle, std::vector<Hop>> HopsToMeeting() const;
  // The option of `options` PathLess puts first.
  absl::StatusOr<Hop> Best(const std::vector<Hop>& options);

  storage::GraphStore& store_;
  const PathSearchOptions options_;
  QueryBudget& budget_;
  Side sides_[2];
  std::string source_id_;  // Names the search in budget errors.
  NodeHandle source_ = 0;
  NodeHandle target_ = 0;
  absl::flat_hash_set<NodeHandle> excluded_nodes_;
  absl::flat_hash_set<storage::EdgeRef> excluded_edges_;
  std::vector<NodeHandle> meeting_;  // Where the searches met, by id.
  absl::flat_hash_map<NodeHandle, std::string> names_;
  absl::flat_hash_map<storage::EdgeRef, storage::RelationKeyQuery> keys_;
};

// The path `keys` names: its nodes without evidence, its relations with
// theirs. kNotFound if one has gone; a store error.
absl::StatusOr<Path> MaterializePath(storage::GraphStore& store,
                                     const PathKeys& keys);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_PATH_SEARCH_H_
