// The storage interface the query and ingest layers are written against.
// RocksDbGraphStore is the production implementation; tests may use fakes.
// Positions returned by scans are opaque byte strings, valid as `start_after`
// for the same scan on the same store.
#ifndef GOVGRAPH_SERVER_STORAGE_GRAPH_STORE_H_
#define GOVGRAPH_SERVER_STORAGE_GRAPH_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/common/types.h"

namespace govgraph::storage {

// What ApplyReport did.
struct ApplyResult {
  // The report was stored with the same fingerprint: nothing was written.
  bool unchanged = false;
  bool replaced = false;  // The report was stored before.
  int entities_written = 0;
  int relations_written = 0;
};

// What DeleteReport removed: facts that no other report supports. The
// report's own entity is not counted.
struct DeleteResult {
  int entities_removed = 0;
  int relations_removed = 0;
};

// A store's own name for an entity, for walks that follow many edges but
// name few of the nodes they pass: handles compare and hash for nothing,
// while naming a node (EntityOf) is a read. A handle is valid in the store
// that gave it while its entity exists; it is never shown to users.
using NodeHandle = uint64_t;

// One relation by handles: what a walk sees of an edge without reading its
// record. `parallel` tells apart relations of one type between the same
// two nodes (for example two terms in one office).
struct EdgeRef {
  NodeHandle source = 0;
  RelationType type = RelationType::kUnspecified;
  NodeHandle target = 0;
  uint32_t parallel = 0;

