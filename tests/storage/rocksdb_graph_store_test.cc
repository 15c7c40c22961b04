#include "server/storage/rocksdb_graph_store.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/types.h"
#include "server/storage/key_codec.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using test_util::Counts;
using test_util::Describe;
using test_util::Kind;
using test_util::kLocSentence;
using test_util::kR1Ids;
using test_util::MakeEntity;
using test_util::NewReport;
using test_util::Positions;
using test_util::R1;
using test_util::R2;
using test_util::Rel;
using test_util::Type;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using RocksDbGraphStoreTest = test_util::RocksDbGraphStoreFixture;

// --- Apply and read ---------------------------------------------------------

TEST_F(RocksDbGraphStoreTest, EmptyStore) {
  EXPECT_EQ(GetCode("p1"), absl::StatusCode::kNotFound);
  EXPECT_THAT(Names(""), IsEmpty());
  EXPECT_THAT(Counts(Stats()), ::testing::Each(0));
}

TEST_F(RocksDbGraphStoreTest, ApplyThenGetEntity) {
  const ApplyResult result = Apply(R1());
  EXPECT_FALSE(result.replaced);
  EXPECT_EQ(result.entities_written, 4);
  EXPECT_EQ(result.relations_written, 8);

  const Entity p1 = Get("p1");
  EXPECT_EQ(p1.id, "p1");
  EXPECT_EQ(p1.kind, EntityKind::kPerson);
  EXPECT_EQ(p1.name, "Nguyễn Phước Lộc");
  EXPECT_THAT(p1.aliases, ElementsAre("Phước Lộc"));
  EXPECT_THAT(p1.report_ids, ElementsAre("r1"));
  ASSERT_EQ(p1.evidence.size(), 1u);
  EXPECT_EQ(p1.evidence[0].report_id, "r1");
  EXPECT_EQ(p1.evidence[0].start, 9);
  EXPECT_EQ(p1.evidence[0].end, 25);
  EXPECT_EQ(p1.evidence[0].sentence, kLocSentence);

  const Entity m1 = Get("m1");
  EXPECT_EQ(m1.kind, EntityKind::kMeeting);
  EXPECT_EQ(m1.date, "2024-03-01");
  EXPECT_EQ(m1.location, "Hà Nội");
  EXPECT_THAT(m1.evidence, IsEmpty());
  EXPECT_THAT(m1.report_ids, ElementsAre("r1"));

  const Entity r1 = Get("r1");
  EXPECT_EQ(r1.kind, EntityKind::kReport);
  EXPECT_EQ(r1.name, "Hội nghị tổng kết công tác dân vận");
  EXPECT_EQ(r1.source_url, "https://example.vn/tin/1");
  EXPECT_EQ(Get("o1").kind, EntityKind::kOrganization);

  EXPECT_EQ(GetCode("p9"), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetCode(""), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetCode("P1"), absl::StatusCode::kNotFound);
}

TEST_F(RocksDbGraphStoreTest, ScanEdgesOutgoing) {
  Apply(R1());
  const std::vector<EdgeHit> hits = Scan("p1", Direction::kOutgoing);
  EXPECT_THAT(Describe(hits),
              UnorderedElementsAre("HOLDS_POSITION p1->o1 Trưởng ban",
                                   "HOLDS_POSITION p1->o1 Phó trưởng ban",
                                   "CHAIRED p1->m1", "ATTENDED p1->m1",
                                   "MENTIONED_IN p1->r1"));
  // Key order: by relation type first.
  ASSERT_EQ(hits.size(), 5u);
  EXPECT_EQ(hits[2].relation.type, RelationType::kChaired);
  EXPECT_EQ(hits[3].relation.type, RelationType::kAttended);
  EXPECT_EQ(hits[4].relation.type, RelationType::kMentionedIn);
  const std::vector<std::string> positions = Positions(hits);
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
  for (const EdgeHit& hit : hits) {
    EXPECT_EQ(hit.direction, Direction::kOutgoing);
    EXPECT_EQ(hit.other.id, hit.relation.target_id);
    EXPECT_THAT(hit.other.evidence, IsEmpty());
    EXPECT_THAT(hit.relation.report_ids, ElementsAre("r1"));
  }
  const EdgeHit& holds =
      hits[0].relation.role == "Trưởng ban" ? hits[0] : hits[1];
  EXPECT_EQ(holds.relation.start_date, "2021-04-01");
  EXPECT_EQ(holds.other.name, "Ban Dân vận Trung ương");
  EXPECT_EQ(holds.other.kind, EntityKind::kOrganization);
  ASSERT_EQ(holds.relation.evidence.size(), 1u);
  EXPECT_EQ(holds.relation.evidence[0].report_id, "r1");
  EXPECT_EQ(holds.relation.evidence[0].start, 27);
  EXPECT_EQ(holds.relation.evidence[0].end, 55);
  EXPECT_EQ(holds.relation.evidence[0].sentence, kLocSentence);
  EXPECT_THAT(Out("m1"), IsEmpty());
}

