// A failing disk (no space left), injected through RocksDB's FileSystem:
// writes fail with kUnavailable and change nothing, reads go on; once the
// disk works again, the same store takes writes again, and a store reopened
// holds every acknowledged write.
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

// Fails every write, sync and flush of files opened for writing while
// `full` is set, as a full disk does; with `fail_syncs_only` too, only syncs
// fail.
class FullDiskFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FullDiskFileSystem(std::shared_ptr<rocksdb::FileSystem> target)
      : FileSystemWrapper(std::move(target)) {}
  const char* Name() const override { return "FullDiskFileSystem"; }

  rocksdb::IOStatus NewWritableFile(
      const std::string& name, const rocksdb::FileOptions& options,
      std::unique_ptr<rocksdb::FSWritableFile>* result,
      rocksdb::IODebugContext* debug) override {
    if (full && !fail_syncs_only) {
      return Failure();
    }
    rocksdb::IOStatus s =
        target()->NewWritableFile(name, options, result, debug);
    if (s.ok()) *result = std::make_unique<File>(std::move(*result), this);
    return s;
  }

  // A full disk has no free space: RocksDB's recovery from "no space"
  // errors polls this and resumes writes once there is some.
  rocksdb::IOStatus GetFreeSpace(const std::string& path,
                                 const rocksdb::IOOptions& options,
                                 uint64_t* free_space,
                                 rocksdb::IODebugContext* debug) override {
    if (full && !fail_syncs_only) {
      *free_space = 0;
      return rocksdb::IOStatus::OK();
    }
    return target()->GetFreeSpace(path, options, free_space, debug);
  }

  std::atomic<bool> full{false};
  std::atomic<bool> fail_syncs_only{false};
  std::atomic<bool> eio{false};  // Fail with a plain I/O error instead.
  rocksdb::IOStatus Failure() const {
    return eio ? rocksdb::IOStatus::IOError("injected: EIO")
               : rocksdb::IOStatus::NoSpace("injected: disk full");
  }

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file,
         const FullDiskFileSystem* fs)
        : FSWritableFileOwnerWrapper(std::move(file)), fs_(fs) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* debug) override {
      if (WritesFail()) return fs_->Failure();
      return FSWritableFileOwnerWrapper::Append(data, options, debug);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data,
                             const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* debug) override {
      if (WritesFail()) return fs_->Failure();
      return FSWritableFileOwnerWrapper::Append(data, options, info, debug);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* debug) override {
      if (fs_->full) return fs_->Failure();
      return FSWritableFileOwnerWrapper::Sync(options, debug);
    }
    rocksdb::IOStatus Flush(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* debug) override {
      if (WritesFail()) return fs_->Failure();
      return FSWritableFileOwnerWrapper::Flush(options, debug);
    }

   private:
    bool WritesFail() const { return fs_->full && !fs_->fail_syncs_only; }

    const FullDiskFileSystem* fs_;
  };
};

class DiskErrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One directory per test: ctest runs the tests in parallel.
    dir_ = std::filesystem::path(::testing::TempDir()) /
           absl::StrCat(
               "govgraph_disk_error_",
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    fs_ = std::make_shared<FullDiskFileSystem>(rocksdb::FileSystem::Default());
    env_ = rocksdb::NewCompositeEnv(fs_);
    RocksDbOptions options;
    options.path = dir_;
    options.env = env_.get();
    absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> store =
        RocksDbGraphStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }
  void TearDown() override {
    fs_->full = false;
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Closes the store and opens it again without the failing file system.
  void ReopenOnTheRealDisk() {
    store_.reset();
    RocksDbOptions options;
    options.path = dir_;
    absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> reopened =
        RocksDbGraphStore::Open(options);
    ASSERT_TRUE(reopened.ok()) << reopened.status();
    store_ = *std::move(reopened);
  }

  std::string dir_;
  std::shared_ptr<FullDiskFileSystem> fs_;
  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<RocksDbGraphStore> store_;
};

TEST_F(DiskErrorTest, WritesFailUnavailableReadsGoOnAReopenedStoreWrites) {
  ASSERT_TRUE(store_->ApplyReport(test_util::R1()).ok());
  const absl::StatusOr<GraphStats> before = store_->GetStats();
  ASSERT_TRUE(before.ok());

  fs_->full = true;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const absl::StatusOr<ApplyResult> refused =
        store_->ApplyReport(test_util::R2());
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable)
        << refused.status();
  }
  EXPECT_EQ(store_->DeleteReport("r1").status().code(),
            absl::StatusCode::kUnavailable);
  // Reads go on, and see nothing of the refused writes.
  EXPECT_TRUE(store_->GetEntity("p1").ok());
  const absl::StatusOr<Entity> r2 = store_->GetEntity("r2");
  EXPECT_EQ(r2.status().code(), absl::StatusCode::kNotFound);
  const absl::StatusOr<GraphStats> during = store_->GetStats();
  ASSERT_TRUE(during.ok());
  EXPECT_EQ(test_util::Counts(*during), test_util::Counts(*before));

  fs_->full = false;
  // Reopened on the working disk: what was acknowledged is there, what was
  // refused is not, and writes go on.
  ASSERT_NO_FATAL_FAILURE(ReopenOnTheRealDisk());
  EXPECT_TRUE(store_->GetEntity("p1").ok());
  EXPECT_EQ(store_->GetEntity("r2").status().code(),
            absl::StatusCode::kNotFound);
  const absl::StatusOr<GraphStats> after = store_->GetStats();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(test_util::Counts(*after), test_util::Counts(*before));
  const absl::StatusOr<ApplyResult> resumed =
      store_->ApplyReport(test_util::R2());
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  EXPECT_TRUE(store_->GetEntity("r2").ok());
}