  friend bool operator==(const EdgeRef& a, const EdgeRef& b) {
    return a.source == b.source && a.type == b.type && a.target == b.target &&
           a.parallel == b.parallel;
  }
  template <typename H>
  friend H AbslHashValue(H h, const EdgeRef& ref) {
    return H::combine(std::move(h), ref.source, ref.type, ref.target,
                      ref.parallel);
  }
};

// One direction, optionally one type, of a node's edges, by handle.
struct AdjacencyScan {
  NodeHandle node = 0;
  Direction direction = Direction::kOutgoing;      // kOutgoing or kIncoming.
  RelationType type = RelationType::kUnspecified;  // Unspecified: all.
  // Resume after this edge of the same scan (`resume`); else from the start.
  bool resume = false;
  EdgeRef start_after;
  size_t limit = 1000;
};

// One direction, optionally one type, of an entity's edges.
struct EdgeScan {
  std::string entity_id;
  Direction direction = Direction::kOutgoing;      // kOutgoing or kIncoming.
  RelationType type = RelationType::kUnspecified;  // Unspecified: all.
  std::string start_after;  // A previous EdgeHit::position; empty: start.
  size_t limit = 50;
  // False: the hits' relations come without evidence (and report ids),
  // which walks that only follow edges do not need.
  bool with_evidence = true;
};

struct EdgeHit {
  Relation relation;
  Direction direction = Direction::kOutgoing;
  Entity other;          // Without evidence.
  EdgeRef ref;           // The relation by handles.
  std::string position;  // Resume point for EdgeScan::start_after.
};

// Identifies one relation: its type, endpoints (external ids) and, for
// HOLDS_POSITION, its role. Parallel terms of one role (ImportGraph) are
// told apart by their dates: empty dates pick the first term found.
struct RelationKeyQuery {
  RelationType type = RelationType::kUnspecified;
  std::string source_id;
  std::string target_id;
  std::string role;
  std::string start_date = {};
  std::string end_date = {};
};

// One entry of the name index: a folded name or alias of an entity.
struct NameHit {
  std::string folded_name;
  Entity entity;         // Without evidence.
  std::string position;  // Resume point for ScanNames' start_after.
};

// What FindByWords found.
struct WordMatches {
  std::vector<Entity> entities;  // Without evidence.
  bool more = false;             // Others match too (the limit was reached).
};

// A curator's change, as the audit log keeps it. Values of `operation` are
// stored on disk and equal govgraph.v1.CurationOperation.
enum class CurationOp : uint8_t { kMerge = 1, kSplit = 2 };

struct AuditEntry {
  uint64_t id = 0;  // Increasing from 1.
  CurationOp operation = CurationOp::kMerge;
  std::string curator;
  std::string reason;
  int64_t time_micros = 0;  // Unix time of the change.
  std::string entity_id;    // The entity that stays.
  std::string other_id;     // Merged away (merge) or split out (split).
  std::string other_name;   // Its display name at the time.
  std::vector<std::string> report_ids;  // Reports whose support moved.
  uint64_t undoes = 0;                  // The entry this one reverses.
  uint64_t undone_by = 0;               // The entry that reversed this one.
};

// Who changes the graph by hand, why and when. The time is given, not read
// from a clock, so that replaying the same request gives the same store.
struct CurationInfo {
  std::string curator;
  std::string reason;
  int64_t time_micros = 0;
};

struct MergeRequest {
  std::string source_id;  // Merged away.
  std::string target_id;
  CurationInfo info;
};

struct SplitRequest {
  std::string entity_id;
  std::string new_id;
  std::string new_name;                 // Empty: the form its reports use most.
  std::vector<std::string> report_ids;  // Whose support moves to `new_id`.
  CurationInfo info;
};

struct UndoRequest {
  uint64_t audit_id = 0;
  CurationInfo info;
};

struct CurationResult {
  AuditEntry audit;
  Entity entity;  // The entity that stays, without evidence.
  Entity other;   // Split: the new entity. Merge: empty.
  int relations_moved = 0;
};

// A property graph to load in one piece (GraphStore::ImportGraph), as
// ingest/graph_csv.h reads it: nodes new to the store, edges between them.
// Dates are packed (PackIsoDate in common/text.h) to keep millions of rows
// small.
struct ImportNode {
  std::string id;
  EntityKind kind = EntityKind::kUnspecified;
  std::string name;
  uint32_t date = 0;  // Meeting, directive, report date; person birth date.
  int32_t line = 0;   // Where nodes.csv states it: evidence and errors.
};

struct ImportEdge {
  uint32_t source = 0;  // Indexes into GraphImport::nodes.
  uint32_t target = 0;
  RelationType type = RelationType::kUnspecified;
  uint32_t role = 0;   // Index into GraphImport::roles.
  uint32_t start = 0;  // HOLDS_POSITION: the term, end exclusive.
  uint32_t end = 0;
  int32_t line = 0;  // In edges.csv.
};

struct GraphImport {
  std::string source_id;  // Cited by every fact's evidence.
  std::vector<ImportNode> nodes;
  std::vector<std::string> roles = {""};  // roles[0] is no role.
  std::vector<ImportEdge> edges;
};

struct ImportResult {
  int64_t nodes = 0;
  int64_t edges = 0;
};

// One backup in a backup directory.
struct BackupInfo {
  uint32_t id = 0;  // Increasing within its directory, from 1.
  int64_t created_unix_seconds = 0;
  // Bytes and number of its files; files unchanged since an earlier backup
  // in the same directory are shared with it, not copied again.
  int64_t size_bytes = 0;
  int32_t files = 0;
  uint32_t schema_version = 0;  // Of the data it holds.
};

// A scan of the whole graph (GraphStore::ScanGraph): its entities, then its
// relations, handed over in batches.
struct GraphScan {
  // Evidence (and report ids) with every entity and relation.
  bool with_evidence = false;
  size_t batch_size = 256;  // At most this many items per call; > 0.
  std::function<absl::Status(std::vector<Entity>)> on_entities;
  std::function<absl::Status(std::vector<Relation>)> on_relations;
};

// Holds the reads of one thread to one point in time (GraphStore::PinReads)
// until destroyed, on that thread.
class ReadPin {
 public:
  virtual ~ReadPin() = default;
};

// Thread-safe: every method may be called concurrently.
class GraphStore {
 public:
  virtual ~GraphStore() = default;

