// Read pins (RocksDbGraphStore::PinReads): a RocksDB snapshot per thread.
//
// A thread's innermost pin sits in a thread-local slot; ReadSnapshot() finds
// it there, so the read path needs no snapshot argument threaded through
// every query. A pin of another store replaces it until that pin ends.
#include <cstdint>
#include <memory>

#include "rocksdb/db.h"
#include "server/storage/rocksdb_graph_store.h"

namespace govgraph::storage {
namespace {

struct ThreadPin {
  const RocksDbGraphStore* store = nullptr;
  const rocksdb::Snapshot* snapshot = nullptr;
  // Version() when the snapshot was taken: every write it counts is in the
  // snapshot (a write commits before it counts), so a cache keyed on it
  // never files an older graph under a newer version.
  uint64_t version = 0;
};

thread_local ThreadPin current_pin;

// Restores the pin the thread held before (of another store, or none).
class RocksDbReadPin : public ReadPin {
 public:
  RocksDbReadPin(rocksdb::DB* db, ThreadPin previous)
      : db_(db), previous_(previous) {}
  ~RocksDbReadPin() override {
    db_->ReleaseSnapshot(current_pin.snapshot);
    current_pin = previous_;
  }

 private:
  rocksdb::DB* const db_;
  const ThreadPin previous_;
};

}  // namespace

std::unique_ptr<ReadPin> RocksDbGraphStore::PinReads() {
  if (current_pin.store == this) return nullptr;  // The outer pin holds.
  const ThreadPin previous = current_pin;
  current_pin.version = version_.load();
  current_pin.snapshot = db_->GetSnapshot();
  current_pin.store = this;
  return std::make_unique<RocksDbReadPin>(db_.get(), previous);
}

const rocksdb::Snapshot* RocksDbGraphStore::ReadSnapshot(
    const rocksdb::Snapshot* given) const {
  return current_pin.store == this ? current_pin.snapshot : given;
}

uint64_t RocksDbGraphStore::Version() {
  if (current_pin.store == this) return current_pin.version;
  return version_.load();
}

}  // namespace govgraph::storage
