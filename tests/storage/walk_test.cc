// The walk reads of GraphStore (FindHandle, ScanAdjacency, EntityOf,
// RelationOf, FindRelationRef) and EdgeHit::ref, on report r1 of
// rocksdb_graph_store_fixture.h in the fake and in the RocksDB store; then
// what only the RocksDB store does: merges and imported terms.
#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/text.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::storage {
namespace {

using test_util::Describe;
using test_util::Ev;
using test_util::kLocSentence;
using test_util::kR1Ids;
using test_util::MakeEntity;
using test_util::NewReport;
using test_util::R1;
using test_util::Rel;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

constexpr RelationType kAny = RelationType::kUnspecified;
constexpr RelationType kHolds = RelationType::kHoldsPosition;
constexpr RelationType kAttended = RelationType::kAttended;
constexpr Direction kOut = Direction::kOutgoing;
constexpr Direction kIn = Direction::kIncoming;
constexpr absl::StatusCode kNotFound = absl::StatusCode::kNotFound;
constexpr absl::StatusCode kInvalid = absl::StatusCode::kInvalidArgument;
constexpr NodeHandle kNoNode = NodeHandle{1} << 40;

template <typename T>
absl::StatusCode Code(const absl::StatusOr<T>& result) {
  return result.status().code();
}

NodeHandle HandleOf(GraphStore& store, absl::string_view id) {
  absl::StatusOr<NodeHandle> handle = store.FindHandle(id);
  EXPECT_TRUE(handle.ok()) << id << ": " << handle.status();
  return handle.ok() ? *handle : kNoNode;
}

AdjacencyScan ScanOf(NodeHandle node, Direction direction,
                     RelationType type = kAny) {
  AdjacencyScan scan;
  scan.node = node;
  scan.direction = direction;
  scan.type = type;
  return scan;
}

std::vector<EdgeRef> Adjacent(GraphStore& store, const AdjacencyScan& scan) {
  absl::StatusOr<std::vector<EdgeRef>> refs = store.ScanAdjacency(scan);
  EXPECT_TRUE(refs.ok()) << refs.status();
  return refs.ok() ? *refs : std::vector<EdgeRef>();
}

// `scan` in pages of `limit`, each resuming after the last.
std::vector<EdgeRef> Paged(GraphStore& store, AdjacencyScan scan,
                           size_t limit) {
  scan.limit = limit;
  std::vector<EdgeRef> all;
  for (int pages = 0; pages <= 20; ++pages) {
    const std::vector<EdgeRef> page = Adjacent(store, scan);
    EXPECT_LE(page.size(), limit);
    all.insert(all.end(), page.begin(), page.end());
    if (page.size() < limit) break;
    scan.resume = true;
    scan.start_after = page.back();
  }
  return all;
}

// "type:source->target#parallel", handles as numbers.
std::vector<std::string> Keys(const std::vector<EdgeRef>& refs) {
  std::vector<std::string> out;
  for (const EdgeRef& r : refs) {
    out.push_back(absl::StrCat(static_cast<int>(r.type), ":", r.source, "->",
                               r.target, "#", r.parallel));
  }
  return out;
}

// "TYPE source->target role": endpoints named by EntityOf, role by
// RelationOf; "error" if one fails.
std::string Text(GraphStore& store, const EdgeRef& ref) {
  absl::StatusOr<Entity> source = store.EntityOf(ref.source);
  absl::StatusOr<Entity> target = store.EntityOf(ref.target);
  absl::StatusOr<Relation> relation = store.RelationOf(ref, false);
  if (!source.ok() || !target.ok() || !relation.ok()) return "error";
  relation->source_id = source->id;
  relation->target_id = target->id;
  return Describe(*relation);
}

std::vector<std::string> Texts(GraphStore& store,
                               const std::vector<EdgeRef>& refs) {
  std::vector<std::string> out;
  for (const EdgeRef& ref : refs) out.push_back(Text(store, ref));
  return out;
}

EdgeRef RefOf(GraphStore& store, const RelationKeyQuery& key) {
  absl::StatusOr<EdgeRef> ref = store.FindRelationRef(key);
  EXPECT_TRUE(ref.ok()) << key.source_id << "->" << key.target_id << ": "
                        << ref.status();
  return ref.ok() ? *ref : EdgeRef();
}

enum class StoreKind { kFake, kRocksDb };

// r1 applied to the store GetParam() names (the RocksDB one is opened
// either way).
class WalkTest : public test_util::RocksDbGraphStoreFixture,
                 public ::testing::WithParamInterface<StoreKind> {
 protected:
  void SetUp() override {
    RocksDbGraphStoreFixture::SetUp();
    ASSERT_FALSE(HasFatalFailure());
    ApplyToStore(R1());
  }

  GraphStore& store() {
    if (GetParam() == StoreKind::kFake) return fake_;
    return *store_;
  }
  bool rocksdb() const { return GetParam() == StoreKind::kRocksDb; }

  void ApplyToStore(const ReportFacts& facts) {
    absl::StatusOr<ApplyResult> applied = store().ApplyReport(facts);
    ASSERT_TRUE(applied.ok()) << applied.status();
  }

  EdgeRef RefOf(RelationType type, const std::string& source,
                const std::string& target, const std::string& role = "") {
    return storage::RefOf(store(),
                          RelationKeyQuery{type, source, target, role});
  }

  // ScanAdjacency over `id`'s edges, as Texts.
  std::vector<std::string> Walk(const std::string& id, Direction direction,
                                RelationType type = kAny) {
    const NodeHandle node = HandleOf(store(), id);
    return Texts(store(), Adjacent(store(), ScanOf(node, direction, type)));
  }

  std::vector<EdgeHit> Hits(const std::string& id, Direction direction) {
    EdgeScan scan;
    scan.entity_id = id;
    scan.direction = direction;
    absl::StatusOr<std::vector<EdgeHit>> hits = store().ScanEdges(scan);
    EXPECT_TRUE(hits.ok()) << id << ": " << hits.status();
    return hits.ok() ? *hits : std::vector<EdgeHit>();
  }

  fakes::FakeGraphStore fake_;
};

TEST_P(WalkTest, FindHandleNamesKnownIdsOnly) {
  std::vector<NodeHandle> handles;
  for (const std::string& id : kR1Ids) {
    handles.push_back(HandleOf(store(), id));
    absl::StatusOr<Entity> entity = store().EntityOf(handles.back());
    ASSERT_TRUE(entity.ok()) << id << ": " << entity.status();
    EXPECT_EQ(entity->id, id);
  }
  std::sort(handles.begin(), handles.end());
  EXPECT_EQ(std::unique(handles.begin(), handles.end()), handles.end());
  EXPECT_EQ(Code(store().FindHandle("p9")), kNotFound);
  // A handle that names nothing.
  EXPECT_THAT(Adjacent(store(), ScanOf(kNoNode, kOut)), IsEmpty());
  EXPECT_THAT(Adjacent(store(), ScanOf(kNoNode, kIn)), IsEmpty());
  EXPECT_EQ(Code(store().EntityOf(kNoNode)), kNotFound);
}

TEST_P(WalkTest, AdjacencyHasTheEdgesScanEdgesFindsOfEachType) {
  for (const std::string& id : kR1Ids) {
    for (Direction direction : {kOut, kIn}) {
      SCOPED_TRACE(absl::StrCat(id, direction == kOut ? " out" : " in"));
      std::vector<EdgeRef> from_hits;
      for (const EdgeHit& hit : Hits(id, direction)) {
        EXPECT_EQ(Text(store(), hit.ref), Describe(hit.relation));
        from_hits.push_back(hit.ref);
      }
      const std::vector<std::string> refs =
          Keys(Adjacent(store(), ScanOf(HandleOf(store(), id), direction)));
      EXPECT_THAT(refs, UnorderedElementsAreArray(Keys(from_hits)));
      // RocksDB: both scans read the same keys in the same order.
      if (rocksdb()) {
        EXPECT_EQ(refs, Keys(from_hits));
      }
    }
  }
  EXPECT_THAT(Walk("p1", kOut),
              UnorderedElementsAre("HOLDS_POSITION p1->o1 Trưởng ban",
                                   "HOLDS_POSITION p1->o1 Phó trưởng ban",
                                   "CHAIRED p1->m1", "ATTENDED p1->m1",
                                   "MENTIONED_IN p1->r1"));
  // One type.
  EXPECT_THAT(Walk("p1", kOut, kHolds),
              UnorderedElementsAre("HOLDS_POSITION p1->o1 Trưởng ban",
                                   "HOLDS_POSITION p1->o1 Phó trưởng ban"));
  EXPECT_THAT(Walk("m1", kIn, kAttended),
              UnorderedElementsAre("ATTENDED p1->m1", "ATTENDED p2->m1"));
  EXPECT_THAT(Walk("p1", kIn, kHolds), IsEmpty());
}

TEST_P(WalkTest, PagesVisitEveryEdgeOnceInOrder) {
  const std::vector<std::tuple<std::string, Direction, RelationType>> cases = {
      {"p1", kOut, kAny},
      {"m1", kIn, kAny},
      {"p1", kOut, kHolds},
      {"o1", kIn, kAny},
      {"r1", kIn, kAny}};
  for (const auto& [id, direction, type] : cases) {
    const AdjacencyScan all = ScanOf(HandleOf(store(), id), direction, type);
    const std::vector<std::string> expected = Keys(Adjacent(store(), all));
    ASSERT_GE(expected.size(), 2u) << id;
    for (size_t limit : {1, 2, 3, 100}) {
      EXPECT_EQ(Keys(Paged(store(), all, limit)), expected)
          << id << " type " << static_cast<int>(type) << " limit " << limit;
    }
  }
}

// a9 gets its handle after p1 and p2 but sorts before them by id.
TEST_P(WalkTest, AdjacencyIsByTypeThenTheOtherNodesHandle) {
  ReportFacts r4 = NewReport("r4", "Tin 4");
  r4.entities = {MakeEntity("a9", EntityKind::kPerson, "Lê Văn Chín"),
                 MakeEntity("m1", EntityKind::kMeeting, "Hội nghị tổng kết")};
  r4.relations = {Rel(kAttended, "a9", "m1")};
  ApplyToStore(r4);
  const AdjacencyScan scan = ScanOf(HandleOf(store(), "m1"), kIn);
  const std::vector<EdgeRef> refs = Adjacent(store(), scan);
  EXPECT_THAT(Texts(store(), refs),
              ElementsAre("ORGANIZED o1->m1", "CHAIRED p1->m1", _, _,
                          "ATTENDED a9->m1"));
  EXPECT_TRUE(std::is_sorted(
      refs.begin(), refs.end(), [](const EdgeRef& a, const EdgeRef& b) {
        return std::tie(a.type, a.source) < std::tie(b.type, b.source);
      }));
  EXPECT_EQ(Keys(Paged(store(), scan, 2)), Keys(refs));
}

TEST_P(WalkTest, EntityOfLeavesEvidenceOut) {
  ASSERT_EQ(store().GetEntity("p1").value_or(Entity()).evidence.size(), 1u);
  absl::StatusOr<Entity> p1 = store().EntityOf(HandleOf(store(), "p1"));
  ASSERT_TRUE(p1.ok()) << p1.status();
  EXPECT_EQ(p1->id, "p1");
  EXPECT_EQ(p1->kind, EntityKind::kPerson);
  EXPECT_EQ(p1->name, "Nguyễn Phước Lộc");
  EXPECT_THAT(p1->aliases, ElementsAre("Phước Lộc"));
  EXPECT_THAT(p1->evidence, IsEmpty());
  EXPECT_THAT(p1->report_ids, IsEmpty());
}

TEST_P(WalkTest, EntitiesOfReadsABatchInOrder) {
  const std::vector<NodeHandle> nodes = {
      HandleOf(store(), "m1"), HandleOf(store(), "p1"), HandleOf(store(), "m1"),
      HandleOf(store(), "o1")};
  absl::StatusOr<std::vector<Entity>> read = store().EntitiesOf(nodes);
  ASSERT_TRUE(read.ok()) << read.status();
  std::vector<std::string> ids;
  for (const Entity& e : *read) {
    ids.push_back(e.id);
    EXPECT_THAT(e.evidence, IsEmpty()) << e.id;
  }
  EXPECT_THAT(ids, ElementsAre("m1", "p1", "m1", "o1"));
  ASSERT_TRUE(store().EntitiesOf({}).ok());
  EXPECT_THAT(*store().EntitiesOf({}), IsEmpty());
  EXPECT_EQ(Code(store().EntitiesOf({nodes[1], 987654})), kNotFound);
}

TEST_P(WalkTest, RelationOfWithAndWithoutEvidence) {
  const EdgeRef ref = RefOf(kHolds, "p1", "o1", "Trưởng ban");
  for (bool with_evidence : {true, false}) {
    SCOPED_TRACE(with_evidence);
    absl::StatusOr<Relation> r = store().RelationOf(ref, with_evidence);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(Describe(*r), "HOLDS_POSITION p1->o1 Trưởng ban");
    EXPECT_EQ(r->start_date, "2021-04-01");
    EXPECT_EQ(r->end_date, "");
    if (with_evidence) {
      ASSERT_EQ(r->evidence.size(), 1u);
      EXPECT_EQ(r->evidence[0].sentence, kLocSentence);
      EXPECT_EQ(r->evidence[0].start, 27);
    } else {
      EXPECT_THAT(r->evidence, IsEmpty());
      EXPECT_THAT(r->report_ids, IsEmpty());
    }
  }
}

TEST_P(WalkTest, ParallelRelationsHaveTheirOwnRefs) {
  const EdgeRef head = RefOf(kHolds, "p1", "o1", "Trưởng ban");
  const EdgeRef deputy = RefOf(kHolds, "p1", "o1", "Phó trưởng ban");
  EXPECT_EQ(head.source, HandleOf(store(), "p1"));
  EXPECT_EQ(head.target, HandleOf(store(), "o1"));
  EXPECT_EQ(std::tie(head.source, head.type, head.target),
            std::tie(deputy.source, deputy.type, deputy.target));
  EXPECT_NE(head.parallel, deputy.parallel);
  EXPECT_EQ(Text(store(), head), "HOLDS_POSITION p1->o1 Trưởng ban");
  EXPECT_EQ(Text(store(), deputy), "HOLDS_POSITION p1->o1 Phó trưởng ban");
}

TEST_P(WalkTest, FindRelationRefRoundTrips) {
  int relations = 0;
  for (const std::string& id : kR1Ids) {
    for (const EdgeHit& hit : Hits(id, kOut)) {
      const Relation& want = hit.relation;
      SCOPED_TRACE(Describe(want));
      const EdgeRef ref =
          RefOf(want.type, want.source_id, want.target_id, want.role);
      EXPECT_EQ(Keys({ref}), Keys({hit.ref}));
      absl::StatusOr<Relation> got = store().RelationOf(ref, true);
      ASSERT_TRUE(got.ok()) << got.status();
      EXPECT_EQ(Describe(*got), Describe(want));
      EXPECT_EQ(got->start_date, want.start_date);
      EXPECT_EQ(got->evidence.size(), want.evidence.size());
      ++relations;
    }
  }
  EXPECT_EQ(relations, 8);
}

TEST_P(WalkTest, UnknownRelationIsNotFound) {
  for (const RelationKeyQuery& key :
       {RelationKeyQuery{kHolds, "p9", "o1", "Trưởng ban"},
        RelationKeyQuery{kHolds, "p2", "o1", "Trưởng ban"},
        RelationKeyQuery{kHolds, "p1", "o1", "Chủ tịch"},
        RelationKeyQuery{kAttended, "m1", "p1", ""}}) {
    EXPECT_EQ(Code(store().FindRelationRef(key)), kNotFound)
        << key.source_id << "->" << key.target_id << " " << key.role;
  }
  EdgeRef made_up = RefOf(kAttended, "p1", "m1");
  made_up.type = RelationType::kSpokeAt;
  EXPECT_EQ(Code(store().RelationOf(made_up, true)), kNotFound);
}

// r3 alone supports x and its relations; deleting r3 removes them in the
// RocksDB store, while the fake documents that only the report goes (with
// the relations that touch it).
TEST_P(WalkTest, WithdrawnFactsAreNotFound) {
  ReportFacts r3 = NewReport("r3", "Tin 3");
  r3.entities = {MakeEntity("x", EntityKind::kPerson, "Lê Văn Xuân",
                            {Ev("r3", 0, 11, "Lê Văn Xuân dự hội nghị.")}),
                 MakeEntity("m1", EntityKind::kMeeting, "Hội nghị tổng kết")};
  r3.relations = {Rel(RelationType::kMentionedIn, "x", "r3"),
                  Rel(kAttended, "x", "m1")};
  ApplyToStore(r3);
  const NodeHandle x = HandleOf(store(), "x");
  const NodeHandle report = HandleOf(store(), "r3");
  const EdgeRef mentioned = RefOf(RelationType::kMentionedIn, "x", "r3");
  const EdgeRef attended = RefOf(kAttended, "x", "m1");
  ASSERT_EQ(Text(store(), mentioned), "MENTIONED_IN x->r3");

  ASSERT_TRUE(store().DeleteReport("r3").ok());
  EXPECT_EQ(Code(store().FindHandle("r3")), kNotFound);
  EXPECT_EQ(Code(store().EntityOf(report)), kNotFound);
  EXPECT_EQ(Code(store().RelationOf(mentioned, false)), kNotFound);
  EXPECT_THAT(Adjacent(store(), ScanOf(report, kIn)), IsEmpty());
  if (rocksdb()) {
    EXPECT_EQ(Code(store().FindHandle("x")), kNotFound);
    EXPECT_EQ(Code(store().EntityOf(x)), kNotFound);
    EXPECT_EQ(Code(store().RelationOf(attended, true)), kNotFound);
    EXPECT_THAT(Adjacent(store(), ScanOf(x, kOut)), IsEmpty());
  } else {
    EXPECT_EQ(Text(store(), attended), "ATTENDED x->m1");
    EXPECT_EQ(Keys(Adjacent(store(), ScanOf(x, kOut))), Keys({attended}));
  }
}

// A position of another node, type or direction, and kBoth.
TEST_P(WalkTest, ForeignPositionIsInvalidArgument) {
  const NodeHandle p1 = HandleOf(store(), "p1");
  const EdgeRef p1_attended = RefOf(kAttended, "p1", "m1");
  const std::vector<std::tuple<Direction, RelationType, EdgeRef>> cases = {
      {kOut, kAny, RefOf(kAttended, "p2", "m1")},  // Another node.
      {kOut, kHolds, p1_attended},                 // Another type.
      {kIn, kAny, p1_attended}};  // An out-edge resuming an in-scan.
  for (const auto& [direction, type, after] : cases) {
    AdjacencyScan scan = ScanOf(p1, direction, type);
    scan.resume = true;
    scan.start_after = after;
    EXPECT_EQ(Code(store().ScanAdjacency(scan)), kInvalid) << Keys({after})[0];
  }
  EXPECT_EQ(Code(store().ScanAdjacency(ScanOf(p1, Direction::kBoth))),
            kInvalid);
}

INSTANTIATE_TEST_SUITE_P(Stores, WalkTest,
                         ::testing::Values(StoreKind::kFake,
                                           StoreKind::kRocksDb),
                         [](const ::testing::TestParamInfo<StoreKind>& info) {
                           return info.param == StoreKind::kFake ? "Fake"
                                                                 : "RocksDb";
                         });

using RocksDbWalkTest = test_util::RocksDbGraphStoreFixture;

// RocksDB only: the fake records merges without performing them.
TEST_F(RocksDbWalkTest, MergedAwayIdResolvesToTheTargetsHandle) {
  Apply(R1());
  const NodeHandle p1 = HandleOf(*store_, "p1");
  const NodeHandle p2 = HandleOf(*store_, "p2");
  ASSERT_NE(p1, p2);
  const CurationInfo info{"curator@example.vn", "same man", 7};
  ASSERT_TRUE(store_->MergeEntities(MergeRequest{"p2", "p1", info}).ok());
  EXPECT_EQ(HandleOf(*store_, "p2"), p1);
  EXPECT_EQ(Code(store_->EntityOf(p2)), kNotFound);
  EXPECT_THAT(Adjacent(*store_, ScanOf(p2, kOut)), IsEmpty());
  EXPECT_THAT(
      Texts(*store_, Adjacent(*store_, ScanOf(HandleOf(*store_, "m1"), kIn))),
      UnorderedElementsAre("CHAIRED p1->m1", "ATTENDED p1->m1",
                           "ORGANIZED o1->m1"));
}

// ip1 was Bí thư of io1 twice: each term is its own relation.
TEST_F(RocksDbWalkTest, ImportedTermsAreFoundByTheirDates) {
  GraphImport graph;
  graph.source_id = "import-1";
  graph.nodes = {{"ip1", EntityKind::kPerson, "Nguyễn Văn An", 0, 2},
                 {"io1", EntityKind::kOrganization, "Thành ủy", 0, 3}};
  graph.roles = {"", "Bí thư"};
  graph.edges = {{0, 1, kHolds, 1, PackIsoDate("2010-01-01"),
                  PackIsoDate("2015-01-01"), 2},
                 {0, 1, kHolds, 1, PackIsoDate("2016-01-01"), 0, 3}};
  ASSERT_TRUE(store_->ImportGraph(graph).ok());
  RelationKeyQuery key{kHolds, "ip1", "io1", "Bí thư"};
  std::vector<EdgeRef> refs;
  for (const auto& [start, end] :
       {std::pair("2010-01-01", "2015-01-01"), std::pair("2016-01-01", "")}) {
    key.start_date = start;
    key.end_date = end;
    refs.push_back(RefOf(*store_, key));
    absl::StatusOr<Relation> term = store_->RelationOf(refs.back(), false);
    ASSERT_TRUE(term.ok()) << term.status();
    EXPECT_EQ(Describe(*term), "HOLDS_POSITION ip1->io1 Bí thư");
    EXPECT_EQ(term->start_date, start);
    EXPECT_EQ(term->end_date, end);
  }
  EXPECT_NE(refs[0].parallel, refs[1].parallel);
  EXPECT_THAT(Keys(Adjacent(*store_, ScanOf(HandleOf(*store_, "ip1"), kOut))),
              UnorderedElementsAreArray(Keys(refs)));
  key.start_date = key.end_date = "";  // The first term found.
  const EdgeRef first = RefOf(*store_, key);
  EXPECT_TRUE(first == refs[0] || first == refs[1]) << Keys({first})[0];
  key.start_date = "2011-01-01";
  EXPECT_EQ(Code(store_->FindRelationRef(key)), kNotFound);
}

}  // namespace
}  // namespace govgraph::storage
