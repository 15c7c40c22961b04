#include "tests/testing/fake_graph_store.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"

namespace govgraph::fakes {
namespace {

constexpr char kEdgeTag[] = "edge";
constexpr char kNameTag[] = "name";

// Positions are length-prefixed fields: (u32 big-endian length, bytes)*.
std::string JoinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& field : fields) {
    const uint32_t size = static_cast<uint32_t>(field.size());
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.push_back(static_cast<char>((size >> shift) & 0xff));
    }
    out.append(field);
  }
  return out;
}

std::optional<std::vector<std::string>> SplitFields(absl::string_view bytes) {
  std::vector<std::string> fields;
  while (!bytes.empty()) {
    if (bytes.size() < 4) return std::nullopt;
    uint32_t size = 0;
    for (int i = 0; i < 4; ++i) {
      size = (size << 8) | static_cast<uint8_t>(bytes[i]);
    }
    bytes.remove_prefix(4);
    if (bytes.size() < size) return std::nullopt;
    fields.emplace_back(bytes.substr(0, size));
    bytes.remove_prefix(size);
  }
  return fields;
}

int DirectionIndex(Direction direction) {
  return direction == Direction::kIncoming ? 1 : 0;
}

absl::Status BadPosition() {
  return absl::InvalidArgumentError(
      "start_after is not a position of this scan");
}

Entity WithoutEvidence(Entity entity) {
  entity.evidence.clear();
  return entity;
}

}  // namespace

void FakeGraphStore::PutEntity(Entity entity) {
  absl::MutexLock lock(&mu_);
  PutEntityLocked(std::move(entity));
}

absl::Status FakeGraphStore::PutRelation(Relation relation) {
  absl::MutexLock lock(&mu_);
  return PutRelationLocked(std::move(relation));
}

void FakeGraphStore::FailWith(absl::Status status) {
  absl::MutexLock lock(&mu_);
  failure_ = std::move(status);
}

int FakeGraphStore::scan_edges_calls() const {
  absl::MutexLock lock(&mu_);
  return scan_edges_calls_;
}

int FakeGraphStore::scan_names_calls() const {
  absl::MutexLock lock(&mu_);
  return scan_names_calls_;
}

absl::StatusOr<storage::ApplyResult> FakeGraphStore::ApplyReport(
    const ReportFacts& facts) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  GOVGRAPH_RETURN_IF_ERROR(CheckKindsLocked(facts));
  std::set<std::string> ids = {facts.report.id};
  for (const Entity& entity : facts.entities) ids.insert(entity.id);
  for (const Relation& relation : facts.relations) {
    for (const std::string* id : {&relation.source_id, &relation.target_id}) {
      if (ids.count(*id) == 0 && entities_.count(*id) == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("relation endpoint ", *id, " is unknown"));
      }
    }
  }
  storage::ApplyResult result;
  result.replaced = !reports_.insert(facts.report.id).second;
  PutEntityLocked(facts.report);
  for (const Entity& entity : facts.entities) PutEntityLocked(entity);
  for (const Relation& relation : facts.relations) {
    GOVGRAPH_RETURN_IF_ERROR(PutRelationLocked(relation));
  }
  result.entities_written = static_cast<int>(facts.entities.size());
  result.relations_written = static_cast<int>(facts.relations.size());
  return result;
}

absl::StatusOr<storage::DeleteResult> FakeGraphStore::DeleteReport(
    absl::string_view report_id) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  ++version_;
  auto report = reports_.find(report_id);
  if (report == reports_.end()) {
    return absl::NotFoundError(
        absl::StrCat("report ", report_id, " not found"));
  }
  storage::DeleteResult result;
  for (auto it = relations_.begin(); it != relations_.end();) {
    const auto& [source, type, target, role] = it->first;
    if (source != report_id && target != report_id) {
      ++it;
      continue;
    }
    edge_index_[0].erase(it->first);
    edge_index_[1].erase(EdgeKey(target, type, source, role));
    it = relations_.erase(it);
    ++result.relations_removed;
  }
  if (auto entity = entities_.find(report_id); entity != entities_.end()) {
    IndexNamesLocked(entity->second, /*add=*/false);
    entities_.erase(entity);
  }
  reports_.erase(report);
  return result;
}

absl::StatusOr<Entity> FakeGraphStore::GetEntity(absl::string_view id) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  auto it = entities_.find(id);
  if (it == entities_.end()) {
    return absl::NotFoundError(absl::StrCat("entity ", id, " not found"));
  }
  return it->second;
}

