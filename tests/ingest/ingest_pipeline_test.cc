#include "server/ingest/ingest_pipeline.h"

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/storage/graph_store.h"
#include "tests/ingest/test_facts.h"

namespace govgraph::ingest {
namespace {

using ::govgraph::ingest::testing::kReportId;
using ::govgraph::ingest::testing::MakeEntity;
using ::govgraph::ingest::testing::MakeEvidence;
using ::govgraph::ingest::testing::ValidFacts;
using ::testing::_;
using ::testing::DoAll;
using ::testing::Return;
using ::testing::SaveArg;

class MockGraphStore : public storage::GraphStore {
 public:
  MOCK_METHOD(absl::StatusOr<storage::ApplyResult>, ApplyReport,
              (const ReportFacts& facts), (override));
  MOCK_METHOD(absl::StatusOr<Entity>, GetEntity, (absl::string_view id),
              (override));
  MOCK_METHOD(absl::StatusOr<std::vector<storage::EdgeHit>>, ScanEdges,
              (const storage::EdgeScan& scan), (override));
  MOCK_METHOD(absl::StatusOr<std::vector<storage::NameHit>>, ScanNames,
              (absl::string_view folded_prefix, absl::string_view start_after,
               size_t limit),
              (override));
  MOCK_METHOD(absl::StatusOr<GraphStats>, GetStats, (), (override));
};

// ValidFacts() plus one evidence span with an empty report id (as clients
// may send it) on the report, every entity and every relation. The spans
// ValidFacts() already has name the report.
ReportFacts FactsWithEmptyEvidenceReportIds() {
  ReportFacts facts = ValidFacts();
  facts.report.evidence = {MakeEvidence(0, 8, "")};
  for (Entity& entity : facts.entities) {
    entity.evidence.push_back(MakeEvidence(1, 2, ""));
  }
  for (Relation& relation : facts.relations) {
    relation.evidence.push_back(MakeEvidence(4, 6, ""));
  }
  return facts;
}

std::vector<const Evidence*> AllEvidence(const ReportFacts& facts) {
  std::vector<const Evidence*> all;
  for (const Evidence& e : facts.report.evidence) all.push_back(&e);
  for (const Entity& entity : facts.entities) {
    for (const Evidence& e : entity.evidence) all.push_back(&e);
  }
  for (const Relation& relation : facts.relations) {
    for (const Evidence& e : relation.evidence) all.push_back(&e);
  }
  return all;
}

class IngestPipelineTest : public ::testing::Test {
 protected:
  MockGraphStore store_;
  IngestPipeline pipeline_{&store_, IngestLimits()};
};

TEST_F(IngestPipelineTest, AppliesValidFactsWithReportIdsFilledIn) {
  const ReportFacts input = FactsWithEmptyEvidenceReportIds();
  storage::ApplyResult result;
  result.replaced = true;
  result.entities_written = 5;
  result.relations_written = 10;
  ReportFacts applied;
  EXPECT_CALL(store_, ApplyReport(_))
      .WillOnce(DoAll(SaveArg<0>(&applied), Return(result)));

  absl::StatusOr<storage::ApplyResult> got = pipeline_.IngestFacts(input);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_TRUE(got->replaced);
  EXPECT_EQ(got->entities_written, 5);
  EXPECT_EQ(got->relations_written, 10);

  const std::vector<const Evidence*> evidence = AllEvidence(applied);
  ASSERT_EQ(evidence.size(), AllEvidence(input).size());
  EXPECT_EQ(evidence.size(), 1u + 5 + 1 + 10 + 2);
  for (const Evidence* e : evidence) EXPECT_EQ(e->report_id, kReportId);
  EXPECT_EQ(applied.entities.size(), input.entities.size());
  EXPECT_EQ(applied.relations.size(), input.relations.size());
  EXPECT_EQ(applied.entities[0].evidence[1].start, 1);
  EXPECT_EQ(applied.relations[0].role, input.relations[0].role);
}

TEST_F(IngestPipelineTest, DoesNotApplyInvalidFacts) {
  ReportFacts facts = ValidFacts();
  facts.entities[3].name.clear();
  EXPECT_CALL(store_, ApplyReport(_)).Times(0);
  EXPECT_EQ(pipeline_.IngestFacts(facts).status(),
            absl::InvalidArgumentError("entities[3].name: empty"));
}

TEST_F(IngestPipelineTest, DoesNotApplyEvidenceOfAnotherReport) {
  ReportFacts facts = FactsWithEmptyEvidenceReportIds();
  facts.relations[2].evidence[0].report_id = "r2";
  EXPECT_CALL(store_, ApplyReport(_)).Times(0);
  EXPECT_EQ(pipeline_.IngestFacts(facts).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(IngestPipelineTest, DoesNotApplyWithoutReportId) {
  ReportFacts facts = FactsWithEmptyEvidenceReportIds();
  facts.report.id.clear();
  EXPECT_CALL(store_, ApplyReport(_)).Times(0);
  EXPECT_EQ(pipeline_.IngestFacts(facts).status(),
            absl::InvalidArgumentError("report.id: empty"));
}

TEST_F(IngestPipelineTest, DoesNotApplyOverLimit) {
  IngestLimits limits;
  limits.max_entities = 2;
  const IngestPipeline pipeline(&store_, limits);
  EXPECT_CALL(store_, ApplyReport(_)).Times(0);
  EXPECT_EQ(pipeline.IngestFacts(ValidFacts()).status().code(),
            absl::StatusCode::kResourceExhausted);
}

TEST_F(IngestPipelineTest, StoreErrorsPropagateUnchanged) {
  for (const absl::Status& error :
       {absl::FailedPreconditionError("entity o1 is a PERSON elsewhere"),
        absl::UnavailableError("rocksdb: Busy"),
        absl::DataLossError("bad EntityRecord")}) {
    EXPECT_CALL(store_, ApplyReport(_)).WillOnce(Return(error));
    EXPECT_EQ(pipeline_.IngestFacts(ValidFacts()).status(), error);
  }
}

TEST_F(IngestPipelineTest, AcceptsReportWithOnlyEntities) {
  ReportFacts facts;
  facts.report = MakeEntity(kReportId, EntityKind::kReport, "Tin");
  facts.entities = {MakeEntity("p1", EntityKind::kPerson, "Lộc")};
  facts.entities[0].evidence = {MakeEvidence(0, 3, "")};
  ReportFacts applied;
  EXPECT_CALL(store_, ApplyReport(_))
      .WillOnce(DoAll(SaveArg<0>(&applied), Return(storage::ApplyResult())));
  EXPECT_TRUE(pipeline_.IngestFacts(facts).ok());
  EXPECT_EQ(applied.entities[0].evidence[0].report_id, kReportId);
}

}  // namespace
}  // namespace govgraph::ingest
