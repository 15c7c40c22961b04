// Curation on RocksDbGraphStore: merging two entities, splitting one, undoing
// either, and the audit log. Each is one Transaction: supports move between
// entities (and between the edges that follow them), the records of the
// reports concerned are rewritten to the new keys, and an AuditRecord is
// added, all in one WriteBatch.
#include <algorithm>
#include <utility>

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

AuditEntry ToAuditEntry(const AuditRecord& record) {
  AuditEntry entry;
  entry.id = record.id();
  entry.operation = static_cast<CurationOp>(record.operation());
  entry.curator = record.curator();
  entry.reason = record.reason();
  entry.time_micros = record.time_micros();
  entry.entity_id = record.entity_id();
  entry.other_id = record.other_id();
  entry.other_name = record.other_name();
  entry.report_ids.assign(record.report_ids().begin(),
                          record.report_ids().end());
  entry.undoes = record.undoes();
  entry.undone_by = record.undone_by();
  return entry;
}

AuditRecord NewAudit(CurationOp operation, const CurationInfo& info,
                     uint64_t undoes) {
  AuditRecord audit;
  audit.set_operation(static_cast<uint32_t>(operation));
  audit.set_curator(info.curator);
  audit.set_reason(info.reason);
  audit.set_time_micros(info.time_micros);
  audit.set_undoes(undoes);
  return audit;
}

template <typename Range>
bool Contains(const Range& range, absl::string_view value) {
  return std::find(range.begin(), range.end(), value) != range.end();
}

void ReplaceUnique(uint64_t from, uint64_t to,
                   google::protobuf::RepeatedField<uint64_t>* ids) {
  std::vector<uint64_t> out;
  for (uint64_t id : *ids) {
    const uint64_t now = id == from ? to : id;
    if (std::find(out.begin(), out.end(), now) == out.end()) out.push_back(now);
  }
  ids->Assign(out.begin(), out.end());
}

}  // namespace

bool RocksDbGraphStore::Transaction::Move::Covers(
    absl::string_view report_id) const {
  return all_reports || Contains(report_ids, report_id);
}

absl::StatusOr<std::vector<EdgeKey>> RocksDbGraphStore::Transaction::EdgeKeysOf(
    uint64_t node) {
  std::vector<EdgeKey> keys;
  const std::string prefix = EdgePrefix(node);
  for (const Cf which : {kOutEdges, kInEdges}) {
    rocksdb::ReadOptions read;
    read.prefix_same_as_start = true;
    std::unique_ptr<rocksdb::Iterator> it(
        store_->db_->NewIterator(read, store_->cf(which)));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);
         it->Next()) {
      GOVGRAPH_ASSIGN_OR_RETURN(
          EdgeKey key, which == kOutEdges ? DecodeOutEdgeKey(ToView(it->key()))
                                          : DecodeInEdgeKey(ToView(it->key())));
      keys.push_back(key);
    }
    GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(it->status()));
  }
  return keys;
}