absl::StatusOr<Relation> FakeGraphStore::GetRelation(
    const storage::RelationKeyQuery& key) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  auto it = relations_.find(EdgeKey(key.source_id, static_cast<int>(key.type),
                                    key.target_id, key.role));
  if (it == relations_.end()) {
    return absl::NotFoundError(absl::StrCat("relation ", key.source_id, " -> ",
                                            key.target_id, " not found"));
  }
  return it->second;
}

absl::StatusOr<std::vector<storage::EdgeHit>> FakeGraphStore::ScanEdges(
    const storage::EdgeScan& scan) {
  absl::MutexLock lock(&mu_);
  ++scan_edges_calls_;
  if (!failure_.ok()) return failure_;
  if (entities_.count(scan.entity_id) == 0) {
    return absl::NotFoundError(
        absl::StrCat("entity ", scan.entity_id, " not found"));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(const EdgeKey start, ScanStartLocked(scan));
  const std::map<EdgeKey, EdgeKey>& index =
      edge_index_[DirectionIndex(scan.direction)];
  auto it = scan.start_after.empty() ? index.lower_bound(start)
                                     : index.upper_bound(start);
  const int type = static_cast<int>(scan.type);
  std::vector<storage::EdgeHit> hits;
  for (; it != index.end() && hits.size() < scan.limit; ++it) {
    if (std::get<0>(it->first) != scan.entity_id) break;
    if (type != 0 && std::get<1>(it->first) != type) break;
    hits.push_back(MakeEdgeHitLocked(it->first, it->second, scan.direction));
  }
  return hits;
}

absl::StatusOr<std::vector<storage::NameHit>> FakeGraphStore::ScanNames(
    absl::string_view folded_prefix, absl::string_view start_after,
    size_t limit) {
  absl::MutexLock lock(&mu_);
  ++scan_names_calls_;
  if (!failure_.ok()) return failure_;
  auto it = names_.lower_bound(NameKey{std::string{folded_prefix}, ""});
  if (!start_after.empty()) {
    std::optional<std::vector<std::string>> fields = SplitFields(start_after);
    if (!fields || fields->size() != 3 || (*fields)[0] != kNameTag ||
        !absl::StartsWith((*fields)[1], folded_prefix)) {
      return BadPosition();
    }
    it = names_.upper_bound(NameKey((*fields)[1], (*fields)[2]));
  }
  std::vector<storage::NameHit> hits;
  for (; it != names_.end() && hits.size() < limit &&
         absl::StartsWith(it->first, folded_prefix);
       ++it) {
    storage::NameHit hit;
    hit.folded_name = it->first;
    hit.entity = WithoutEvidence(entities_.at(it->second));
    hit.position = JoinFields({kNameTag, it->first, it->second});
    hits.push_back(std::move(hit));
  }
  return hits;
}

absl::StatusOr<storage::WordMatches> FakeGraphStore::FindByWords(
    const std::vector<std::string>& folded_words, size_t limit) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  storage::WordMatches matches;
  for (const auto& [id, entity] : entities_) {
    std::set<std::string> words;
    for (const auto& [name, entity_id] : names_) {
      if (entity_id != id) continue;
      for (absl::string_view word : SplitWords(name)) words.emplace(word);
    }
    const bool all = std::all_of(
        folded_words.begin(), folded_words.end(),
        [&](const std::string& word) { return words.count(word) > 0; });
    if (!all) continue;
    if (matches.entities.size() == limit) {
      matches.more = true;
      break;
    }
    matches.entities.push_back(WithoutEvidence(entity));
  }
  return matches;
}

uint64_t FakeGraphStore::Version() {
  absl::MutexLock lock(&mu_);
  return version_;
}

absl::StatusOr<GraphStats> FakeGraphStore::GetStats() {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  GraphStats stats;
  for (const auto& [id, entity] : entities_) {
    ++stats.entities_by_kind[static_cast<int>(entity.kind)];
  }
  for (const auto& [key, relation] : relations_) {
    ++stats.relations_by_type[static_cast<int>(relation.type)];
  }
  stats.reports = stats.entities_by_kind[static_cast<int>(EntityKind::kReport)];
  return stats;
}

absl::Status FakeGraphStore::CheckKindsLocked(const ReportFacts& facts) const {
  std::vector<const Entity*> all = {&facts.report};
  for (const Entity& entity : facts.entities) all.push_back(&entity);
  for (const Entity* entity : all) {
    auto it = entities_.find(entity->id);
    if (it != entities_.end() && it->second.kind != entity->kind) {
      return absl::FailedPreconditionError(absl::StrCat(
          "entity ", entity->id, " already exists with another kind"));
    }
  }
  return absl::OkStatus();
}

