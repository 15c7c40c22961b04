// GraphStore::ImportGraph on a real RocksDbGraphStore: what an import
// writes (entities, edges in both directions, names, counters, evidence
// citing the CSV lines), parallel relations, refusals that change nothing,
// and how imports and reports share one store.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/text.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"
#include "tests/storage/rocksdb_graph_store_fixture.h"

namespace govgraph::storage {
namespace {

using test_util::Counts;
using test_util::Describe;
using test_util::Ev;
using test_util::Kind;
using test_util::kR1Ids;
using test_util::MakeEntity;
using test_util::NewReport;
using test_util::R1;
using test_util::Rel;
using test_util::Type;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Builds a GraphImport as GraphCsvReader would: rows numbered from line 2
// of their file (line 1 is the header).
class GraphBuilder {
 public:
  explicit GraphBuilder(std::string source_id) {
    graph_.source_id = std::move(source_id);
  }

  GraphBuilder& Node(const std::string& id, EntityKind kind,
                     const std::string& name, const std::string& date = "") {
    index_[id] = static_cast<uint32_t>(graph_.nodes.size());
    ImportNode node;
    node.id = id;
    node.kind = kind;
    node.name = name;
    node.date = PackIsoDate(date);
    node.line = static_cast<int32_t>(graph_.nodes.size()) + 2;
    graph_.nodes.push_back(std::move(node));
    return *this;
  }

  GraphBuilder& Edge(const std::string& src, const std::string& dst,
                     RelationType type, const std::string& role = "",
                     const std::string& start = "",
                     const std::string& end = "") {
    ImportEdge edge;
    edge.source = index_.at(src);
    edge.target = index_.at(dst);
    edge.type = type;
    edge.role = Role(role);
    edge.start = PackIsoDate(start);
    edge.end = PackIsoDate(end);
    edge.line = static_cast<int32_t>(graph_.edges.size()) + 2;
    graph_.edges.push_back(edge);
    return *this;
  }

  const GraphImport& graph() const { return graph_; }

 private:
  uint32_t Role(const std::string& role) {
    for (uint32_t i = 0; i < graph_.roles.size(); ++i) {
      if (graph_.roles[i] == role) return i;
    }
    graph_.roles.push_back(role);
    return static_cast<uint32_t>(graph_.roles.size() - 1);
  }

  GraphImport graph_;
  std::map<std::string, uint32_t> index_;
};

constexpr char kBiThu[] = "Bí thư";
constexpr char kPhoBiThu[] = "Phó Bí thư";

// Persons ip1, ip2, ip10, organisations io1 (part of io2), meeting im1.
// ip1 was Bí thư of io1 twice (2010-2015, 2016-); ip2 is Phó Bí thư
// (undated); ip1 attended im1 in two identical rows.
GraphImport Sample(const std::string& source_id = "import-1") {
  GraphBuilder b(source_id);
  b.Node("ip1", EntityKind::kPerson, "Nguyễn Văn An", "1960-05-01")  // 2
      .Node("ip2", EntityKind::kPerson, "Trần Thị Bình")             // 3
      .Node("ip10", EntityKind::kPerson, "Lê Văn Mười")              // 4
      .Node("io1", EntityKind::kOrganization, "Ban Dân vận Thành ủy")
      .Node("io2", EntityKind::kOrganization, "Thành ủy TPHCM")
      .Node("im1", EntityKind::kMeeting, "Hội nghị tổng kết", "2020-01-02");
  b.Edge("ip1", "io1", RelationType::kHoldsPosition, kBiThu, "2010-01-01",
         "2015-01-01")  // 2
      .Edge("ip1", "io1", RelationType::kHoldsPosition, kBiThu,
            "2016-01-01")                                           // 3
      .Edge("ip2", "io1", RelationType::kHoldsPosition, kPhoBiThu)  // 4
      .Edge("io1", "io2", RelationType::kPartOf)                    // 5
      .Edge("io1", "im1", RelationType::kOrganized)                 // 6
      .Edge("ip1", "im1", RelationType::kAttended)                  // 7
      .Edge("ip1", "im1", RelationType::kAttended)                  // 8
      .Edge("ip2", "im1", RelationType::kAttended)                  // 9
      .Edge("ip1", "im1", RelationType::kChaired);                  // 10
  return b.graph();
}

const std::vector<std::string> kSampleIds = {"ip1", "ip2", "ip10",
                                             "io1", "io2", "im1"};

// "start..end@line" of a relation (its one evidence item's line).
std::string TermOf(const Relation& r) {
  const int line = r.evidence.empty() ? -1 : r.evidence[0].source_line;
  return absl::StrCat(r.start_date, "..", r.end_date, "@", line);
}

class RocksDbImportTest : public test_util::RocksDbGraphStoreFixture {
 protected:
  ImportResult Import(const GraphImport& graph) {
    absl::StatusOr<ImportResult> result = store_->ImportGraph(graph);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : ImportResult();
  }