TEST_F(RocksDbGraphStoreTest, GetRelationFindsOneEdgeByRole) {
  Apply(R1());
  RelationKeyQuery key{RelationType::kHoldsPosition, "p1", "o1", "Trưởng ban"};
  absl::StatusOr<Relation> head = store_->GetRelation(key);
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->role, "Trưởng ban");
  EXPECT_EQ(head->source_id, "p1");
  EXPECT_EQ(head->target_id, "o1");
  EXPECT_EQ(head->start_date, "2021-04-01");
  EXPECT_THAT(head->report_ids, ElementsAre("r1"));
  ASSERT_EQ(head->evidence.size(), 1u);
  EXPECT_EQ(head->evidence[0].start, 27);
  EXPECT_EQ(head->evidence[0].sentence, kLocSentence);

  key.role = "Phó trưởng ban";  // The parallel edge: other evidence.
  absl::StatusOr<Relation> deputy = store_->GetRelation(key);
  ASSERT_TRUE(deputy.ok()) << deputy.status();
  EXPECT_EQ(deputy->role, "Phó trưởng ban");
  EXPECT_THAT(deputy->evidence, IsEmpty());  // R1 gives it no span.

  key.role = "Bí thư";
  EXPECT_EQ(store_->GetRelation(key).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetRelation({RelationType::kChaired, "p1", "o1", ""})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(store_->GetRelation({RelationType::kChaired, "p9", "m1", ""})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(
      store_->GetRelation({RelationType::kChaired, "p1", "m1", ""}).ok());
}

TEST_F(RocksDbGraphStoreTest, ScanEdgesWithoutEvidence) {
  Apply(R1());
  EdgeScan scan;
  scan.entity_id = "p1";
  scan.direction = Direction::kOutgoing;
  scan.type = RelationType::kChaired;
  scan.with_evidence = false;
  absl::StatusOr<std::vector<EdgeHit>> hits = store_->ScanEdges(scan);
  ASSERT_TRUE(hits.ok()) << hits.status();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_TRUE((*hits)[0].relation.evidence.empty());
  EXPECT_TRUE((*hits)[0].relation.report_ids.empty());
  EXPECT_EQ((*hits)[0].other.id, "m1");
  scan.with_evidence = true;
  hits = store_->ScanEdges(scan);
  ASSERT_TRUE(hits.ok()) << hits.status();
  EXPECT_EQ((*hits)[0].relation.evidence.size(), 1u);
}

TEST_F(RocksDbGraphStoreTest, ScanEdgesIncoming) {
  Apply(R1());
  const std::vector<EdgeHit> hits = Scan("m1", Direction::kIncoming);
  EXPECT_THAT(Describe(hits),
              UnorderedElementsAre("ORGANIZED o1->m1", "CHAIRED p1->m1",
                                   "ATTENDED p1->m1", "ATTENDED p2->m1"));
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0].relation.type, RelationType::kOrganized);
  EXPECT_EQ(hits[1].relation.type, RelationType::kChaired);
  const std::vector<std::string> positions = Positions(hits);
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
  for (const EdgeHit& hit : hits) {
    EXPECT_EQ(hit.direction, Direction::kIncoming);
    EXPECT_EQ(hit.relation.target_id, "m1");
    EXPECT_EQ(hit.other.id, hit.relation.source_id);
  }
  // The in-edge carries the out-edge's record (evidence).
  const EdgeHit& p2 = hits[3].relation.source_id == "p2" ? hits[3] : hits[2];
  EXPECT_EQ(p2.other.name, "Nguyễn Văn Nên");
  ASSERT_EQ(p2.relation.evidence.size(), 1u);
  EXPECT_EQ(p2.relation.evidence[0].sentence, "y");
  EXPECT_THAT(In("r1"), UnorderedElementsAre("MENTIONED_IN p1->r1",
                                             "MENTIONED_IN p2->r1"));
  EXPECT_THAT(In("p1"), IsEmpty());
}

TEST_F(RocksDbGraphStoreTest, ScanEdgesByType) {
  Apply(R1());
  EXPECT_THAT(Out("p1", RelationType::kHoldsPosition),
              UnorderedElementsAre("HOLDS_POSITION p1->o1 Trưởng ban",
                                   "HOLDS_POSITION p1->o1 Phó trưởng ban"));
  EXPECT_THAT(Out("p1", RelationType::kAttended),
              ElementsAre("ATTENDED p1->m1"));
  EXPECT_THAT(Out("p1", RelationType::kPartOf), IsEmpty());
  EXPECT_THAT(In("m1", RelationType::kAttended),
              UnorderedElementsAre("ATTENDED p1->m1", "ATTENDED p2->m1"));
  EXPECT_THAT(In("m1", RelationType::kOrganized),
              ElementsAre("ORGANIZED o1->m1"));
  EXPECT_THAT(In("o1", RelationType::kHoldsPosition), ::testing::SizeIs(2));
}

