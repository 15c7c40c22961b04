// Ingest, delete-report, curation (merge, split, undo) and queries at once,
// from several threads, on one RocksDB store, over reports that name the
// same officials and organisations; afterwards the graph must be whole:
// counters equal a full scan, every relation's endpoints exist, and exactly
// the acknowledged, undeleted reports are stored. Meant for ThreadSanitizer
// (tests/sanitize runs it so); it also runs in the normal build.
//
// Runs for GOVGRAPH_CONCURRENCY_SECONDS (default 3) seconds of mixed load;
// set it higher locally (tests/sanitize: GOVGRAPH_SANITIZE_LONG=1).
#include <stdlib.h>

#include <atomic>
#include <deque>
#include <filesystem>
#include <functional>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/common/types.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "server/ingest/ingest_pipeline.h"
#include "server/query/graph_query.h"
#include "server/storage/rocksdb_graph_store.h"

namespace govgraph {
namespace {

using storage::RocksDbGraphStore;

// Texts naming the same people and organisations in different company, so
// that concurrent writes meet on the same nodes and edges.
const char* const kTexts[] = {
    "Ban Dân vận Tỉnh ủy Bình Dương tổng kết công tác dân vận\n"
    "Sáng 12-7, Ban Dân vận Tỉnh ủy Bình Dương tổ chức hội nghị sơ kết công "
    "tác dân vận. Ông Trần Văn Nam, Phó Bí thư Tỉnh ủy, Trưởng Ban Dân vận "
    "Tỉnh ủy Bình Dương, chủ trì hội nghị. Tham dự có bà Lê Thị Hoa, Chủ tịch "
    "Ủy ban MTTQ Việt Nam tỉnh Bình Dương. Phát biểu chỉ đạo, ông Trần Văn "
    "Nam yêu cầu các cấp ủy tiếp tục nâng cao chất lượng công tác dân vận.",
    "Ủy ban MTTQ Việt Nam tỉnh Bình Dương họp giám sát\n"
    "Chiều 3-9, bà Lê Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Bình "
    "Dương, chủ trì hội nghị giám sát. Tham dự có ông Trần Văn Nam, Trưởng "
    "Ban Dân vận Tỉnh ủy Bình Dương, và ông Phạm Quốc Hưng, Phó Chủ tịch UBND "
    "tỉnh Bình Dương.",
    "UBND tỉnh Bình Dương làm việc với Sở Y tế\n"
    "Ngày 20-5, ông Phạm Quốc Hưng, Phó Chủ tịch UBND tỉnh Bình Dương, có "
    "buổi làm việc với Sở Y tế tỉnh Bình Dương. Bà Nguyễn Thị Mai, Giám đốc "
    "Sở Y tế tỉnh Bình Dương, báo cáo tình hình. Ông Phạm Quốc Hưng chỉ đạo "
    "Sở Y tế phối hợp với Ban Dân vận Tỉnh ủy Bình Dương.",
};
constexpr int kNumTexts = sizeof(kTexts) / sizeof(kTexts[0]);

extract::ReportInput Input(int text, int day) {
  extract::ReportInput input;
  input.text = kTexts[text % kNumTexts];
  input.published_date = absl::StrCat("2024-0", 1 + day % 9, "-1", day % 10);
  return input;
}

absl::Duration TestDuration() {
  const char* env = getenv("GOVGRAPH_CONCURRENCY_SECONDS");
  int seconds = 3;
  if (env != nullptr && !absl::SimpleAtoi(env, &seconds)) seconds = 3;
  return absl::Seconds(seconds);
}

// Codes a request may legitimately end with while other threads change the
// graph under it: the entity it names is gone or was merged, a curation no
// longer applies. kInternal, kDataLoss, kUnknown and the rest are bugs.
bool Tolerated(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAlreadyExists:
      return true;
    default:
      return false;
  }
}

// Which reports were acknowledged, handed to the deleter, and deleted.
// Thread-safe.
class Ledger {
 public:
  void Acked(const std::string& id) {
    absl::MutexLock lock(&mu_);
    acked_.insert(id);
    deletable_.push_back(id);
  }
  // An acknowledged report no other thread writes any more; empty if none.
  std::string TakeDeletable() {
    absl::MutexLock lock(&mu_);
    if (deletable_.empty()) return "";
    std::string id = deletable_.front();
    deletable_.pop_front();
    return id;
  }
  void Deleted(const std::string& id) {
    absl::MutexLock lock(&mu_);
    acked_.erase(id);
    deleted_.insert(id);
  }
  // A report still stored (for split requests); empty if none.
  std::string AnyAcked(size_t n) {
    absl::MutexLock lock(&mu_);
    if (acked_.empty()) return "";
    auto it = acked_.begin();
    std::advance(it, n % acked_.size());
    return *it;
  }
  std::set<std::string> acked() {
    absl::MutexLock lock(&mu_);
    return acked_;
  }
  std::set<std::string> deleted() {
    absl::MutexLock lock(&mu_);
    return deleted_;
  }

