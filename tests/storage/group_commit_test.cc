// Group commit: concurrent durable writers of RocksDbGraphStore.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using GroupCommitTest = test_util::RocksDbGraphStoreFixture;

// Writers that run at once share fsyncs (Write's SyncThrough): each still
// returns only once its own report is durable, and every one lands.
TEST_F(GroupCommitTest, ConcurrentDurableWritersAllLand) {
  constexpr int kThreads = 4;
  constexpr int kReportsEach = 10;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([this, t] {
      for (int i = 0; i < kReportsEach; ++i) {
        const std::string report = absl::StrCat("r-", t, "-", i);
        ReportFacts facts = test_util::NewReport(report, "Tin");
        facts.entities.push_back(test_util::MakeEntity(
            absl::StrCat("p-", t, "-", i), EntityKind::kPerson, "Người",
            {test_util::Ev(report, 0, 3, "Tin")}));
        EXPECT_TRUE(store_->ApplyReport(facts).ok()) << report;
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  Reopen();
  absl::StatusOr<GraphStats> stats = store_->GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->reports, kThreads * kReportsEach);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kReportsEach; ++i) {
      EXPECT_EQ(GetCode(absl::StrCat("p-", t, "-", i)), absl::StatusCode::kOk);
    }
  }
}

// Deferred writes are visible at once, and SyncWrites makes all of them
// durable; a later durable write leaves them in place.
TEST_F(GroupCommitTest, DeferredWritesAreVisibleAndSyncedTogether) {
  for (int i = 0; i < 3; ++i) {
    const std::string report = absl::StrCat("d-", i);
    ReportFacts facts = test_util::NewReport(report, "Tin");
    facts.entities.push_back(
        test_util::MakeEntity(absl::StrCat("p-d-", i), EntityKind::kPerson,
                              "Người", {test_util::Ev(report, 0, 3, "Tin")}));
    absl::StatusOr<ApplyResult> applied = store_->ApplyReportDeferred(facts);
    ASSERT_TRUE(applied.ok()) << applied.status();
    EXPECT_EQ(applied->entities_written, 1);
    EXPECT_EQ(GetCode(absl::StrCat("p-d-", i)), absl::StatusCode::kOk);
  }
  ASSERT_TRUE(store_->SyncWrites().ok());
  Reopen();
  absl::StatusOr<GraphStats> stats = store_->GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->reports, 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(GetCode(absl::StrCat("p-d-", i)), absl::StatusCode::kOk);
  }
}

}  // namespace
}  // namespace govgraph::storage