absl::StatusOr<int> RocksDbGraphStore::Transaction::MoveSupports(
    const Move& move) {
  GOVGRAPH_ASSIGN_OR_RETURN(EntityState * from, LoadEntity(move.from));
  EntityState& to = entities_.at(move.to);  // Loaded or created by caller.
  Supports kept;
  for (const SupportRecord& support : from->record.supports()) {
    if (move.Covers(support.report_id())) {
      UniteSupport(support, to.record.mutable_supports());
    } else {
      *kept.Add() = support;
    }
  }
  from->record.mutable_supports()->Swap(&kept);

  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<EdgeKey> keys, EdgeKeysOf(move.from));
  int moved = 0;
  for (const EdgeKey& key : keys) {
    EdgeKey target = key;
    if (target.src == move.from) target.src = move.to;
    if (target.dst == move.from) target.dst = move.to;
    GOVGRAPH_ASSIGN_OR_RETURN(EdgeState * edge, LoadEdge(key));
    Supports covered, rest;
    for (const SupportRecord& support : edge->record.supports()) {
      *(move.Covers(support.report_id()) ? covered.Add() : rest.Add()) =
          support;
    }
    if (covered.empty()) continue;
    if (target.src == target.dst) {
      return absl::FailedPreconditionError(
          "the two entities are related to each other; remove that relation "
          "first");
    }
    GOVGRAPH_ASSIGN_OR_RETURN(EdgeState * into, LoadEdge(target));
    into->record.set_role(edge->record.role());
    const std::string before = EncodeOutEdgeKey(key);
    const std::string after = EncodeOutEdgeKey(target);
    for (const SupportRecord& support : covered) {
      UniteSupport(support, into->record.mutable_supports());
      moved_edges_[support.report_id()].emplace_back(before, after);
    }
    edge->record.mutable_supports()->Swap(&rest);
    ++moved;
  }
  return moved;
}

absl::Status RocksDbGraphStore::Transaction::RewriteReportRecords(
    const Move& move, const std::vector<std::string>& reports) {
  for (const std::string& report_id : reports) {
    GOVGRAPH_ASSIGN_OR_RETURN(uint64_t report,
                              store_->LookupId(report_id, nullptr));
    GOVGRAPH_ASSIGN_OR_RETURN(ReportRecord record, LoadReportRecord(report));
    ReplaceUnique(move.from, move.to, record.mutable_entities());
    std::vector<std::string> keys(record.out_edge_keys().begin(),
                                  record.out_edge_keys().end());
    for (const auto& [before, after] : moved_edges_[report_id]) {
      std::replace(keys.begin(), keys.end(), before, after);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    record.clear_out_edge_keys();
    for (std::string& key : keys) record.add_out_edge_keys(std::move(key));
    batch_.Put(store_->cf(kReports), EncodeEntityKey(report),
               record.SerializeAsString());
  }
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> RocksDbGraphStore::Transaction::NextAuditId() {
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db_->NewIterator(rocksdb::ReadOptions(), store_->cf(kAudit)));
  it->SeekToLast();
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(it->status()));
  if (!it->Valid()) return 1;
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t last, DecodeU64(ToView(it->key())));
  return last + 1;
}