TEST_F(RocksDbGraphStoreTest, ScanEdgesPagingReturnsEverythingOnceInOrder) {
  Apply(R1());
  struct Case {
    std::string id;
    Direction direction;
    RelationType type;
  };
  const Case cases[] = {
      {"p1", Direction::kOutgoing, RelationType::kUnspecified},
      {"m1", Direction::kIncoming, RelationType::kUnspecified},
      {"p1", Direction::kOutgoing, RelationType::kHoldsPosition},
      {"m1", Direction::kIncoming, RelationType::kAttended},
  };
  for (const Case& c : cases) {
    const std::vector<std::string> all =
        Positions(Scan(c.id, c.direction, c.type));
    ASSERT_FALSE(all.empty());
    for (size_t limit : {1, 2, 3, 100}) {
      SCOPED_TRACE(absl::StrCat(c.id, " type ", static_cast<int>(c.type),
                                " limit ", limit));
      EdgeScan scan;
      scan.entity_id = c.id;
      scan.direction = c.direction;
      scan.type = c.type;
      scan.limit = limit;
      std::vector<std::string> paged;
      for (int page = 0; page < 20; ++page) {
        absl::StatusOr<std::vector<EdgeHit>> hits = store_->ScanEdges(scan);
        ASSERT_TRUE(hits.ok()) << hits.status();
        ASSERT_LE(hits->size(), limit);
        if (hits->empty()) break;
        for (const EdgeHit& hit : *hits) paged.push_back(hit.position);
        scan.start_after = hits->back().position;
      }
      EXPECT_EQ(paged, all);
    }
    for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1], all[i]);
  }
}

