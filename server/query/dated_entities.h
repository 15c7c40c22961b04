// Entities of one kind reached over given edges, in a date range, newest
// first: what the meetings and directives queries list.
#ifndef GOVGRAPH_SERVER_QUERY_DATED_ENTITIES_H_
#define GOVGRAPH_SERVER_QUERY_DATED_ENTITIES_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/query/date_range.h"
#include "server/query/query_budget.h"
#include "server/query/result_cache.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

// What a dated list query starts from once its request is checked.
struct DatedListStart {
  Entity self;  // The entity whose list it is.
  storage::NodeHandle handle = 0;
  uint64_t start = 0;  // Index of the page's first item.
  uint64_t fingerprint = 0;
};

// Checks the request fields every dated list shares and reads the entity:
// kInvalidArgument for an empty `entity_id`, a bad `range`, page size or
// page token (bound to `fingerprint`), kNotFound for an unknown entity.
absl::StatusOr<DatedListStart> StartDatedList(storage::GraphStore& store,
                                              const std::string& entity_id,
                                              const DateRange& range,
                                              int32_t page_size,
                                              const std::string& page_token,
                                              uint64_t fingerprint);

// The edges of `node` in `direction` of `type`.
struct EdgeSource {
  storage::NodeHandle node = 0;
  Direction direction = Direction::kOutgoing;
  RelationType type = RelationType::kUnspecified;
};

// The entities of `kind` on the other side of `sources`' edges whose date is
// in `range`, each once, newest first (undated last), then by id.
absl::StatusOr<std::vector<Entity>> CollectDated(
    storage::GraphStore& store, const std::vector<EdgeSource>& sources,
    EntityKind kind, const DateRange& range, QueryBudget& budget);

// A page of CollectDated's list for `list`'s request; its token in
// `next_page_token`. A first page collects the whole list and keeps it in
// `cache` (may be null) when it spans more than one page; a later page takes
// it from there when the graph has not changed since (else collects again).
// `sources` is called only when the list is collected.
using EdgeSources = std::function<absl::StatusOr<std::vector<EdgeSource>>()>;
absl::StatusOr<std::vector<Entity>> DatedPage(
    storage::GraphStore& store, const DatedListStart& list,
    const EdgeSources& sources, EntityKind kind, const DateRange& range,
    int32_t page_size, int32_t default_page_size, QueryBudget& budget,
    ResultCache* cache, std::string* next_page_token);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_DATED_ENTITIES_H_
