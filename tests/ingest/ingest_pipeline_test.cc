#include "server/ingest/ingest_pipeline.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "server/ingest/extraction_to_facts.h"
#include "server/ingest/fingerprint.h"
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
  MOCK_METHOD(absl::StatusOr<storage::ApplyResult>, ApplyReportDeferred,
              (const ReportFacts& facts), (override));
  MOCK_METHOD(absl::Status, SyncWrites, (), (override));
  MOCK_METHOD(absl::StatusOr<storage::BackupInfo>, Backup,
              (const std::string& dir), (override));
  MOCK_METHOD(absl::StatusOr<storage::WordMatches>, FindByWords,
              (const std::vector<std::string>& words, size_t limit),
              (override));
  MOCK_METHOD(absl::StatusOr<storage::ImportResult>, ImportGraph,
              (const storage::GraphImport& graph), (override));
  MOCK_METHOD(absl::StatusOr<storage::DeleteResult>, DeleteReport,
              (absl::string_view report_id), (override));
  MOCK_METHOD(absl::StatusOr<Entity>, GetEntity, (absl::string_view id),
              (override));
  MOCK_METHOD(absl::StatusOr<Relation>, GetRelation,
              (const storage::RelationKeyQuery& key), (override));
  MOCK_METHOD(absl::StatusOr<std::vector<storage::EdgeHit>>, ScanEdges,
              (const storage::EdgeScan& scan), (override));
  MOCK_METHOD(absl::StatusOr<std::vector<storage::NameHit>>, ScanNames,
              (absl::string_view folded_prefix, absl::string_view start_after,
               size_t limit),
              (override));
  MOCK_METHOD(absl::StatusOr<GraphStats>, GetStats, (), (override));
  MOCK_METHOD(uint64_t, Version, (), (override));
  std::unique_ptr<storage::ReadPin> PinReads() override { return nullptr; }
  MOCK_METHOD(absl::StatusOr<storage::CurationResult>, MergeEntities,
              (const storage::MergeRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<storage::CurationResult>, SplitEntity,
              (const storage::SplitRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<storage::CurationResult>, UndoCuration,
              (const storage::UndoRequest& request), (override));
  MOCK_METHOD(absl::StatusOr<std::vector<storage::AuditEntry>>, ScanAudit,
              (uint64_t before_id, size_t limit), (override));
  MOCK_METHOD(absl::StatusOr<storage::NodeHandle>, FindHandle,
              (absl::string_view id), (override));
  MOCK_METHOD(absl::StatusOr<std::vector<storage::EdgeRef>>, ScanAdjacency,
              (const storage::AdjacencyScan& scan), (override));
  MOCK_METHOD(absl::StatusOr<Entity>, EntityOf, (storage::NodeHandle node),
              (override));
  MOCK_METHOD(absl::StatusOr<std::vector<Entity>>, EntitiesOf,
              (const std::vector<storage::NodeHandle>& nodes), (override));
  MOCK_METHOD(absl::StatusOr<Relation>, RelationOf,
              (const storage::EdgeRef& ref, bool with_evidence), (override));
  MOCK_METHOD(absl::StatusOr<storage::EdgeRef>, FindRelationRef,
              (const storage::RelationKeyQuery& key), (override));
  MOCK_METHOD(absl::Status, ScanGraph, (const storage::GraphScan& scan),
              (override));
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

// An extractor on the built-in lexicon, with a small text limit.
std::unique_ptr<extract::Extractor> MakeExtractor() {
  absl::StatusOr<std::shared_ptr<const extract::Lexicon>> lexicon =
      extract::Lexicon::BuiltIn();
  EXPECT_TRUE(lexicon.ok()) << lexicon.status();
  extract::ExtractorOptions options;
  options.max_text_bytes = 1000;
  return std::make_unique<extract::Extractor>(lexicon.ok() ? *lexicon : nullptr,
                                              options);
}

extract::ReportInput ReportText() {
  extract::ReportInput input;
  input.text =
      "Hội nghị tổng kết công tác dân vận\n"
      "Sáng 15-3, Ban Dân vận Thành ủy TPHCM tổ chức hội nghị tổng kết. Ông "
      "Nguyễn Phước Lộc, Phó Bí thư Thành ủy, chủ trì hội nghị và đề nghị các "
      "cấp ủy tăng cường công tác dân vận.";
  input.published_date = "2024-03-15";
  input.source_url = "https://example.vn/tin/1";
  return input;
}

// "KIND id" per entity, "TYPE source -> target role" per relation.
std::vector<std::string> Describe(const ReportFacts& facts) {
  std::vector<std::string> out = {
      absl::StrCat(EntityKindName(facts.report.kind), " ", facts.report.id, " ",
                   facts.report.name, " ", facts.report.date)};
  for (const Entity& e : facts.entities) {
    out.push_back(absl::StrCat(EntityKindName(e.kind), " ", e.id));
  }
  for (const Relation& r : facts.relations) {
    out.push_back(absl::StrCat(RelationTypeName(r.type), " ", r.source_id,
                               " -> ", r.target_id, " ", r.role));
  }
  return out;
}

class IngestPipelineTest : public ::testing::Test {
 protected:
  MockGraphStore store_;
  std::unique_ptr<extract::Extractor> extractor_ = MakeExtractor();
  IngestPipeline pipeline_{&store_, extractor_.get(), IngestLimits()};
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
  const IngestPipeline pipeline(&store_, extractor_.get(), limits);
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

TEST_F(IngestPipelineTest, IngestReportAppliesTheFactsOfItsExtraction) {
  const extract::ReportInput input = ReportText();
  storage::ApplyResult result;
  result.entities_written = 3;
  ReportFacts applied;
  EXPECT_CALL(store_, ApplyReport(_))
      .WillOnce(DoAll(SaveArg<0>(&applied), Return(result)));

  absl::StatusOr<ReportIngestResult> got = pipeline_.IngestReport("r9", input);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->applied.entities_written, 3);
  EXPECT_EQ(got->extraction.title, "Hội nghị tổng kết công tác dân vận");
  EXPECT_EQ(got->extraction.date, "2024-03-15");
  // Exactly the conversion of what was extracted, whatever the extractor
  // finds today.
  FactsOptions options;
  options.organization_key = [&](absl::string_view name) {
    return extractor_->OrganizationKey(name);
  };
  EXPECT_EQ(Describe(applied), Describe(FactsFromExtraction(
                                   "r9", input, got->extraction, options)));
  EXPECT_EQ(applied.report.id, "r9");
  EXPECT_EQ(applied.extractor_version, extract::kExtractorVersion);
  EXPECT_EQ(applied.fingerprint,
            ReportFingerprint(input, extract::kExtractorVersion));
  EXPECT_EQ(applied.report.source_url, "https://example.vn/tin/1");
}

TEST_F(IngestPipelineTest, IngestReportWithoutReportIdIsNamedByItsText) {
  ReportFacts applied;
  EXPECT_CALL(store_, ApplyReport(_))
      .WillOnce(DoAll(SaveArg<0>(&applied), Return(storage::ApplyResult())));
  absl::StatusOr<ReportIngestResult> got =
      pipeline_.IngestReport("", ReportText());
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->report_id, ContentReportId(ReportText().text));
  EXPECT_EQ(applied.report.id, got->report_id);
}

TEST_F(IngestPipelineTest, IngestReportWithoutIdOrTextIsInvalidArgument) {
  EXPECT_CALL(store_, ApplyReport(_)).Times(0);
  extract::ReportInput empty = ReportText();
  empty.text = " ";
  EXPECT_EQ(pipeline_.IngestReport("", empty).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(IngestPipelineTest, IngestReportBadReportIdIsInvalidArgument) {
  EXPECT_CALL(store_, ApplyReport(_)).Times(0);
  EXPECT_EQ(pipeline_.IngestReport("r\n1", ReportText()).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      pipeline_.IngestReport(std::string(kMaxIdBytes + 1, 'r'), ReportText())
          .status()
          .code(),
      absl::StatusCode::kInvalidArgument);
}

TEST_F(IngestPipelineTest, IngestReportExtractionErrorsPropagate) {
  EXPECT_CALL(store_, ApplyReport(_)).Times(0);
  extract::ReportInput empty = ReportText();
  empty.text = " \n\t ";
  extract::ReportInput long_text = ReportText();
  long_text.text = std::string(1001, 'a');
  extract::ReportInput bad_date = ReportText();
  bad_date.published_date = "15/03/2024";
  for (const extract::ReportInput& input : {empty, long_text, bad_date}) {
    EXPECT_EQ(pipeline_.IngestReport("r1", input).status().code(),
              absl::StatusCode::kInvalidArgument)
        << input.text.substr(0, 10);
  }
}

TEST_F(IngestPipelineTest, IngestReportStoreErrorsPropagateUnchanged) {
  const absl::Status error = absl::UnavailableError("rocksdb: Busy");
  EXPECT_CALL(store_, ApplyReport(_)).WillOnce(Return(error));
  EXPECT_EQ(pipeline_.IngestReport("r1", ReportText()).status(), error);
}

TEST_F(IngestPipelineTest, DeleteReportPassesTheIdToTheStore) {
  storage::DeleteResult removed;
  removed.entities_removed = 2;
  removed.relations_removed = 3;
  EXPECT_CALL(store_, DeleteReport(absl::string_view("r1")))
      .WillOnce(Return(removed));
  absl::StatusOr<storage::DeleteResult> result = pipeline_.DeleteReport("r1");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->entities_removed, 2);
  EXPECT_EQ(result->relations_removed, 3);
}

TEST_F(IngestPipelineTest, DeleteReportEmptyIdIsInvalidArgument) {
  EXPECT_CALL(store_, DeleteReport(_)).Times(0);
  EXPECT_EQ(pipeline_.DeleteReport("").status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(IngestPipelineTest, DeleteReportStoreErrorsPropagateUnchanged) {
  const absl::Status error = absl::NotFoundError("report \"r9\" not found");
  EXPECT_CALL(store_, DeleteReport(_)).WillOnce(Return(error));
  EXPECT_EQ(pipeline_.DeleteReport("r9").status(), error);
}

}  // namespace
}  // namespace govgraph::ingest
