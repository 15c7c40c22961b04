// Taking writes again after a disk error (RocksDbGraphStore::ResumeWrites).
//
// RocksDB stops taking writes after a failed WAL write or sync and takes
// them again once DB::Resume() succeeds. Resume() flushes every memtable; if
// the disk still fails, that flush can make the error fatal until the
// process restarts. So a writer first proves the disk writable with a small
// synced probe file, at most once per kResumeInterval, and only then calls
// Resume(). Meanwhile writes fail fast with kUnavailable; reads never stop.
// Some errors (a plain EIO on the WAL) RocksDB holds fatal: no Resume()
// clears them, only reopening the database, so writes_need_restart() turns
// true and the server reports itself NOT_SERVING to be restarted.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "server/common/logging.h"
#include "server/storage/rocksdb_graph_store.h"
#include "server/storage/rocksdb_status.h"

namespace govgraph::storage {
namespace {

constexpr absl::Duration kResumeInterval = absl::Seconds(1);
// As large as a WAL block, so a disk with a few bytes left fails the probe.
constexpr size_t kProbeBytes = 32 << 10;

// Writes, syncs and removes `path`; the status of the first step that fails.
rocksdb::IOStatus ProbeWrite(rocksdb::FileSystem& fs, const std::string& path) {
  std::unique_ptr<rocksdb::FSWritableFile> file;
  const rocksdb::IOOptions io;
  rocksdb::IOStatus s =
      fs.NewWritableFile(path, rocksdb::FileOptions(), &file, nullptr);
  if (s.ok()) s = file->Append(std::string(kProbeBytes, 'p'), io, nullptr);
  if (s.ok()) s = file->Sync(io, nullptr);
  if (file != nullptr) {
    const rocksdb::IOStatus closed = file->Close(io, nullptr);
    if (s.ok()) s = closed;
  }
  fs.DeleteFile(path, io, nullptr).PermitUncheckedError();
  return s;
}

}  // namespace

void RocksDbGraphStore::NoteWriteError(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kUnavailable) write_failed_ = true;
}

absl::Status RocksDbGraphStore::ResumeWrites() {
  if (!write_failed_.load()) return absl::OkStatus();
  const absl::Time now = absl::Now();
  if (now < next_resume_attempt_ || writes_need_restart_) return resume_error_;
  next_resume_attempt_ = now + kResumeInterval;

  const std::string probe_path = db_->GetName() + "/WRITE_PROBE";
  const rocksdb::IOStatus probe = ProbeWrite(*db_->GetFileSystem(), probe_path);
  if (!probe.ok()) {
    resume_error_ = absl::UnavailableError(absl::StrCat(
        "storage: writes are stopped after a disk error and the disk still "
        "fails (",
        probe.ToString(), "); reads go on; retry later"));
    return resume_error_;
  }
  const rocksdb::Status resumed = db_->Resume();
  if (resumed.IsBusy()) {  // RocksDB's own recovery is under way.
    resume_error_ = absl::UnavailableError(
        "storage: writes are resuming after a disk error; retry later");
    return resume_error_;
  }
  if (!resumed.ok()) {
    resume_error_ = absl::UnavailableError(absl::StrCat(
        "storage: writes are stopped after a disk error: ", resumed.ToString(),
        "; retry later"));
    if (resumed.severity() < rocksdb::Status::Severity::kFatalError) {
      LogWarning("could not resume writes after a disk error: ",
                 resumed.ToString());
    } else if (!writes_need_restart_.exchange(true)) {
      LogError("writes stopped after a disk error only a restart clears: ",
               resumed.ToString());
    }
    return resume_error_;
  }
  write_failed_ = false;
  resume_error_ = absl::OkStatus();
  LogInfo("writes resumed after a disk error");
  return absl::OkStatus();
}

}  // namespace govgraph::storage