void FakeGraphStore::PutEntityLocked(Entity entity) {
  ++version_;
  if (handles_.emplace(entity.id, handle_ids_.size() + 1).second) {
    handle_ids_.push_back(entity.id);
  }
  auto it = entities_.find(entity.id);
  if (it != entities_.end()) IndexNamesLocked(it->second, /*add=*/false);
  IndexNamesLocked(entity, /*add=*/true);
  entities_[entity.id] = std::move(entity);
}

absl::Status FakeGraphStore::PutRelationLocked(Relation relation) {
  ++version_;
  const int type = static_cast<int>(relation.type);
  if (type == 0 || type > kMaxRelationType) {
    return absl::InvalidArgumentError(absl::StrCat("bad relation type ", type));
  }
  for (const std::string* id : {&relation.source_id, &relation.target_id}) {
    if (entities_.count(*id) == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("relation endpoint ", *id, " is unknown"));
    }
  }
  if (parallels_.emplace(relation.role, parallel_roles_.size()).second) {
    parallel_roles_.push_back(relation.role);
  }
  const EdgeKey canon(relation.source_id, type, relation.target_id,
                      relation.role);
  edge_index_[0][canon] = canon;
  edge_index_[1][EdgeKey(relation.target_id, type, relation.source_id,
                         relation.role)] = canon;
  relations_[canon] = std::move(relation);
  return absl::OkStatus();
}

void FakeGraphStore::IndexNamesLocked(const Entity& entity, bool add) {
  std::vector<const std::string*> names = {&entity.name};
  for (const std::string& alias : entity.aliases) names.push_back(&alias);
  for (const std::string* name : names) {
    std::string folded = FoldName(*name);
    if (folded.empty()) continue;
    if (add) {
      names_.emplace(std::move(folded), entity.id);
    } else {
      names_.erase(NameKey(std::move(folded), entity.id));
    }
  }
}

absl::StatusOr<FakeGraphStore::EdgeKey> FakeGraphStore::ScanStartLocked(
    const storage::EdgeScan& scan) const {
  if (scan.direction == Direction::kBoth) {
    return absl::InvalidArgumentError("ScanEdges takes one direction");
  }
  const int type = static_cast<int>(scan.type);
  if (scan.start_after.empty()) return EdgeKey(scan.entity_id, type, "", "");
  const std::string direction = absl::StrCat(DirectionIndex(scan.direction));
  std::optional<std::vector<std::string>> fields =
      SplitFields(scan.start_after);
  int position_type = 0;
  if (!fields || fields->size() != 6 || (*fields)[0] != kEdgeTag ||
      (*fields)[1] != direction || (*fields)[2] != scan.entity_id ||
      !absl::SimpleAtoi((*fields)[3], &position_type) ||
      (type != 0 && position_type != type)) {
    return BadPosition();
  }
  return EdgeKey((*fields)[2], position_type, (*fields)[4], (*fields)[5]);
}

storage::EdgeHit FakeGraphStore::MakeEdgeHitLocked(const EdgeKey& key,
                                                   const EdgeKey& canon,
                                                   Direction direction) const {
  storage::EdgeHit hit;
  hit.relation = relations_.at(canon);
  hit.direction = direction;
  hit.other = WithoutEvidence(entities_.at(std::get<2>(key)));
  hit.ref = RefOfKeyLocked(canon);
  hit.position = JoinFields({kEdgeTag, absl::StrCat(DirectionIndex(direction)),
                             std::get<0>(key), absl::StrCat(std::get<1>(key)),
                             std::get<2>(key), std::get<3>(key)});
  return hit;
}

namespace {

storage::AuditEntry NewEntry(storage::CurationOp operation,
                             const storage::CurationInfo& info) {
  storage::AuditEntry entry;
  entry.operation = operation;
  entry.curator = info.curator;
  entry.reason = info.reason;
  entry.time_micros = info.time_micros;
  return entry;
}

}  // namespace

storage::CurationResult FakeGraphStore::AuditLocked(
    storage::AuditEntry entry, const std::string& entity_id) {
  ++version_;
  entry.id = audit_.size() + 1;
  if (entry.undoes != 0) audit_[entry.undoes - 1].undone_by = entry.id;
  audit_.push_back(entry);
  storage::CurationResult result;
  result.audit = std::move(entry);
  result.entity = entities_.at(entity_id);
  return result;
}

