// Entities of one kind reached over given edges, in a date range, newest
// first: what the meetings and directives queries list.
#ifndef GOVGRAPH_SERVER_QUERY_DATED_ENTITIES_H_
#define GOVGRAPH_SERVER_QUERY_DATED_ENTITIES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/query/date_range.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

// The edges of `id` in `direction` of `type`.
struct EdgeSource {
  std::string id;
  Direction direction = Direction::kOutgoing;
  RelationType type = RelationType::kUnspecified;
};

// The entities of `kind` on the other side of `sources`' edges whose date is
// in `range`, each once, newest first (undated last), then by id.
absl::StatusOr<std::vector<Entity>> CollectDated(
    storage::GraphStore& store, const std::vector<EdgeSource>& sources,
    EntityKind kind, const DateRange& range, QueryBudget& budget);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_DATED_ENTITIES_H_