 private:
  absl::Mutex mu_;
  std::set<std::string> acked_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> deleted_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> deletable_ ABSL_GUARDED_BY(mu_);
};

class ConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir =
        (std::filesystem::path(::testing::TempDir()) / "govgraph_cc_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr) << dir;
    dir_ = dir;
    storage::RocksDbOptions options;
    options.path = dir_ + "/db";
    options.block_cache_bytes = 8 << 20;
    absl::StatusOr<std::unique_ptr<RocksDbGraphStore>> store =
        RocksDbGraphStore::Open(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    absl::StatusOr<std::shared_ptr<const extract::Lexicon>> lexicon =
        extract::Lexicon::BuiltIn();
    ASSERT_TRUE(lexicon.ok()) << lexicon.status();
    extractor_ = std::make_unique<extract::Extractor>(*lexicon);
    pipeline_ = std::make_unique<ingest::IngestPipeline>(
        store_.get(), extractor_.get(), ingest::IngestLimits());
    query_ = std::make_unique<query::GraphQuery>(store_.get());
    ASSERT_NO_FATAL_FAILURE(CollectSharedIds());
  }

  void TearDown() override {
    query_.reset();
    pipeline_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // The people and organisations the texts share, as the pipeline names
  // them (PrepareReport writes nothing).
  void CollectSharedIds() {
    std::set<std::string> persons, orgs;
    for (int i = 0; i < kNumTexts; ++i) {
      absl::StatusOr<ingest::PreparedReport> prepared =
          pipeline_->PrepareReport("probe", Input(i, 0));
      ASSERT_TRUE(prepared.ok()) << prepared.status();
      for (const Entity& entity : prepared->facts.entities) {
        if (entity.kind == EntityKind::kPerson) persons.insert(entity.id);
        if (entity.kind == EntityKind::kOrganization) orgs.insert(entity.id);
      }
    }
    persons_.assign(persons.begin(), persons.end());
    orgs_.assign(orgs.begin(), orgs.end());
    ASSERT_GE(persons_.size(), 3u);
    ASSERT_GE(orgs_.size(), 2u);
  }

  bool Running() const { return absl::Now() < deadline_; }

  // Writes its own reports (some twice, with another text: a replacement),
  // then hands each to the deleter.
  void IngestLoop(int worker) {
    for (int i = 0; Running(); ++i) {
      const std::string id = absl::StrCat("cc-", worker, "-", i);
      for (int round = 0; round < 1 + i % 2; ++round) {
        absl::StatusOr<ingest::ReportIngestResult> result =
            pipeline_->IngestReport(id, Input(worker + i + round, i));
        ASSERT_TRUE(result.ok()) << id << ": " << result.status();
      }
      ledger_.Acked(id);
      ingested_.fetch_add(1);
    }
  }

  // Deletes about half of what the ingesters acknowledged.
  void DeleteLoop() {
    for (int i = 0; Running(); ++i) {
      const std::string id = ledger_.TakeDeletable();
      if (id.empty() || i % 2 == 1) {
        absl::SleepFor(absl::Milliseconds(1));
        continue;
      }
      absl::StatusOr<storage::DeleteResult> result =
          pipeline_->DeleteReport(id);
      ASSERT_TRUE(result.ok()) << id << ": " << result.status();
      ledger_.Deleted(id);
      deleted_.fetch_add(1);
    }
  }

  storage::CurationInfo Info(int i) const {
    return {"tester", absl::StrCat("concurrency ", i), i};
  }

  // Merges one shared person into another, splits a report's support off a
  // shared person, and undoes each.
  void CurateLoop() {
    for (int i = 0; Running(); ++i) {
      const std::string& a = persons_[i % persons_.size()];
      const std::string& b = persons_[(i + 1) % persons_.size()];
      absl::StatusOr<storage::CurationResult> merged =
          pipeline_->MergeEntities({a, b, Info(i)}, absl::FromUnixSeconds(i));
      Check(merged.status(), "merge");
      if (merged.ok()) Undo(merged->audit.id, i);
      storage::SplitRequest split;
      split.entity_id = b;
      split.new_id = absl::StrCat("person:cc-split-", i);
      split.report_ids = {ledger_.AnyAcked(i)};
      split.info = Info(i);
      if (split.report_ids[0].empty()) continue;
      absl::StatusOr<storage::CurationResult> result =
          pipeline_->SplitEntity(split, absl::FromUnixSeconds(i));
      Check(result.status(), "split");
      if (result.ok()) Undo(result->audit.id, i);
      curated_.fetch_add(1);
    }
  }

  void Undo(uint64_t audit_id, int i) {
    storage::UndoRequest undo;
    undo.audit_id = audit_id;
    undo.info = Info(i);
    Check(pipeline_->UndoCuration(undo, absl::FromUnixSeconds(i)).status(),
          "undo");
  }

  void Check(const absl::Status& status, absl::string_view what) {
    EXPECT_TRUE(Tolerated(status)) << what << ": " << status;
  }

  // Every kind of query, on the shared people and organisations.
  void QueryLoop(int worker) {
    for (int i = worker; Running(); ++i) {
      const std::string& person = persons_[i % persons_.size()];
      const std::string& other = persons_[(i + 1) % persons_.size()];
      const std::string& org = orgs_[i % orgs_.size()];
      Check(query_->GetEntity(person).status(), "get");
      query::RelationsRequest relations;
      relations.entity_id = org;
      Check(query_->ListRelations(relations).status(), "relations");
      query::SearchRequest search;
      search.query = i % 2 ? "trần văn" : "ban dân vận";
      search.whole_words = i % 3 == 0;
      Check(query_->Search(search).status(), "search");
      query::PositionsRequest positions;
      positions.entity_id = i % 2 ? person : org;
      positions.as_of = "2024-06-01";
      Check(query_->ListPositions(positions).status(), "positions");
      QueryWalks(person, other, org);
      queries_.fetch_add(1);
    }
  }

  // The queries that walk many edges.
  void QueryWalks(const std::string& person, const std::string& other,
                  const std::string& org) {
    query::CoAttendanceRequest co;
    co.person_id = person;
    Check(query_->ListCoAttendees(co, nullptr).status(), "co-attendees");
    query::MeetingsRequest meetings;
    meetings.entity_id = org;
    meetings.include_sub_units = true;
    Check(query_->ListMeetings(meetings, nullptr).status(), "meetings");
    query::DirectivesRequest directives;
    directives.entity_id = person;
    Check(query_->ListDirectives(directives, nullptr).status(), "directives");
    query::PathsRequest paths;
    paths.source_id = person;
    paths.target_id = other;
    paths.k_shortest = 3;
    // kInvalidArgument while the curator has merged the two into one.
    const absl::Status found = query_->FindPaths(paths, nullptr).status();
    if (!absl::IsInvalidArgument(found)) Check(found, "paths");
    query::TraverseRequest traverse;
    traverse.start_id = org;
    traverse.max_hops = 3;
    Check(query_->Traverse(traverse, nullptr,
                           [](const query::TraverseStep&) { return true; }),
          "traverse");
    Check(query_->GetStats().status(), "stats");
  }

  // The graph as a full scan sees it.
  struct Scanned {
    std::map<std::string, EntityKind> entities;
    std::vector<Relation> relations;
  };
  Scanned ScanAll() {
    Scanned scanned;
    storage::GraphScan scan;
    scan.on_entities = [&](std::vector<Entity> batch) {
      for (const Entity& e : batch) {
        EXPECT_TRUE(scanned.entities.emplace(e.id, e.kind).second) << e.id;
      }
      return absl::OkStatus();
    };
    scan.on_relations = [&](std::vector<Relation> batch) {
      for (Relation& r : batch) scanned.relations.push_back(std::move(r));
      return absl::OkStatus();
    };
    EXPECT_TRUE(store_->ScanGraph(scan).ok());
    return scanned;
  }

  std::string dir_;
  std::unique_ptr<RocksDbGraphStore> store_;
  std::unique_ptr<extract::Extractor> extractor_;
  std::unique_ptr<ingest::IngestPipeline> pipeline_;
  std::unique_ptr<query::GraphQuery> query_;
  std::vector<std::string> persons_, orgs_;
  absl::Time deadline_;
  Ledger ledger_;
  std::atomic<int> ingested_{0}, deleted_{0}, curated_{0}, queries_{0};
};

TEST_F(ConcurrencyTest, MixedLoadOnSharedNodesLeavesAConsistentGraph) {
  deadline_ = absl::Now() + TestDuration();
  std::vector<std::thread> threads;
  for (int w = 0; w < 2; ++w)
    threads.emplace_back([this, w] { IngestLoop(w); });
  threads.emplace_back([this] { DeleteLoop(); });
  threads.emplace_back([this] { CurateLoop(); });
  for (int w = 0; w < 2; ++w) threads.emplace_back([this, w] { QueryLoop(w); });
  for (std::thread& t : threads) t.join();
  std::cerr << "ingested " << ingested_ << ", deleted " << deleted_
            << ", curation rounds " << curated_ << ", query rounds " << queries_
            << "\n";
  EXPECT_GT(ingested_.load(), 0);
  EXPECT_GT(queries_.load(), 0);

  const Scanned scanned = ScanAll();
  absl::StatusOr<GraphStats> stats = store_->GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  GraphStats counted;
  for (const auto& [id, kind] : scanned.entities) {
    ++counted.entities_by_kind[static_cast<int>(kind)];
  }
  for (const Relation& r : scanned.relations) {
    ++counted.relations_by_type[static_cast<int>(r.type)];
    EXPECT_TRUE(scanned.entities.count(r.source_id)) << r.source_id;
    EXPECT_TRUE(scanned.entities.count(r.target_id)) << r.target_id;
  }
  for (int k = 0; k <= kMaxEntityKind; ++k) {
    EXPECT_EQ(stats->entities_by_kind[k], counted.entities_by_kind[k])
        << EntityKindName(static_cast<EntityKind>(k));
  }
  for (int t = 0; t <= kMaxRelationType; ++t) {
    EXPECT_EQ(stats->relations_by_type[t], counted.relations_by_type[t])
        << RelationTypeName(static_cast<RelationType>(t));
  }

  const std::set<std::string> acked = ledger_.acked();
  EXPECT_EQ(stats->reports, static_cast<int64_t>(acked.size()));
  for (const std::string& id : acked) {
    auto it = scanned.entities.find(id);
    EXPECT_TRUE(it != scanned.entities.end() &&
                it->second == EntityKind::kReport)
        << "acknowledged report " << id << " missing";
  }
  for (const std::string& id : ledger_.deleted()) {
    EXPECT_EQ(scanned.entities.count(id), 0u) << "deleted report " << id;
  }
}

}  // namespace
}  // namespace govgraph