// Waits (bounded) for the store to take `facts` again: the store retries
// resuming at most once a second.
absl::Status ApplyWhenResumed(RocksDbGraphStore& store,
                              const ReportFacts& facts) {
  absl::Status last;
  for (int attempt = 0; attempt < 150; ++attempt) {
    last = store.ApplyReport(facts).status();
    if (last.code() != absl::StatusCode::kUnavailable) return last;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return last;
}

TEST_F(DiskErrorTest, WritesResumeInProcessOnceTheDiskWorks) {
  EXPECT_FALSE(store_->writes_need_restart());
  ASSERT_TRUE(store_->ApplyReport(test_util::R1()).ok());
  fs_->full = true;
  EXPECT_EQ(store_->ApplyReport(test_util::R2()).status().code(),
            absl::StatusCode::kUnavailable);
  // Writers keep trying while the disk is full: each is refused, and none
  // turns the error into one only a restart clears.
  for (int attempt = 0; attempt < 3; ++attempt) {
    absl::SleepFor(absl::Milliseconds(1100));
    const absl::Status refused = store_->ApplyReport(test_util::R2()).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kUnavailable) << refused;
  }
  EXPECT_TRUE(store_->GetEntity("p1").ok());
  EXPECT_TRUE(store_->Figures().writes_failed);

  fs_->full = false;
  const absl::Status resumed = ApplyWhenResumed(*store_, test_util::R2());
  ASSERT_TRUE(resumed.ok()) << resumed;
  EXPECT_TRUE(store_->GetEntity("r2").ok());
  EXPECT_TRUE(store_->DeleteReport("r1").ok());
  EXPECT_FALSE(store_->writes_need_restart());
  EXPECT_FALSE(store_->Figures().writes_failed);

  // Both writes after the resume are durable: a reopened store has them.
  ASSERT_NO_FATAL_FAILURE(ReopenOnTheRealDisk());
  EXPECT_TRUE(store_->GetEntity("r2").ok());
  EXPECT_EQ(store_->GetEntity("r1").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(DiskErrorTest, AFailedSyncAlsoStopsAndResumes) {
  ASSERT_TRUE(store_->ApplyReport(test_util::R1()).ok());
  fs_->fail_syncs_only = true;
  fs_->full = true;  // The WAL write goes through; its sync fails.
  const absl::Status refused = store_->ApplyReport(test_util::R2()).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kUnavailable) << refused;
  fs_->full = false;
  fs_->fail_syncs_only = false;
  const absl::Status resumed =
      ApplyWhenResumed(*store_, test_util::NewReport("r3", "Tin 3"));
  ASSERT_TRUE(resumed.ok()) << resumed;
  EXPECT_TRUE(store_->GetEntity("r3").ok());
}

TEST_F(DiskErrorTest, AnErrorRocksDbHoldsFatalAsksForARestart) {
  ASSERT_TRUE(store_->ApplyReport(test_util::R1()).ok());
  fs_->eio = true;  // A plain I/O error on the WAL, which RocksDB holds fatal.
  fs_->full = true;
  EXPECT_EQ(store_->ApplyReport(test_util::R2()).status().code(),
            absl::StatusCode::kUnavailable);
  fs_->full = false;
  // The next attempt to resume finds the error fatal.
  for (int attempt = 0; attempt < 50 && !store_->writes_need_restart();
       ++attempt) {
    EXPECT_EQ(store_->ApplyReport(test_util::R2()).status().code(),
              absl::StatusCode::kUnavailable);
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(store_->writes_need_restart());
  EXPECT_TRUE(store_->Figures().writes_need_restart);
  EXPECT_TRUE(store_->GetEntity("p1").ok());  // Reads go on.

  ASSERT_NO_FATAL_FAILURE(ReopenOnTheRealDisk());
  EXPECT_FALSE(store_->writes_need_restart());
  EXPECT_TRUE(store_->GetEntity("p1").ok());
  EXPECT_TRUE(store_->ApplyReport(test_util::R2()).ok());
}

}  // namespace
}  // namespace govgraph::storage
