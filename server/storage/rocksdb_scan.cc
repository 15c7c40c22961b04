// RocksDbGraphStore::ScanGraph: two passes over one snapshot, cf
// "entities" then cf "out_edges" (every relation once, in canonical
// orientation), each in key order with total-order iterators (the edge
// column families have a prefix extractor that would stop at one node).
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "rocksdb/db.h"
#include "server/common/status_macros.h"
#include "server/storage/key_codec.h"
#include "server/storage/record_convert.h"
#include "server/storage/rocksdb_graph_store.h"
#include "server/storage/rocksdb_status.h"

namespace govgraph::storage {
namespace {

// Calls `visit` on every key and value of `family` as of `snapshot`, in key
// order; stops at the first error it returns.
template <typename Visit>
absl::Status ScanFamily(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family,
                        const rocksdb::Snapshot* snapshot, Visit visit) {
  rocksdb::ReadOptions read;
  read.snapshot = snapshot;
  read.total_order_seek = true;
  read.fill_cache = false;  // A whole-graph pass would evict the hot set.
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read, family));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    GOVGRAPH_RETURN_IF_ERROR(visit(ToView(it->key()), ToView(it->value())));
  }
  return FromRocksDb(it->status());
}

// Collects items and hands them to `emit` in batches of `batch_size`.
template <typename Item>
class Batcher {
 public:
  using Emit = std::function<absl::Status(std::vector<Item>)>;
  Batcher(size_t batch_size, const Emit& emit)
      : batch_size_(batch_size), emit_(emit) {}

  absl::Status Add(Item item) {
    batch_.push_back(std::move(item));
    return batch_.size() < batch_size_ ? absl::OkStatus() : Flush();
  }
  absl::Status Flush() {
    if (batch_.empty()) return absl::OkStatus();
    std::vector<Item> full;
    full.swap(batch_);
    return emit_(std::move(full));
  }

 private:
  const size_t batch_size_;
  const Emit& emit_;
  std::vector<Item> batch_;
};

}  // namespace

absl::Status RocksDbGraphStore::ScanGraph(const GraphScan& scan) {
  if (scan.batch_size == 0 || !scan.on_entities || !scan.on_relations) {
    return absl::InvalidArgumentError(
        "a graph scan needs a batch size and both callbacks");
  }
  ScopedSnapshot snapshot(db_.get());
  // Internal id -> external id, to name the relations' endpoints without
  // reading their records again.
  absl::flat_hash_map<uint64_t, std::string> external_ids;
  Batcher<Entity> entities(scan.batch_size, scan.on_entities);
  GOVGRAPH_RETURN_IF_ERROR(ScanFamily(
      db_.get(), cf(kEntities), snapshot.get(),
      [&](absl::string_view key, absl::string_view value) -> absl::Status {
        GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t id, DecodeEntityKey(key));
        EntityRecord record;
        if (!ParseEntityRecord(value, &record)) {
          return absl::DataLossError("entity record is corrupt");
        }
        external_ids.emplace(id, record.id());
        return entities.Add(ToEntity(record, scan.with_evidence));
      }));
  GOVGRAPH_RETURN_IF_ERROR(entities.Flush());

  Batcher<Relation> relations(scan.batch_size, scan.on_relations);
  GOVGRAPH_RETURN_IF_ERROR(ScanFamily(
      db_.get(), cf(kOutEdges), snapshot.get(),
      [&](absl::string_view key, absl::string_view value) -> absl::Status {
        GOVGRAPH_ASSIGN_OR_RETURN(const EdgeKey edge, DecodeOutEdgeKey(key));
        const auto source = external_ids.find(edge.source);
        const auto target = external_ids.find(edge.target);
        if (source == external_ids.end() || target == external_ids.end()) {
          return absl::DataLossError("an edge names a missing entity");
        }
        EdgeRecord record;
        if (!record.ParseFromArray(value.data(),
                                   static_cast<int>(value.size()))) {
          return absl::DataLossError("edge record is corrupt");
        }
        Relation relation;
        relation.type = edge.type;
        relation.source_id = source->second;
        relation.target_id = target->second;
        FillRelation(record, scan.with_evidence, &relation);
        return relations.Add(std::move(relation));
      }));
  return relations.Flush();
}

}  // namespace govgraph::storage
