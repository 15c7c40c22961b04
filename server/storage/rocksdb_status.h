// The one place a rocksdb::Status becomes an absl::Status, the byte-view
// conversions between RocksDB and absl (Debian's absl::string_view is not
// std::string_view), and a scoped snapshot.
#ifndef GOVGRAPH_SERVER_STORAGE_ROCKSDB_STATUS_H_
#define GOVGRAPH_SERVER_STORAGE_ROCKSDB_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace govgraph::storage {

// Maps RocksDB's codes to canonical ones: NotFound -> kNotFound,
// Corruption -> kDataLoss, InvalidArgument -> kInvalidArgument,
// NotSupported -> kUnimplemented, IOError (a full or failing disk)/Busy/
// TryAgain/TimedOut/Incomplete/ShutdownInProgress -> kUnavailable,
// Aborted -> kAborted, the rest -> kInternal. The message keeps RocksDB's
// text.
absl::Status FromRocksDb(const rocksdb::Status& status);

inline rocksdb::Slice ToSlice(absl::string_view bytes) {
  return rocksdb::Slice(bytes.data(), bytes.size());
}
inline absl::string_view ToView(const rocksdb::Slice& bytes) {
  return absl::string_view(bytes.data(), bytes.size());
}

// Releases a snapshot when it goes out of scope.
class ScopedSnapshot final {
 public:
  explicit ScopedSnapshot(rocksdb::DB* db)
      : db_(db), snapshot_(db->GetSnapshot()) {}
  ~ScopedSnapshot() { db_->ReleaseSnapshot(snapshot_); }
  ScopedSnapshot(const ScopedSnapshot&) = delete;
  ScopedSnapshot& operator=(const ScopedSnapshot&) = delete;
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* const db_;
  const rocksdb::Snapshot* const snapshot_;
};

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_ROCKSDB_STATUS_H_