  // Replaces everything report `facts.report.id` said before with `facts`,
  // in one atomic write: facts supported by no other report disappear,
  // others keep their remaining evidence. `facts` must be valid (see
  // ingest/fact_validator.h). Returns kFailedPrecondition if an entity id
  // already names an entity of another kind, kUnavailable on transient
  // storage errors; nothing is written on failure.
  virtual absl::StatusOr<ApplyResult> ApplyReport(const ReportFacts& facts) = 0;

  // ApplyReport, returning once the write is visible but before it is
  // durable; SyncWrites makes it durable. For callers that write several
  // reports under one fsync (group commit) and acknowledge none of them
  // before SyncWrites returns OK.
  virtual absl::StatusOr<ApplyResult> ApplyReportDeferred(
      const ReportFacts& facts) = 0;

  // Makes every write that has returned so far durable (a no-op for a
  // store that does not sync). kUnavailable if that fails: those writes
  // may or may not survive a crash.
  virtual absl::Status SyncWrites() = 0;

  // Withdraws everything report `report_id` said, in one atomic write: as
  // ApplyReport with no facts, then removes the report itself (its entity,
  // unless another report also declares it, and its record). Returns what
  // disappeared; kNotFound if no report has that id (also for an empty id
  // or the id of an entity of another kind), kUnavailable on transient
  // storage errors; nothing is written on failure.
  virtual absl::StatusOr<DeleteResult> DeleteReport(
      absl::string_view report_id) = 0;

  // Merges `source_id` into `target_id` in one atomic write: every support
  // of the source and of its relations moves to the target (relations that
  // become one unite their evidence), the source disappears, and ids that
  // named it resolve to the target from now on (reads and later reports).
  // kNotFound for an unknown id; kFailedPrecondition if they are the same,
  // differ in kind, are reports, or are related to each other.
  virtual absl::StatusOr<CurationResult> MergeEntities(
      const MergeRequest& request) = 0;

  // Moves the support of `request.report_ids` (entity and relations) from
  // `entity_id` to a new entity `new_id` of the same kind, in one atomic
  // write; when those reports are applied again, what they say of
  // `entity_id` stays with `new_id`. kNotFound for an unknown entity or a
  // listed report that does not support it; kAlreadyExists if `new_id` names an
  // entity; kFailedPrecondition for a report entity or if no support would
  // stay.
  virtual absl::StatusOr<CurationResult> SplitEntity(
      const SplitRequest& request) = 0;

  // Reverses audit entry `audit_id` (a merge by splitting the merged
  // reports back out under the old id and name, a split by merging back)
  // and records that. kNotFound for an unknown entry; kFailedPrecondition
  // if it was undone already; else as the reversing operation.
  virtual absl::StatusOr<CurationResult> UndoCuration(
      const UndoRequest& request) = 0;

  // Up to `limit` audit entries with ids below `before_id` (0: no bound),
  // newest first.
  virtual absl::StatusOr<std::vector<AuditEntry>> ScanAudit(uint64_t before_id,
                                                            size_t limit) = 0;

  // Loads `graph` in one atomic write. Each fact gets one support from
  // `graph.source_id` citing its CSV line; every edge row is its own
  // relation, as in a property graph (a person may hold one role twice, in
  // two terms; a row stated twice is two parallel relations).
  // kAlreadyExists (naming the line) if a node id already names an entity
  // or was merged away; nothing is written on failure. `graph` must be valid
  // (see ingest/graph_csv.h).
  // Adds a backup of the store to directory `dir` (created if missing),
  // while reads and writes go on. It is consistent: one point in time,
  // holding every write acknowledged before the call and no part of a write
  // without the rest. Incremental: files an earlier backup in `dir` holds
  // are not copied again. kInvalidArgument unless `dir` is an absolute
  // path; kUnavailable if it cannot be written.
  virtual absl::StatusOr<BackupInfo> Backup(const std::string& dir) = 0;

  virtual absl::StatusOr<ImportResult> ImportGraph(
      const GraphImport& graph) = 0;

  // Returns the entity with its evidence, or kNotFound. An id merged away
  // resolves to the entity it was merged into.
  virtual absl::StatusOr<Entity> GetEntity(absl::string_view id) = 0;

