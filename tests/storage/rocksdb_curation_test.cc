// RocksDbGraphStore curation: merging two entities into one, splitting one
// into two, undoing either, and the audit log that records them.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using test_util::Ev;
using test_util::MakeEntity;
using test_util::NewReport;
using test_util::R1;
using test_util::Rel;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

const std::vector<std::string> kIds = {"r1", "r3", "p1", "p2", "p3",
                                       "o1", "o2", "m1", "m3"};

// Report r3 names the official of r1's p1 differently (p3), at another
// meeting, with his post in o1 and o1 as part of o2.
ReportFacts R3() {
  ReportFacts f = NewReport("r3", "Tin 3");
  f.report.date = "2024-05-02";
  const std::string sentence = "Ông Nguyễn Phuớc Lộc dự họp.";
  f.entities = {
      MakeEntity("p3", EntityKind::kPerson, "Nguyễn Phuớc Lộc",
                 {Ev("r3", 4, 20, sentence)}),
      MakeEntity("o1", EntityKind::kOrganization, "Ban Dân vận Trung ương"),
      MakeEntity("o2", EntityKind::kOrganization, "Trung ương Đảng"),
      MakeEntity("m3", EntityKind::kMeeting, "Họp giao ban")};
  f.relations = {
      Rel(RelationType::kAttended, "p3", "m3", "", {Ev("r3", 0, 28, sentence)}),
      Rel(RelationType::kHoldsPosition, "p3", "o1", "Trưởng ban"),
      Rel(RelationType::kPartOf, "o1", "o2"),
      Rel(RelationType::kMentionedIn, "p3", "r3")};
  return f;
}

CurationInfo Info() {
  return CurationInfo{"curator@example.vn", "same man", 7};
}

class CurationTest : public test_util::RocksDbGraphStoreFixture {
 protected:
  void SetUp() override {
    RocksDbGraphStoreFixture::SetUp();
    Apply(R1());
    Apply(R3());
  }

  CurationResult Merge(const std::string& source, const std::string& target) {
    absl::StatusOr<CurationResult> result =
        store_->MergeEntities(MergeRequest{source, target, Info()});
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CurationResult();
  }

  CurationResult Split(const std::string& id, const std::string& new_id,
                       std::vector<std::string> reports,
                       const std::string& name = "") {
    absl::StatusOr<CurationResult> result = store_->SplitEntity(
        SplitRequest{id, new_id, name, std::move(reports), Info()});
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : CurationResult();
  }

  std::vector<AuditEntry> Audit() {
    absl::StatusOr<std::vector<AuditEntry>> entries = store_->ScanAudit(0, 100);
    EXPECT_TRUE(entries.ok()) << entries.status();
    return entries.ok() ? *entries : std::vector<AuditEntry>();
  }

  // Expects `status` to have `code` and the graph to be `before`.
  void ExpectRefused(const absl::Status& status, absl::StatusCode code,
                     const std::vector<std::string>& before) {
    EXPECT_EQ(status.code(), code) << status;
    EXPECT_EQ(Snapshot(kIds), before);
    EXPECT_THAT(Audit(), IsEmpty());
  }
};

TEST_F(CurationTest, MergeMovesRelationsEvidenceAndNames) {
  const CurationResult result = Merge("p3", "p1");
  EXPECT_EQ(result.entity.id, "p1");
  EXPECT_EQ(result.relations_moved, 3);  // ATTENDED, HOLDS_POSITION, MENTIONED.
  EXPECT_EQ(result.audit.id, 1u);
  EXPECT_EQ(result.audit.operation, CurationOp::kMerge);
  EXPECT_EQ(result.audit.other_name, "Nguyễn Phuớc Lộc");
  EXPECT_THAT(result.audit.report_ids, ElementsAre("r3"));

  const Entity p1 = Get("p1");
  EXPECT_EQ(p1.name, "Nguyễn Phước Lộc");
  EXPECT_THAT(p1.aliases,
              UnorderedElementsAre("Phước Lộc", "Nguyễn Phuớc Lộc"));
  EXPECT_THAT(p1.report_ids, UnorderedElementsAre("r1", "r3"));
  EXPECT_THAT(Out("p1"), Contains("ATTENDED p1->m3"));
  EXPECT_THAT(In("m3"), ElementsAre("ATTENDED p1->m3"));
  // The two statements of one post are one relation with both reports.
  absl::StatusOr<Relation> post = store_->GetRelation(
      {RelationType::kHoldsPosition, "p1", "o1", "Trưởng ban"});
  ASSERT_TRUE(post.ok()) << post.status();
  EXPECT_THAT(post->report_ids, UnorderedElementsAre("r1", "r3"));
  // The old id reads as the merged entity, and later reports land there.
  EXPECT_EQ(Get("p3").id, "p1");
  ReportFacts r4 = NewReport("r4", "Tin 4");
  r4.entities = {MakeEntity("p3", EntityKind::kPerson, "Nguyễn Phuớc Lộc")};
  Apply(r4);
  EXPECT_THAT(Get("p1").report_ids, UnorderedElementsAre("r1", "r3", "r4"));
  EXPECT_EQ(test_util::Kind(Stats(), EntityKind::kPerson), 2);
}

