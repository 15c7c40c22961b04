// An in-memory GraphStore for tests of the layers above storage (query,
// ingest, service). It keeps the orderings, limits, positions and error
// codes documented in storage/graph_store.h, but ApplyReport only upserts
// and DeleteReport only removes the report node: replacing or withdrawing
// what a report said is the RocksDB store's job.
#ifndef GOVGRAPH_TESTS_TESTING_FAKE_GRAPH_STORE_H_
#define GOVGRAPH_TESTS_TESTING_FAKE_GRAPH_STORE_H_

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"

namespace govgraph::fakes {

// Orders edges of a node by relation type, then the other endpoint's id,
// then role, and name-index entries by folded name (bytewise), then entity
// id. Positions are private to this class. Thread-safe.
class FakeGraphStore : public storage::GraphStore {
 public:
  // Adds `entity`, or replaces the entity with its id, and indexes
  // FoldName of its name and each alias.
  void PutEntity(Entity entity);

  // Adds `relation`, or replaces the one with the same type, endpoints and
  // role. kInvalidArgument if an endpoint was never put or the type is
  // kUnspecified.
  absl::Status PutRelation(Relation relation);

  // Every later GraphStore call returns `status` until FailWith(OkStatus()).
  void FailWith(absl::Status status);

  // Number of ScanEdges / ScanNames calls so far.
  int scan_edges_calls() const;
  int scan_names_calls() const;

  // Upserts `facts.report`, the entities, then the relations (nothing
  // is removed). kFailedPrecondition if an id names an entity of another
  // kind; kInvalidArgument if a relation endpoint is unknown.
  absl::StatusOr<storage::ApplyResult> ApplyReport(
      const ReportFacts& facts) override;
  // ApplyReport: nothing is ever synced, so SyncWrites is OK.
  absl::StatusOr<storage::ApplyResult> ApplyReportDeferred(
      const ReportFacts& facts) override {
    return ApplyReport(facts);
  }
  absl::Status SyncWrites() override { return absl::OkStatus(); }
  // kFailedPrecondition: the fake keeps no files to back up.
  absl::StatusOr<storage::BackupInfo> Backup(const std::string&) override {
    return absl::FailedPreconditionError("the fake store has no files");
  }
  // Removes the report entity and the relations that touch it (support is
  // not tracked, so nothing else is removed); relations_removed counts
  // them. kNotFound unless ApplyReport stored report `report_id`.
  absl::StatusOr<storage::DeleteResult> DeleteReport(
      absl::string_view report_id) override;
  absl::StatusOr<Entity> GetEntity(absl::string_view id) override;
  absl::StatusOr<Relation> GetRelation(
      const storage::RelationKeyQuery& key) override;
  absl::StatusOr<std::vector<storage::EdgeHit>> ScanEdges(
      const storage::EdgeScan& scan) override;
  absl::StatusOr<std::vector<storage::NameHit>> ScanNames(
      absl::string_view folded_prefix, absl::string_view start_after,
      size_t limit) override;
  // Scans every entity's indexed names (ids in order).
  absl::StatusOr<storage::WordMatches> FindByWords(
      const std::vector<std::string>& folded_words, size_t limit) override;
  absl::StatusOr<GraphStats> GetStats() override;
  // A copy of everything taken under the lock, then handed over.
  absl::Status ScanGraph(const storage::GraphScan& scan) override;
  // Advances with every call that may write.
  uint64_t Version() override;
  // Single-threaded: reads need no pin.
  std::unique_ptr<storage::ReadPin> PinReads() override { return nullptr; }

