// The edge reads of RocksDbGraphStore. Walks: handles are internal entity
// ids, an EdgeRef is an out_edges key (key_codec.h), so scanning adjacency
// reads keys only. ScanEdges reads the records a page of edges needs in
// batches (MultiGet), after the keys.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "server/common/status_macros.h"
#include "server/storage/key_codec.h"
#include "server/storage/record_convert.h"
#include "server/storage/rocksdb_graph_store.h"
#include "server/storage/rocksdb_status.h"

namespace govgraph::storage {

absl::StatusOr<NodeHandle> RocksDbGraphStore::FindHandle(absl::string_view id) {
  return ResolveId(id, /*snapshot=*/nullptr);
}

absl::StatusOr<std::vector<EdgeRef>> RocksDbGraphStore::ScanAdjacency(
    const AdjacencyScan& scan) {
  const bool out = scan.direction == Direction::kOutgoing;
  if (!out && scan.direction != Direction::kIncoming) {
    return absl::InvalidArgumentError("ScanAdjacency takes one direction");
  }
  const std::string prefix = scan.type == RelationType::kUnspecified
                                 ? EdgePrefix(scan.node)
                                 : EdgePrefix(scan.node, scan.type);
  std::string start_after;
  if (scan.resume) {
    start_after = out ? EncodeOutEdgeKey(scan.start_after)
                      : EncodeInEdgeKey(scan.start_after);
    if (!absl::StartsWith(start_after, prefix)) {
      return absl::InvalidArgumentError("adjacency scan position does not fit");
    }
  }
  std::vector<EdgeRef> refs;
  GOVGRAPH_RETURN_IF_ERROR(
      ScanPrefix(out ? kOutEdges : kInEdges, prefix, start_after, scan.limit,
                 /*snapshot=*/nullptr,
                 [&](absl::string_view key, absl::string_view) -> absl::Status {
                   GOVGRAPH_ASSIGN_OR_RETURN(
                       const EdgeKey edge,
                       out ? DecodeOutEdgeKey(key) : DecodeInEdgeKey(key));
                   refs.push_back(edge);
                   return absl::OkStatus();
                 }));
  return refs;
}

absl::StatusOr<Entity> RocksDbGraphStore::EntityOf(NodeHandle node) {
  GOVGRAPH_ASSIGN_OR_RETURN(const EntityRecord record,
                            ReadRecord(node, /*snapshot=*/nullptr));
  return ToEntity(record, /*with_evidence=*/false);
}

absl::StatusOr<std::vector<Entity>> RocksDbGraphStore::EntitiesOf(
    const std::vector<NodeHandle>& nodes) {
  std::vector<std::string> keys;
  keys.reserve(nodes.size());
  for (const NodeHandle node : nodes) keys.push_back(EncodeEntityKey(node));
  GOVGRAPH_ASSIGN_OR_RETURN(const std::vector<std::string> values,
                            MultiRead(kEntities, keys, /*snapshot=*/nullptr,
                                      absl::StatusCode::kNotFound));
  std::vector<Entity> entities;
  entities.reserve(values.size());
  for (const std::string& value : values) {
    EntityRecord record;
    if (!ParseEntityRecord(value, &record)) {
      return absl::DataLossError("entity record is corrupt");
    }
    entities.push_back(ToEntity(record, /*with_evidence=*/false));
  }
  return entities;
}

absl::StatusOr<Relation> RocksDbGraphStore::RelationOf(const EdgeRef& ref,
                                                       bool with_evidence) {
  // One snapshot for the edge and its endpoints: a concurrent delete or
  // merge must not leave an edge whose endpoint is gone (kDataLoss).
  const MethodSnapshot snapshot(this);
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.get();
  std::string value;
  rocksdb::Status s =
      db_->Get(read, cf(kOutEdges), EncodeOutEdgeKey(ref), &value);
  if (s.IsNotFound()) return absl::NotFoundError("relation not found");
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  EdgeRecord record;
  if (!record.ParseFromString(value)) {
    return absl::DataLossError("edge record is corrupt");
  }
  return NamedRelation(ref, record, with_evidence, snapshot.get());
}

absl::StatusOr<EdgeRef> RocksDbGraphStore::FindRelationRef(
    const RelationKeyQuery& key) {
  GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t src,
                            ResolveId(key.source_id, /*snapshot=*/nullptr));
  GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t dst,
                            ResolveId(key.target_id, /*snapshot=*/nullptr));
  GOVGRAPH_ASSIGN_OR_RETURN(
      const FoundEdge found,
      FindEdgeRecord(src, dst, key, /*snapshot=*/nullptr));
  return found.key;
}

