#include "server/query/k_paths.h"

#include <cstddef>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "server/common/status_macros.h"
#include "server/query/path_search.h"

namespace govgraph::query {
namespace {

struct PathOrder {
  bool operator()(const PathKeys& a, const PathKeys& b) const {
    return PathLess(a, b);
  }
};

// True if `path` starts with the first `spur` relations (and `spur + 1`
// nodes) of `root`.
bool SharesRoot(const PathKeys& path, const PathKeys& root, size_t spur) {
  if (path.relations.size() <= spur) return false;
  for (size_t i = 0; i < spur; ++i) {
    if (path.nodes[i] != root.nodes[i] ||
        !SameRelation(path.relations[i], root.relations[i])) {
      return false;
    }
  }
  return path.nodes[spur] == root.nodes[spur];
}

// The first `spur` nodes and relations of `path`: what comes before its
// node `spur`.
PathKeys RootBefore(const PathKeys& path, size_t spur) {
  PathKeys root;
  for (size_t i = 0; i < spur; ++i) {
    root.nodes.push_back(path.nodes[i]);
    root.relations.push_back(path.relations[i]);
  }
  return root;
}

class KPaths {
 public:
  KPaths(storage::GraphStore& store, const PathsRequest& request,
         QueryBudget& budget)
      : store_(store), request_(request), budget_(budget) {
    max_depth_ = request.max_depth == 0 ? kDefaultMaxDepth : request.max_depth;
  }

  // The paths in PathLess order.
  absl::StatusOr<std::vector<PathKeys>> Run(const std::string& source,
                                            const std::string& target);

 private:
  // The PathLess-first shortest path from `from` to the target within
  // `max_depth`, avoiding `excluded` (may be null); nullopt if none.
  absl::StatusOr<std::optional<PathKeys>> Shortest(
      const std::string& from, int32_t max_depth,
      const PathExclusions* excluded);
  // Adds the candidate that leaves the last accepted path at its node
  // `spur`, if there is one.
  absl::Status Spur(size_t spur);

  storage::GraphStore& store_;
  const PathsRequest& request_;
  QueryBudget& budget_;
  int32_t max_depth_;
  std::string target_;
  std::vector<PathKeys> accepted_;
  std::set<PathKeys, PathOrder> candidates_;
};

absl::StatusOr<std::optional<PathKeys>> KPaths::Shortest(
    const std::string& from, int32_t max_depth,
    const PathExclusions* excluded) {
  PathSearchOptions options;
  options.types = request_.types;
  options.directed = request_.directed;
  options.max_depth = max_depth;
  options.exclusions = excluded;
  PathSearch search(store_, options, budget_);
  GOVGRAPH_ASSIGN_OR_RETURN(const int32_t length, search.Run(from, target_));
  if (length < 0) return std::nullopt;
  GOVGRAPH_ASSIGN_OR_RETURN(PathKeys path, search.Smallest());
  return path;
}

absl::Status KPaths::Spur(size_t spur) {
  const PathKeys& last = accepted_.back();
  GOVGRAPH_RETURN_IF_ERROR(budget_.Spend(1, last.nodes[spur]));
  PathKeys path = RootBefore(last, spur);
  PathExclusions excluded;
  excluded.nodes.insert(path.nodes.begin(), path.nodes.end());
  for (const PathKeys& other : accepted_) {
    if (SharesRoot(other, last, spur)) {
      excluded.relations.push_back(other.relations[spur]);
    }
  }
  const int32_t depth_left = max_depth_ - static_cast<int32_t>(spur);
  GOVGRAPH_ASSIGN_OR_RETURN(std::optional<PathKeys> tail,
                            Shortest(last.nodes[spur], depth_left, &excluded));
  if (!tail.has_value()) return absl::OkStatus();
  path.nodes.insert(path.nodes.end(), tail->nodes.begin(), tail->nodes.end());
  path.relations.insert(path.relations.end(), tail->relations.begin(),
                        tail->relations.end());
  candidates_.insert(std::move(path));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PathKeys>> KPaths::Run(const std::string& source,
                                                  const std::string& target) {
  target_ = target;
  GOVGRAPH_ASSIGN_OR_RETURN(std::optional<PathKeys> first,
                            Shortest(source, max_depth_, nullptr));
  if (!first.has_value()) return accepted_;
  accepted_.push_back(*std::move(first));
  const size_t k = static_cast<size_t>(request_.k_shortest);
  while (accepted_.size() < k) {
    // The spur searches of earlier paths are already among the candidates.
    for (size_t spur = 0; spur < accepted_.back().relations.size(); ++spur) {
      GOVGRAPH_RETURN_IF_ERROR(Spur(spur));
    }
    if (candidates_.empty()) break;
    accepted_.push_back(
        std::move(candidates_.extract(candidates_.begin()).value()));
  }
  return accepted_;
}

}  // namespace

absl::StatusOr<PathsResult> KShortestPaths(storage::GraphStore& store,
                                           const PathsRequest& request,
                                           const std::string& source,
                                           const std::string& target,
                                           QueryBudget& budget) {
  KPaths search(store, request, budget);
  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<PathKeys> found,
                            search.Run(source, target));
  PathsResult result;
  if (found.empty()) return result;
  result.length = static_cast<int32_t>(found[0].relations.size());
  for (const PathKeys& keys : found) {
    GOVGRAPH_ASSIGN_OR_RETURN(Path path, MaterializePath(store, keys));
    result.paths.push_back(std::move(path));
  }
  return result;
}

}  // namespace govgraph::query
