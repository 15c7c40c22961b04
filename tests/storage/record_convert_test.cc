#include "server/storage/record_convert.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "govgraph/storage/records.pb.h"
#include "gtest/gtest.h"
#include "server/common/types.h"

namespace govgraph::storage {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Evidence MakeEvidence(std::string report_id, int32_t start, int32_t end,
                      std::string sentence) {
  Evidence e;
  e.report_id = std::move(report_id);
  e.start = start;
  e.end = end;
  e.sentence = std::move(sentence);
  return e;
}

std::vector<std::string> ReportIds(const Supports& supports) {
  std::vector<std::string> ids;
  for (const SupportRecord& support : supports) {
    ids.push_back(support.report_id());
  }
  return ids;
}

std::vector<std::string> Aliases(const EntityRecord& record) {
  return {record.aliases().begin(), record.aliases().end()};
}

TEST(RecordConvertTest, SetSupportAddsSpans) {
  Supports supports;
  SetSupport("r1",
             {MakeEvidence("r1", 0, 16, "Nguyễn Phước Lộc phát biểu."),
              MakeEvidence("r1", 20, 25, "Câu thứ hai.")},
             &supports);
  ASSERT_EQ(supports.size(), 1);
  EXPECT_EQ(supports[0].report_id(), "r1");
  ASSERT_EQ(supports[0].spans_size(), 2);
  EXPECT_EQ(supports[0].spans(0).start(), 0);
  EXPECT_EQ(supports[0].spans(0).end(), 16);
  EXPECT_EQ(supports[0].spans(0).sentence(), "Nguyễn Phước Lộc phát biểu.");
  EXPECT_EQ(supports[0].spans(1).start(), 20);
  EXPECT_EQ(supports[0].spans(1).end(), 25);
  EXPECT_EQ(supports[0].spans(1).sentence(), "Câu thứ hai.");
}

TEST(RecordConvertTest, SetSupportWithoutEvidenceStillSupports) {
  Supports supports;
  SetSupport("r1", {}, &supports);
  ASSERT_EQ(supports.size(), 1);
  EXPECT_EQ(supports[0].report_id(), "r1");
  EXPECT_EQ(supports[0].spans_size(), 0);
}

TEST(RecordConvertTest, SetSupportReplacesOnlyThatReport) {
  Supports supports;
  SetSupport("r1",
             {MakeEvidence("r1", 1, 2, "a"), MakeEvidence("r1", 3, 4, "b")},
             &supports);
  SetSupport("r2", {MakeEvidence("r2", 5, 6, "c")}, &supports);
  SetSupport("r1", {MakeEvidence("r1", 7, 8, "d")}, &supports);
  ASSERT_EQ(supports.size(), 2);
  EXPECT_THAT(ReportIds(supports), ::testing::UnorderedElementsAre("r1", "r2"));
  for (const SupportRecord& support : supports) {
    ASSERT_EQ(support.spans_size(), 1) << support.report_id();
    if (support.report_id() == "r1") {
      EXPECT_EQ(support.spans(0).start(), 7);
      EXPECT_EQ(support.spans(0).sentence(), "d");
    } else {
      EXPECT_EQ(support.spans(0).start(), 5);
      EXPECT_EQ(support.spans(0).sentence(), "c");
    }
  }
}

TEST(RecordConvertTest, RemoveSupport) {
  Supports supports;
  SetSupport("r1", {MakeEvidence("r1", 1, 2, "a")}, &supports);
  SetSupport("r2", {MakeEvidence("r2", 3, 4, "b")}, &supports);
  SetSupport("r3", {}, &supports);

  EXPECT_FALSE(RemoveSupport("r9", &supports));
  EXPECT_EQ(supports.size(), 3);
  EXPECT_TRUE(RemoveSupport("r2", &supports));
  EXPECT_THAT(ReportIds(supports), ElementsAre("r1", "r3"));
  EXPECT_FALSE(RemoveSupport("r2", &supports));
  // Report ids match exactly, not by prefix.
  EXPECT_FALSE(RemoveSupport("r", &supports));
  EXPECT_FALSE(RemoveSupport("r11", &supports));
  EXPECT_TRUE(RemoveSupport("r1", &supports));
  EXPECT_TRUE(RemoveSupport("r3", &supports));
  EXPECT_TRUE(supports.empty());
  EXPECT_FALSE(RemoveSupport("r1", &supports));
}

TEST(RecordConvertTest, MergeIntoEmptyRecord) {
  Entity entity;
  entity.id = "m1";
  entity.kind = EntityKind::kMeeting;
  entity.name = "Hội nghị tổng kết";
  entity.aliases = {"Hội nghị"};
  entity.date = "2024-03-01";
  entity.location = "TPHCM";
  entity.evidence = {MakeEvidence("r1", 0, 1, "x")};
  EntityRecord record;
  record.set_id("m1");
  MergeEntityAttributes(entity, &record);
  EXPECT_EQ(record.id(), "m1");
  EXPECT_EQ(record.kind(), static_cast<uint32_t>(EntityKind::kMeeting));
  EXPECT_EQ(record.name(), "Hội nghị tổng kết");
  EXPECT_THAT(Aliases(record), IsEmpty());  // Aliases come from supports.
  EXPECT_EQ(record.date(), "2024-03-01");
  EXPECT_EQ(record.location(), "TPHCM");
  EXPECT_TRUE(record.supports().empty());  // Merge leaves supports alone.
}

// A support of `report_id` that used `names`.
void AddNames(const std::string& report_id, std::vector<std::string> names,
              EntityRecord* record) {
  SupportRecord* support =
      SetSupport(report_id, {}, record->mutable_supports());
  for (std::string& name : names) support->add_names(std::move(name));
}

TEST(RecordConvertTest, RefreshNamesUnitesTheFormsOfEverySupport) {
  EntityRecord record;
  record.set_name("Nguyễn Phước Lộc");
  AddNames("r1", {"Nguyễn Phước Lộc", "Phước Lộc"}, &record);
  AddNames("r2", {"NGUYỄN PHƯỚC LỘC", "Phước Lộc", "đồng chí Lộc"}, &record);
  RefreshNames(/*keep_name=*/false, &record);
  EXPECT_EQ(record.name(), "Nguyễn Phước Lộc");
  EXPECT_THAT(Aliases(record),
              ElementsAre("Phước Lộc", "NGUYỄN PHƯỚC LỘC", "đồng chí Lộc"));

  // The name is the form most reports give first; on ties the earliest
  // report id's, whatever order they arrived in.
  AddNames("r0", {"Phước Lộc"}, &record);
  AddNames("r3", {"Phước Lộc"}, &record);
  RefreshNames(/*keep_name=*/false, &record);
  EXPECT_EQ(record.name(), "Phước Lộc");
  EXPECT_THAT(ReportIds(record.supports()),
              ElementsAre("r0", "r1", "r2", "r3"));
  EXPECT_THAT(Aliases(record), ElementsAre("Nguyễn Phước Lộc",
                                           "NGUYỄN PHƯỚC LỘC", "đồng chí Lộc"));
  RemoveSupport("r3", record.mutable_supports());
  RefreshNames(/*keep_name=*/false, &record);
  EXPECT_EQ(record.name(), "Phước Lộc");  // r0 is the earliest.
  RemoveSupport("r0", record.mutable_supports());
  RefreshNames(/*keep_name=*/false, &record);
  EXPECT_EQ(record.name(), "Nguyễn Phước Lộc");

  // A curator's name stays although no report uses it.
  record.set_name("Ông Lộc");
  RefreshNames(/*keep_name=*/true, &record);
  EXPECT_EQ(record.name(), "Ông Lộc");
  EXPECT_THAT(Aliases(record), ElementsAre("Nguyễn Phước Lộc", "Phước Lộc",
                                           "NGUYỄN PHƯỚC LỘC", "đồng chí Lộc"));
}

TEST(RecordConvertTest, RefreshNamesLeavesRecordsWithoutNamedSupports) {
  EntityRecord record;  // As written before schema 2.
  record.set_name("Nguyễn Phước Lộc");
  record.add_aliases("Phước Lộc");
  SetSupport("r1", {}, record.mutable_supports());
  RefreshNames(/*keep_name=*/false, &record);
  EXPECT_EQ(record.name(), "Nguyễn Phước Lộc");
  EXPECT_THAT(Aliases(record), ElementsAre("Phước Lộc"));
}

TEST(RecordConvertTest, OneSupportPerReportAndStatedId) {
  Supports supports;
  AddSupport("r2", "", {MakeEvidence("r2", 1, 2, "a")}, &supports);
  AddSupport("r1", "p9", {MakeEvidence("r1", 3, 4, "b")}, &supports);
  AddSupport("r1", "", {MakeEvidence("r1", 5, 6, "c")}, &supports);
  // The same again unites: no repeated span.
  AddSupport("r1", "",
             {MakeEvidence("r1", 5, 6, "c"), MakeEvidence("r1", 7, 8, "d")},
             &supports);
  ASSERT_EQ(supports.size(), 3);
  EXPECT_EQ(supports[0].report_id(), "r1");
  EXPECT_EQ(supports[0].stated_as(), "");
  EXPECT_EQ(supports[0].spans_size(), 2);
  EXPECT_EQ(supports[1].stated_as(), "p9");
  EXPECT_EQ(supports[2].report_id(), "r2");
  EXPECT_TRUE(RemoveSupport("r1", &supports));  // Both of r1's.
  ASSERT_EQ(supports.size(), 1);
  EXPECT_EQ(supports[0].report_id(), "r2");
}

TEST(RecordConvertTest, UniteSupportMergesOneReportsStatements) {
  EntityRecord record;
  AddNames("r1", {"A"}, &record);
  record.mutable_supports(0)->add_spans()->set_start(1);
  SupportRecord other;
  other.set_report_id("r1");
  other.add_names("A");
  other.add_names("B");
  other.add_spans()->set_start(1);
  other.add_spans()->set_start(5);
  UniteSupport(other, record.mutable_supports());
  other.set_report_id("r2");
  UniteSupport(other, record.mutable_supports());
  ASSERT_EQ(record.supports_size(), 2);
  EXPECT_THAT(record.supports(0).names(), ElementsAre("A", "B"));
  EXPECT_EQ(record.supports(0).spans_size(), 2);
  EXPECT_EQ(record.supports(1).report_id(), "r2");
  EXPECT_EQ(MostUsedName(record.supports()), "A");
}

TEST(RecordConvertTest, MergeOverwritesOnlyNonEmptyAttributes) {
  EntityRecord record;
  Entity report;
  report.kind = EntityKind::kReport;
  report.name = "Tin 1";
  report.date = "2024-02-29";
  report.source_url = "https://example.vn/tin/1";
  MergeEntityAttributes(report, &record);

  Entity update;
  update.kind = EntityKind::kReport;
  update.name = "Tin 1";
  update.date = "2024-03-01";
  MergeEntityAttributes(update, &record);
  EXPECT_EQ(record.date(), "2024-03-01");
  EXPECT_EQ(record.source_url(), "https://example.vn/tin/1");

  Entity directive;
  directive.kind = EntityKind::kDirective;
  directive.name = "Tăng cường";
  directive.verb = "yêu cầu";
  directive.text = "Tăng cường công tác dân vận.";
  MergeEntityAttributes(directive, &record);
  EXPECT_EQ(record.kind(), static_cast<uint32_t>(EntityKind::kDirective));
  EXPECT_EQ(record.verb(), "yêu cầu");
  EXPECT_EQ(record.text(), "Tăng cường công tác dân vận.");
  EXPECT_EQ(record.date(), "2024-03-01");
}

TEST(RecordConvertTest, FoldedNamesAreUniqueSortedNonEmpty) {
  EntityRecord record;
  record.set_name("Nguyễn Phước Lộc");
  record.add_aliases("  NGUYỄN   PHƯỚC LỘC ");
  record.add_aliases("Phước Lộc");
  record.add_aliases("Đồng chí Lộc");
  record.add_aliases("");
  record.add_aliases("   ");
  record.add_aliases("phuoc loc");
  EXPECT_THAT(FoldedNames(record),
              ElementsAre("dong chi loc", "nguyen phuoc loc", "phuoc loc"));
}

TEST(RecordConvertTest, FoldedNamesOfEmptyRecord) {
  EXPECT_THAT(FoldedNames(EntityRecord()), IsEmpty());
}

TEST(RecordConvertTest, ToEntityWithAndWithoutEvidence) {
  EntityRecord record;
  record.set_id("p1");
  record.set_kind(static_cast<uint32_t>(EntityKind::kPerson));
  record.set_name("Nguyễn Phước Lộc");
  record.add_aliases("Phước Lộc");
  SetSupport("r1", {MakeEvidence("r1", 9, 25, "câu 1")},
             record.mutable_supports());
  SetSupport("r2", {MakeEvidence("r2", 1, 2, "câu 2")},
             record.mutable_supports());

  const Entity full = ToEntity(record, /*with_evidence=*/true);
  EXPECT_EQ(full.id, "p1");
  EXPECT_EQ(full.kind, EntityKind::kPerson);
  EXPECT_EQ(full.name, "Nguyễn Phước Lộc");
  EXPECT_THAT(full.aliases, ElementsAre("Phước Lộc"));
  EXPECT_THAT(full.report_ids, ElementsAre("r1", "r2"));
  ASSERT_EQ(full.evidence.size(), 2u);
  EXPECT_EQ(full.evidence[0].report_id, "r1");
  EXPECT_EQ(full.evidence[0].start, 9);
  EXPECT_EQ(full.evidence[0].end, 25);
  EXPECT_EQ(full.evidence[0].sentence, "câu 1");
  EXPECT_EQ(full.evidence[1].report_id, "r2");

  const Entity bare = ToEntity(record, /*with_evidence=*/false);
  EXPECT_EQ(bare.name, "Nguyễn Phước Lộc");
  EXPECT_THAT(bare.evidence, IsEmpty());
  EXPECT_THAT(bare.report_ids, IsEmpty());
}

TEST(RecordConvertTest, FillRelation) {
  EdgeRecord record;
  record.set_role("Trưởng ban");
  record.set_start_date("2020-10-01");
  SetSupport("r1", {MakeEvidence("r1", 0, 10, "câu")},
             record.mutable_supports());
  Relation relation;
  FillRelation(record, /*with_evidence=*/true, &relation);
  EXPECT_EQ(relation.role, "Trưởng ban");
  EXPECT_EQ(relation.start_date, "2020-10-01");
  EXPECT_EQ(relation.end_date, "");
  EXPECT_THAT(relation.report_ids, ElementsAre("r1"));
  ASSERT_EQ(relation.evidence.size(), 1u);
  EXPECT_EQ(relation.evidence[0].end, 10);

  Relation bare;
  FillRelation(record, /*with_evidence=*/false, &bare);
  EXPECT_EQ(bare.role, "Trưởng ban");
  EXPECT_THAT(bare.evidence, IsEmpty());
  EXPECT_THAT(bare.report_ids, IsEmpty());
}

}  // namespace
}  // namespace govgraph::storage
