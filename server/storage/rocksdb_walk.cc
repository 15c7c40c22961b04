// The walk reads of RocksDbGraphStore: handles are internal entity ids, an
// EdgeRef is an out_edges key (key_codec.h), so scanning adjacency reads
// keys only.
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

}  // namespace govgraph::storage