TEST_F(RocksDbGraphStoreTest, ScanEdgesErrors) {
  Apply(R1());
  EdgeScan scan;
  scan.entity_id = "nobody";
  EXPECT_EQ(store_->ScanEdges(scan).status().code(),
            absl::StatusCode::kNotFound);
  scan.direction = Direction::kIncoming;
  EXPECT_EQ(store_->ScanEdges(scan).status().code(),
            absl::StatusCode::kNotFound);

  const std::vector<EdgeHit> p1_out = Scan("p1", Direction::kOutgoing);
  const std::vector<EdgeHit> m1_in = Scan("m1", Direction::kIncoming);
  ASSERT_GE(p1_out.size(), 2u);
  ASSERT_FALSE(m1_in.empty());
  const std::string good = p1_out[0].position;
  auto code = [&](std::string id, Direction direction, RelationType type,
                  std::string start_after) {
    EdgeScan s;
    s.entity_id = std::move(id);
    s.direction = direction;
    s.type = type;
    s.start_after = std::move(start_after);
    return store_->ScanEdges(s).status().code();
  };
  const auto kOut = Direction::kOutgoing;
  const auto kAll = RelationType::kUnspecified;
  EXPECT_EQ(code("p1", kOut, kAll, good), absl::StatusCode::kOk);
  EXPECT_EQ(code("p1", kOut, kAll, good + "x"),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code("p1", kOut, kAll, good.substr(0, good.size() - 1)),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code("p1", kOut, kAll, good.substr(0, 8)),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code("p1", kOut, kAll, "garbage"),
            absl::StatusCode::kInvalidArgument);
  // Another node's position.
  EXPECT_EQ(code("p1", kOut, kAll, m1_in[0].position),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code("m1", Direction::kIncoming, kAll, good),
            absl::StatusCode::kInvalidArgument);
  // A position of another relation type.
  EXPECT_EQ(code("p1", kOut, RelationType::kAttended, good),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code("p1", kOut, RelationType::kHoldsPosition, good),
            absl::StatusCode::kOk);
  // Both directions at once is not a scan.
  EXPECT_EQ(code("p1", Direction::kBoth, kAll, ""),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RocksDbGraphStoreTest, ScanNames) {
  Apply(R1());
  const std::vector<NameHit> loc = Names("nguyen phuoc");
  ASSERT_EQ(loc.size(), 1u);
  EXPECT_EQ(loc[0].folded_name, "nguyen phuoc loc");
  EXPECT_EQ(loc[0].entity.id, "p1");
  EXPECT_EQ(loc[0].entity.name, "Nguyễn Phước Lộc");
  EXPECT_EQ(loc[0].entity.kind, EntityKind::kPerson);
  EXPECT_THAT(loc[0].entity.evidence, IsEmpty());
  // Aliases are indexed.
  EXPECT_THAT(Describe(Names("phuoc")), ElementsAre("phuoc loc=p1"));
  EXPECT_THAT(Describe(Names("nguyen")),
              ElementsAre("nguyen phuoc loc=p1", "nguyen van nen=p2"));
  EXPECT_THAT(Describe(Names("nguyen phuoc loc")),
              ElementsAre("nguyen phuoc loc=p1"));
  EXPECT_THAT(Names("nguyen phuoc loc x"), IsEmpty());
  EXPECT_THAT(Names("xyz"), IsEmpty());
  EXPECT_THAT(
      Describe(Names("")),
      ElementsAre("ban dan van trung uong=o1", "hoi nghi tong ket=m1",
                  "hoi nghi tong ket cong tac dan van=r1",
                  "nguyen phuoc loc=p1", "nguyen van nen=p2", "phuoc loc=p1"));
  EXPECT_EQ(store_->ScanNames("nguyen", "phuoc", 10).status().code(),
            absl::StatusCode::kInvalidArgument);
  absl::StatusOr<std::vector<NameHit>> none = store_->ScanNames("", "", 0);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_THAT(*none, IsEmpty());
}

TEST_F(RocksDbGraphStoreTest, ScanNamesPaging) {
  Apply(R1());
  for (absl::string_view prefix : {"", "hoi nghi", "nguyen"}) {
    const std::vector<std::string> all = Describe(Names(prefix));
    for (size_t limit : {1, 2, 4}) {
      SCOPED_TRACE(absl::StrCat("\"", prefix, "\" limit ", limit));
      std::vector<std::string> paged;
      std::string start_after;
      for (int page = 0; page < 20; ++page) {
        absl::StatusOr<std::vector<NameHit>> hits =
            store_->ScanNames(prefix, start_after, limit);
        ASSERT_TRUE(hits.ok()) << hits.status();
        ASSERT_LE(hits->size(), limit);
        if (hits->empty()) break;
        for (const std::string& d : Describe(*hits)) paged.push_back(d);
        start_after = hits->back().position;
      }
      EXPECT_EQ(paged, all);
    }
  }
}

TEST_F(RocksDbGraphStoreTest, GetStats) {
  Apply(R1());
  const GraphStats stats = Stats();
  EXPECT_EQ(Kind(stats, EntityKind::kPerson), 2);
  EXPECT_EQ(Kind(stats, EntityKind::kOrganization), 1);
  EXPECT_EQ(Kind(stats, EntityKind::kMeeting), 1);
  EXPECT_EQ(Kind(stats, EntityKind::kDirective), 0);
  EXPECT_EQ(Kind(stats, EntityKind::kReport), 1);
  EXPECT_EQ(Type(stats, RelationType::kHoldsPosition), 2);
  EXPECT_EQ(Type(stats, RelationType::kChaired), 1);
  EXPECT_EQ(Type(stats, RelationType::kAttended), 2);
  EXPECT_EQ(Type(stats, RelationType::kOrganized), 1);
  EXPECT_EQ(Type(stats, RelationType::kMentionedIn), 2);
  EXPECT_EQ(Type(stats, RelationType::kPartOf), 0);
  EXPECT_EQ(stats.reports, 1);
  EXPECT_GT(stats.disk_bytes, 0);
}

// --- Replacement ------------------------------------------------------------

TEST_F(RocksDbGraphStoreTest, ReapplyWithFewerFactsRemovesWhatOnlyItSupported) {
  Apply(R1());
  ReportFacts fewer = R1();
  fewer.entities.erase(fewer.entities.begin() + 1);  // p2.
  fewer.relations = {fewer.relations[0], fewer.relations[3], fewer.relations[5],
                     fewer.relations[6]};
  const ApplyResult result = Apply(fewer);
  EXPECT_TRUE(result.replaced);
  EXPECT_EQ(result.entities_written, 3);
  EXPECT_EQ(result.relations_written, 4);

  EXPECT_EQ(GetCode("p2"), absl::StatusCode::kNotFound);
  EdgeScan scan;
  scan.entity_id = "p2";
  EXPECT_EQ(store_->ScanEdges(scan).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_THAT(Names("nguyen van"), IsEmpty());
  EXPECT_THAT(Describe(Names("nguyen")), ElementsAre("nguyen phuoc loc=p1"));
  EXPECT_THAT(Out("p1"),
              UnorderedElementsAre("HOLDS_POSITION p1->o1 Trưởng ban",
                                   "ATTENDED p1->m1", "MENTIONED_IN p1->r1"));
  EXPECT_THAT(In("m1"),
              UnorderedElementsAre("ORGANIZED o1->m1", "ATTENDED p1->m1"));
  EXPECT_THAT(In("r1"), ElementsAre("MENTIONED_IN p1->r1"));
  EXPECT_THAT(In("o1"), ElementsAre("HOLDS_POSITION p1->o1 Trưởng ban"));

  const GraphStats stats = Stats();
  EXPECT_EQ(Kind(stats, EntityKind::kPerson), 1);
  EXPECT_EQ(Kind(stats, EntityKind::kOrganization), 1);
  EXPECT_EQ(Kind(stats, EntityKind::kReport), 1);
  EXPECT_EQ(Type(stats, RelationType::kHoldsPosition), 1);
  EXPECT_EQ(Type(stats, RelationType::kChaired), 0);
  EXPECT_EQ(Type(stats, RelationType::kAttended), 1);
  EXPECT_EQ(Type(stats, RelationType::kMentionedIn), 1);
  EXPECT_EQ(Type(stats, RelationType::kOrganized), 1);
  EXPECT_EQ(stats.reports, 1);

  // Putting the facts back restores everything.
  Apply(R1());
  EXPECT_EQ(Get("p2").name, "Nguyễn Văn Nên");
  EXPECT_THAT(Describe(Names("nguyen van")), ElementsAre("nguyen van nen=p2"));
  EXPECT_THAT(In("m1"), ::testing::SizeIs(4));
  EXPECT_EQ(Type(Stats(), RelationType::kChaired), 1);
}

TEST_F(RocksDbGraphStoreTest, ReapplyIdenticalChangesNothing) {
  Apply(R1());
  const std::vector<std::string> before = Snapshot(kR1Ids);
  const std::vector<std::string> out_before =
      Positions(Scan("p1", Direction::kOutgoing));
  const std::vector<std::string> names_before = Describe(Names(""));

  const ApplyResult result = Apply(R1());
  EXPECT_TRUE(result.replaced);
  EXPECT_EQ(result.entities_written, 4);
  EXPECT_EQ(result.relations_written, 8);
  EXPECT_EQ(Snapshot(kR1Ids), before);
  // Same internal ids: positions are unchanged.
  EXPECT_EQ(Positions(Scan("p1", Direction::kOutgoing)), out_before);
  EXPECT_EQ(Describe(Names("")), names_before);
  const Entity p1 = Get("p1");
  EXPECT_EQ(p1.evidence.size(), 1u);
  EXPECT_THAT(p1.report_ids, ElementsAre("r1"));
  EXPECT_EQ(Stats().reports, 1);
}

TEST_F(RocksDbGraphStoreTest, SharedFactsKeepTheOtherReportsEvidence) {
  Apply(R1());
  Apply(R2());
  EXPECT_THAT(Get("p1").report_ids, UnorderedElementsAre("r1", "r2"));
  EXPECT_EQ(Get("p1").evidence.size(), 2u);
  std::vector<EdgeHit> holds =
      Scan("p1", Direction::kOutgoing, RelationType::kHoldsPosition);
  ASSERT_EQ(holds.size(), 2u);
  const GraphStats both = Stats();
  EXPECT_EQ(Kind(both, EntityKind::kPerson), 2);
  EXPECT_EQ(Kind(both, EntityKind::kOrganization), 1);
  EXPECT_EQ(Kind(both, EntityKind::kReport), 2);
  EXPECT_EQ(Type(both, RelationType::kHoldsPosition), 2);
  EXPECT_EQ(both.reports, 2);

  // r1 no longer mentions p1 or o1.
  ReportFacts r1 = R1();
  r1.entities = {r1.entities[1], r1.entities[3]};  // p2, m1.
  r1.relations = {r1.relations[4]};                // ATTENDED p2->m1.
  Apply(r1);

  const Entity p1 = Get("p1");
  EXPECT_THAT(p1.report_ids, ElementsAre("r2"));
  ASSERT_EQ(p1.evidence.size(), 1u);
  EXPECT_EQ(p1.evidence[0].report_id, "r2");
  EXPECT_EQ(p1.evidence[0].start, 4);
  EXPECT_THAT(Get("o1").report_ids, ElementsAre("r2"));
  holds = Scan("p1", Direction::kOutgoing);
  ASSERT_EQ(holds.size(), 1u);
  EXPECT_EQ(Describe(holds[0].relation), "HOLDS_POSITION p1->o1 Trưởng ban");
  EXPECT_THAT(holds[0].relation.report_ids, ElementsAre("r2"));
  ASSERT_EQ(holds[0].relation.evidence.size(), 1u);
  EXPECT_EQ(holds[0].relation.evidence[0].report_id, "r2");
  EXPECT_EQ(holds[0].relation.evidence[0].sentence, "Trưởng ban");
  EXPECT_THAT(In("o1"), ElementsAre("HOLDS_POSITION p1->o1 Trưởng ban"));
  EXPECT_THAT(In("m1"), ElementsAre("ATTENDED p2->m1"));
  EXPECT_THAT(In("r1"), IsEmpty());
  EXPECT_THAT(Describe(Names("nguyen")),
              ElementsAre("nguyen phuoc loc=p1", "nguyen van nen=p2"));

  const GraphStats after = Stats();
  EXPECT_EQ(Kind(after, EntityKind::kPerson), 2);
  EXPECT_EQ(Kind(after, EntityKind::kOrganization), 1);
  EXPECT_EQ(Kind(after, EntityKind::kMeeting), 1);
  EXPECT_EQ(Type(after, RelationType::kHoldsPosition), 1);
  EXPECT_EQ(Type(after, RelationType::kAttended), 1);
  EXPECT_EQ(Type(after, RelationType::kChaired), 0);
  EXPECT_EQ(Type(after, RelationType::kOrganized), 0);
  EXPECT_EQ(Type(after, RelationType::kMentionedIn), 0);
  EXPECT_EQ(after.reports, 2);

  // Now r2 drops them too: gone.
  ReportFacts r2 = NewReport("r2", "Tin 2");
  r2.entities = {MakeEntity("o1", EntityKind::kOrganization, "Ban Dân vận")};
  Apply(r2);
  EXPECT_EQ(GetCode("p1"), absl::StatusCode::kNotFound);
  EXPECT_THAT(Names("nguyen phuoc"), IsEmpty());
  EXPECT_THAT(Names("phuoc"), IsEmpty());
  EXPECT_THAT(In("o1"), IsEmpty());
  EXPECT_EQ(Kind(Stats(), EntityKind::kPerson), 1);
  EXPECT_EQ(Type(Stats(), RelationType::kHoldsPosition), 0);
}

TEST_F(RocksDbGraphStoreTest, AliasesAreTheFormsTheSupportingReportsUse) {
  Apply(R1());
  const std::vector<int64_t> counts = Counts(Stats());
  ReportFacts renamed = R1();
  renamed.entities[0].name = "Ông Nguyễn Phước Lộc";
  Apply(renamed);

  // r1 no longer writes "Nguyễn Phước Lộc": that form is gone.
  Entity p1 = Get("p1");
  EXPECT_EQ(p1.name, "Ông Nguyễn Phước Lộc");
  EXPECT_THAT(p1.aliases, ElementsAre("Phước Lộc"));
  EXPECT_THAT(Describe(Names("nguyen phuoc")), IsEmpty());
  EXPECT_THAT(Describe(Names("ong nguyen")),
              ElementsAre("ong nguyen phuoc loc=p1"));
  EXPECT_EQ(Counts(Stats()), counts);
  // The word index follows: "ong" is new, "nguyen" is still a word of a
  // name (as before the rename), "phuoc" of the alias too.
  EXPECT_THAT(WordHits({"ong", "loc"}), ElementsAre("p1"));
  EXPECT_THAT(WordHits({"nguyen", "phuoc"}), ElementsAre("p1"));

  // Another report's spelling joins them (the name stays the first
  // report's on a tie); withdrawing it takes it away.
  ReportFacts other = NewReport("r9", "Tin 9");
  other.entities = {MakeEntity("p1", EntityKind::kPerson, "NGUYỄN PHƯỚC LỘC")};
  Apply(other);
  p1 = Get("p1");
  EXPECT_EQ(p1.name, "Ông Nguyễn Phước Lộc");
  EXPECT_THAT(p1.aliases, ElementsAre("Phước Lộc", "NGUYỄN PHƯỚC LỘC"));
  EXPECT_THAT(Describe(Names("nguyen phuoc")),
              ElementsAre("nguyen phuoc loc=p1"));
  ASSERT_TRUE(store_->DeleteReport("r9").ok());
  p1 = Get("p1");
  EXPECT_EQ(p1.name, "Ông Nguyễn Phước Lộc");
  EXPECT_THAT(p1.aliases, ElementsAre("Phước Lộc"));

  // Only the old form had no "ong": once the current name drops it too,
  // the word goes.
  renamed.entities[0].name = "Nguyễn Phước Lộc";
  Apply(renamed);
  EXPECT_THAT(WordHits({"ong"}), IsEmpty());
  EXPECT_THAT(WordHits({"nguyen", "loc"}), ElementsAre("p1"));
}

TEST_F(RocksDbGraphStoreTest, SameFingerprintIsANoOp) {
  ReportFacts r1 = R1();
  r1.fingerprint = "facts:1";
  EXPECT_FALSE(Apply(r1).unchanged);
  const std::vector<std::string> before = Snapshot(kR1Ids);
  const ApplyResult again = Apply(r1);
  EXPECT_TRUE(again.unchanged);
  EXPECT_FALSE(again.replaced);
  EXPECT_EQ(again.entities_written, 0);
  EXPECT_EQ(Snapshot(kR1Ids), before);

  r1.fingerprint = "facts:2";
  r1.entities[0].name = "Ông Nguyễn Phước Lộc";
  const ApplyResult changed = Apply(r1);
  EXPECT_FALSE(changed.unchanged);
  EXPECT_TRUE(changed.replaced);
  EXPECT_EQ(Get("p1").name, "Ông Nguyễn Phước Lộc");
}

TEST_F(RocksDbGraphStoreTest, SupportsKeepDatesVersionAndMandateBounds) {
  ReportFacts r1 = R1();  // Dated 2024-03-01; Trưởng ban started 2021-04-01.
  r1.extractor_version = "test/1";
  Apply(r1);
  ReportFacts later = R2();
  later.report.date = "2024-09-30";
  later.relations[0].end_date = "2024-09-30";  // "nguyên Trưởng ban".
  Apply(later);

  const Entity p1 = Get("p1");
  EXPECT_EQ(p1.first_seen, "2024-03-01");
  EXPECT_EQ(p1.last_seen, "2024-09-30");
  ASSERT_FALSE(p1.evidence.empty());
  EXPECT_EQ(p1.evidence[0].extractor_version, "test/1");
  EXPECT_EQ(p1.evidence[0].report_date, "2024-03-01");

  RelationKeyQuery key{RelationType::kHoldsPosition, "p1", "o1", "Trưởng ban"};
  absl::StatusOr<Relation> mandate = store_->GetRelation(key);
  ASSERT_TRUE(mandate.ok()) << mandate.status();
  EXPECT_EQ(mandate->start_date, "2021-04-01");
  EXPECT_EQ(mandate->end_date, "2024-09-30");
  // The report that ends it does not show it in force.
  EXPECT_EQ(mandate->first_seen, "2024-03-01");
  EXPECT_EQ(mandate->last_seen, "2024-03-01");

  ASSERT_TRUE(store_->DeleteReport("r2").ok());
  mandate = store_->GetRelation(key);
  ASSERT_TRUE(mandate.ok()) << mandate.status();
  EXPECT_EQ(mandate->end_date, "");
}

// --- Kind conflicts ---------------------------------------------------------

TEST_F(RocksDbGraphStoreTest, KindConflictWithAnotherReportChangesNothing) {
  Apply(R1());
  const std::vector<std::string> before =
      Snapshot({"r1", "p1", "p2", "o1", "m1", "r2", "x1"});
  ReportFacts r2 = NewReport("r2", "Tin 2");
  r2.entities = {
      MakeEntity("x1", EntityKind::kPerson, "Trần Văn Mới"),
      MakeEntity("p1", EntityKind::kOrganization, "Nguyễn Phước Lộc"),
  };
  r2.relations = {Rel(RelationType::kMentionedIn, "x1", "r2"),
                  Rel(RelationType::kMentionedIn, "p1", "r2")};
  absl::StatusOr<ApplyResult> result = store_->ApplyReport(r2);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition)
      << result.status();
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("p1"));

  EXPECT_EQ(Snapshot({"r1", "p1", "p2", "o1", "m1", "r2", "x1"}), before);
  EXPECT_EQ(GetCode("x1"), absl::StatusCode::kNotFound);
  EXPECT_EQ(GetCode("r2"), absl::StatusCode::kNotFound);
  EXPECT_THAT(Names("tran"), IsEmpty());
  EXPECT_EQ(Get("p1").kind, EntityKind::kPerson);

  // The failed report left no trace: applying it without the conflict works.
  r2.entities.pop_back();
  r2.relations.pop_back();
  const ApplyResult ok = Apply(r2);
  EXPECT_FALSE(ok.replaced);
  EXPECT_EQ(Get("x1").name, "Trần Văn Mới");
  EXPECT_EQ(Stats().reports, 2);
  EXPECT_EQ(Kind(Stats(), EntityKind::kPerson), 3);
}

