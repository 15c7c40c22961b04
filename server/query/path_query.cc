#include "server/query/path_query.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/query/edge_walk.h"
#include "server/query/k_paths.h"
#include "server/query/path_search.h"
#include "server/query/type_filters.h"

namespace govgraph::query {
namespace {

absl::Status ValidateCounts(const PathsRequest& request) {
  if (request.max_paths < 0 || request.max_paths > kMaxPaths) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_paths must be in [0, ", kMaxPaths, "]"));
  }
  if (request.k_shortest < 0 || request.k_shortest > kMaxKShortest) {
    return absl::InvalidArgumentError(
        absl::StrCat("k_shortest must be in [0, ", kMaxKShortest, "]"));
  }
  if (request.k_shortest > 0 && request.max_paths > 1) {
    return absl::InvalidArgumentError(
        "k_shortest cannot be combined with max_paths over 1");
  }
  return absl::OkStatus();
}

absl::Status Validate(const PathsRequest& request) {
  if (request.source_id.empty() || request.target_id.empty()) {
    return absl::InvalidArgumentError("source_id and target_id are required");
  }
  if (request.max_depth < 0 || request.max_depth > kMaxDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_depth must be in [0, ", kMaxDepth, "]"));
  }
  GOVGRAPH_RETURN_IF_ERROR(ValidateCounts(request));
  return ValidateFilter(request.types, kMaxRelationType, "relation type");
}

// Every shortest path from `source` to `target`, up to max_paths.
absl::StatusOr<PathsResult> AllShortestPaths(storage::GraphStore& store,
                                             const PathsRequest& request,
                                             const std::string& source,
                                             const std::string& target,
                                             QueryBudget& budget) {
  PathSearchOptions options;
  options.types = request.types;
  options.directed = request.directed;
  options.max_depth =
      request.max_depth == 0 ? kDefaultMaxDepth : request.max_depth;
  PathSearch search(store, options, budget);
  PathsResult result;
  GOVGRAPH_ASSIGN_OR_RETURN(result.length, search.Run(source, target));
  if (result.length < 0) return result;
  const size_t max_paths = static_cast<size_t>(std::max(request.max_paths, 1));
  GOVGRAPH_ASSIGN_OR_RETURN(const std::vector<PathKeys> found,
                            search.AllShortest(max_paths));
  for (const PathKeys& keys : found) {
    GOVGRAPH_ASSIGN_OR_RETURN(Path path, MaterializePath(store, keys));
    result.paths.push_back(std::move(path));
  }
  return result;
}

}  // namespace

absl::StatusOr<PathsResult> FindPaths(storage::GraphStore& store,
                                      const PathsRequest& request,
                                      QueryBudget& budget) {
  GOVGRAPH_RETURN_IF_ERROR(Validate(request));
  GOVGRAPH_ASSIGN_OR_RETURN(const WalkStart from,
                            StartAt(store, request.source_id));
  GOVGRAPH_ASSIGN_OR_RETURN(const WalkStart to,
                            StartAt(store, request.target_id));
  const Entity& source = from.entity;
  const Entity& target = to.entity;
  if (source.id == target.id) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", request.source_id, "\" and \"", request.target_id,
                     "\" are the same entity"));
  }
  if (request.k_shortest > 0) {
    return KShortestPaths(store, request, source.id, target.id, budget);
  }
  return AllShortestPaths(store, request, source.id, target.id, budget);
}

}  // namespace govgraph::query