  absl::StatusOr<Relation> GetTerm(const std::string& src,
                                   const std::string& dst,
                                   const std::string& role,
                                   const std::string& start = "",
                                   const std::string& end = "") {
    RelationKeyQuery key{RelationType::kHoldsPosition, src, dst, role};
    key.start_date = start;
    key.end_date = end;
    return store_->GetRelation(key);
  }

  // The imported entities are still themselves: id, kind, name and the
  // import's evidence line.
  void ExpectSampleNodes() {
    const struct {
      const char* id;
      EntityKind kind;
      const char* name;
      int line;
    } kNodes[] = {
        {"ip1", EntityKind::kPerson, "Nguyễn Văn An", 2},
        {"ip2", EntityKind::kPerson, "Trần Thị Bình", 3},
        {"ip10", EntityKind::kPerson, "Lê Văn Mười", 4},
        {"io1", EntityKind::kOrganization, "Ban Dân vận Thành ủy", 5},
        {"io2", EntityKind::kOrganization, "Thành ủy TPHCM", 6},
        {"im1", EntityKind::kMeeting, "Hội nghị tổng kết", 7},
    };
    for (const auto& node : kNodes) {
      const Entity e = Get(node.id);
      EXPECT_EQ(e.id, node.id);
      EXPECT_EQ(e.kind, node.kind) << node.id;
      EXPECT_EQ(e.name, node.name) << node.id;
      std::vector<int> lines;
      for (const Evidence& ev : e.evidence) lines.push_back(ev.source_line);
      EXPECT_THAT(lines, Contains(node.line)) << node.id;
    }
  }