TEST_F(RocksDbGraphStoreTest, KindConflictOnReapplyChangesNothing) {
  Apply(R1());
  Apply(R2());  // Also says p1 is a PERSON.
  const std::vector<std::string> before =
      Snapshot({"r1", "r2", "p1", "p2", "o1", "m1"});
  ReportFacts r1 = R1();
  r1.entities[0].kind = EntityKind::kOrganization;  // p1.
  r1.relations = {Rel(RelationType::kMentionedIn, "p1", "r1")};
  EXPECT_EQ(store_->ApplyReport(r1).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Snapshot({"r1", "r2", "p1", "p2", "o1", "m1"}), before);
  EXPECT_THAT(Get("p1").report_ids, UnorderedElementsAre("r1", "r2"));
}

TEST_F(RocksDbGraphStoreTest, KindMayChangeWhenOnlyTheReplacedReportSaidSo) {
  Apply(R1());
  ReportFacts r1 = R1();
  r1.entities[1].kind = EntityKind::kOrganization;  // p2.
  r1.relations.erase(r1.relations.begin() + 4);     // ATTENDED p2->m1.
  const ApplyResult result = Apply(r1);
  EXPECT_TRUE(result.replaced);
  EXPECT_EQ(Get("p2").kind, EntityKind::kOrganization);
  EXPECT_THAT(Describe(Names("nguyen van")), ElementsAre("nguyen van nen=p2"));
  EXPECT_THAT(In("r1"), UnorderedElementsAre("MENTIONED_IN p1->r1",
                                             "MENTIONED_IN p2->r1"));
  const GraphStats stats = Stats();
  EXPECT_EQ(Kind(stats, EntityKind::kPerson), 1);
  EXPECT_EQ(Kind(stats, EntityKind::kOrganization), 2);
  EXPECT_EQ(Type(stats, RelationType::kAttended), 1);
}

