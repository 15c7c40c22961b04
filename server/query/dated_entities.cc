#include "server/query/dated_entities.h"

#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
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
  GOVGRAPH_ASSIGN_OR_RETURN(WalkStart self, StartAt(store, entity_id));
  list.self = std::move(self.entity);
  list.handle = self.handle;
  return list;
}

absl::StatusOr<std::vector<Entity>> CollectDated(
    storage::GraphStore& store, const std::vector<EdgeSource>& sources,
    EntityKind kind, const DateRange& range, QueryBudget& budget) {
  // Handles first (keys only), then one read per distinct entity.
  absl::flat_hash_set<storage::NodeHandle> reached;
  const std::string what = "dated list";
  for (const EdgeSource& source : sources) {
    const bool out = source.direction == Direction::kOutgoing;
    GOVGRAPH_RETURN_IF_ERROR(WalkAdjacency(
        store, source.node, source.direction, source.type, what, budget,
        [&](const storage::EdgeRef& edge) {
          if (reached.insert(out ? edge.target : edge.source).second) {
            budget.Hold(sizeof(storage::NodeHandle) + 8);
          }
        }));
  }
  // In key order: neighbouring reads share cached blocks.
  std::vector<storage::NodeHandle> nodes(reached.begin(), reached.end());
  std::sort(nodes.begin(), nodes.end());
  constexpr size_t kBatch = 1024;
  std::vector<Entity> entities;
  for (size_t first = 0; first < nodes.size(); first += kBatch) {
    const std::vector<storage::NodeHandle> batch(
        nodes.begin() + first,
        nodes.begin() + std::min(nodes.size(), first + kBatch));
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<Entity> read,
                              store.EntitiesOf(batch));
    for (Entity& entity : read) {
      if (entity.kind == kind && range.Contains(entity.date)) {
        budget.Hold(HeldBytes(entity));
        entities.push_back(std::move(entity));
      }
    }
    GOVGRAPH_RETURN_IF_ERROR(budget.Spend(0, what));
  }
  std::sort(entities.begin(), entities.end(), NewerFirst);
  return entities;
}

absl::StatusOr<std::vector<Entity>> DatedPage(
    storage::GraphStore& store, const DatedListStart& list,
    const EdgeSources& sources, EntityKind kind, const DateRange& range,
    int32_t page_size, int32_t default_page_size, QueryBudget& budget,
    ResultCache* cache, std::string* next_page_token) {
  const uint64_t version = store.Version();
  // Only later pages look: a first page always reads the graph afresh.
  ResultCache::Result all = cache == nullptr || list.start == 0
                                ? nullptr
                                : cache->Find(list.fingerprint, version);
  if (all == nullptr) {
    GOVGRAPH_ASSIGN_OR_RETURN(const std::vector<EdgeSource> from, sources());
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<Entity> found,
                              CollectDated(store, from, kind, range, budget));
    all = std::make_shared<const std::vector<Entity>>(std::move(found));
    const size_t size =
        static_cast<size_t>(page_size == 0 ? default_page_size : page_size);
    if (cache != nullptr && all->size() > size) {
      cache->Put(list.fingerprint, version, all);
    }
  }
  std::vector<Entity> page;
  *next_page_token = CopyIndexPage(*all, list.start, page_size,
                                   default_page_size, list.fingerprint, &page);
  return page;
}

}  // namespace govgraph::query
