// Private to the RocksDB store: one write of RocksDbGraphStore, gathered in
// memory and committed as one WriteBatch. Report writes (ApplyReport,
// DeleteReport) are in rocksdb_apply.cc; curation (merge, split, undo) in
// rocksdb_curation.cc.
//
// A transaction loads every entity and edge it changes into entities_ and
// edges_, edits their records (supports above all), and FinishFacts writes
// them back: a fact left with no support is deleted with its index entries,
// and the per-kind counters follow.
#ifndef GOVGRAPH_SERVER_STORAGE_ROCKSDB_TRANSACTION_H_
#define GOVGRAPH_SERVER_STORAGE_ROCKSDB_TRANSACTION_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "govgraph/storage/records.pb.h"
#include "rocksdb/write_batch.h"
#include "server/common/status_macros.h"
#include "server/storage/key_codec.h"
#include "server/storage/rocksdb_graph_store.h"
#include "server/storage/rocksdb_status.h"

namespace govgraph::storage {

// Not thread-safe: runs under RocksDbGraphStore::write_mu_.
class RocksDbGraphStore::Transaction {
 public:
  Transaction(RocksDbGraphStore* store, uint64_t next_entity_id)
      : store_(store), next_entity_id_(next_entity_id) {}

  absl::StatusOr<ApplyResult> Run(const ReportFacts& facts);
  // Withdraws report `report_id`; kNotFound unless it is a stored report.
  absl::StatusOr<DeleteResult> RunDelete(absl::string_view report_id);
  // See GraphStore::MergeEntities, SplitEntity and UndoCuration.
  absl::StatusOr<CurationResult> RunMerge(const MergeRequest& request);
  absl::StatusOr<CurationResult> RunSplit(const SplitRequest& request);
  absl::StatusOr<CurationResult> RunUndo(const UndoRequest& request);
  uint64_t next_entity_id() const { return next_entity_id_; }

 private:
  struct EntityState {
    uint64_t id = 0;
    bool existed = false;
    bool keep_name = false;  // A curator named it: RefreshNames keeps it.
    EntityKind old_kind = EntityKind::kUnspecified;
    std::vector<std::string> old_names;  // Folded names when loaded.
    std::string loaded_id;               // External id when loaded.
    EntityRecord record;
  };
  struct EdgeState {
    EdgeKey key;
    bool existed = false;
    EdgeRecord record;
  };
  // Which supports move, from which entity to which.
  struct Move {
    enum class Select { kAll, kReports, kStatedAs };
    uint64_t from = 0;
    uint64_t to = 0;
    std::string from_id;  // External ids.
    std::string to_id;
    Select select = Select::kAll;
    std::vector<std::string> report_ids;  // kReports: these reports'.
    std::string stated_as;                // kStatedAs: those stated so.
    bool Covers(const SupportRecord& support) const;
    // `support` as it is once moved: stated under the id it came from,
    // unless that is the id of the entity it moves to.
    SupportRecord Moved(SupportRecord support) const;
  };

  // --- Report writes (rocksdb_apply.cc).
  absl::Status Withdraw(const ReportRecord& old_report);
  // The stored record of report entity `report_entity`, or kNotFound if
  // that entity is not a report.
  absl::StatusOr<ReportRecord> LoadReportRecord(uint64_t report_entity);
  absl::StatusOr<EntityState*> LoadEntity(uint64_t id);
  absl::StatusOr<EdgeState*> LoadEdge(const EdgeKey& key);
  absl::StatusOr<std::string> SplitRedirect(const Entity& entity);
  absl::StatusOr<uint64_t> AddEntity(const Entity& entity);
  absl::Status AddRelation(const Relation& relation);
  absl::Status FinishEntity(EntityState& state);
  // Writes the keys of `which` (cf "names" or "words") that differ between
  // the sorted `old_keys` and `new_keys` of entity `id`.
  void UpdateNameKeys(Cf which, uint64_t id,
                      const std::vector<std::string>& old_keys,
                      const std::vector<std::string>& new_keys);
  absl::Status FinishEdge(EdgeState& state);
  // Writes every entity and edge the transaction touched; counts in
  // `removed` those left with no support (`report_entity` itself aside).
  absl::Status FinishFacts(uint64_t report_entity, DeleteResult* removed);
  absl::Status FinishCounters(int64_t report_delta);
  absl::Status Commit();

