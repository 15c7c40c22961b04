// GraphStore on an embedded RocksDB: the layout is in key_codec.h. Writes
// (ApplyReport, DeleteReport, curation) are serialised by one mutex and
// committed as one WriteBatch (ImportGraph: one atomic SST ingestion); reads go
// straight to RocksDB and never block on writers.
#ifndef GOVGRAPH_SERVER_STORAGE_ROCKSDB_GRAPH_STORE_H_
#define GOVGRAPH_SERVER_STORAGE_ROCKSDB_GRAPH_STORE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "govgraph/storage/records.pb.h"
#include "server/storage/graph_store.h"
#include "server/storage/key_codec.h"

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Env;
class Snapshot;
}  // namespace rocksdb

namespace govgraph::storage {

struct RocksDbOptions {
  // Directory of the database; created if missing. Required.
  std::string path;
  // fsync the WAL before a write (ApplyReport, DeleteReport, curation)
  // returns, so nothing acknowledged is lost on power failure; concurrent
  // writers share fsyncs. Default: true.
  bool sync_writes = true;
  // Shared block cache. Default: 256 MiB.
  size_t block_cache_bytes = 256 << 20;
  // The Env file I/O goes through (tests inject disk errors with one); not
  // owned, must outlive the store. Null: the default.
  rocksdb::Env* env = nullptr;
};

// What the engine reports about itself, for monitoring. Counters
// (`_total`) count since the store was opened.
struct EngineFigures {
  int64_t sst_bytes = 0;       // Table files, all column families.
  int64_t memtable_bytes = 0;  // Not yet flushed.
  int64_t block_cache_usage_bytes = 0;
  int64_t block_cache_capacity_bytes = 0;
  uint64_t block_cache_hits_total = 0;
  uint64_t block_cache_misses_total = 0;
  // Bytes compaction must still rewrite to reach the LSM's target shape.
  int64_t pending_compaction_bytes = 0;
  // Time writes were delayed or stopped to let compaction catch up.
  uint64_t write_stall_micros_total = 0;
  bool writes_stopped = false;
  // Writes failed on a disk error and have not resumed yet; see
  // writes_need_restart().
  bool writes_failed = false;
  bool writes_need_restart = false;
};

// Thread-safe.
class RocksDbGraphStore : public GraphStore {
 public:
  // Opens (creating if missing) the store at `options.path`. Returns
  // kFailedPrecondition if another process holds the database lock or the
  // data was written by a newer schema; kDataLoss on corruption; another
  // error if the directory cannot be used. The caller owns the result.
  static absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> Open(
      const RocksDbOptions& options);

  // Closes the database; pending writes are already durable.
  ~RocksDbGraphStore() override;

  RocksDbGraphStore(const RocksDbGraphStore&) = delete;
  RocksDbGraphStore& operator=(const RocksDbGraphStore&) = delete;

  // True once a disk error stopped writes for good: RocksDB takes writes
  // again only after the database is reopened (the process restarted).
  // Reads go on. After other disk errors (a full disk), writes resume by
  // themselves once the disk works.
  bool writes_need_restart() const { return writes_need_restart_.load(); }

  absl::StatusOr<ApplyResult> ApplyReport(const ReportFacts& facts) override;
  absl::StatusOr<ApplyResult> ApplyReportDeferred(
      const ReportFacts& facts) override;
  absl::Status SyncWrites() override;
  absl::StatusOr<DeleteResult> DeleteReport(
      absl::string_view report_id) override;
  absl::StatusOr<Entity> GetEntity(absl::string_view id) override;
  absl::StatusOr<Relation> GetRelation(const RelationKeyQuery& key) override;
  absl::StatusOr<std::vector<EdgeHit>> ScanEdges(const EdgeScan& scan) override;
  absl::StatusOr<std::vector<NameHit>> ScanNames(
      absl::string_view folded_prefix, absl::string_view start_after,
      size_t limit) override;
  absl::StatusOr<WordMatches> FindByWords(
      const std::vector<std::string>& folded_words, size_t limit) override;
  absl::StatusOr<GraphStats> GetStats() override;
  uint64_t Version() override;
  std::unique_ptr<ReadPin> PinReads() override;
  absl::StatusOr<CurationResult> MergeEntities(
      const MergeRequest& request) override;
  absl::StatusOr<CurationResult> SplitEntity(
      const SplitRequest& request) override;
  absl::StatusOr<CurationResult> UndoCuration(
      const UndoRequest& request) override;
  absl::StatusOr<std::vector<AuditEntry>> ScanAudit(uint64_t before_id,
                                                    size_t limit) override;
  absl::StatusOr<ImportResult> ImportGraph(const GraphImport& graph) override;
  // Backups: rocksdb_backup.cc.
  absl::StatusOr<BackupInfo> Backup(const std::string& dir) override;

