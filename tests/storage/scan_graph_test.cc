// RocksDbGraphStore::ScanGraph: the whole graph in batches, entities first,
// as of one snapshot.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAreArray;

using ScanGraphTest = test_util::RocksDbGraphStoreFixture;

// What a scan handed over, in order.
struct Scanned {
  std::vector<Entity> entities;
  std::vector<Relation> relations;
  std::vector<size_t> batch_sizes;
  bool entity_after_relation = false;
};

// A scan that records everything into `out`.
GraphScan Recording(Scanned* out, bool with_evidence, size_t batch_size) {
  GraphScan scan;
  scan.with_evidence = with_evidence;
  scan.batch_size = batch_size;
  scan.on_entities = [out](std::vector<Entity> batch) {
    out->entity_after_relation |= !out->relations.empty();
    out->batch_sizes.push_back(batch.size());
    for (Entity& entity : batch) out->entities.push_back(std::move(entity));
    return absl::OkStatus();
  };
  scan.on_relations = [out](std::vector<Relation> batch) {
    out->batch_sizes.push_back(batch.size());
    for (Relation& relation : batch) {
      out->relations.push_back(std::move(relation));
    }
    return absl::OkStatus();
  };
  return scan;
}

std::vector<std::string> Ids(const std::vector<Entity>& entities) {
  std::vector<std::string> ids;
  for (const Entity& entity : entities) ids.push_back(entity.id);
  return ids;
}

TEST_F(ScanGraphTest, HandsOverEveryEntityThenEveryRelationOnce) {
  Apply(test_util::R1());
  Apply(test_util::R2());
  Scanned scanned;
  ASSERT_TRUE(store_->ScanGraph(Recording(&scanned, true, 3)).ok());
  EXPECT_FALSE(scanned.entity_after_relation);
  EXPECT_THAT(Ids(scanned.entities),
              UnorderedElementsAreArray({"r1", "r2", "p1", "p2", "o1", "m1"}));
  absl::StatusOr<GraphStats> stats = store_->GetStats();
  ASSERT_TRUE(stats.ok());
  int64_t relations = 0;
  for (int64_t count : stats->relations_by_type) relations += count;
  EXPECT_EQ(static_cast<int64_t>(scanned.relations.size()), relations);
  std::set<std::string> seen;
  for (const Relation& relation : scanned.relations) {
    EXPECT_TRUE(seen.insert(test_util::Describe(relation)).second)
        << test_util::Describe(relation) << " twice";
  }
  for (size_t size : scanned.batch_sizes) {
    EXPECT_GT(size, 0u);
    EXPECT_LE(size, 3u);
  }
  // The relation both reports support carries both reports' evidence.
  for (const Relation& relation : scanned.relations) {
    if (relation.role == "Trưởng ban") {
      EXPECT_THAT(relation.report_ids, UnorderedElementsAreArray({"r1", "r2"}));
      EXPECT_EQ(relation.start_date, "2021-04-01");
    }
  }
}

TEST_F(ScanGraphTest, WithoutEvidenceCarriesNone) {
  Apply(test_util::R1());
  Scanned scanned;
  ASSERT_TRUE(store_->ScanGraph(Recording(&scanned, false, 256)).ok());
  ASSERT_THAT(scanned.entities, Not(IsEmpty()));
  for (const Entity& entity : scanned.entities) {
    EXPECT_THAT(entity.evidence, IsEmpty()) << entity.id;
  }
  for (const Relation& relation : scanned.relations) {
    EXPECT_THAT(relation.evidence, IsEmpty());
  }
}

// A report applied while the scan runs is not part of it, and the
// relations the scan hands over still name only entities it handed over.
TEST_F(ScanGraphTest, SeesTheGraphAsItWasWhenItBegan) {
  Apply(test_util::R1());
  Scanned scanned;
  GraphScan scan = Recording(&scanned, false, 1);
  const auto record = scan.on_entities;
  bool written = false;
  scan.on_entities = [&](std::vector<Entity> batch) {
    if (!written) {
      written = true;
      ReportFacts later = test_util::NewReport("r9", "Tin sau");
      later.entities.push_back(
          test_util::MakeEntity("p9", EntityKind::kPerson, "Người Mới",
                                {test_util::Ev("r9", 0, 3, "Người Mới")}));
      later.relations.push_back(
          test_util::Rel(RelationType::kMentionedIn, "p9", "r9"));
      EXPECT_TRUE(store_->ApplyReport(later).ok());
      EXPECT_TRUE(store_->DeleteReport("r1").ok());
    }
    return record(std::move(batch));
  };
  ASSERT_TRUE(store_->ScanGraph(scan).ok());
  EXPECT_THAT(Ids(scanned.entities),
              UnorderedElementsAreArray({"r1", "p1", "p2", "o1", "m1"}));
  std::set<std::string> ids;
  for (const Entity& entity : scanned.entities) ids.insert(entity.id);
  for (const Relation& relation : scanned.relations) {
    EXPECT_EQ(ids.count(relation.source_id), 1u) << relation.source_id;
    EXPECT_EQ(ids.count(relation.target_id), 1u) << relation.target_id;
  }
  EXPECT_EQ(scanned.relations.size(), test_util::R1().relations.size());
}

TEST_F(ScanGraphTest, StopsAtTheFirstErrorACallbackReturns) {
  Apply(test_util::R1());
  int calls = 0;
  GraphScan scan;
  scan.batch_size = 1;
  scan.on_entities = [&](std::vector<Entity>) {
    ++calls;
    return absl::CancelledError("reader gone");
  };
  scan.on_relations = [&](std::vector<Relation>) {
    ADD_FAILURE() << "relations after an error";
    return absl::OkStatus();
  };
  EXPECT_EQ(store_->ScanGraph(scan).code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 1);
  scan.batch_size = 0;
  EXPECT_EQ(store_->ScanGraph(scan).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace govgraph::storage