TEST_F(CurationTest, MergedReportsStillRetractExactly) {
  Merge("p3", "p1");
  ASSERT_TRUE(store_->DeleteReport("r3").ok());
  const Entity p1 = Get("p1");
  EXPECT_THAT(p1.report_ids, ElementsAre("r1"));
  EXPECT_THAT(p1.aliases, ElementsAre("Phước Lộc"));
  EXPECT_THAT(Out("p1"), Not(Contains("ATTENDED p1->m3")));
  EXPECT_EQ(GetCode("m3"), absl::StatusCode::kNotFound);
}

TEST_F(CurationTest, MergeThenSplitRestoresTheGraph) {
  const std::vector<std::string> before = Snapshot(kIds);
  Merge("p3", "p1");
  EXPECT_NE(Snapshot(kIds), before);
  const CurationResult split = Split("p1", "p3", {"r3"}, "Nguyễn Phuớc Lộc");
  EXPECT_EQ(split.other.id, "p3");
  EXPECT_EQ(split.relations_moved, 3);
  EXPECT_EQ(Snapshot(kIds), before);
  EXPECT_EQ(Get("p3").name, "Nguyễn Phuớc Lộc");
  EXPECT_EQ(Audit().size(), 2u);
}

TEST_F(CurationTest, UndoReversesMergeAndSplitOnce) {
  const std::vector<std::string> before = Snapshot(kIds);
  const CurationResult merge = Merge("p3", "p1");
  absl::StatusOr<CurationResult> undo =
      store_->UndoCuration(UndoRequest{merge.audit.id, Info()});
  ASSERT_TRUE(undo.ok()) << undo.status();
  EXPECT_EQ(undo->audit.operation, CurationOp::kSplit);
  EXPECT_EQ(undo->audit.undoes, merge.audit.id);
  EXPECT_EQ(Snapshot(kIds), before);
  EXPECT_EQ(
      store_->UndoCuration(UndoRequest{merge.audit.id, Info()}).status().code(),
      absl::StatusCode::kFailedPrecondition);

  // The undo is itself an entry, and undoing it merges again.
  absl::StatusOr<CurationResult> redo =
      store_->UndoCuration(UndoRequest{undo->audit.id, Info()});
  ASSERT_TRUE(redo.ok()) << redo.status();
  EXPECT_EQ(redo->audit.operation, CurationOp::kMerge);
  EXPECT_EQ(Get("p3").id, "p1");
  const std::vector<AuditEntry> audit = Audit();
  ASSERT_EQ(audit.size(), 3u);
  EXPECT_EQ(audit[0].id, 3u);  // Newest first.
  EXPECT_EQ(audit[2].undone_by, 2u);
  EXPECT_EQ(audit[1].undone_by, 3u);
  EXPECT_EQ(audit[2].curator, "curator@example.vn");
  EXPECT_EQ(audit[2].time_micros, 7);
}

// Report r5 names the official both ways, at one meeting: after a merge
// the two statements are one relation, yet undoing it restores both.
ReportFacts R5() {
  ReportFacts f = NewReport("r5", "Tin 5");
  f.entities = {
      MakeEntity("p1", EntityKind::kPerson, "Nguyễn Phước Lộc",
                 {Ev("r5", 0, 16, "Nguyễn Phước Lộc dự họp.")}),
      MakeEntity("p3", EntityKind::kPerson, "Nguyễn Phuớc Lộc",
                 {Ev("r5", 30, 46, "Ông Nguyễn Phuớc Lộc phát biểu.")}),
      MakeEntity("m3", EntityKind::kMeeting, "Họp giao ban")};
  f.relations = {Rel(RelationType::kAttended, "p1", "m3"),
                 Rel(RelationType::kAttended, "p3", "m3", "",
                     {Ev("r5", 30, 46, "Ông Nguyễn Phuớc Lộc phát biểu.")}),
                 Rel(RelationType::kMentionedIn, "p1", "r5"),
                 Rel(RelationType::kMentionedIn, "p3", "r5")};
  return f;
}

