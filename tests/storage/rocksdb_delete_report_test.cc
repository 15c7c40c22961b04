// RocksDbGraphStore::DeleteReport: retracting a report withdraws its
// support from every fact it stated; facts no other report supports vanish
// from every index, shared facts keep the other reports' evidence.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using test_util::Counts;
using test_util::Describe;
using test_util::Kind;
using test_util::R1;
using test_util::R2;
using test_util::Type;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

// Every id R1() and R2() use.
const std::vector<std::string> kAllIds = {"r1", "r2", "p1", "p2", "o1", "m1"};

class DeleteReportTest : public test_util::RocksDbGraphStoreFixture {
 protected:
  DeleteResult Delete(absl::string_view report_id) {
    absl::StatusOr<DeleteResult> result = store_->DeleteReport(report_id);
    EXPECT_TRUE(result.ok()) << report_id << ": " << result.status();
    return result.ok() ? *result : DeleteResult();
  }

  // Expects DeleteReport(`report_id`) to fail with kNotFound and change
  // nothing.
  void ExpectNotFound(absl::string_view report_id) {
    const std::vector<std::string> before = Snapshot(kAllIds);
    EXPECT_EQ(store_->DeleteReport(report_id).status().code(),
              absl::StatusCode::kNotFound)
        << "\"" << report_id << "\"";
    EXPECT_EQ(Snapshot(kAllIds), before) << "\"" << report_id << "\"";
  }
};

TEST_F(DeleteReportTest, RemovesWhatOnlyItSupported) {
  Apply(R1());
  Apply(R2());
  const DeleteResult result = Delete("r1");
  EXPECT_EQ(result.entities_removed, 2);   // p2, m1.
  EXPECT_EQ(result.relations_removed, 7);  // All of r1's but the shared one.

  for (const char* id : {"r1", "p2", "m1"}) {
    EXPECT_EQ(GetCode(id), absl::StatusCode::kNotFound) << id;
  }
  EXPECT_THAT(Out("p1"), ElementsAre("HOLDS_POSITION p1->o1 Trưởng ban"));
  EXPECT_THAT(In("p1"), IsEmpty());
  EXPECT_THAT(Out("o1"), IsEmpty());
  EXPECT_THAT(In("o1"), ElementsAre("HOLDS_POSITION p1->o1 Trưởng ban"));
  // "Phước Lộc" was r1's form only: it went with r1.
  EXPECT_THAT(Describe(Names("")),
              ElementsAre("ban dan van trung uong=o1", "nguyen phuoc loc=p1",
                          "tin 2=r2"));
  EXPECT_THAT(Names("hoi nghi"), IsEmpty());
  EXPECT_THAT(Names("nguyen van nen"), IsEmpty());

  const GraphStats stats = Stats();
  EXPECT_EQ(Kind(stats, EntityKind::kPerson), 1);
  EXPECT_EQ(Kind(stats, EntityKind::kOrganization), 1);
  EXPECT_EQ(Kind(stats, EntityKind::kMeeting), 0);
  EXPECT_EQ(Kind(stats, EntityKind::kReport), 1);
  EXPECT_EQ(Type(stats, RelationType::kHoldsPosition), 1);
  for (RelationType type :
       {RelationType::kChaired, RelationType::kAttended,
        RelationType::kOrganized, RelationType::kMentionedIn}) {
    EXPECT_EQ(Type(stats, type), 0) << RelationTypeName(type);
  }
  EXPECT_EQ(stats.reports, 1);
}

TEST_F(DeleteReportTest, SharedFactsKeepOnlyTheOtherReportsEvidence) {
  Apply(R1());
  Apply(R2());
  Delete("r1");
  const Entity p1 = Get("p1");
  EXPECT_THAT(p1.report_ids, ElementsAre("r2"));
  ASSERT_EQ(p1.evidence.size(), 1u);
  EXPECT_EQ(p1.evidence[0].report_id, "r2");
  EXPECT_EQ(p1.evidence[0].start, 4);
  EXPECT_THAT(Get("o1").report_ids, ElementsAre("r2"));
  for (Direction direction : {Direction::kOutgoing, Direction::kIncoming}) {
    const std::vector<EdgeHit> hits =
        Scan(direction == Direction::kOutgoing ? "p1" : "o1", direction);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_THAT(hits[0].relation.report_ids, ElementsAre("r2"));
    ASSERT_EQ(hits[0].relation.evidence.size(), 1u);
    EXPECT_EQ(hits[0].relation.evidence[0].report_id, "r2");
    EXPECT_EQ(hits[0].relation.evidence[0].sentence, "Trưởng ban");
  }
}

TEST_F(DeleteReportTest, DeletingTheOtherReportKeepsTheFirstOnesFacts) {
  Apply(R1());
  const std::vector<std::string> r1_only = Snapshot(test_util::kR1Ids);
  Apply(R2());
  const DeleteResult result = Delete("r2");
  EXPECT_EQ(result.entities_removed, 0);
  EXPECT_EQ(result.relations_removed, 0);
  EXPECT_EQ(GetCode("r2"), absl::StatusCode::kNotFound);
  EXPECT_EQ(Snapshot(test_util::kR1Ids), r1_only);
}

TEST_F(DeleteReportTest, DeletingTheOnlyReportEmptiesTheStore) {
  Apply(R1());
  const DeleteResult result = Delete("r1");
  EXPECT_EQ(result.entities_removed, 4);
  EXPECT_EQ(result.relations_removed, 8);
  EXPECT_THAT(Names(""), IsEmpty());
  EXPECT_THAT(Counts(Stats()), Each(0));
  for (const std::string& id : test_util::kR1Ids) {
    EXPECT_EQ(GetCode(id), absl::StatusCode::kNotFound) << id;
  }
}

TEST_F(DeleteReportTest, UnknownOrNonReportIdIsNotFoundAndChangesNothing) {
  ExpectNotFound("r1");  // Empty store.
  Apply(R1());
  Apply(R2());
  ExpectNotFound("");
  ExpectNotFound("r9");
  ExpectNotFound("R1");
  ExpectNotFound("p1");  // A person, not a report.
  ExpectNotFound("m1");
}

TEST_F(DeleteReportTest, DeletingTwiceIsNotFound) {
  Apply(R1());
  Apply(R2());
  Delete("r1");
  ExpectNotFound("r1");
  EXPECT_EQ(Stats().reports, 1);
}

TEST_F(DeleteReportTest, DeleteThenReingestRestoresTheFacts) {
  Apply(R1());
  Apply(R2());
  const std::vector<std::string> both = Snapshot(kAllIds);
  Delete("r1");
  const ApplyResult again = Apply(R1());
  EXPECT_FALSE(again.replaced);
  EXPECT_EQ(again.entities_written, 4);
  EXPECT_EQ(again.relations_written, 8);
  EXPECT_THAT(Snapshot(kAllIds), UnorderedElementsAreArray(both));
  EXPECT_THAT(Get("p1").report_ids, UnorderedElementsAre("r1", "r2"));
  EXPECT_EQ(Stats().reports, 2);
}

TEST_F(DeleteReportTest, DeletionSurvivesReopen) {
  Apply(R1());
  Apply(R2());
  Delete("r1");
  const std::vector<std::string> after = Snapshot(kAllIds);
  Reopen();
  EXPECT_EQ(Snapshot(kAllIds), after);
  ExpectNotFound("r1");
  Delete("r2");
  Reopen();
  EXPECT_THAT(Counts(Stats()), Each(0));
  EXPECT_THAT(Names(""), IsEmpty());
}

}  // namespace
}  // namespace govgraph::storage