TEST_F(RocksDbGraphStoreTest, ReportIdNamingAnotherKindIsAConflict) {
  Apply(R1());
  const std::vector<std::string> before = Snapshot(kR1Ids);
  // A valid report (its entities are its own) whose id is a person's id.
  ReportFacts clash = NewReport("p1", "Tin p1");
  clash.entities = {MakeEntity("y1", EntityKind::kPerson, "Lê Văn Y")};
  clash.relations = {Rel(RelationType::kMentionedIn, "y1", "p1")};
  absl::StatusOr<ApplyResult> result = store_->ApplyReport(clash);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition)
      << result.status();
  EXPECT_EQ(Snapshot(kR1Ids), before);
  EXPECT_EQ(GetCode("y1"), absl::StatusCode::kNotFound);
}

// --- Persistence and opening ------------------------------------------------

// Internal id of every indexed entity, from the name index positions.
std::map<std::string, uint64_t> InternalIds(const std::vector<NameHit>& hits) {
  std::map<std::string, uint64_t> ids;
  for (const NameHit& hit : hits) {
    absl::StatusOr<NameKey> key = DecodeNameKey(hit.position);
    EXPECT_TRUE(key.ok()) << key.status();
    if (key.ok()) ids[hit.entity.id] = key->entity;
  }
  return ids;
}