  // --- Curation (rocksdb_curation.cc).
  // Moves the covered supports of `move.from` and of its edges to
  // `move.to`, and rewrites the records of the reports concerned. Returns
  // the number of relations whose support moved.
  absl::StatusOr<int> MoveSupports(const Move& move);
  absl::StatusOr<std::vector<EdgeKey>> EdgeKeysOf(uint64_t node);
  absl::Status RewriteReportRecords(const Move& move,
                                    const std::vector<std::string>& reports);
  // The reports `move` takes from `from`; kNotFound for a listed report
  // that does not support it, kFailedPrecondition if it takes nothing or
  // everything.
  absl::StatusOr<std::vector<std::string>> CoveredReports(
      const Move& move, const EntityRecord& from);
  // `reports` and those whose edge support moved.
  std::vector<std::string> MovedReports(std::vector<std::string> reports) const;
  absl::StatusOr<uint64_t> NextAuditId();
  absl::StatusOr<AuditRecord> LoadAudit(uint64_t id);
  // Adds the audit entry (and the redirects) of a finished curation, then
  // writes everything.
  absl::StatusOr<CurationResult> FinishCuration(AuditRecord audit,
                                                int relations_moved);
  // `by_stated_as`: move what was stated as `request.new_id` (undoing a
  // merge) instead of what `request.report_ids` stated.
  absl::StatusOr<CurationResult> Split(const SplitRequest& request,
                                       uint64_t undoes, bool by_stated_as);
  absl::StatusOr<CurationResult> Merge(const MergeRequest& request,
                                       uint64_t undoes);

  RocksDbGraphStore* const store_;
  uint64_t next_entity_id_;
  std::string report_id_;
  std::string report_date_;
  std::string extractor_version_;
  // Node maps: states are referred to by pointer while others are loaded.
  absl::node_hash_map<uint64_t, EntityState> entities_;
  absl::flat_hash_map<std::string, uint64_t> ids_;     // External -> internal.
  absl::node_hash_map<std::string, EdgeState> edges_;  // By out-edge key.
  // Curation: out-edge key before -> after, per report whose support moved.
  absl::btree_map<std::string, std::vector<std::pair<std::string, std::string>>>
      moved_edges_;
  std::array<int64_t, kMaxEntityKind + 1> entity_delta_ = {};
  std::array<int64_t, kMaxRelationType + 1> relation_delta_ = {};
  ReportRecord report_record_;
  rocksdb::WriteBatch batch_;
  ApplyResult result_;
};

template <typename Result, typename Body>
absl::StatusOr<Result> RocksDbGraphStore::Write(Body body, bool sync) {
  absl::StatusOr<Result> result;
  uint64_t ticket = 0;
  {
    absl::MutexLock lock(&write_mu_);
    GOVGRAPH_RETURN_IF_ERROR(ResumeWrites());
    Transaction transaction(this, next_entity_id_);
    result = body(transaction);
    if (result.ok()) {
      next_entity_id_ = transaction.next_entity_id();
      ticket = ++written_;
    } else {
      NoteWriteError(result.status());
    }
    ++version_;  // Also after a failure: a cache may be safely dropped.
  }
  // Outside the write lock: the next writer goes on meanwhile, and one
  // fsync makes both durable (group commit).
  if (result.ok() && sync && sync_writes_) {
    GOVGRAPH_RETURN_IF_ERROR(SyncThrough(ticket));
  }
  return result;
}

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_ROCKSDB_TRANSACTION_H_
