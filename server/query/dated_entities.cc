#include "server/query/dated_entities.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "server/common/status_macros.h"
#include "server/query/edge_walk.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

bool NewerFirst(const Entity& a, const Entity& b) {
  // "" (undated) is the smallest date, so it sorts last.
  return std::tie(b.date, a.id) < std::tie(a.date, b.id);
}

}  // namespace

absl::StatusOr<DatedListStart> StartDatedList(storage::GraphStore& store,
                                              const std::string& entity_id,
                                              const DateRange& range,
                                              int32_t page_size,
                                              const std::string& page_token,
                                              uint64_t fingerprint) {
  if (entity_id.empty()) {
    return absl::InvalidArgumentError("entity_id is empty");
  }
  GOVGRAPH_RETURN_IF_ERROR(range.Validate());
  GOVGRAPH_RETURN_IF_ERROR(ValidatePageSize(page_size));
  DatedListStart list;
  list.fingerprint = fingerprint;
  GOVGRAPH_ASSIGN_OR_RETURN(list.start,
                            DecodeIndexToken(page_token, fingerprint));
  GOVGRAPH_ASSIGN_OR_RETURN(list.self, store.GetEntity(entity_id));
  return list;
}

absl::StatusOr<std::vector<Entity>> CollectDated(
    storage::GraphStore& store, const std::vector<EdgeSource>& sources,
    EntityKind kind, const DateRange& range, QueryBudget& budget) {
  absl::flat_hash_map<std::string, Entity> found;
  for (const EdgeSource& source : sources) {
    GOVGRAPH_RETURN_IF_ERROR(WalkEdges(
        store, source.id, source.direction, source.type, budget,
        [&](storage::EdgeHit hit) {
          if (hit.other.kind == kind && range.Contains(hit.other.date)) {
            budget.Hold(HeldBytes(hit.other) + HeldBytes(hit.other.id));
            found.emplace(hit.other.id, std::move(hit.other));
          }
        }));
  }
  std::vector<Entity> entities;
  entities.reserve(found.size());
  for (auto& [id, entity] : found) entities.push_back(std::move(entity));
  std::sort(entities.begin(), entities.end(), NewerFirst);
  return entities;
}

}  // namespace govgraph::query