absl::StatusOr<AuditRecord> RocksDbGraphStore::Transaction::LoadAudit(
    uint64_t id) {
  std::string value;
  rocksdb::Status s = store_->db_->Get(
      rocksdb::ReadOptions(), store_->cf(kAudit), EncodeU64(id), &value);
  if (s.IsNotFound()) {
    return absl::NotFoundError(absl::StrCat("audit entry ", id, " not found"));
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  AuditRecord record;
  if (!record.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("audit entry ", id, " is corrupt"));
  }
  return record;
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::FinishCuration(
    AuditRecord audit, int relations_moved) {
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t id, NextAuditId());
  audit.set_id(id);
  if (audit.undoes() != 0) {
    GOVGRAPH_ASSIGN_OR_RETURN(AuditRecord undone, LoadAudit(audit.undoes()));
    undone.set_undone_by(id);
    batch_.Put(store_->cf(kAudit), EncodeU64(undone.id()),
               undone.SerializeAsString());
  }
  batch_.Put(store_->cf(kAudit), EncodeU64(id), audit.SerializeAsString());
  DeleteResult unused;
  GOVGRAPH_RETURN_IF_ERROR(FinishFacts(/*report_entity=*/0, &unused));
  GOVGRAPH_RETURN_IF_ERROR(FinishCounters(0));
  GOVGRAPH_RETURN_IF_ERROR(Commit());
  CurationResult result;
  result.audit = ToAuditEntry(audit);
  result.relations_moved = relations_moved;
  result.entity = ToEntity(entities_.at(ids_.at(audit.entity_id())).record,
                           /*with_evidence=*/false);
  if (auto other = ids_.find(audit.other_id()); other != ids_.end()) {
    const EntityRecord& record = entities_.at(other->second).record;
    if (!record.supports().empty()) {
      result.other = ToEntity(record, /*with_evidence=*/false);
    }
  }
  return result;
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::Merge(
    const MergeRequest& request, uint64_t undoes) {
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t source,
                            store_->ResolveId(request.source_id, nullptr));
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t target,
                            store_->ResolveId(request.target_id, nullptr));
  if (source == target) {
    return absl::FailedPreconditionError(
        absl::StrCat("\"", request.source_id, "\" and \"", request.target_id,
                     "\" are one entity already"));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(EntityState * from, LoadEntity(source));
  GOVGRAPH_ASSIGN_OR_RETURN(EntityState * to, LoadEntity(target));
  if (from->old_kind != to->old_kind || to->old_kind == EntityKind::kReport) {
    return absl::FailedPreconditionError(absl::StrCat(
        "cannot merge \"", from->record.id(), "\" (",
        EntityKindName(from->old_kind), ") into \"", to->record.id(), "\" (",
        EntityKindName(to->old_kind),
        "): only entities of one kind, other than reports, merge"));
  }
  AuditRecord audit = NewAudit(CurationOp::kMerge, request.info, undoes);
  audit.set_entity_id(to->record.id());
  audit.set_other_id(from->record.id());
  audit.set_other_name(from->record.name());
  for (const SupportRecord& support : from->record.supports()) {
    audit.add_report_ids(support.report_id());
  }
  const Move move{source, target, /*all_reports=*/true, {}};
  GOVGRAPH_ASSIGN_OR_RETURN(int moved, MoveSupports(move));
  std::vector<std::string> reports(audit.report_ids().begin(),
                                   audit.report_ids().end());
  for (const auto& [report_id, unused] : moved_edges_) {
    if (!Contains(reports, report_id)) reports.push_back(report_id);
  }
  GOVGRAPH_RETURN_IF_ERROR(RewriteReportRecords(move, reports));
  batch_.Put(store_->cf(kRedirects), audit.other_id(), audit.entity_id());
  return FinishCuration(std::move(audit), moved);
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::Split(
    const SplitRequest& request, uint64_t undoes) {
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t source,
                            store_->ResolveId(request.entity_id, nullptr));
  absl::StatusOr<uint64_t> taken = store_->LookupId(request.new_id, nullptr);
  if (taken.ok()) {
    return absl::AlreadyExistsError(
        absl::StrCat("entity \"", request.new_id, "\" already exists"));
  }
  if (!absl::IsNotFound(taken.status())) return taken.status();
  GOVGRAPH_ASSIGN_OR_RETURN(EntityState * from, LoadEntity(source));
  if (from->old_kind == EntityKind::kReport) {
    return absl::FailedPreconditionError("reports cannot be split");
  }
  for (const std::string& report_id : request.report_ids) {
    bool supports = false;
    for (const SupportRecord& support : from->record.supports()) {
      supports = supports || support.report_id() == report_id;
    }
    if (!supports) {
      return absl::NotFoundError(absl::StrCat("report \"", report_id,
                                              "\" does not support \"",
                                              from->record.id(), "\""));
    }
  }
  const Move move{source, next_entity_id_++, false, request.report_ids};
  if (static_cast<size_t>(from->record.supports_size()) <=
      request.report_ids.size()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the split would leave \"", from->record.id(), "\" with no report"));
  }
  EntityState& created = entities_[move.to];
  created.id = move.to;
  created.keep_name = !request.new_name.empty();
  created.record.set_id(request.new_id);
  created.record.set_kind(from->record.kind());
  ids_[request.new_id] = move.to;
  GOVGRAPH_ASSIGN_OR_RETURN(int moved, MoveSupports(move));
  created.record.set_name(request.new_name.empty()
                              ? MostUsedName(created.record.supports())
                              : request.new_name);
  if (created.record.name().empty()) created.record.set_name(request.new_id);
  GOVGRAPH_RETURN_IF_ERROR(RewriteReportRecords(move, request.report_ids));
  batch_.Delete(store_->cf(kRedirects), request.new_id);
  // Re-ingesting those reports keeps their statements on the new entity.
  for (const std::string& report_id : request.report_ids) {
    batch_.Put(store_->cf(kRedirects),
               EncodeSplitRedirectKey(report_id, from->record.id()),
               request.new_id);
  }
  AuditRecord audit = NewAudit(CurationOp::kSplit, request.info, undoes);
  audit.set_entity_id(from->record.id());
  audit.set_other_id(request.new_id);
  audit.set_other_name(created.record.name());
  for (const std::string& report_id : request.report_ids) {
    audit.add_report_ids(report_id);
  }
  return FinishCuration(std::move(audit), moved);
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::RunMerge(
    const MergeRequest& request) {
  return Merge(request, /*undoes=*/0);
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::RunSplit(
    const SplitRequest& request) {
  return Split(request, /*undoes=*/0);
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::RunUndo(
    const UndoRequest& request) {
  GOVGRAPH_ASSIGN_OR_RETURN(AuditRecord entry, LoadAudit(request.audit_id));
  if (entry.undone_by() != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("audit entry ", entry.id(), " was undone by entry ",
                     entry.undone_by()));
  }
  if (entry.operation() == static_cast<uint32_t>(CurationOp::kSplit)) {
    return Merge(
        MergeRequest{entry.other_id(), entry.entity_id(), request.info},
        entry.id());
  }
  // A merge: split its reports back out, but only those still supporting
  // the merged entity (others may have been deleted since).
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t merged,
                            store_->ResolveId(entry.entity_id(), nullptr));
  GOVGRAPH_ASSIGN_OR_RETURN(EntityState * state, LoadEntity(merged));
  SplitRequest split{entry.entity_id(),
                     entry.other_id(),
                     entry.other_name(),
                     {},
                     request.info};
  for (const std::string& report_id : entry.report_ids()) {
    for (const SupportRecord& support : state->record.supports()) {
      if (support.report_id() == report_id) {
        split.report_ids.push_back(report_id);
      }
    }
  }
  if (split.report_ids.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("no report of audit entry ", entry.id(), " supports \"",
                     entry.entity_id(), "\" any more"));
  }
  return Split(split, entry.id());
}