  // Returns the relation `key` names, with its evidence and report ids;
  // kNotFound if an endpoint or the relation does not exist.
  virtual absl::StatusOr<Relation> GetRelation(const RelationKeyQuery& key) = 0;

  // Returns up to `scan.limit` edges in key order after `scan.start_after`.
  // kNotFound if the entity does not exist; kInvalidArgument if
  // `start_after` is not a position of this scan.
  virtual absl::StatusOr<std::vector<EdgeHit>> ScanEdges(
      const EdgeScan& scan) = 0;

  // Returns up to `limit` name-index entries whose folded name starts with
  // `folded_prefix`, ordered by folded name then entity, after
  // `start_after`. kInvalidArgument if `start_after` does not fit.
  virtual absl::StatusOr<std::vector<NameHit>> ScanNames(
      absl::string_view folded_prefix, absl::string_view start_after,
      size_t limit) = 0;

  // Up to `limit` entities whose names and aliases together contain every
  // word of `folded_words` (folded, whole words: see SplitWords in
  // common/text.h), in a fixed order. `folded_words` must not be empty.
  virtual absl::StatusOr<WordMatches> FindByWords(
      const std::vector<std::string>& folded_words, size_t limit) = 0;

  // Walks (handles, see NodeHandle). Reads between them are one snapshot
  // only under a pin (PinReads): without one a node may disappear (merged,
  // withdrawn) between a scan and naming it, which is kNotFound.

  // The handle of entity `id` (an id merged away resolves), or kNotFound.
  virtual absl::StatusOr<NodeHandle> FindHandle(absl::string_view id) = 0;

  // Up to `scan.limit` edges of `scan.node` in key order (by type, then
  // the other node's handle) after `scan.start_after`; none for a handle
  // that names nothing. Reads no record. kInvalidArgument for kBoth or a
  // `start_after` that is not an edge of this scan's node, direction and
  // type.
  virtual absl::StatusOr<std::vector<EdgeRef>> ScanAdjacency(
      const AdjacencyScan& scan) = 0;

  // The entity `node` names, without evidence; kNotFound if it has gone.
  virtual absl::StatusOr<Entity> EntityOf(NodeHandle node) = 0;

  // EntityOf of each of `nodes`, in their order, read in one batch.
  virtual absl::StatusOr<std::vector<Entity>> EntitiesOf(
      const std::vector<NodeHandle>& nodes) = 0;

  // The relation `ref` names, with its evidence only if `with_evidence`;
  // kNotFound if it has gone.
  virtual absl::StatusOr<Relation> RelationOf(const EdgeRef& ref,
                                              bool with_evidence) = 0;

  // The handles of the relation `key` names; kNotFound as GetRelation.
  virtual absl::StatusOr<EdgeRef> FindRelationRef(
      const RelationKeyQuery& key) = 0;

  virtual absl::StatusOr<GraphStats> GetStats() = 0;

  // Hands every entity to `scan.on_entities`, then every relation to
  // `scan.on_relations`, as the graph was when the call began (writes
  // meanwhile are not seen): each relation's endpoints are among the
  // entities handed over. Stops at the first error a callback returns and
  // returns it; kDataLoss for a corrupt record.
  virtual absl::Status ScanGraph(const GraphScan& scan) = 0;

  // Grows with every write that may change the graph, in this process: two
  // reads under one version saw the same graph (what caches of query
  // results key on). Starts anywhere; not kept across restarts.
  virtual uint64_t Version() = 0;

  // Until the pin is destroyed, every read the calling thread makes through
  // this store, and Version(), see the graph as it was at this call: a
  // query of many reads sees one graph, not one a concurrent write changed
  // half-way. Make no write on this thread while holding a pin. A second
  // pin on a thread holding one changes nothing. May be null (a store whose
  // reads need no pin).
  virtual std::unique_ptr<ReadPin> PinReads() = 0;
};

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_GRAPH_STORE_H_