TEST_F(CurationTest, UndoSeparatesAReportThatNamedBoth) {
  Apply(R5());
  std::vector<std::string> ids = kIds;
  ids.push_back("r5");
  const std::vector<std::string> before = Snapshot(ids);
  const CurationResult merge = Merge("p3", "p1");
  EXPECT_THAT(merge.audit.report_ids, ElementsAre("r3", "r5"));
  EXPECT_THAT(In("m3"), ElementsAre("ATTENDED p1->m3"));
  // Ingested again while merged, r5 keeps saying which name was which.
  ReportFacts again = R5();
  again.fingerprint = "facts:again";
  Apply(again);
  EXPECT_THAT(Get("p1").report_ids, ElementsAre("r1", "r3", "r5"));
  ASSERT_TRUE(store_->UndoCuration(UndoRequest{merge.audit.id, Info()}).ok());
  EXPECT_EQ(Snapshot(ids), before);
  ASSERT_TRUE(store_->DeleteReport("r5").ok());
  EXPECT_THAT(Get("p3").report_ids, ElementsAre("r3"));
}

TEST_F(CurationTest, SplitSeparatesNamesakes) {
  const CurationResult result = Split("o1", "o1-b", {"r3"});
  EXPECT_EQ(result.other.name, "Ban Dân vận Trung ương");
  EXPECT_THAT(Get("o1").report_ids, ElementsAre("r1"));
  EXPECT_THAT(Get("o1-b").report_ids, ElementsAre("r3"));
  EXPECT_THAT(Out("o1-b"), ElementsAre("PART_OF o1-b->o2"));
  EXPECT_THAT(Out("o1"), ElementsAre("ORGANIZED o1->m1"));
  EXPECT_EQ(test_util::Kind(Stats(), EntityKind::kOrganization), 3);
}

TEST_F(CurationTest, ReappliedReportsKeepTheirSplit) {
  Split("o1", "o1-b", {"r3"});
  ReportFacts again = R3();
  again.fingerprint = "facts:new-extractor";
  Apply(again);
  Apply(R1());
  EXPECT_THAT(Get("o1").report_ids, ElementsAre("r1"));
  EXPECT_THAT(Get("o1-b").report_ids, ElementsAre("r3"));
  EXPECT_THAT(Out("o1-b"), ElementsAre("PART_OF o1-b->o2"));
}

TEST_F(CurationTest, RefusalsChangeNothing) {
  const std::vector<std::string> before = Snapshot(kIds);
  auto merge = [&](const std::string& a, const std::string& b) {
    return store_->MergeEntities(MergeRequest{a, b, Info()}).status();
  };
  auto split = [&](const std::string& id, const std::string& new_id,
                   std::vector<std::string> reports) {
    return store_
        ->SplitEntity(SplitRequest{id, new_id, "", std::move(reports), Info()})
        .status();
  };
  ExpectRefused(merge("nobody", "p1"), absl::StatusCode::kNotFound, before);
  ExpectRefused(merge("p1", "p1"), absl::StatusCode::kFailedPrecondition,
                before);
  ExpectRefused(merge("p1", "o1"), absl::StatusCode::kFailedPrecondition,
                before);
  ExpectRefused(merge("r1", "r3"), absl::StatusCode::kFailedPrecondition,
                before);
  ExpectRefused(merge("o1", "o2"), absl::StatusCode::kFailedPrecondition,
                before);  // o1 is PART_OF o2.
  ExpectRefused(split("p1", "p2", {"r1"}), absl::StatusCode::kAlreadyExists,
                before);
  ExpectRefused(split("p1", "p9", {"r3"}), absl::StatusCode::kNotFound, before);
  ExpectRefused(split("o1", "o9", {"r1", "r3"}),
                absl::StatusCode::kFailedPrecondition, before);
  ExpectRefused(split("r1", "r9", {"r1"}),
                absl::StatusCode::kFailedPrecondition, before);
  ExpectRefused(store_->UndoCuration(UndoRequest{1, Info()}).status(),
                absl::StatusCode::kNotFound, before);
}

TEST_F(CurationTest, CurationSurvivesReopen) {
  Merge("p3", "p1");
  const std::vector<std::string> after = Snapshot(kIds);
  Reopen();
  EXPECT_EQ(Snapshot(kIds), after);
  EXPECT_EQ(Audit().size(), 1u);
  // New entity ids do not collide with the ones curation handed out.
  Split("p1", "p3", {"r3"});
  ReportFacts r5 = NewReport("r5", "Tin 5");
  r5.entities = {MakeEntity("p5", EntityKind::kPerson, "Lê Văn Năm")};
  Apply(r5);
  EXPECT_EQ(Get("p5").name, "Lê Văn Năm");
  EXPECT_EQ(Get("p3").name, "Nguyễn Phuớc Lộc");
}

}  // namespace
}  // namespace govgraph::storage
