// RocksDbGraphStore::Backup and RestoreLatestBackup.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/key_codec.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using ::testing::HasSubstr;

// Report "r-<i>" naming one person "p-<i>".
ReportFacts NumberedReport(int i) {
  const std::string report = absl::StrCat("r-", i);
  ReportFacts facts = test_util::NewReport(report, "Tin");
  facts.entities.push_back(
      test_util::MakeEntity(absl::StrCat("p-", i), EntityKind::kPerson, "Người",
                            {test_util::Ev(report, 0, 3, "Tin")}));
  return facts;
}

class BackupTest : public test_util::RocksDbGraphStoreFixture {
 protected:
  std::string backups() const { return dir_ + "/backups"; }
  std::string restored() const { return dir_ + "/restored"; }

  // Restores the latest backup into restored() and opens it.
  std::unique_ptr<RocksDbGraphStore> Restore() {
    absl::StatusOr<BackupInfo> info =
        RocksDbGraphStore::RestoreLatestBackup(backups(), restored());
    EXPECT_TRUE(info.ok()) << info.status();
    if (!info.ok()) return nullptr;
    RocksDbOptions options = Options();
    options.path = restored();
    absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> store =
        RocksDbGraphStore::Open(options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }
};

TEST_F(BackupTest, RestoredStoreHoldsTheSameGraph) {
  Apply(test_util::R1());
  Apply(test_util::R2());
  absl::StatusOr<BackupInfo> backup = store_->Backup(backups());
  ASSERT_TRUE(backup.ok()) << backup.status();
  EXPECT_EQ(backup->id, 1u);
  EXPECT_GT(backup->size_bytes, 0);
  EXPECT_GT(backup->files, 0);
  EXPECT_EQ(backup->schema_version, kSchemaVersion);
  std::unique_ptr<RocksDbGraphStore> copy = Restore();
  ASSERT_NE(copy, nullptr);
  absl::StatusOr<GraphStats> stats = copy->GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(test_util::Counts(*stats), test_util::Counts(Stats()));
  absl::StatusOr<Entity> p1 = copy->GetEntity("p1");
  ASSERT_TRUE(p1.ok()) << p1.status();
  EXPECT_EQ(p1->name, Get("p1").name);
  EXPECT_EQ(p1->evidence.size(), Get("p1").evidence.size());
}

// A later backup in the same dir gets the next id and is the one restored.
TEST_F(BackupTest, LaterBackupIsRestored) {
  Apply(NumberedReport(0));
  ASSERT_TRUE(store_->Backup(backups()).ok());
  Apply(NumberedReport(1));
  absl::StatusOr<BackupInfo> second = store_->Backup(backups());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->id, 2u);
  std::unique_ptr<RocksDbGraphStore> copy = Restore();
  ASSERT_NE(copy, nullptr);
  EXPECT_TRUE(copy->GetEntity("p-1").ok());
  EXPECT_EQ(copy->GetStats()->reports, 2);
}

// While a writer applies reports one by one, a backup holds every report
// acknowledged before it started, and whole reports only: a prefix of the
// writer's sequence, each with its person.
TEST_F(BackupTest, BackupDuringWritesHoldsAPrefixOfWholeReports) {
  std::atomic<int> acknowledged{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop.load(); ++i) {
      if (!store_->ApplyReport(NumberedReport(i)).ok()) return;
      acknowledged.store(i + 1);
    }
  });
  while (acknowledged.load() < 20) std::this_thread::yield();
  const int before = acknowledged.load();
  absl::StatusOr<BackupInfo> backup = store_->Backup(backups());
  stop.store(true);
  writer.join();
  ASSERT_TRUE(backup.ok()) << backup.status();
  std::unique_ptr<RocksDbGraphStore> copy = Restore();
  ASSERT_NE(copy, nullptr);
  absl::StatusOr<GraphStats> stats = copy->GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  const int64_t reports = stats->reports;
  EXPECT_GE(reports, before);
  EXPECT_LE(reports, acknowledged.load());
  EXPECT_EQ(stats->entities_by_kind[static_cast<int>(EntityKind::kPerson)],
            reports);
  for (int i = 0; i < reports; ++i) {
    EXPECT_TRUE(copy->GetEntity(absl::StrCat("p-", i)).ok()) << i;
  }
  EXPECT_EQ(copy->GetEntity(absl::StrCat("p-", reports)).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(BackupTest, BackupErrors) {
  EXPECT_EQ(store_->Backup("").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Backup("relative/dir").status().code(),
            absl::StatusCode::kInvalidArgument);
  const std::string file = dir_ + "/a-file";
  std::ofstream(file) << "x";
  EXPECT_EQ(store_->Backup(file + "/backups").status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(BackupTest, RestoreErrors) {
  // No backup dir, or one without backups.
  EXPECT_EQ(RocksDbGraphStore::RestoreLatestBackup(backups(), restored())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  std::filesystem::create_directories(backups());
  EXPECT_EQ(RocksDbGraphStore::RestoreLatestBackup(backups(), restored())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  // Never over existing data.
  Apply(test_util::R1());
  ASSERT_TRUE(store_->Backup(backups()).ok());
  absl::StatusOr<BackupInfo> over =
      RocksDbGraphStore::RestoreLatestBackup(backups(), path_);
  EXPECT_EQ(over.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(over.status().message(), HasSubstr("fresh data dir"));
  EXPECT_EQ(Get("p1").id, "p1");  // Untouched.
}

// A damaged file is found before anything is restored.
TEST_F(BackupTest, DamagedBackupIsDataLoss) {
  Apply(test_util::R1());
  store_->Backup(backups()).IgnoreError();
  bool damaged = false;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(backups())) {
    const std::string extension = entry.path().extension().string();
    // Table files, or the WAL that holds what no table file does yet.
    if (extension != ".sst" && extension != ".log") continue;
    std::fstream file(entry.path(),
                      std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(entry.file_size() / 2));
    file.put('\x5a').put('\xa5').put('\x5a');
    damaged = true;
    break;
  }
  ASSERT_TRUE(damaged) << "the backup holds no table or log file";
  absl::StatusOr<BackupInfo> restored_info =
      RocksDbGraphStore::RestoreLatestBackup(backups(), restored());
  EXPECT_EQ(restored_info.status().code(), absl::StatusCode::kDataLoss)
      << restored_info.status();
  EXPECT_FALSE(std::filesystem::exists(restored() + "/CURRENT"));
}

}  // namespace
}  // namespace govgraph::storage