  // Restores the latest backup in `backup_dir` into `data_dir`, which must
  // not exist or be empty (else kFailedPrecondition), after verifying every
  // file's checksum (kDataLoss if one is damaged). kNotFound if
  // `backup_dir` holds no backup; kFailedPrecondition if the backup is of a
  // newer schema. Open the store afterwards.
  static absl::StatusOr<BackupInfo> RestoreLatestBackup(
      const std::string& backup_dir, const std::string& data_dir);
  // Holds every entity's external id in memory for the relation pass
  // (rocksdb_scan.cc).
  absl::Status ScanGraph(const GraphScan& scan) override;
  // Walks and ScanEdges: rocksdb_walk.cc.
  absl::StatusOr<NodeHandle> FindHandle(absl::string_view id) override;
  absl::StatusOr<std::vector<EdgeRef>> ScanAdjacency(
      const AdjacencyScan& scan) override;
  absl::StatusOr<Entity> EntityOf(NodeHandle node) override;
  absl::StatusOr<std::vector<Entity>> EntitiesOf(
      const std::vector<NodeHandle>& nodes) override;
  absl::StatusOr<Relation> RelationOf(const EdgeRef& ref,
                                      bool with_evidence) override;
  absl::StatusOr<EdgeRef> FindRelationRef(const RelationKeyQuery& key) override;

  // Read from RocksDB's properties and statistics; cheap enough for every
  // metrics scrape (rocksdb_figures.cc).
  EngineFigures Figures() const;

 private:
  class Transaction;
  class Importer;  // rocksdb_import.cc

  // Indexes into handles_, in the order of key_codec.h's column families.
  enum Cf : int {
    kMeta = 0,
    kIds,
    kEntities,
    kNames,
    kOutEdges,
    kInEdges,
    kReports,
    kRedirects,
    kAudit,
    kWords,
    kNumCfs
  };

  RocksDbGraphStore(std::unique_ptr<rocksdb::DB> db,
                    std::vector<rocksdb::ColumnFamilyHandle*> handles,
                    uint64_t next_entity_id, bool sync_writes);

  rocksdb::ColumnFamilyHandle* cf(Cf which) const { return handles_[which]; }

  // The snapshot a read uses: the calling thread's pin of this store
  // (PinReads) if it holds one, else `given` (null: the latest state).
  const rocksdb::Snapshot* ReadSnapshot(const rocksdb::Snapshot* given) const;

  // The snapshot a read method that makes several reads uses: the calling
  // thread's pin of this store if it holds one (a query's), else a pin of
  // the method's own.
  class MethodSnapshot {
   public:
    explicit MethodSnapshot(RocksDbGraphStore* store)
        : pin_(store->PinReads()), snapshot_(store->ReadSnapshot(nullptr)) {}
    const rocksdb::Snapshot* get() const { return snapshot_; }

   private:
    const std::unique_ptr<ReadPin> pin_;
    const rocksdb::Snapshot* const snapshot_;
  };