absl::StatusOr<storage::CurationResult> FakeGraphStore::MergeEntities(
    const storage::MergeRequest& request) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  for (const std::string* id : {&request.source_id, &request.target_id}) {
    if (!entities_.count(*id)) {
      return absl::NotFoundError(absl::StrCat("entity ", *id, " not found"));
    }
  }
  storage::AuditEntry entry =
      NewEntry(storage::CurationOp::kMerge, request.info);
  entry.entity_id = request.target_id;
  entry.other_id = request.source_id;
  entry.other_name = entities_.at(request.source_id).name;
  return AuditLocked(std::move(entry), request.target_id);
}

absl::StatusOr<storage::CurationResult> FakeGraphStore::SplitEntity(
    const storage::SplitRequest& request) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  if (!entities_.count(request.entity_id)) {
    return absl::NotFoundError(
        absl::StrCat("entity ", request.entity_id, " not found"));
  }
  if (entities_.count(request.new_id)) {
    return absl::AlreadyExistsError(
        absl::StrCat("entity ", request.new_id, " exists"));
  }
  Entity created = entities_.at(request.entity_id);
  created.id = request.new_id;
  created.name = request.new_name;
  PutEntityLocked(created);
  storage::AuditEntry entry =
      NewEntry(storage::CurationOp::kSplit, request.info);
  entry.entity_id = request.entity_id;
  entry.other_id = request.new_id;
  entry.other_name = request.new_name;
  entry.report_ids = request.report_ids;
  storage::CurationResult result =
      AuditLocked(std::move(entry), request.entity_id);
  result.other = std::move(created);
  return result;
}

absl::StatusOr<storage::CurationResult> FakeGraphStore::UndoCuration(
    const storage::UndoRequest& request) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  if (request.audit_id < 1 || request.audit_id > audit_.size()) {
    return absl::NotFoundError(
        absl::StrCat("audit entry ", request.audit_id, " not found"));
  }
  const storage::AuditEntry& undone = audit_[request.audit_id - 1];
  if (undone.undone_by != 0) {
    return absl::FailedPreconditionError("already undone");
  }
  storage::AuditEntry entry = undone;
  entry.operation = undone.operation == storage::CurationOp::kMerge
                        ? storage::CurationOp::kSplit
                        : storage::CurationOp::kMerge;
  entry.curator = request.info.curator;
  entry.reason = request.info.reason;
  entry.time_micros = request.info.time_micros;
  entry.undoes = undone.id;
  entry.undone_by = 0;
  const std::string entity_id = entry.entity_id;
  return AuditLocked(std::move(entry), entity_id);
}

absl::StatusOr<std::vector<storage::AuditEntry>> FakeGraphStore::ScanAudit(
    uint64_t before_id, size_t limit) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  std::vector<storage::AuditEntry> out;
  for (auto it = audit_.rbegin(); it != audit_.rend() && out.size() < limit;
       ++it) {
    if (before_id == 0 || it->id < before_id) out.push_back(*it);
  }
  return out;
}

absl::StatusOr<storage::ImportResult> FakeGraphStore::ImportGraph(
    const storage::GraphImport& graph) {
  absl::MutexLock lock(&mu_);
  if (!failure_.ok()) return failure_;
  for (const storage::ImportNode& node : graph.nodes) {
    if (entities_.count(node.id) > 0) {
      return absl::AlreadyExistsError(
          absl::StrCat("nodes.csv line ", node.line, ": id taken"));
    }
  }
  for (const storage::ImportNode& node : graph.nodes) {
    Entity entity;
    entity.id = node.id;
    entity.kind = node.kind;
    entity.name = node.name;
    entity.date = UnpackIsoDate(node.date);
    PutEntityLocked(std::move(entity));
  }
  for (const storage::ImportEdge& edge : graph.edges) {
    Relation relation;
    relation.type = edge.type;
    relation.source_id = graph.nodes[edge.source].id;
    relation.target_id = graph.nodes[edge.target].id;
    relation.role = graph.roles[edge.role];
    relation.start_date = UnpackIsoDate(edge.start);
    relation.end_date = UnpackIsoDate(edge.end);
    GOVGRAPH_RETURN_IF_ERROR(PutRelationLocked(std::move(relation)));
  }
  return storage::ImportResult{static_cast<int64_t>(graph.nodes.size()),
                               static_cast<int64_t>(graph.edges.size())};
}

}  // namespace govgraph::fakes
