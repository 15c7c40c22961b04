// Read pins (GraphStore::PinReads): a thread's reads under a pin see the
// graph as it was when the pin was taken, while another thread writes.
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "server/storage/graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using test_util::R1;

class ReadPinTest : public test_util::RocksDbGraphStoreFixture {
 protected:
  // Runs `write` on another thread, as a concurrent writer would.
  template <typename Write>
  void OnAnotherThread(Write write) {
    std::thread writer(write);
    writer.join();
  }
};

TEST_F(ReadPinTest, AWalkUnderAPinSeesNodesDeletedMeanwhile) {
  Apply(R1());
  const uint64_t version = store_->Version();
  {
    const std::unique_ptr<ReadPin> pin = store_->PinReads();
    ASSERT_NE(pin, nullptr);
    absl::StatusOr<NodeHandle> p1 = store_->FindHandle("p1");
    ASSERT_TRUE(p1.ok()) << p1.status();
    AdjacencyScan scan;
    scan.node = *p1;
    absl::StatusOr<std::vector<EdgeRef>> edges = store_->ScanAdjacency(scan);
    ASSERT_TRUE(edges.ok()) << edges.status();
    ASSERT_FALSE(edges->empty());

    OnAnotherThread([&] { ASSERT_TRUE(store_->DeleteReport("r1").ok()); });

    // The pinned thread still names every neighbour and relation it found.
    for (const EdgeRef& edge : *edges) {
      EXPECT_TRUE(store_->EntityOf(edge.target).ok());
      EXPECT_TRUE(store_->RelationOf(edge, /*with_evidence=*/true).ok());
    }
    EXPECT_TRUE(store_->GetEntity("p1").ok());
    absl::StatusOr<GraphStats> stats = store_->GetStats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->reports, 1);
    EXPECT_EQ(store_->Version(), version);  // What a cache keys on.
    // A second pin on the same thread changes nothing.
    EXPECT_EQ(store_->PinReads(), nullptr);
    EXPECT_TRUE(store_->GetEntity("p1").ok());
  }
  // Unpinned, the thread sees the delete.
  EXPECT_EQ(store_->GetEntity("p1").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_GT(store_->Version(), version);
}

TEST_F(ReadPinTest, APinHoldsOnlyItsOwnThread) {
  Apply(R1());
  const std::unique_ptr<ReadPin> pin = store_->PinReads();
  OnAnotherThread([&] {
    ASSERT_TRUE(store_->DeleteReport("r1").ok());
    // This thread holds no pin: it reads the latest graph.
    EXPECT_EQ(store_->GetEntity("p1").status().code(),
              absl::StatusCode::kNotFound);
  });
  EXPECT_TRUE(store_->GetEntity("p1").ok());
}

}  // namespace
}  // namespace govgraph::storage
