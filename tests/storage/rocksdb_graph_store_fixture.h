// Builders and a fixture for the RocksDbGraphStore tests: reports built by
// hand (Vietnamese names and sentences), readers that turn scan results into
// comparable strings, and a fixture owning a store in a temporary directory.
#ifndef GOVGRAPH_TESTS_STORAGE_ROCKSDB_GRAPH_STORE_FIXTURE_H_
#define GOVGRAPH_TESTS_STORAGE_ROCKSDB_GRAPH_STORE_FIXTURE_H_

#include <stdlib.h>

#include <cstdint>
#include <filesystem>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"
#include "server/storage/rocksdb_graph_store.h"

namespace govgraph::storage::test_util {

// --- Building facts by hand -------------------------------------------------

inline Evidence Ev(std::string report_id, int32_t start, int32_t end,
                   std::string sentence) {
  Evidence e;
  e.report_id = std::move(report_id);
  e.start = start;
  e.end = end;
  e.sentence = std::move(sentence);
  return e;
}

inline Entity MakeEntity(std::string id, EntityKind kind, std::string name,
                         std::vector<Evidence> evidence = {}) {
  Entity e;
  e.id = std::move(id);
  e.kind = kind;
  e.name = std::move(name);
  e.evidence = std::move(evidence);
  return e;
}

inline Relation Rel(RelationType type, std::string source, std::string target,
                    std::string role = "",
                    std::vector<Evidence> evidence = {}) {
  Relation r;
  r.type = type;
  r.source_id = std::move(source);
  r.target_id = std::move(target);
  r.role = std::move(role);
  r.evidence = std::move(evidence);
  return r;
}

inline ReportFacts NewReport(std::string id, std::string name) {
  ReportFacts facts;
  facts.report = MakeEntity(std::move(id), EntityKind::kReport, name);
  return facts;
}

inline constexpr char kLocSentence[] =
    "Đồng chí Nguyễn Phước Lộc, Trưởng Ban Dân vận Trung ương, chủ trì hội "
    "nghị.";
inline constexpr char kNenSentence[] = "Đồng chí Nguyễn Văn Nên dự hội nghị.";

// Report r1: persons p1 and p2, organization o1, meeting m1 and 8 relations.
inline ReportFacts R1() {
  ReportFacts f = NewReport("r1", "Hội nghị tổng kết công tác dân vận");
  f.report.date = "2024-03-01";
  f.report.source_url = "https://example.vn/tin/1";
  Entity p1 = MakeEntity("p1", EntityKind::kPerson, "Nguyễn Phước Lộc",
                         {Ev("r1", 9, 25, kLocSentence)});
  p1.aliases = {"Phước Lộc"};
  Entity m1 = MakeEntity("m1", EntityKind::kMeeting, "Hội nghị tổng kết");
  m1.date = "2024-03-01";
  m1.location = "Hà Nội";
  f.entities = {
      p1,
      MakeEntity("p2", EntityKind::kPerson, "Nguyễn Văn Nên",
                 {Ev("r1", 9, 23, kNenSentence)}),
      MakeEntity("o1", EntityKind::kOrganization, "Ban Dân vận Trung ương"),
      m1};
  Relation holds = Rel(RelationType::kHoldsPosition, "p1", "o1", "Trưởng ban",
                       {Ev("r1", 27, 55, kLocSentence)});
  holds.start_date = "2021-04-01";
  f.relations = {
      holds,
      Rel(RelationType::kHoldsPosition, "p1", "o1", "Phó trưởng ban"),
      Rel(RelationType::kChaired, "p1", "m1", "", {Ev("r1", 57, 64, "x")}),
      Rel(RelationType::kAttended, "p1", "m1"),
      Rel(RelationType::kAttended, "p2", "m1", "", {Ev("r1", 24, 35, "y")}),
      Rel(RelationType::kOrganized, "o1", "m1"),
      Rel(RelationType::kMentionedIn, "p1", "r1"),
      Rel(RelationType::kMentionedIn, "p2", "r1"),
  };
  return f;
}

// Report r2: p1 and o1 again (same HOLDS_POSITION) with its own evidence.
inline ReportFacts R2() {
  ReportFacts f = NewReport("r2", "Tin 2");
  f.entities = {
      MakeEntity("p1", EntityKind::kPerson, "Nguyễn Phước Lộc",
                 {Ev("r2", 4, 20, "Ông Nguyễn Phước Lộc phát biểu.")}),
      MakeEntity("o1", EntityKind::kOrganization, "Ban Dân vận Trung ương")};
  f.relations = {Rel(RelationType::kHoldsPosition, "p1", "o1", "Trưởng ban",
                     {Ev("r2", 30, 40, "Trưởng ban")})};
  return f;
}

// --- Reading results --------------------------------------------------------

inline std::string Describe(const Relation& r) {
  return absl::StrCat(RelationTypeName(r.type), " ", r.source_id, "->",
                      r.target_id, r.role.empty() ? "" : " ", r.role);
}

inline std::vector<std::string> Describe(const std::vector<EdgeHit>& hits) {
  std::vector<std::string> out;
  for (const EdgeHit& hit : hits) out.push_back(Describe(hit.relation));
  return out;
}

inline std::vector<std::string> Positions(const std::vector<EdgeHit>& hits) {
  std::vector<std::string> out;
  for (const EdgeHit& hit : hits) out.push_back(hit.position);
  return out;
}

// "folded name=entity id" per hit.
inline std::vector<std::string> Describe(const std::vector<NameHit>& hits) {
  std::vector<std::string> out;
  for (const NameHit& hit : hits) {
    out.push_back(absl::StrCat(hit.folded_name, "=", hit.entity.id));
  }
  return out;
}

// The counters of `stats` (disk_bytes left out).
inline std::vector<int64_t> Counts(const GraphStats& stats) {
  std::vector<int64_t> out(std::begin(stats.entities_by_kind),
                           std::end(stats.entities_by_kind));
  out.insert(out.end(), std::begin(stats.relations_by_type),
             std::end(stats.relations_by_type));
  out.push_back(stats.reports);
  return out;
}

inline int64_t Kind(const GraphStats& stats, EntityKind kind) {
  return stats.entities_by_kind[static_cast<int>(kind)];
}
inline int64_t Type(const GraphStats& stats, RelationType type) {
  return stats.relations_by_type[static_cast<int>(type)];
}

// Opens a store in a fresh temporary directory and deletes it afterwards.
class RocksDbGraphStoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir =
        (std::filesystem::path(::testing::TempDir()) / "govgraph_store_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr) << dir;
    dir_ = dir;
    path_ = dir_ + "/db";  // Missing: Open creates it.
    Reopen();
  }

  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  RocksDbOptions Options() const {
    RocksDbOptions options;
    options.path = path_;
    options.block_cache_bytes = 8 << 20;
    return options;
  }

