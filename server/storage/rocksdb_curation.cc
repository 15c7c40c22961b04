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

// Supports of `report_id` in `supports`.
bool HasReport(const Supports& supports, absl::string_view report_id) {
  for (const SupportRecord& support : supports) {
    if (support.report_id() == report_id) return true;
  }
  return false;
}

// Puts `now` in `items` in place of `before`, or beside it if `keep`.
template <typename Items, typename T>
void Repoint(const T& before, const T& now, bool keep, Items* items) {
  std::vector<T> out;
  for (const T& item : *items) {
    if (item == before && !keep) {
      out.push_back(now);
    } else {
      out.push_back(item);
      if (item == before) out.push_back(now);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  items->Clear();
  for (T& item : out) *items->Add() = std::move(item);
}

}  // namespace

bool RocksDbGraphStore::Transaction::Move::Covers(
    const SupportRecord& support) const {
  switch (select) {
    case Select::kAll:
      return true;
    case Select::kReports:
      return Contains(report_ids, support.report_id());
    case Select::kStatedAs:
      return support.stated_as() == stated_as;
  }
  return false;
}

SupportRecord RocksDbGraphStore::Transaction::Move::Moved(
    SupportRecord support) const {
  if (support.stated_as().empty()) support.set_stated_as(from_id);
  if (support.stated_as() == to_id) support.clear_stated_as();
  return support;
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
    if (move.Covers(support)) {
      UniteSupport(move.Moved(support), to.record.mutable_supports());
    } else {
      *kept.Add() = support;
    }
  }
  from->record.mutable_supports()->Swap(&kept);

  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<EdgeKey> keys, EdgeKeysOf(move.from));
  int moved = 0;
  for (const EdgeKey& key : keys) {
    EdgeKey target = key;
    if (target.source == move.from) target.source = move.to;
    if (target.target == move.from) target.target = move.to;
    GOVGRAPH_ASSIGN_OR_RETURN(EdgeState * edge, LoadEdge(key));
    Supports covered, rest;
    for (const SupportRecord& support : edge->record.supports()) {
      *(move.Covers(support) ? covered.Add() : rest.Add()) = support;
    }
    if (covered.empty()) continue;
    if (target.source == target.target) {
      return absl::FailedPreconditionError(
          "the two entities are related to each other; remove that relation "
          "first");
    }
    GOVGRAPH_ASSIGN_OR_RETURN(EdgeState * into, LoadEdge(target));
    into->record.set_role(edge->record.role());
    const std::string before = EncodeOutEdgeKey(key);
    const std::string after = EncodeOutEdgeKey(target);
    for (const SupportRecord& support : covered) {
      UniteSupport(move.Moved(support), into->record.mutable_supports());
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
    // What the report still supports on the old side stays listed too.
    Repoint(move.from, move.to,
            HasReport(entities_.at(move.from).record.supports(), report_id),
            record.mutable_entities());
    for (const auto& [before, after] : moved_edges_[report_id]) {
      Repoint(before, after,
              HasReport(edges_.at(before).record.supports(), report_id),
              record.mutable_out_edge_keys());
    }
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
    if (!Contains(audit.report_ids(), support.report_id())) {
      audit.add_report_ids(support.report_id());
    }
  }
  Move move;
  move.from = source;
  move.to = target;
  move.from_id = from->record.id();
  move.to_id = to->record.id();
  GOVGRAPH_ASSIGN_OR_RETURN(int moved, MoveSupports(move));
  GOVGRAPH_RETURN_IF_ERROR(RewriteReportRecords(
      move,
      MovedReports({audit.report_ids().begin(), audit.report_ids().end()})));
  batch_.Put(store_->cf(kRedirects), audit.other_id(), audit.entity_id());
  return FinishCuration(std::move(audit), moved);
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::Split(
    const SplitRequest& request, uint64_t undoes, bool by_stated_as) {
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
  Move move;
  move.from = source;
  move.to = next_entity_id_++;
  move.from_id = from->record.id();
  move.to_id = request.new_id;
  move.select = by_stated_as ? Move::Select::kStatedAs : Move::Select::kReports;
  move.stated_as = request.new_id;
  move.report_ids = request.report_ids;
  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<std::string> reports,
                            CoveredReports(move, from->record));
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
  GOVGRAPH_RETURN_IF_ERROR(RewriteReportRecords(move, MovedReports(reports)));
  batch_.Delete(store_->cf(kRedirects), request.new_id);
  // Re-ingesting a curator's reports keeps their statements on the new
  // entity (an undone merge needs none: the reports name it themselves).
  for (const std::string& report_id :
       by_stated_as ? std::vector<std::string>() : reports) {
    batch_.Put(store_->cf(kRedirects),
               EncodeSplitRedirectKey(report_id, from->record.id()),
               request.new_id);
  }
  AuditRecord audit = NewAudit(CurationOp::kSplit, request.info, undoes);
  audit.set_entity_id(from->record.id());
  audit.set_other_id(request.new_id);
  audit.set_other_name(created.record.name());
  for (const std::string& report_id : reports) audit.add_report_ids(report_id);
  return FinishCuration(std::move(audit), moved);
}

absl::StatusOr<std::vector<std::string>>
RocksDbGraphStore::Transaction::CoveredReports(const Move& move,
                                               const EntityRecord& from) {
  std::vector<std::string> reports;
  int kept = 0;
  for (const SupportRecord& support : from.supports()) {
    if (!move.Covers(support)) {
      ++kept;
    } else if (!Contains(reports, support.report_id())) {
      reports.push_back(support.report_id());
    }
  }
  for (const std::string& report_id : move.report_ids) {
    if (move.select == Move::Select::kReports &&
        !Contains(reports, report_id)) {
      return absl::NotFoundError(absl::StrCat(
          "report \"", report_id, "\" does not support \"", from.id(), "\""));
    }
  }
  if (reports.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("nothing of \"", from.id(), "\" was stated as \"",
                     move.stated_as, "\" any more"));
  }
  if (kept == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the split would leave \"", from.id(), "\" with no report"));
  }
  return reports;
}

std::vector<std::string> RocksDbGraphStore::Transaction::MovedReports(
    std::vector<std::string> reports) const {
  std::vector<std::string> out = std::move(reports);
  for (const auto& [report_id, unused] : moved_edges_) {
    if (!Contains(out, report_id)) out.push_back(report_id);
  }
  return out;
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::RunMerge(
    const MergeRequest& request) {
  return Merge(request, /*undoes=*/0);
}

absl::StatusOr<CurationResult> RocksDbGraphStore::Transaction::RunSplit(
    const SplitRequest& request) {
  return Split(request, /*undoes=*/0, /*by_stated_as=*/false);
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
  // A merge: split back out what was stated as the merged-away id.
  return Split(SplitRequest{entry.entity_id(),
                            entry.other_id(),
                            entry.other_name(),
                            {},
                            request.info},
               entry.id(), /*by_stated_as=*/true);
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