  // Checks what Sample() wrote, as seen through every read.
  void ExpectSample(const std::string& source_id = "import-1") {
    ExpectSampleNodes();
    const Entity ip1 = Get("ip1");
    EXPECT_EQ(ip1.kind, EntityKind::kPerson);
    EXPECT_EQ(ip1.name, "Nguyễn Văn An");
    EXPECT_EQ(ip1.date, "1960-05-01");
    EXPECT_THAT(ip1.report_ids, ElementsAre(source_id));
    ASSERT_EQ(ip1.evidence.size(), 1u);
    EXPECT_EQ(ip1.evidence[0].report_id, source_id);
    EXPECT_EQ(ip1.evidence[0].source_line, 2);
    EXPECT_EQ(ip1.evidence[0].start, 0);
    EXPECT_EQ(ip1.evidence[0].end, 0);
    EXPECT_EQ(Get("ip10").name, "Lê Văn Mười");
    EXPECT_EQ(Get("ip10").evidence.at(0).source_line, 4);
    const Entity io1 = Get("io1");
    EXPECT_EQ(io1.kind, EntityKind::kOrganization);
    EXPECT_EQ(io1.date, "");
    const Entity im1 = Get("im1");
    EXPECT_EQ(im1.kind, EntityKind::kMeeting);
    EXPECT_EQ(im1.name, "Hội nghị tổng kết");
    EXPECT_EQ(im1.date, "2020-01-02");
    EXPECT_EQ(im1.evidence.at(0).source_line, 7);

    EXPECT_THAT(Out("ip1"), ElementsAre("HOLDS_POSITION ip1->io1 Bí thư",
                                        "HOLDS_POSITION ip1->io1 Bí thư",
                                        "CHAIRED ip1->im1", "ATTENDED ip1->im1",
                                        "ATTENDED ip1->im1"));
    EXPECT_THAT(In("im1"), ElementsAre("ORGANIZED io1->im1", "CHAIRED ip1->im1",
                                       "ATTENDED ip1->im1", "ATTENDED ip1->im1",
                                       "ATTENDED ip2->im1"));
    EXPECT_THAT(In("io1"), ElementsAre("HOLDS_POSITION ip1->io1 Bí thư",
                                       "HOLDS_POSITION ip1->io1 Bí thư",
                                       "HOLDS_POSITION ip2->io1 Phó Bí thư"));
    EXPECT_THAT(Out("io1"),
                ElementsAre("PART_OF io1->io2", "ORGANIZED io1->im1"));
    EXPECT_THAT(In("io2"), ElementsAre("PART_OF io1->io2"));
    EXPECT_THAT(Out("ip10"), IsEmpty());
    EXPECT_THAT(In("ip10"), IsEmpty());
    EXPECT_THAT(Describe(Names("nguyen van an")),
                ElementsAre("nguyen van an=ip1"));
    EXPECT_THAT(Describe(Names("le van muoi")),
                ElementsAre("le van muoi=ip10"));
    EXPECT_THAT(Describe(Names("thanh uy")), ElementsAre("thanh uy tphcm=io2"));
  }

  // The entities `ids` and their edges, described (Snapshot without the
  // name index and the counters).
  std::vector<std::string> Facts(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
      const Entity e = Get(id);
      out.push_back(absl::StrCat(id, ": ", EntityKindName(e.kind), " ", e.name,
                                 " evidence=", e.evidence.size(),
                                 " reports=", e.report_ids.size()));
      for (Direction d : {Direction::kOutgoing, Direction::kIncoming}) {
        for (const EdgeHit& hit : Scan(id, d)) {
          out.push_back(
              absl::StrCat("  ", Describe(hit.relation),
                           " evidence=", hit.relation.evidence.size(),
                           " reports=", hit.relation.report_ids.size()));
        }
      }
    }
    return out;
  }