  void Reopen() {
    store_.reset();
    absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> store =
        RocksDbGraphStore::Open(Options());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  ApplyResult Apply(const ReportFacts& facts) {
    absl::StatusOr<ApplyResult> result = store_->ApplyReport(facts);
    EXPECT_TRUE(result.ok()) << facts.report.id << ": " << result.status();
    return result.ok() ? *result : ApplyResult();
  }

  Entity Get(absl::string_view id) {
    absl::StatusOr<Entity> entity = store_->GetEntity(id);
    EXPECT_TRUE(entity.ok()) << id << ": " << entity.status();
    return entity.ok() ? *entity : Entity();
  }

  absl::StatusCode GetCode(absl::string_view id) {
    return store_->GetEntity(id).status().code();
  }

  std::vector<EdgeHit> Scan(const std::string& id, Direction direction,
                            RelationType type = RelationType::kUnspecified) {
    EdgeScan scan;
    scan.entity_id = id;
    scan.direction = direction;
    scan.type = type;
    scan.limit = 1000;
    absl::StatusOr<std::vector<EdgeHit>> hits = store_->ScanEdges(scan);
    EXPECT_TRUE(hits.ok()) << id << ": " << hits.status();
    return hits.ok() ? *hits : std::vector<EdgeHit>();
  }

  std::vector<std::string> Out(const std::string& id,
                               RelationType type = RelationType::kUnspecified) {
    return Describe(Scan(id, Direction::kOutgoing, type));
  }
  std::vector<std::string> In(const std::string& id,
                              RelationType type = RelationType::kUnspecified) {
    return Describe(Scan(id, Direction::kIncoming, type));
  }

  std::vector<NameHit> Names(absl::string_view prefix) {
    absl::StatusOr<std::vector<NameHit>> hits =
        store_->ScanNames(prefix, "", 1000);
    EXPECT_TRUE(hits.ok()) << prefix << ": " << hits.status();
    return hits.ok() ? *hits : std::vector<NameHit>();
  }

  // Ids of the entities with every one of `folded_words` (FindByWords).
  std::vector<std::string> WordHits(const std::vector<std::string>& words) {
    absl::StatusOr<WordMatches> matches = store_->FindByWords(words, 1000);
    EXPECT_TRUE(matches.ok()) << matches.status();
    std::vector<std::string> ids;
    if (!matches.ok()) return ids;
    for (const Entity& entity : matches->entities) ids.push_back(entity.id);
    return ids;
  }

  GraphStats Stats() {
    absl::StatusOr<GraphStats> stats = store_->GetStats();
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? *stats : GraphStats();
  }

  // Everything observable about `ids`, for "nothing changed" checks.
  std::vector<std::string> Snapshot(const std::vector<std::string>& ids) {
    std::vector<std::string> out;
    for (const std::string& id : ids) {
      absl::StatusOr<Entity> e = store_->GetEntity(id);
      if (!e.ok()) {
        out.push_back(absl::StrCat(id, ": ", e.status().ToString()));
        continue;
      }
      out.push_back(absl::StrCat(id, ": ", EntityKindName(e->kind), " ",
                                 e->name, " aliases=", e->aliases.size(),
                                 " evidence=", e->evidence.size(),
                                 " reports=", e->report_ids.size()));
      for (Direction d : {Direction::kOutgoing, Direction::kIncoming}) {
        for (const EdgeHit& hit : Scan(id, d)) {
          out.push_back(absl::StrCat("  ", Describe(hit.relation), " reports=",
                                     hit.relation.report_ids.size()));
        }
      }
    }
    for (const std::string& name : Describe(Names(""))) out.push_back(name);
    for (int64_t count : Counts(Stats())) out.push_back(absl::StrCat(count));
    return out;
  }

  std::string dir_;
  std::string path_;
  std::unique_ptr<RocksDbGraphStore> store_;
};

inline const std::vector<std::string> kR1Ids = {"r1", "p1", "p2", "o1", "m1"};

}  // namespace govgraph::storage::test_util

#endif  // GOVGRAPH_TESTS_STORAGE_ROCKSDB_GRAPH_STORE_FIXTURE_H_