  // kNotFound if absent. `snapshot` may be null (latest state).
  absl::StatusOr<uint64_t> LookupId(absl::string_view external_id,
                                    const rocksdb::Snapshot* snapshot) const;
  // As LookupId, but an id merged away resolves to the entity it was merged
  // into.
  absl::StatusOr<uint64_t> ResolveId(absl::string_view external_id,
                                     const rocksdb::Snapshot* snapshot) const;
  // Runs `body` on a new Transaction under write_mu_, keeping the entity id
  // counter it advanced if it succeeds; then, if `sync` (and sync_writes_),
  // waits until the write is durable.
  template <typename Result, typename Body>
  absl::StatusOr<Result> Write(Body body, bool sync = true);
  // The record of the relation `key` names between internal ids `src` and
  // `dst`; kNotFound if there is none.
  struct FoundEdge {
    EdgeKey key;
    EdgeRecord record;
  };
  absl::StatusOr<FoundEdge> FindEdgeRecord(
      uint64_t src, uint64_t dst, const RelationKeyQuery& key,
      const rocksdb::Snapshot* snapshot) const;
  using PrefixVisitor = std::function<absl::Status(absl::string_view key,
                                                   absl::string_view value)>;
  // Calls `visit` on the keys of `which` that start with `prefix`, in
  // order, after `start_after` (empty: from the first), at most `limit`
  // times; stops at the first error it returns.
  absl::Status ScanPrefix(Cf which, absl::string_view prefix,
                          absl::string_view start_after, size_t limit,
                          const rocksdb::Snapshot* snapshot,
                          const PrefixVisitor& visit) const;
  // The relation `key` and `record` describe, its endpoints named.
  absl::StatusOr<Relation> NamedRelation(
      const EdgeKey& key, const EdgeRecord& record, bool with_evidence,
      const rocksdb::Snapshot* snapshot) const;
  // kNotFound if absent.
  absl::StatusOr<EntityRecord> ReadRecord(
      uint64_t id, const rocksdb::Snapshot* snapshot) const;
  // kDataLoss if absent: `id` was found in an index.
  absl::StatusOr<EntityRecord> LoadRecord(
      uint64_t id, const rocksdb::Snapshot* snapshot) const;
  // Reads a u64 meta counter; 0 if absent.
  absl::StatusOr<uint64_t> ReadCounter(absl::string_view key) const;
  // The values of `keys` in `which`, read in one batch; a status of code
  // `missing` if one is absent.
  absl::StatusOr<std::vector<std::string>> MultiRead(
      Cf which, const std::vector<std::string>& keys,
      const rocksdb::Snapshot* snapshot,
      absl::StatusCode missing = absl::StatusCode::kDataLoss) const;

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // Order: key_codec.h.
  const bool sync_writes_;

  // Returns once the WAL is synced past the write numbered `ticket` (see
  // written_): whoever finds no sync running starts one for every write so
  // far, the others wait for it. kUnavailable if the sync fails.
  absl::Status SyncThrough(uint64_t ticket);

  // After a write or WAL sync failed on I/O (kUnavailable): RocksDB takes
  // no writes until resumed. Call before each write; kUnavailable while the
  // disk still fails (rocksdb_resume.cc).
  absl::Status ResumeWrites() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Records that a write failed with `status` (any thread).
  void NoteWriteError(const absl::Status& status);

  // Advanced after every write that succeeded (see Version).
  std::atomic<uint64_t> version_{0};
  absl::Mutex write_mu_;
  // Writes committed to the WAL so far (their tickets), under write_mu_.
  std::atomic<uint64_t> written_{0};
  absl::Mutex sync_mu_;
  bool syncing_ ABSL_GUARDED_BY(sync_mu_) = false;
  uint64_t synced_ ABSL_GUARDED_BY(sync_mu_) = 0;  // Durable up to here.
  uint64_t next_entity_id_ ABSL_GUARDED_BY(write_mu_);
  std::atomic<bool> write_failed_{false};
  std::atomic<bool> writes_need_restart_{false};
  absl::Time next_resume_attempt_ ABSL_GUARDED_BY(write_mu_) =
      absl::InfinitePast();
  absl::Status resume_error_ ABSL_GUARDED_BY(write_mu_);
};

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_ROCKSDB_GRAPH_STORE_H_
