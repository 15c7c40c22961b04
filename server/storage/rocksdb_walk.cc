// The edge reads of RocksDbGraphStore. Walks: handles are internal entity
// ids, an EdgeRef is an out_edges key (key_codec.h), so scanning adjacency
// reads keys only. ScanEdges reads the records a page of edges needs in
// batches (MultiGet), after the keys.
#include <memory>
#include <string>
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
  std::string start = prefix;
  if (scan.resume) {
    const EdgeKey after = scan.start_after;
    start = out ? EncodeOutEdgeKey(after) : EncodeInEdgeKey(after);
    if (!absl::StartsWith(start, prefix)) {
      return absl::InvalidArgumentError("adjacency scan position does not fit");
    }
  }
  const std::string limit = PrefixSuccessor(prefix);
  const rocksdb::Slice upper(limit);
  rocksdb::ReadOptions read;
  read.iterate_upper_bound = &upper;
  read.prefix_same_as_start = true;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(read, cf(out ? kOutEdges : kInEdges)));
  it->Seek(start);
  if (scan.resume && it->Valid() && it->key() == rocksdb::Slice(start)) {
    it->Next();
  }
  std::vector<EdgeRef> refs;
  for (; it->Valid() && refs.size() < scan.limit; it->Next()) {
    const absl::string_view key = ToView(it->key());
    GOVGRAPH_ASSIGN_OR_RETURN(
        const EdgeKey edge, out ? DecodeOutEdgeKey(key) : DecodeInEdgeKey(key));
    refs.push_back(edge);
  }
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(it->status()));
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
    if (!record.ParseFromString(value) || record.kind() == 0 ||
        record.kind() > kMaxEntityKind) {
      return absl::DataLossError("entity record is corrupt");
    }
    entities.push_back(ToEntity(record, /*with_evidence=*/false));
  }
  return entities;
}

absl::StatusOr<Relation> RocksDbGraphStore::RelationOf(const EdgeRef& ref,
                                                       bool with_evidence) {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(kOutEdges),
                               EncodeOutEdgeKey(ref), &value);
  if (s.IsNotFound()) return absl::NotFoundError("relation not found");
  GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(s));
  EdgeRecord record;
  if (!record.ParseFromString(value)) {
    return absl::DataLossError("edge record is corrupt");
  }
  GOVGRAPH_ASSIGN_OR_RETURN(const EntityRecord source,
                            LoadRecord(ref.source, /*snapshot=*/nullptr));
  GOVGRAPH_ASSIGN_OR_RETURN(const EntityRecord target,
                            LoadRecord(ref.target, /*snapshot=*/nullptr));
  Relation relation;
  relation.type = ref.type;
  relation.source_id = source.id();
  relation.target_id = target.id();
  FillRelation(record, with_evidence, &relation);
  return relation;
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
  read.snapshot = snapshot;
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
  ScopedSnapshot snapshot(db_.get());
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
  {
    const std::string limit = PrefixSuccessor(prefix);
    rocksdb::Slice upper(limit);
    rocksdb::ReadOptions read;
    read.snapshot = snapshot.get();
    read.iterate_upper_bound = &upper;
    read.prefix_same_as_start = true;
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(read, cf(out ? kOutEdges : kInEdges)));
    it->Seek(scan.start_after.empty() ? prefix : scan.start_after);
    if (it->Valid() && !scan.start_after.empty() &&
        it->key() == rocksdb::Slice(scan.start_after)) {
      it->Next();
    }
    for (; it->Valid() && positions.size() < scan.limit; it->Next()) {
      positions.push_back(it->key().ToString());
      if (out) records.push_back(it->value().ToString());
    }
    GOVGRAPH_RETURN_IF_ERROR(FromRocksDb(it->status()));
  }
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
        !other.ParseFromString(others[i]) || other.kind() == 0 ||
        other.kind() > kMaxEntityKind) {
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
