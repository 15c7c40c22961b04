// A failing disk (no space left), injected through RocksDB's FileSystem:
// writes fail with kUnavailable and change nothing, reads go on; once the
// disk works again, the store reopened (RocksDB stops writes after a WAL
// error until then) holds every acknowledged write and takes new ones.
#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "rocksdb/env.h"
#include "rocksdb/file_system.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

// Fails every write, sync and flush of files opened for writing while
// `full` is set, as a full disk does.
class FullDiskFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FullDiskFileSystem(std::shared_ptr<rocksdb::FileSystem> target)
      : FileSystemWrapper(std::move(target)) {}
  const char* Name() const override { return "FullDiskFileSystem"; }

  rocksdb::IOStatus NewWritableFile(
      const std::string& name, const rocksdb::FileOptions& options,
      std::unique_ptr<rocksdb::FSWritableFile>* result,
      rocksdb::IODebugContext* debug) override {
    if (full) return rocksdb::IOStatus::NoSpace("injected: disk full");
    rocksdb::IOStatus s =
        target()->NewWritableFile(name, options, result, debug);
    if (s.ok()) *result = std::make_unique<File>(std::move(*result), &full);
    return s;
  }

  std::atomic<bool> full{false};

 private:
  class File : public rocksdb::FSWritableFileOwnerWrapper {
   public:
    File(std::unique_ptr<rocksdb::FSWritableFile> file,
         const std::atomic<bool>* full)
        : FSWritableFileOwnerWrapper(std::move(file)), full_(full) {}
    rocksdb::IOStatus Append(const rocksdb::Slice& data,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* debug) override {
      if (*full_) return rocksdb::IOStatus::NoSpace("injected: disk full");
      return FSWritableFileOwnerWrapper::Append(data, options, debug);
    }
    rocksdb::IOStatus Append(const rocksdb::Slice& data,
                             const rocksdb::IOOptions& options,
                             const rocksdb::DataVerificationInfo& info,
                             rocksdb::IODebugContext* debug) override {
      if (*full_) return rocksdb::IOStatus::NoSpace("injected: disk full");
      return FSWritableFileOwnerWrapper::Append(data, options, info, debug);
    }
    rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* debug) override {
      if (*full_) return rocksdb::IOStatus::NoSpace("injected: disk full");
      return FSWritableFileOwnerWrapper::Sync(options, debug);
    }
    rocksdb::IOStatus Flush(const rocksdb::IOOptions& options,
                            rocksdb::IODebugContext* debug) override {
      if (*full_) return rocksdb::IOStatus::NoSpace("injected: disk full");
      return FSWritableFileOwnerWrapper::Flush(options, debug);
    }

   private:
    const std::atomic<bool>* full_;
  };
};

class DiskErrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / "govgraph_disk_error";
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
  store_.reset();
  RocksDbOptions options;
  options.path = dir_;
  absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> reopened =
      RocksDbGraphStore::Open(options);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = *std::move(reopened);
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

}  // namespace
}  // namespace govgraph::storage
