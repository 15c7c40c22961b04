// The one place a rocksdb::Status becomes an absl::Status, and the byte-view
// conversions between RocksDB and absl (Debian's absl::string_view is not
// std::string_view).
#ifndef GOVGRAPH_SERVER_STORAGE_ROCKSDB_STATUS_H_
#define GOVGRAPH_SERVER_STORAGE_ROCKSDB_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace govgraph::storage {

// Maps RocksDB's codes to canonical ones: NotFound -> kNotFound,
// Corruption -> kDataLoss, InvalidArgument -> kInvalidArgument,
// NotSupported -> kUnimplemented, Busy/TryAgain/TimedOut/Incomplete/
// ShutdownInProgress -> kUnavailable, Aborted -> kAborted, the rest
// (IOError among them) -> kInternal. The message keeps RocksDB's text.
absl::Status FromRocksDb(const rocksdb::Status& status);

inline rocksdb::Slice ToSlice(absl::string_view bytes) {
  return rocksdb::Slice(bytes.data(), bytes.size());
}
inline absl::string_view ToView(const rocksdb::Slice& bytes) {
  return absl::string_view(bytes.data(), bytes.size());
}

}  // namespace govgraph::storage

#endif  // GOVGRAPH_SERVER_STORAGE_ROCKSDB_STATUS_H_