  // The counts Sample() adds.
  static void ExpectSampleCounts(const GraphStats& stats) {
    EXPECT_EQ(Kind(stats, EntityKind::kPerson), 3);
    EXPECT_EQ(Kind(stats, EntityKind::kOrganization), 2);
    EXPECT_EQ(Kind(stats, EntityKind::kMeeting), 1);
    EXPECT_EQ(Kind(stats, EntityKind::kDirective), 0);
    EXPECT_EQ(Type(stats, RelationType::kHoldsPosition), 3);
    EXPECT_EQ(Type(stats, RelationType::kPartOf), 1);
    EXPECT_EQ(Type(stats, RelationType::kOrganized), 1);
    EXPECT_EQ(Type(stats, RelationType::kAttended), 3);
    EXPECT_EQ(Type(stats, RelationType::kChaired), 1);
    EXPECT_EQ(Type(stats, RelationType::kMentionedIn), 0);
    EXPECT_EQ(stats.reports, 0);
  }
};

TEST_F(RocksDbImportTest, ImportWritesEverything) {
  const ImportResult result = Import(Sample());
  EXPECT_EQ(result.nodes, 6);
  EXPECT_EQ(result.edges, 9);
  ExpectSampleCounts(Stats());
  ExpectSample();
}

TEST_F(RocksDbImportTest, EdgeEvidenceCitesTheirLines) {
  Import(Sample());
  std::vector<std::string> lines;
  for (Direction d : {Direction::kOutgoing, Direction::kIncoming}) {
    for (const EdgeHit& hit : Scan("im1", d)) {
      ASSERT_EQ(hit.relation.evidence.size(), 1u) << Describe(hit.relation);
      const Evidence& e = hit.relation.evidence[0];
      EXPECT_EQ(e.report_id, "import-1");
      EXPECT_EQ(e.start, 0);
      EXPECT_EQ(e.end, 0);
      EXPECT_THAT(hit.relation.report_ids, ElementsAre("import-1"));
      lines.push_back(absl::StrCat(Describe(hit.relation), "@", e.source_line));
    }
  }
  EXPECT_THAT(
      lines, UnorderedElementsAre("ORGANIZED io1->im1@6", "CHAIRED ip1->im1@10",
                                  "ATTENDED ip1->im1@7", "ATTENDED ip1->im1@8",
                                  "ATTENDED ip2->im1@9"));
}

TEST_F(RocksDbImportTest, ParallelTermsAndRepeatedRowsAreSeparateRelations) {
  Import(Sample());
  const std::vector<EdgeHit> terms =
      Scan("ip1", Direction::kOutgoing, RelationType::kHoldsPosition);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_NE(terms[0].position, terms[1].position);
  EXPECT_THAT(
      (std::vector<std::string>{TermOf(terms[0].relation),
                                TermOf(terms[1].relation)}),
      UnorderedElementsAre("2010-01-01..2015-01-01@2", "2016-01-01..@3"));
  for (const EdgeHit& term : terms) EXPECT_EQ(term.relation.role, kBiThu);

  const std::vector<EdgeHit> attended =
      Scan("ip1", Direction::kOutgoing, RelationType::kAttended);
  ASSERT_EQ(attended.size(), 2u);
  EXPECT_NE(attended[0].position, attended[1].position);
  EXPECT_THAT(
      (std::vector<int>{attended[0].relation.evidence.at(0).source_line,
                        attended[1].relation.evidence.at(0).source_line}),
      UnorderedElementsAre(7, 8));
  // Incoming, the same relations once each.
  const std::vector<EdgeHit> in =
      Scan("im1", Direction::kIncoming, RelationType::kAttended);
  ASSERT_EQ(in.size(), 3u);
  std::set<std::string> positions;
  for (const EdgeHit& hit : in) positions.insert(hit.position);
  EXPECT_EQ(positions.size(), 3u);
}

TEST_F(RocksDbImportTest, ManyRepeatedRowsAndTermsStayApart) {
  GraphBuilder b("import-1");
  b.Node("p", EntityKind::kPerson, "Phạm Văn Đồng")
      .Node("o", EntityKind::kOrganization, "Chính phủ")
      .Node("m", EntityKind::kMeeting, "Phiên họp", "2020-01-01");
  for (int i = 0; i < 20; ++i) {
    b.Edge("p", "m", RelationType::kAttended);
    b.Edge("p", "o", RelationType::kHoldsPosition, "Thủ tướng");
    b.Edge("p", "o", RelationType::kHoldsPosition, "Thủ tướng", "2000-01-01",
           "2001-01-01");
  }
  Import(b.graph());
  EXPECT_EQ(Scan("p", Direction::kOutgoing).size(), 60u);
  EXPECT_EQ(Scan("m", Direction::kIncoming).size(), 20u);
  EXPECT_EQ(Scan("o", Direction::kIncoming).size(), 40u);
  EXPECT_EQ(Type(Stats(), RelationType::kHoldsPosition), 40);
  std::set<int> lines;
  for (const EdgeHit& hit : Scan("o", Direction::kIncoming)) {
    lines.insert(hit.relation.evidence.at(0).source_line);
  }
  EXPECT_EQ(lines.size(), 40u);
}

TEST_F(RocksDbImportTest, GetRelationFindsTermsByRoleAndDates) {
  Import(Sample());
  // Without dates: one of the two terms.
  absl::StatusOr<Relation> any = GetTerm("ip1", "io1", kBiThu);
  ASSERT_TRUE(any.ok()) << any.status();
  EXPECT_EQ(any->role, kBiThu);
  EXPECT_EQ(any->source_id, "ip1");
  EXPECT_EQ(any->target_id, "io1");
  EXPECT_THAT(TermOf(*any),
              ::testing::AnyOf("2010-01-01..2015-01-01@2", "2016-01-01..@3"));
  // With dates: exactly that term.
  absl::StatusOr<Relation> first =
      GetTerm("ip1", "io1", kBiThu, "2010-01-01", "2015-01-01");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(TermOf(*first), "2010-01-01..2015-01-01@2");
  EXPECT_THAT(first->report_ids, ElementsAre("import-1"));
  absl::StatusOr<Relation> second = GetTerm("ip1", "io1", kBiThu, "2016-01-01");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(TermOf(*second), "2016-01-01..@3");
  // An undated term, found by its role alone.
  absl::StatusOr<Relation> deputy = GetTerm("ip2", "io1", kPhoBiThu);
  ASSERT_TRUE(deputy.ok()) << deputy.status();
  EXPECT_EQ(TermOf(*deputy), "..@4");

  EXPECT_EQ(GetTerm("ip1", "io1", kBiThu, "2011-01-01").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(GetTerm("ip1", "io1", kBiThu, "2010-01-01").status().code(),
            absl::StatusCode::kNotFound);  // That term has an end.
  EXPECT_EQ(GetTerm("ip1", "io1", kPhoBiThu).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(GetTerm("ip2", "io1", kBiThu).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(GetTerm("nobody", "io1", kBiThu).status().code(),
            absl::StatusCode::kNotFound);

  absl::StatusOr<Relation> attended =
      store_->GetRelation({RelationType::kAttended, "ip2", "im1", ""});
  ASSERT_TRUE(attended.ok()) << attended.status();
  EXPECT_EQ(attended->evidence.at(0).source_line, 9);
  EXPECT_EQ(store_->GetRelation({RelationType::kAttended, "ip10", "im1", ""})
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RocksDbImportTest, NamesOfImportedEntitiesAreSearchable) {
  Import(Sample());
  EXPECT_THAT(Describe(Names("")),
              ElementsAre("ban dan van thanh uy=io1", "hoi nghi tong ket=im1",
                          "le van muoi=ip10", "nguyen van an=ip1",
                          "thanh uy tphcm=io2", "tran thi binh=ip2"));
  EXPECT_THAT(Describe(Names("tran")), ElementsAre("tran thi binh=ip2"));
}

TEST_F(RocksDbImportTest, TakenIdIsAlreadyExistsAndChangesNothing) {
  Import(Sample());
  const std::vector<std::string> before = Snapshot(kSampleIds);
  GraphBuilder b("import-2");
  b.Node("fresh", EntityKind::kPerson, "Người mới")
      .Node("ip2", EntityKind::kPerson, "Trần Thị Bình")  // Line 3.
      .Edge("fresh", "ip2", RelationType::kMentionedIn);
  absl::StatusOr<ImportResult> result = store_->ImportGraph(b.graph());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(result.status().message(), HasSubstr("nodes.csv line 3"));
  EXPECT_THAT(result.status().message(), HasSubstr("\"ip2\""));
  EXPECT_EQ(Snapshot(kSampleIds), before);
  EXPECT_EQ(GetCode("fresh"), absl::StatusCode::kNotFound);

  // The same import twice.
  result = store_->ImportGraph(Sample("import-3"));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_THAT(result.status().message(), HasSubstr("nodes.csv line 2"));
  EXPECT_EQ(Snapshot(kSampleIds), before);
  ExpectSampleCounts(Stats());
}

TEST_F(RocksDbImportTest, IdsOfReportsAndMergedEntitiesAreTaken) {
  Apply(R1());
  ASSERT_TRUE(
      store_->MergeEntities(MergeRequest{"p2", "p1", {"c", "same", 1}}).ok());
  const std::vector<std::string> before = Snapshot(kR1Ids);
  for (const char* taken : {"r1", "o1", "p2"}) {  // p2 was merged away.
    GraphBuilder b("import-1");
    b.Node("fresh", EntityKind::kPerson, "Người mới")
        .Node(taken, EntityKind::kOrganization, "Tên");
    absl::StatusOr<ImportResult> result = store_->ImportGraph(b.graph());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kAlreadyExists)
        << taken;
    EXPECT_THAT(result.status().message(), HasSubstr("nodes.csv line 3"));
    EXPECT_EQ(Snapshot(kR1Ids), before) << taken;
    EXPECT_EQ(GetCode("fresh"), absl::StatusCode::kNotFound);
  }
}

TEST_F(RocksDbImportTest, ImportBesideReports) {
  Apply(R1());
  const std::vector<std::string> r1_before = Facts(kR1Ids);
  const GraphStats before = Stats();
  Import(Sample());
  ExpectSample();
  EXPECT_EQ(Facts(kR1Ids), r1_before);
  const GraphStats after = Stats();
  EXPECT_EQ(Kind(after, EntityKind::kPerson),
            Kind(before, EntityKind::kPerson) + 3);
  EXPECT_EQ(Kind(after, EntityKind::kOrganization),
            Kind(before, EntityKind::kOrganization) + 2);
  EXPECT_EQ(Kind(after, EntityKind::kReport),
            Kind(before, EntityKind::kReport));
  EXPECT_EQ(Type(after, RelationType::kAttended),
            Type(before, RelationType::kAttended) + 3);
  EXPECT_EQ(Type(after, RelationType::kHoldsPosition),
            Type(before, RelationType::kHoldsPosition) + 3);
  EXPECT_EQ(after.reports, before.reports);
  EXPECT_THAT(Describe(Names("nguyen phuoc loc")),
              ElementsAre("nguyen phuoc loc=p1"));
}

// A report applied after an import: its new entities get fresh internal
// ids (none of the imported ones), and what it says of imported entities
// adds to their support instead of replacing it.
TEST_F(RocksDbImportTest, ReportsAfterAnImport) {
  Import(Sample());
  const GraphStats imported = Stats();
  ReportFacts r = NewReport("r9", "Tin 9");
  r.report.date = "2021-06-01";
  r.entities = {MakeEntity("ip1", EntityKind::kPerson, "Nguyễn Văn An",
                           {Ev("r9", 0, 13, "Nguyễn Văn An dự họp.")}),
                MakeEntity("n1", EntityKind::kPerson, "Hoàng Văn Mới"),
                MakeEntity("n2", EntityKind::kMeeting, "Họp báo")};
  r.entities[2].date = "2021-06-01";
  r.relations = {Rel(RelationType::kAttended, "ip1", "n2"),
                 Rel(RelationType::kAttended, "n1", "n2"),
                 Rel(RelationType::kAttended, "n1", "im1")};
  r.entities.push_back(
      MakeEntity("im1", EntityKind::kMeeting, "Hội nghị tổng kết"));
  Apply(r);

  // Every imported entity is still itself.
  ExpectSampleNodes();
  EXPECT_EQ(Get("n1").name, "Hoàng Văn Mới");
  EXPECT_EQ(Get("n2").name, "Họp báo");
  const Entity ip1 = Get("ip1");
  EXPECT_THAT(ip1.report_ids, UnorderedElementsAre("import-1", "r9"));
  EXPECT_EQ(ip1.evidence.size(), 2u);
  EXPECT_EQ(Get("im1").date, "2020-01-02");
  EXPECT_THAT(Out("n1"),
              UnorderedElementsAre("ATTENDED n1->n2", "ATTENDED n1->im1"));
  EXPECT_THAT(In("im1"), ElementsAre("ORGANIZED io1->im1", "CHAIRED ip1->im1",
                                     "ATTENDED ip1->im1", "ATTENDED ip1->im1",
                                     "ATTENDED ip2->im1", "ATTENDED n1->im1"));
  EXPECT_THAT(Out("ip1", RelationType::kAttended),
              ElementsAre("ATTENDED ip1->im1", "ATTENDED ip1->im1",
                          "ATTENDED ip1->n2"));
  const GraphStats both = Stats();
  EXPECT_EQ(Kind(both, EntityKind::kPerson),
            Kind(imported, EntityKind::kPerson) + 1);
  EXPECT_EQ(Kind(both, EntityKind::kMeeting),
            Kind(imported, EntityKind::kMeeting) + 1);
  EXPECT_EQ(Type(both, RelationType::kAttended),
            Type(imported, RelationType::kAttended) + 3);
  EXPECT_EQ(both.reports, 1);

  // Still so after reopening (the id counter was persisted) and another
  // report.
  Reopen();
  ReportFacts r10 = NewReport("r10", "Tin 10");
  r10.entities = {MakeEntity("n3", EntityKind::kOrganization, "Sở mới")};
  Apply(r10);
  ExpectSampleNodes();
  EXPECT_EQ(Get("n1").name, "Hoàng Văn Mới");
  EXPECT_EQ(Get("n2").name, "Họp báo");
  EXPECT_EQ(Get("n3").name, "Sở mới");
  EXPECT_EQ(Get("r9").name, "Tin 9");

  // Withdrawing the report leaves the import as it was.
  ASSERT_TRUE(store_->DeleteReport("r9").ok());
  ASSERT_TRUE(store_->DeleteReport("r10").ok());
  ExpectSample();
  EXPECT_EQ(Counts(Stats()), Counts(imported));
  EXPECT_EQ(GetCode("n1"), absl::StatusCode::kNotFound);
  // An import is not a report.
  EXPECT_EQ(store_->DeleteReport("import-1").status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RocksDbImportTest, TwoImportsShareTheStore) {
  Import(Sample());
  GraphBuilder b("import-2");
  b.Node("x1", EntityKind::kPerson, "Võ Văn Kiệt")
      .Node("x2", EntityKind::kMeeting, "Phiên họp", "2021-01-01")
      .Edge("x1", "x2", RelationType::kAttended);
  Import(b.graph());
  ExpectSample();
  EXPECT_EQ(Get("x1").name, "Võ Văn Kiệt");
  EXPECT_THAT(Get("x1").report_ids, ElementsAre("import-2"));
  EXPECT_THAT(Out("x1"), ElementsAre("ATTENDED x1->x2"));
  EXPECT_EQ(Kind(Stats(), EntityKind::kPerson), 4);
  EXPECT_EQ(Type(Stats(), RelationType::kAttended), 4);
}

TEST_F(RocksDbImportTest, ImportSurvivesReopen) {
  Import(Sample());
  const std::vector<std::string> before = Snapshot(kSampleIds);
  Reopen();
  EXPECT_EQ(Snapshot(kSampleIds), before);
  ExpectSampleCounts(Stats());
  ExpectSample();
  absl::StatusOr<Relation> second = GetTerm("ip1", "io1", kBiThu, "2016-01-01");
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(TermOf(*second), "2016-01-01..@3");
  // Ids stay taken.
  EXPECT_EQ(store_->ImportGraph(Sample()).status().code(),
            absl::StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace govgraph::storage
