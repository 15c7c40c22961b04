// FakeGraphStore's walks (handles and parallels are numbers the fake hands
// out as entities and roles are first put) and its whole-graph scan.
#include <algorithm>
#include <functional>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::fakes {
namespace {

absl::Status NotFound(const storage::EdgeRef& ref) {
  return absl::NotFoundError(absl::StrCat("relation #", ref.source, " -> #",
                                          ref.target, " not found"));
}

// Key order of a node's adjacency: type, the other node, role (as
// ScanEdges orders parallel relations).
auto Order(const storage::EdgeRef& ref, bool out,
           const std::vector<std::string>& roles) {
  return std::make_tuple(ref.type, out ? ref.target : ref.source,
                         roles[ref.parallel]);
}

// Hands `items` to `emit` in order, at most `batch_size` per call.
template <typename Item>
absl::Status EmitInBatches(
    std::vector<Item> items, size_t batch_size,
    const std::function<absl::Status(std::vector<Item>)>& emit) {
  for (size_t begin = 0; begin < items.size(); begin += batch_size) {
    const size_t end = std::min(items.size(), begin + batch_size);
    std::vector<Item> batch(std::make_move_iterator(items.begin() + begin),
                            std::make_move_iterator(items.begin() + end));
    GOVGRAPH_RETURN_IF_ERROR(emit(std::move(batch)));
  }
  return absl::OkStatus();
}

}  // namespace

std::optional<FakeGraphStore::EdgeKey> FakeGraphStore::KeyOfRefLocked(
    const storage::EdgeRef& ref) const {
  const size_t count = handle_ids_.size();
  if (ref.source == 0 || ref.source > count || ref.target == 0 ||
      ref.target > count || ref.parallel >= parallel_roles_.size()) {
    return std::nullopt;
  }
  return EdgeKey(handle_ids_[ref.source - 1], static_cast<int>(ref.type),
                 handle_ids_[ref.target - 1], parallel_roles_[ref.parallel]);
}

storage::EdgeRef FakeGraphStore::RefOfKeyLocked(const EdgeKey& canon) const {
  const auto& [source, type, target, role] = canon;
  return storage::EdgeRef{handles_.at(source), static_cast<RelationType>(type),
                          handles_.at(target), parallels_.at(role)};
}

absl::StatusOr<storage::NodeHandle> FakeGraphStore::FindHandle(
    absl::string_view id) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  auto it = handles_.find(id);
  if (it == handles_.end() || entities_.count(id) == 0) {
    return absl::NotFoundError(absl::StrCat("entity ", id, " not found"));
  }
  return it->second;
}

absl::StatusOr<std::vector<storage::EdgeRef>> FakeGraphStore::ScanAdjacency(
    const storage::AdjacencyScan& scan) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  const bool out = scan.direction == Direction::kOutgoing;
  if (!out && scan.direction != Direction::kIncoming) {
    return absl::InvalidArgumentError("ScanAdjacency takes one direction");
  }
  const storage::EdgeRef& after = scan.start_after;
  if (scan.resume &&
      ((out ? after.source : after.target) != scan.node ||
       (scan.type != RelationType::kUnspecified && after.type != scan.type) ||
       after.parallel >= parallel_roles_.size())) {
    return absl::InvalidArgumentError("adjacency scan position does not fit");
  }
  if (scan.node == 0 || scan.node > handle_ids_.size()) {
    return std::vector<storage::EdgeRef>();
  }
  const std::string& id = handle_ids_[scan.node - 1];
  const std::map<EdgeKey, EdgeKey>& index = edge_index_[out ? 0 : 1];
  const int type = static_cast<int>(scan.type);
  std::vector<storage::EdgeRef> refs;
  for (auto it = index.lower_bound(EdgeKey(id, type, "", ""));
       it != index.end() && std::get<0>(it->first) == id; ++it) {
    if (type != 0 && std::get<1>(it->first) != type) break;
    refs.push_back(RefOfKeyLocked(it->second));
  }
  const auto less = [&](const storage::EdgeRef& a, const storage::EdgeRef& b) {
    return Order(a, out, parallel_roles_) < Order(b, out, parallel_roles_);
  };
  std::sort(refs.begin(), refs.end(), less);
  auto first = refs.begin();
  if (scan.resume) {
    first = std::upper_bound(refs.begin(), refs.end(), scan.start_after, less);
  }
  const size_t take =
      std::min(scan.limit, static_cast<size_t>(refs.end() - first));
  return std::vector<storage::EdgeRef>(first, first + take);
}

absl::StatusOr<Entity> FakeGraphStore::EntityOf(storage::NodeHandle node) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  auto it = node == 0 || node > handle_ids_.size()
                ? entities_.end()
                : entities_.find(handle_ids_[node - 1]);
  if (it == entities_.end()) {
    return absl::NotFoundError(absl::StrCat("entity #", node, " not found"));
  }
  Entity entity = it->second;
  entity.evidence.clear();
  entity.report_ids.clear();
  return entity;
}

absl::StatusOr<std::vector<Entity>> FakeGraphStore::EntitiesOf(
    const std::vector<storage::NodeHandle>& nodes) {
  std::vector<Entity> entities;
  for (const storage::NodeHandle node : nodes) {
    absl::StatusOr<Entity> entity = EntityOf(node);
    if (!entity.ok()) return entity.status();
    entities.push_back(*std::move(entity));
  }
  return entities;
}

absl::StatusOr<Relation> FakeGraphStore::RelationOf(const storage::EdgeRef& ref,
                                                    bool with_evidence) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  const std::optional<EdgeKey> key = KeyOfRefLocked(ref);
  auto it = key ? relations_.find(*key) : relations_.end();
  if (it == relations_.end()) return NotFound(ref);
  Relation relation = it->second;
  if (!with_evidence) {
    relation.evidence.clear();
    relation.report_ids.clear();
  }
  return relation;
}

absl::StatusOr<storage::EdgeRef> FakeGraphStore::FindRelationRef(
    const storage::RelationKeyQuery& key) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  const EdgeKey canon(key.source_id, static_cast<int>(key.type), key.target_id,
                      key.role);
  if (relations_.count(canon) == 0) {
    return absl::NotFoundError(absl::StrCat("relation ", key.source_id, " -> ",
                                            key.target_id, " not found"));
  }
  return RefOfKeyLocked(canon);
}

absl::Status FakeGraphStore::ScanGraph(const storage::GraphScan& scan) {
  if (scan.batch_size == 0) return absl::InvalidArgumentError("batch size 0");
  std::vector<Entity> entities;
  std::vector<Relation> relations;
  {
    absl::MutexLock lock(&mu_);
    if (!failure_.ok()) return failure_;
    for (const auto& [id, entity] : entities_) entities.push_back(entity);
    for (const auto& [key, relation] : relations_) {
      relations.push_back(relation);
    }
  }
  if (!scan.with_evidence) {
    for (Entity& entity : entities) {
      entity.evidence.clear();
      entity.report_ids.clear();
    }
    for (Relation& relation : relations) {
      relation.evidence.clear();
      relation.report_ids.clear();
    }
  }
  GOVGRAPH_RETURN_IF_ERROR(
      EmitInBatches(std::move(entities), scan.batch_size, scan.on_entities));
  return EmitInBatches(std::move(relations), scan.batch_size,
                       scan.on_relations);
}

}  // namespace govgraph::fakes