absl::StatusOr<CurationResult> RocksDbGraphStore::MergeEntities(
    const MergeRequest& request) {
  return Write<CurationResult>(
      [&](Transaction& t) { return t.RunMerge(request); });
}

absl::StatusOr<CurationResult> RocksDbGraphStore::SplitEntity(
    const SplitRequest& request) {
  return Write<CurationResult>(
      [&](Transaction& t) { return t.RunSplit(request); });
}

absl::StatusOr<CurationResult> RocksDbGraphStore::UndoCuration(
    const UndoRequest& request) {
  return Write<CurationResult>(
      [&](Transaction& t) { return t.RunUndo(request); });
}

absl::StatusOr<std::vector<AuditEntry>> RocksDbGraphStore::ScanAudit(
    uint64_t before_id, size_t limit) {
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), cf(kAudit)));
  if (before_id == 0) {
    it->SeekToLast();
  } else {
    it->SeekForPrev(EncodeU64(before_id - 1));
  }
  std::vector<AuditEntry> entries;
  for (; it->Valid() && entries.size() < limit; it->Prev()) {
    AuditRecord record;
    if (!record.ParseFromArray(it->value().data(),
                               static_cast<int>(it->value().size()))) {
      return absl::DataLossError("audit entry is corrupt");
    }
    entries.push_back(ToAuditEntry(record));
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(it->status()));
  return entries;
}

}  // namespace govgraph::storage