absl::StatusOr<std::vector<std::string>> RocksDbGraphStore::MultiRead(
    Cf which, const std::vector<std::string>& keys,
    const rocksdb::Snapshot* snapshot, absl::StatusCode missing) const {
  rocksdb::ReadOptions read;
  read.snapshot = ReadSnapshot(snapshot);
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(read, cf(which), keys.size(), slices.data(), values.data(),
                statuses.data());
  std::vector<std::string> out;
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      return absl::Status(missing, "a record is missing (the graph changed?)");
    }
    GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(statuses[i]));
    out.emplace_back(values[i].data(), values[i].size());
  }
  return out;
}

absl::StatusOr<std::vector<EdgeHit>> RocksDbGraphStore::ScanEdges(
    const EdgeScan& scan) {
  if (scan.direction == Direction::kBoth) {
    return absl::InvalidArgumentError("ScanEdges takes one direction");
  }
  const MethodSnapshot snapshot(this);
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t node,
                            ResolveId(scan.entity_id, snapshot.get()));
  const std::string prefix = scan.type == RelationType::kUnspecified
                                 ? EdgePrefix(node)
                                 : EdgePrefix(node, scan.type);
  if (!scan.start_after.empty() &&
      (scan.start_after.size() != kEdgeKeySize ||
       !absl::StartsWith(scan.start_after, prefix))) {
    return absl::InvalidArgumentError("edge scan position does not fit");
  }
  const bool out = scan.direction == Direction::kOutgoing;
  // Keys first; for outgoing edges the records come with them.
  std::vector<std::string> positions, records, others;
  GOVGRAPH_RETURN_IF_ERROR(ScanPrefix(
      out ? kOutEdges : kInEdges, prefix, scan.start_after, scan.limit,
      snapshot.get(),
      [&](absl::string_view key, absl::string_view value) -> absl::Status {
        positions.emplace_back(key);
        if (out) records.emplace_back(value);
        return absl::OkStatus();
      }));
  std::vector<EdgeKey> edges;
  for (const std::string& position : positions) {
    GOVGRAPH_ASSIGN_OR_RETURN(EdgeKey edge, out ? DecodeOutEdgeKey(position)
                                                : DecodeInEdgeKey(position));
    others.push_back(EncodeEntityKey(out ? edge.target : edge.source));
    if (!out) records.push_back(EncodeOutEdgeKey(edge));  // Read below.
    edges.push_back(edge);
  }
  if (!out) {
    GOVGRAPH_ASSIGN_OR_RETURN(records,
                              MultiRead(kOutEdges, records, snapshot.get()));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(others,
                            MultiRead(kEntities, others, snapshot.get()));
  GOVGRAPH_ASSIGN_OR_RETURN(const EntityRecord self,
                            LoadRecord(node, snapshot.get()));
  std::vector<EdgeHit> hits(edges.size());
  for (size_t i = 0; i < edges.size(); ++i) {
    EdgeRecord record;
    EntityRecord other;
    if (!record.ParseFromString(records[i]) ||
        !ParseEntityRecord(others[i], &other)) {
      return absl::DataLossError("edge or entity record is corrupt");
    }
    EdgeHit& hit = hits[i];
    hit.direction = scan.direction;
    hit.position = std::move(positions[i]);
    hit.ref = edges[i];
    hit.relation.type = edges[i].type;
    hit.relation.source_id = out ? self.id() : other.id();
    hit.relation.target_id = out ? other.id() : self.id();
    FillRelation(record, scan.with_evidence, &hit.relation);
    hit.other = ToEntity(other, /*with_evidence=*/false);
  }
  return hits;
}

}  // namespace govgraph::storage
