// The write path of RocksDbGraphStore: replacing (ApplyReport) or
// withdrawing (DeleteReport) one report's facts in one atomic WriteBatch.
//
// A report's contribution to the graph is recorded in its ReportRecord (the
// entities and edges it supports). Applying a report first withdraws its
// previous support from those facts, then adds the new support; facts left
// with no support are deleted. Deleting a report is the withdrawal alone,
// plus removing its ReportRecord. Because a relation may only join entities of
// its own report, an entity without support never has edges.
#include <iterator>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "server/common/status_macros.h"
#include "server/storage/key_codec.h"
#include "server/storage/record_convert.h"
#include "server/storage/rocksdb_graph_store.h"
#include "server/storage/rocksdb_status.h"
#include "server/storage/rocksdb_transaction.h"

namespace govgraph::storage {
namespace {

// The entity's name, then its aliases.
std::vector<const std::string*> NamesOf(const Entity& entity) {
  std::vector<const std::string*> names = {&entity.name};
  for (const std::string& alias : entity.aliases) names.push_back(&alias);
  return names;
}

}  // namespace

absl::StatusOr<RocksDbGraphStore::Transaction::EntityState*>
RocksDbGraphStore::Transaction::LoadEntity(uint64_t id) {
  auto [it, inserted] = entities_.try_emplace(id);
  EntityState& state = it->second;
  if (!inserted) return &state;
  state.id = id;
  absl::StatusOr<EntityRecord> record = store_->LoadRecord(id, nullptr);
  if (!record.ok()) {
    entities_.erase(it);
    return record.status();
  }
  state.existed = true;
  state.record = *std::move(record);
  state.old_kind = static_cast<EntityKind>(state.record.kind());
  state.old_names = FoldedNames(state.record);
  state.loaded_id = state.record.id();
  ids_[state.record.id()] = id;
  return &state;
}

absl::StatusOr<RocksDbGraphStore::Transaction::EdgeState*>
RocksDbGraphStore::Transaction::LoadEdge(const EdgeKey& key) {
  const std::string out_key = EncodeOutEdgeKey(key);
  auto [it, inserted] = edges_.try_emplace(out_key);
  EdgeState& state = it->second;
  if (!inserted) return &state;
  state.key = key;
  std::string value;
  rocksdb::Status s = store_->db_->Get(rocksdb::ReadOptions(),
                                       store_->cf(kOutEdges), out_key, &value);
  if (s.IsNotFound()) return &state;
  absl::Status status = FromRocksDb(s);
  if (status.ok() && !state.record.ParseFromString(value)) {
    status = absl::DataLossError("edge record is corrupt");
  }
  if (!status.ok()) {
    edges_.erase(it);
    return status;
  }
  state.existed = true;
  return &state;
}

absl::Status RocksDbGraphStore::Transaction::Withdraw(
    const ReportRecord& old_report) {
  for (uint64_t id : old_report.entities()) {
    GOVGRAPH_ASSIGN_OR_RETURN(EntityState * state, LoadEntity(id));
    RemoveSupport(report_id_, state->record.mutable_supports());
  }
  for (const std::string& key : old_report.out_edge_keys()) {
    GOVGRAPH_ASSIGN_OR_RETURN(EdgeKey edge, DecodeOutEdgeKey(key));
    GOVGRAPH_ASSIGN_OR_RETURN(EdgeState * state, LoadEdge(edge));
    RemoveSupport(report_id_, state->record.mutable_supports());
  }
  return absl::OkStatus();
}

absl::StatusOr<ReportRecord> RocksDbGraphStore::Transaction::LoadReportRecord(
    uint64_t report_entity) {
  std::string value;
  rocksdb::Status s =
      store_->db_->Get(rocksdb::ReadOptions(), store_->cf(kReports),
                       EncodeEntityKey(report_entity), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(
        absl::StrCat("entity #", report_entity, " is not a report"));
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  ReportRecord record;
  if (!record.ParseFromString(value)) {
    return absl::DataLossError(
        absl::StrCat("report record #", report_entity, " is corrupt"));
  }
  return record;
}

// The id `entity.id` stands for in this report: itself, unless a split
// moved this report's statements about it to another entity.
absl::StatusOr<std::string> RocksDbGraphStore::Transaction::SplitRedirect(
    const Entity& entity) {
  if (entity.kind == EntityKind::kReport) return entity.id;
  std::string target;
  rocksdb::Status s =
      store_->db_->Get(rocksdb::ReadOptions(), store_->cf(kRedirects),
                       EncodeSplitRedirectKey(report_id_, entity.id), &target);
  if (s.IsNotFound()) return entity.id;
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  return target;
}

// Returns the internal id of `entity`, allocating one for a new entity.
absl::StatusOr<uint64_t> RocksDbGraphStore::Transaction::AddEntity(
    const Entity& entity) {
  uint64_t id = 0;
  bool is_new = false;
  std::string stored_id = entity.id;
  if (auto known = ids_.find(entity.id); known != ids_.end()) {
    id = known->second;
  } else {
    GOVGRAPH_ASSIGN_OR_RETURN(stored_id, SplitRedirect(entity));
    absl::StatusOr<uint64_t> stored = store_->ResolveId(stored_id, nullptr);
    if (!stored.ok() && !absl::IsNotFound(stored.status())) {
      return stored.status();
    }
    is_new = !stored.ok();
    id = is_new ? next_entity_id_++ : *stored;
  }
  EntityState* state = nullptr;
  if (is_new) {
    state = &entities_[id];
    state->id = id;
    state->record.set_id(stored_id);
  } else {
    GOVGRAPH_ASSIGN_OR_RETURN(state, LoadEntity(id));
  }
  ids_[entity.id] = id;
  const auto kind = static_cast<EntityKind>(state->record.kind());
  if (state->existed && !state->record.supports().empty() &&
      kind != entity.kind) {
    return absl::FailedPreconditionError(absl::StrCat(
        "entity \"", entity.id, "\" is a ", EntityKindName(kind),
        " in other reports; this report says ", EntityKindName(entity.kind)));
  }
  MergeEntityAttributes(entity, &state->record);
  const absl::string_view stated_as =
      entity.id == state->record.id() ? absl::string_view() : entity.id;
  SupportRecord* support = AddSupport(report_id_, stated_as, entity.evidence,
                                      state->record.mutable_supports());
  for (const std::string* name : NamesOf(entity)) {
    if (!absl::c_linear_search(support->names(), *name)) {
      support->add_names(*name);
    }
  }
  support->set_report_date(report_date_);
  support->set_extractor_version(extractor_version_);
  report_record_.add_entities(id);
  ++result_.entities_written;
  return id;
}

absl::Status RocksDbGraphStore::Transaction::AddRelation(
    const Relation& relation) {
  auto src = ids_.find(relation.source_id);
  auto dst = ids_.find(relation.target_id);
  if (src == ids_.end() || dst == ids_.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("relation ", relation.source_id, " -> ",
                     relation.target_id, " joins an undeclared entity"));
  }
  EdgeKey key{src->second, relation.type, dst->second,
              EdgeQualifier(relation.role)};
  GOVGRAPH_ASSIGN_OR_RETURN(EdgeState * state, LoadEdge(key));
  state->record.set_role(relation.role);
  // An endpoint stated under another id (merged away, or split off).
  absl::string_view stated_as;
  if (relation.source_id != entities_.at(key.source).record.id()) {
    stated_as = relation.source_id;
  } else if (relation.target_id != entities_.at(key.target).record.id()) {
    stated_as = relation.target_id;
  }
  SupportRecord* support = AddSupport(report_id_, stated_as, relation.evidence,
                                      state->record.mutable_supports());
  support->set_report_date(report_date_);
  support->set_extractor_version(extractor_version_);
  support->set_start_date(relation.start_date);
  support->set_end_date(relation.end_date);
  report_record_.add_out_edge_keys(EncodeOutEdgeKey(key));
  ++result_.relations_written;
  return absl::OkStatus();
}

absl::Status RocksDbGraphStore::Transaction::FinishEntity(EntityState& state) {
  const std::string key = EncodeEntityKey(state.id);
  const bool live = !state.record.supports().empty();
  const auto kind = static_cast<EntityKind>(state.record.kind());
  if (state.existed) --entity_delta_[static_cast<int>(state.old_kind)];
  if (live) ++entity_delta_[static_cast<int>(kind)];
  std::vector<std::string> new_names;
  if (live) {
    RefreshNames(state.keep_name, &state.record);
    new_names = FoldedNames(state.record);
  }
  UpdateNameKeys(kNames, state.id, state.old_names, new_names);
  UpdateNameKeys(kWords, state.id, FoldedWords(state.old_names),
                 FoldedWords(new_names));
  if (!live) {
    batch_.Delete(store_->cf(kEntities), key);
    batch_.Delete(store_->cf(kIds), state.record.id());
    return absl::OkStatus();
  }
  batch_.Put(store_->cf(kEntities), key, state.record.SerializeAsString());
  if (!state.existed || state.loaded_id != state.record.id()) {
    batch_.Put(store_->cf(kIds), state.record.id(), EncodeU64(state.id));
  }
  return absl::OkStatus();
}

void RocksDbGraphStore::Transaction::UpdateNameKeys(
    Cf which, uint64_t id, const std::vector<std::string>& old_keys,
    const std::vector<std::string>& new_keys) {
  std::vector<std::string> gone;
  absl::c_set_difference(old_keys, new_keys, std::back_inserter(gone));
  for (const std::string& name : gone) {
    batch_.Delete(store_->cf(which), EncodeNameKey(name, id));
  }
  std::vector<std::string> added;
  absl::c_set_difference(new_keys, old_keys, std::back_inserter(added));
  for (const std::string& name : added) {
    batch_.Put(store_->cf(which), EncodeNameKey(name, id), "");
  }
}

absl::Status RocksDbGraphStore::Transaction::FinishEdge(EdgeState& state) {
  const std::string out_key = EncodeOutEdgeKey(state.key);
  const std::string in_key = EncodeInEdgeKey(state.key);
  const bool live = !state.record.supports().empty();
  const int type = static_cast<int>(state.key.type);
  relation_delta_[type] += (live ? 1 : 0) - (state.existed ? 1 : 0);
  if (!live) {
    batch_.Delete(store_->cf(kOutEdges), out_key);
    batch_.Delete(store_->cf(kInEdges), in_key);
    return absl::OkStatus();
  }
  batch_.Put(store_->cf(kOutEdges), out_key, state.record.SerializeAsString());
  batch_.Put(store_->cf(kInEdges), in_key, "");
  return absl::OkStatus();
}

absl::Status RocksDbGraphStore::Transaction::FinishCounters(
    int64_t report_delta) {
  auto add = [&](const std::string& key, int64_t delta) -> absl::Status {
    if (delta == 0) return absl::OkStatus();
    GOVGRAPH_ASSIGN_OR_RETURN(uint64_t count, store_->ReadCounter(key));
    batch_.Put(store_->cf(kMeta), key,
               EncodeU64(static_cast<uint64_t>(count + delta)));
    return absl::OkStatus();
  };
  for (int kind = 1; kind <= kMaxEntityKind; ++kind) {
    GOVGRAPH_RETURN_IF_ERROR(add(EntityCountKey(static_cast<EntityKind>(kind)),
                                 entity_delta_[kind]));
  }
  for (int type = 1; type <= kMaxRelationType; ++type) {
    GOVGRAPH_RETURN_IF_ERROR(
        add(RelationCountKey(static_cast<RelationType>(type)),
            relation_delta_[type]));
  }
  GOVGRAPH_RETURN_IF_ERROR(add(std::string(kReportCountKey), report_delta));
  batch_.Put(store_->cf(kMeta), std::string(kNextEntityIdKey),
             EncodeU64(next_entity_id_));
  return absl::OkStatus();
}

absl::StatusOr<ApplyResult> RocksDbGraphStore::Transaction::Run(
    const ReportFacts& facts) {
  report_id_ = facts.report.id;
  report_date_ = facts.report.date;
  extractor_version_ = facts.extractor_version;
  absl::StatusOr<uint64_t> report = store_->LookupId(report_id_, nullptr);
  if (!report.ok() && !absl::IsNotFound(report.status())) {
    return report.status();
  }
  if (report.ok()) {
    // Not a report: AddEntity reports the kind conflict.
    absl::StatusOr<ReportRecord> old_report = LoadReportRecord(*report);
    if (!old_report.ok() && !absl::IsNotFound(old_report.status())) {
      return old_report.status();
    }
    if (old_report.ok()) {
      if (!facts.fingerprint.empty() &&
          old_report->fingerprint() == facts.fingerprint) {
        ApplyResult unchanged;
        unchanged.unchanged = true;
        return unchanged;
      }
      result_.replaced = true;
      GOVGRAPH_RETURN_IF_ERROR(Withdraw(*old_report));
    }
  }
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t report_entity, AddEntity(facts.report));
  --result_.entities_written;  // The report node is not one of its facts.
  for (const Entity& entity : facts.entities) {
    GOVGRAPH_RETURN_IF_ERROR(AddEntity(entity).status());
  }
  for (const Relation& relation : facts.relations) {
    GOVGRAPH_RETURN_IF_ERROR(AddRelation(relation));
  }
  DeleteResult removed;  // Facts the new version no longer supports.
  GOVGRAPH_RETURN_IF_ERROR(FinishFacts(report_entity, &removed));
  report_record_.set_id(report_id_);
  report_record_.set_fingerprint(facts.fingerprint);
  batch_.Put(store_->cf(kReports), EncodeEntityKey(report_entity),
             report_record_.SerializeAsString());
  GOVGRAPH_RETURN_IF_ERROR(FinishCounters(result_.replaced ? 0 : 1));
  GOVGRAPH_RETURN_IF_ERROR(Commit());
  return result_;
}

