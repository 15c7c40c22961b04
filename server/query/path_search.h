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
  // scanned.
  std::vector<PathKeys> AllShortest(size_t limit) const;

  // After Run found a path: the shortest path that comes first in
  // PathLess order. kInternal only if the search's links are inconsistent
  // (a bug).
  absl::StatusOr<PathKeys> Smallest() const;

 private:
  // How a node was first reached: from `parent` over the relation `key`.
  struct Link {
    std::string parent;
    storage::RelationKeyQuery key;
  };
  // One side of the search. Side 0 starts at the source and walks relations
  // forwards; side 1 starts at the target and walks them backwards (which
  // matters only when directed).
  struct Side {
    absl::flat_hash_map<std::string, int> depth;
    absl::flat_hash_map<std::string, std::vector<Link>> parents;
    std::vector<std::string> frontier;
    int reached = 0;  // Depth of the frontier.
  };
  // A step towards the target: to `next` over `key`.
  struct Hop {
    const std::string* next;
    const storage::RelationKeyQuery* key;
  };

  // Grows `side` by one layer; returns the nodes it reached first, sorted.
  absl::StatusOr<std::vector<std::string>> Expand(int side);
  absl::Status Walk(int side, const std::string& node, Direction direction);
  // True if the search must not follow `hit` from `node`.
  bool Skips(const storage::EdgeHit& hit, const std::string& node) const;
  // Every chain of links from `node` back to the side's start, nearest
  // first, up to `limit`.
  void Chains(const Side& side, const std::string& node, size_t limit,
              std::vector<std::vector<const Link*>>* out) const;
  // The hops from the nodes before the meeting layer towards it, on
  // shortest paths only.
  absl::flat_hash_map<std::string, std::vector<Hop>> HopsToMeeting() const;

  storage::GraphStore& store_;
  const PathSearchOptions options_;
  QueryBudget& budget_;
  Side sides_[2];
  std::string source_;
  std::string target_;
  std::vector<std::string> meeting_;  // Where the searches met, sorted.
};

// The path `keys` names: its nodes without evidence, its relations with
// theirs. kNotFound if one has gone; a store error.
absl::StatusOr<Path> MaterializePath(storage::GraphStore& store,
                                     const PathKeys& keys);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_PATH_SEARCH_H_