TEST_F(RocksDbGraphStoreTest, DataSurvivesReopen) {
  Apply(R1());
  const std::vector<std::string> before = Snapshot(kR1Ids);
  const std::vector<std::string> positions =
      Positions(Scan("m1", Direction::kIncoming));
  const std::map<std::string, uint64_t> old_ids = InternalIds(Names(""));
  ASSERT_EQ(old_ids.size(), 5u);

  Reopen();
  EXPECT_EQ(Snapshot(kR1Ids), before);
  EXPECT_EQ(Positions(Scan("m1", Direction::kIncoming)), positions);
  EXPECT_EQ(Get("p1").evidence.size(), 1u);

  // New entities get fresh internal ids; old data is intact.
  ReportFacts r2 = R2();
  r2.entities.push_back(MakeEntity("x1", EntityKind::kPerson, "Trần Văn Mới"));
  r2.relations.push_back(Rel(RelationType::kMentionedIn, "x1", "r2"));
  EXPECT_FALSE(Apply(r2).replaced);
  const std::map<std::string, uint64_t> new_ids = InternalIds(Names(""));
  uint64_t max_old = 0;
  for (const auto& [id, internal] : old_ids) {
    EXPECT_EQ(new_ids.at(id), internal) << id;
    max_old = std::max(max_old, internal);
  }
  EXPECT_GT(new_ids.at("x1"), max_old);
  EXPECT_GT(new_ids.at("r2"), max_old);
  EXPECT_NE(new_ids.at("x1"), new_ids.at("r2"));
  EXPECT_THAT(Get("p1").report_ids, UnorderedElementsAre("r1", "r2"));
  EXPECT_THAT(Get("o1").report_ids, UnorderedElementsAre("r1", "r2"));
  for (const char* id : {"r1", "p2", "m1"}) {
    EXPECT_THAT(Get(id).report_ids, ElementsAre("r1")) << id;
  }
  EXPECT_EQ(Get("m1").name, "Hội nghị tổng kết");
  EXPECT_THAT(In("r2"), ElementsAre("MENTIONED_IN x1->r2"));
  EXPECT_EQ(Kind(Stats(), EntityKind::kPerson), 3);
  EXPECT_EQ(Stats().reports, 2);

  Reopen();
  EXPECT_EQ(InternalIds(Names("")), new_ids);
  EXPECT_EQ(Stats().reports, 2);
}