absl::StatusOr<DeleteResult> RocksDbGraphStore::Transaction::RunDelete(
    absl::string_view report_id) {
  report_id_ = std::string(report_id);
  const absl::Status not_found = absl::NotFoundError(
      absl::StrCat("report \"", report_id_, "\" not found"));
  absl::StatusOr<uint64_t> report = store_->LookupId(report_id_, nullptr);
  if (absl::IsNotFound(report.status())) return not_found;
  GOVGRAPH_RETURN_IF_ERROR(report.status());
  absl::StatusOr<ReportRecord> old_report = LoadReportRecord(*report);
  // Not found: the id names another kind of entity.
  if (absl::IsNotFound(old_report.status())) return not_found;
  GOVGRAPH_RETURN_IF_ERROR(old_report.status());
  GOVGRAPH_RETURN_IF_ERROR(Withdraw(*old_report));
  DeleteResult result;
  GOVGRAPH_RETURN_IF_ERROR(FinishFacts(*report, &result));
  batch_.Delete(store_->cf(kReports), EncodeEntityKey(*report));
  GOVGRAPH_RETURN_IF_ERROR(FinishCounters(-1));
  GOVGRAPH_RETURN_IF_ERROR(Commit());
  return result;
}

absl::Status RocksDbGraphStore::Transaction::FinishFacts(
    uint64_t report_entity, DeleteResult* removed) {
  for (auto& [id, state] : entities_) {
    const bool gone = state.existed && state.record.supports().empty();
    if (gone && id != report_entity) ++removed->entities_removed;
    GOVGRAPH_RETURN_IF_ERROR(FinishEntity(state));
  }
  for (auto& [key, state] : edges_) {
    if (state.existed && state.record.supports().empty()) {
      ++removed->relations_removed;
    }
    GOVGRAPH_RETURN_IF_ERROR(FinishEdge(state));
  }
  return absl::OkStatus();
}

absl::Status RocksDbGraphStore::Transaction::Commit() {
  // Written to the WAL now, made durable by Write's SyncThrough: visible
  // to readers a moment before it is acknowledged to the writer.
  return FromRocksDb(store_->db_->Write(rocksdb::WriteOptions(), &batch_));
}

absl::StatusOr<ApplyResult> RocksDbGraphStore::ApplyReport(
    const ReportFacts& facts) {
  return Write<ApplyResult>([&](Transaction& t) { return t.Run(facts); });
}

absl::StatusOr<ApplyResult> RocksDbGraphStore::ApplyReportDeferred(
    const ReportFacts& facts) {
  return Write<ApplyResult>([&](Transaction& t) { return t.Run(facts); },
                            /*sync=*/false);
}

absl::Status RocksDbGraphStore::SyncWrites() {
  if (!sync_writes_) return absl::OkStatus();
  return SyncThrough(written_.load());
}

absl::StatusOr<DeleteResult> RocksDbGraphStore::DeleteReport(
    absl::string_view report_id) {
  return Write<DeleteResult>(
      [&](Transaction& t) { return t.RunDelete(report_id); });
}

}  // namespace govgraph::storage