  // Curation is recorded, not performed: each call checks that the ids
  // exist (kNotFound), that a split's new id does not (kAlreadyExists) and
  // that an undone entry exists and was not undone (kFailedPrecondition),
  // then appends an audit entry and returns it with the entity (and, for a
  // split, a new entity named `new_name`); relations do not move.
  absl::StatusOr<storage::CurationResult> MergeEntities(
      const storage::MergeRequest& request) override;
  absl::StatusOr<storage::CurationResult> SplitEntity(
      const storage::SplitRequest& request) override;
  absl::StatusOr<storage::CurationResult> UndoCuration(
      const storage::UndoRequest& request) override;
  absl::StatusOr<std::vector<storage::AuditEntry>> ScanAudit(
      uint64_t before_id, size_t limit) override;
  // kAlreadyExists if a node id is taken; else puts every node and edge
  // (two terms of one role become one relation, the later one's).
  absl::StatusOr<storage::ImportResult> ImportGraph(
      const storage::GraphImport& graph) override;

  // Walks (fake_graph_store_walk.cc). Handles count from 1 in the order
  // entities were first put; `parallel` numbers roles in the order they
  // were first put.
  absl::StatusOr<storage::NodeHandle> FindHandle(absl::string_view id) override;
  absl::StatusOr<std::vector<storage::EdgeRef>> ScanAdjacency(
      const storage::AdjacencyScan& scan) override;
  absl::StatusOr<Entity> EntityOf(storage::NodeHandle node) override;
  absl::StatusOr<std::vector<Entity>> EntitiesOf(
      const std::vector<storage::NodeHandle>& nodes) override;
  absl::StatusOr<Relation> RelationOf(const storage::EdgeRef& ref,
                                      bool with_evidence) override;
  absl::StatusOr<storage::EdgeRef> FindRelationRef(
      const storage::RelationKeyQuery& key) override;

 private:
  // (node, type, other node, role): an edge seen from `node`.
  using EdgeKey = std::tuple<std::string, int, std::string, std::string>;
  // (folded name, entity id).
  using NameKey = std::pair<std::string, std::string>;

  // Appends `entry` to the audit log with the next id; returns the result.
  storage::CurationResult AuditLocked(storage::AuditEntry entry,
                                      const std::string& entity_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status CheckKindsLocked(const ReportFacts& facts) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PutEntityLocked(Entity entity) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status PutRelationLocked(Relation relation)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void IndexNamesLocked(const Entity& entity, bool add)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The edge key to resume `scan` after; kInvalidArgument if its
  // start_after is not a position of that scan.
  absl::StatusOr<EdgeKey> ScanStartLocked(const storage::EdgeScan& scan) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The canonical key `ref` names; nullopt if a handle or role is unknown.
  std::optional<EdgeKey> KeyOfRefLocked(const storage::EdgeRef& ref) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  storage::EdgeRef RefOfKeyLocked(const EdgeKey& canon) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  storage::EdgeHit MakeEdgeHitLocked(const EdgeKey& key, const EdgeKey& canon,
                                     Direction direction) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::Status failure_ ABSL_GUARDED_BY(mu_);
  int scan_edges_calls_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t version_ ABSL_GUARDED_BY(mu_) = 0;
  int scan_names_calls_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, Entity, std::less<>> entities_ ABSL_GUARDED_BY(mu_);
  // Keyed in canonical orientation (source, type, target, role).
  std::map<EdgeKey, Relation> relations_ ABSL_GUARDED_BY(mu_);
  // [0]: outgoing, keyed from the source; [1]: incoming, keyed from the
  // target. Values are canonical keys into relations_.
  std::map<EdgeKey, EdgeKey> edge_index_[2] ABSL_GUARDED_BY(mu_);
  std::set<NameKey> names_ ABSL_GUARDED_BY(mu_);
  std::set<std::string, std::less<>> reports_ ABSL_GUARDED_BY(mu_);
  std::vector<storage::AuditEntry> audit_ ABSL_GUARDED_BY(mu_);  // By id.
  std::map<std::string, storage::NodeHandle, std::less<>> handles_
      ABSL_GUARDED_BY(mu_);
  std::vector<std::string> handle_ids_ ABSL_GUARDED_BY(mu_);  // [handle - 1].
  std::map<std::string, uint32_t> parallels_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> parallel_roles_ ABSL_GUARDED_BY(mu_);
};

}  // namespace govgraph::fakes

#endif  // GOVGRAPH_TESTS_TESTING_FAKE_GRAPH_STORE_H_