TEST_F(RocksDbGraphStoreTest, SecondOpenOfTheSameDirIsLocked) {
  Apply(R1());
  absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> second =
      RocksDbGraphStore::Open(Options());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition)
      << second.status();
  EXPECT_THAT(std::string(second.status().message()), HasSubstr("locked"));
  // The first store is unaffected.
  EXPECT_EQ(Get("p1").name, "Nguyễn Phước Lộc");
  Apply(R2());
  // Once it is closed, the directory opens again.
  store_.reset();
  second = RocksDbGraphStore::Open(Options());
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE((*second)->GetEntity("r2").ok());
}

TEST_F(RocksDbGraphStoreTest, OpenErrors) {
  RocksDbOptions options;
  options.path = "";
  EXPECT_EQ(RocksDbGraphStore::Open(options).status().code(),
            absl::StatusCode::kInvalidArgument);
  // A regular file where the directory should be.
  options.path = dir_ + "/file";
  {
    std::ofstream file(options.path);
    file << "not a database";
  }
  EXPECT_FALSE(RocksDbGraphStore::Open(options).ok());
}

TEST_F(RocksDbGraphStoreTest, ConcurrentAppliesKeepCountsExact) {
  constexpr int kThreads = 4;
  constexpr int kReportsPerThread = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([this, t] {
      for (int i = 0; i < kReportsPerThread; ++i) {
        const std::string id = absl::StrCat("t", t, "r", i);
        ReportFacts f = NewReport(id, id);
        f.entities = {MakeEntity("shared", EntityKind::kPerson, "Chung"),
                      MakeEntity(absl::StrCat("own", t, "_", i),
                                 EntityKind::kPerson, "Riêng")};
        f.relations = {Rel(RelationType::kMentionedIn, "shared", id)};
        EXPECT_TRUE(store_->ApplyReport(f).ok());
        EXPECT_TRUE(store_->GetEntity("shared").ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const GraphStats stats = Stats();
  constexpr int kTotal = kThreads * kReportsPerThread;
  EXPECT_EQ(stats.reports, kTotal);
  EXPECT_EQ(Kind(stats, EntityKind::kReport), kTotal);
  EXPECT_EQ(Kind(stats, EntityKind::kPerson), kTotal + 1);
  EXPECT_EQ(Type(stats, RelationType::kMentionedIn), kTotal);
  EXPECT_EQ(Get("shared").report_ids.size(), static_cast<size_t>(kTotal));
  EXPECT_EQ(In("t0r0").size(), 1u);
  EXPECT_EQ(Names("rieng").size(), static_cast<size_t>(kTotal));
}

}  // namespace
}  // namespace govgraph::storage
