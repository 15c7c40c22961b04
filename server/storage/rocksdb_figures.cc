// RocksDbGraphStore::Figures: the engine's own figures, for monitoring.
#include <cstdint>
#include <string>

#include "rocksdb/db.h"
#include "rocksdb/statistics.h"
#include "server/storage/rocksdb_graph_store.h"

namespace govgraph::storage {

EngineFigures RocksDbGraphStore::Figures() const {
  EngineFigures figures;
  const auto sum = [&](const std::string& property) {
    int64_t total = 0;
    for (rocksdb::ColumnFamilyHandle* handle : handles_) {
      uint64_t value = 0;
      if (db_->GetIntProperty(handle, property, &value)) {
        total += static_cast<int64_t>(value);
      }
    }
    return total;
  };
  figures.sst_bytes = sum(rocksdb::DB::Properties::kTotalSstFilesSize);
  figures.memtable_bytes = sum(rocksdb::DB::Properties::kCurSizeAllMemTables);
  figures.pending_compaction_bytes =
      sum(rocksdb::DB::Properties::kEstimatePendingCompactionBytes);
  // The block cache is shared: one column family's figure is the cache's.
  uint64_t value = 0;
  if (db_->GetIntProperty(rocksdb::DB::Properties::kBlockCacheUsage, &value)) {
    figures.block_cache_usage_bytes = static_cast<int64_t>(value);
  }
  if (db_->GetIntProperty(rocksdb::DB::Properties::kBlockCacheCapacity,
                          &value)) {
    figures.block_cache_capacity_bytes = static_cast<int64_t>(value);
  }
  if (db_->GetIntProperty(rocksdb::DB::Properties::kIsWriteStopped, &value)) {
    figures.writes_stopped = value != 0;
  }
  figures.writes_failed = write_failed_.load();
  figures.writes_need_restart = writes_need_restart_.load();
  const std::shared_ptr<rocksdb::Statistics> statistics =
      db_->GetDBOptions().statistics;
  if (statistics != nullptr) {
    figures.block_cache_hits_total =
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_HIT);
    figures.block_cache_misses_total =
        statistics->getTickerCount(rocksdb::BLOCK_CACHE_MISS);
    figures.write_stall_micros_total =
        statistics->getTickerCount(rocksdb::STALL_MICROS);
  }
  return figures;
}

}  // namespace govgraph::storage
