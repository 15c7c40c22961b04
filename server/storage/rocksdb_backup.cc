// Online, incremental backups with RocksDB's BackupEngine, and restoring
// the latest one into a fresh data dir.
//
// A backup copies the live WAL files too (no flush first): restoring
// replays them, so writes that span column families come back whole.
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "rocksdb/db.h"
#include "rocksdb/env.h"
#include "rocksdb/utilities/backup_engine.h"
#include "server/storage/key_codec.h"
#include "server/storage/rocksdb_graph_store.h"
#include "server/storage/rocksdb_status.h"

namespace govgraph::storage {
namespace {

// BackupInfo::app_metadata of our backups.
constexpr absl::string_view kMetadataPrefix = "govgraph schema ";

BackupInfo InfoOf(const rocksdb::BackupInfo& info) {
  BackupInfo result;
  result.id = info.backup_id;
  result.created_unix_seconds = info.timestamp;
  result.size_bytes = static_cast<int64_t>(info.size);
  result.files = static_cast<int32_t>(info.number_files);
  absl::string_view metadata = info.app_metadata;
  if (absl::ConsumePrefix(&metadata, kMetadataPrefix) &&
      !absl::SimpleAtoi(metadata, &result.schema_version)) {
    result.schema_version = 0;  // Unreadable: unknown, as with no metadata.
  }
  return result;
}

// A backup dir that cannot be written or read (an I/O error) is
// kUnavailable; other errors map as FromRocksDb's.
absl::Status BackupError(absl::string_view what, const std::string& dir,
                         const rocksdb::Status& s) {
  return absl::Status(FromRocksDb(s).code(),
                      absl::StrCat(what, " ", dir, ": ", s.ToString()));
}

// OK if `dir` does not exist or is an empty directory.
absl::Status CheckFreshDataDir(const std::string& dir) {
  std::error_code error;
  if (!std::filesystem::exists(dir, error)) return absl::OkStatus();
  if (std::filesystem::is_directory(dir, error) &&
      std::filesystem::is_empty(dir, error)) {
    return absl::OkStatus();
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "restore needs a fresh data dir; ", dir, " exists and is not empty"));
}

}  // namespace

absl::StatusOr<BackupInfo> RocksDbGraphStore::Backup(const std::string& dir) {
  if (dir.empty() || dir.front() != '/') {
    return absl::InvalidArgumentError(absl::StrCat(
        "backup dir must be an absolute path on the server; got \"", dir,
        "\""));
  }
  rocksdb::BackupEngine* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngine::Open(
      rocksdb::BackupEngineOptions(dir), rocksdb::Env::Default(), &raw);
  if (!s.ok()) return BackupError("cannot open backup dir", dir, s);
  std::unique_ptr<rocksdb::BackupEngine> engine(raw);
  rocksdb::CreateBackupOptions options;
  options.flush_before_backup = false;
  rocksdb::BackupID id = 0;
  s = engine->CreateNewBackupWithMetadata(
      options, db_.get(), absl::StrCat(kMetadataPrefix, kSchemaVersion), &id);
  if (!s.ok()) return BackupError("cannot back up to", dir, s);
  rocksdb::BackupInfo info;
  rocksdb::Status read = engine->GetBackupInfo(id, &info);
  if (!read.ok()) return BackupError("cannot read backup in", dir, read);
  return InfoOf(info);
}

absl::StatusOr<BackupInfo> RocksDbGraphStore::RestoreLatestBackup(
    const std::string& backup_dir, const std::string& data_dir) {
  absl::Status fresh = CheckFreshDataDir(data_dir);
  if (!fresh.ok()) return fresh;
  std::error_code error;
  if (!std::filesystem::is_directory(backup_dir, error)) {
    return absl::NotFoundError(absl::StrCat("no backup dir ", backup_dir));
  }
  rocksdb::BackupEngineReadOnly* raw = nullptr;
  rocksdb::IOStatus s = rocksdb::BackupEngineReadOnly::Open(
      rocksdb::BackupEngineOptions(backup_dir), rocksdb::Env::Default(), &raw);
  if (!s.ok()) return BackupError("cannot open backup dir", backup_dir, s);
  std::unique_ptr<rocksdb::BackupEngineReadOnly> engine(raw);
  rocksdb::BackupInfo latest;
  rocksdb::Status found = engine->GetLatestBackupInfo(&latest);
  if (!found.ok()) {
    return absl::NotFoundError(
        absl::StrCat("no backup in ", backup_dir, ": ", found.ToString()));
  }
  const BackupInfo info = InfoOf(latest);
  if (info.schema_version > kSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("backup #", info.id, " in ", backup_dir, " holds schema ",
                     info.schema_version, ", newer than this server's ",
                     kSchemaVersion, "; upgrade govgraph-server"));
  }
  s = engine->VerifyBackup(latest.backup_id, /*verify_with_checksum=*/true);
  if (!s.ok()) {
    return absl::DataLossError(absl::StrCat("backup #", info.id, " in ",
                                            backup_dir,
                                            " is damaged: ", s.ToString()));
  }
  s = engine->RestoreDBFromBackup(latest.backup_id, data_dir, data_dir);
  if (!s.ok()) return BackupError("cannot restore into", data_dir, s);
  return info;
}

}  // namespace govgraph::storage
