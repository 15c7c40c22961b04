// Small graphs written by hand for the query tests, loadable into a
// FakeGraphStore or into a RocksDbGraphStore in a temporary directory, so
// that a test can check that its answers hold on the real store (relations
// stored twice, scans in internal-id order) as on the fake one.
#ifndef GOVGRAPH_TESTS_QUERY_TEST_GRAPH_H_
#define GOVGRAPH_TESTS_QUERY_TEST_GRAPH_H_

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/common/status_macros.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"
#include "server/storage/rocksdb_graph_store.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::query::testing {

enum class StoreKind { kFake, kRocksDb };

inline std::string StoreName(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::kFake ? "Fake" : "RocksDb";
}

// The report every relation of a TestGraph cites.
inline constexpr char kTestReport[] = "r-test";

// Nodes and relations; each relation gets one evidence span whose sentence
// is "SOURCE TYPE TARGET".
class TestGraph {
 public:
  void Node(const std::string& id, EntityKind kind) {
    Named(id, kind, absl::StrCat("Tên ", id));
  }

  // A node with the given name and aliases.
  void Named(const std::string& id, EntityKind kind, const std::string& name,
             std::vector<std::string> aliases = {}) {
    Entity entity;
    entity.id = id;
    entity.kind = kind;
    entity.name = name;
    entity.aliases = std::move(aliases);
    entity.evidence.push_back(Evidence{kTestReport, 0, 1, name});
    nodes_.push_back(std::move(entity));
  }

  void Edge(RelationType type, const std::string& source,
            const std::string& target, const std::string& role = "") {
    Relation relation;
    relation.type = type;
    relation.source_id = source;
    relation.target_id = target;
    relation.role = role;
    relation.evidence.push_back(Evidence{
        kTestReport, 0, 1,
        absl::StrCat(source, " ", RelationTypeName(type), " ", target)});
    edges_.push_back(std::move(relation));
  }

  const std::vector<Entity>& nodes() const { return nodes_; }
  const std::vector<Relation>& edges() const { return edges_; }

 private:
  std::vector<Entity> nodes_;
  std::vector<Relation> edges_;
};

// Owns a store of one kind, empty until Load.
class TestStore {
 public:
  explicit TestStore(StoreKind kind) : kind_(kind) {}

  ~TestStore() {
    rocksdb_.reset();
    if (!dir_.empty()) {
      std::error_code ignored;
      std::filesystem::remove_all(dir_, ignored);
    }
  }

  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  // Writes `graph` (and, into the RocksDB store, its report's own node).
  absl::Status Load(const TestGraph& graph) {
    if (kind_ == StoreKind::kFake) {
      for (const Entity& node : graph.nodes()) fake_.PutEntity(node);
      for (const Relation& edge : graph.edges()) {
        GOVGRAPH_RETURN_IF_ERROR(fake_.PutRelation(edge));
      }
      return absl::OkStatus();
    }
    GOVGRAPH_RETURN_IF_ERROR(OpenRocksDb());
    ReportFacts facts;
    facts.report.id = kTestReport;
    facts.report.kind = EntityKind::kReport;
    facts.report.name = "Báo cáo thử";
    facts.report.date = "2024-01-01";
    facts.entities = graph.nodes();
    facts.relations = graph.edges();
    return rocksdb_->ApplyReport(facts).status();
  }

  storage::GraphStore& store() {
    if (kind_ == StoreKind::kFake) return fake_;
    return *rocksdb_;
  }

 private:
  absl::Status OpenRocksDb() {
    std::string dir =
        (std::filesystem::path(::testing::TempDir()) / "govgraph_query_XXXXXX")
            .string();
    if (mkdtemp(dir.data()) == nullptr) {
      return absl::InternalError(absl::StrCat("mkdtemp ", dir));
    }
    dir_ = dir;
    storage::RocksDbOptions options;
    options.path = dir_ + "/db";
    options.sync_writes = false;
    options.block_cache_bytes = 8 << 20;
    GOVGRAPH_ASSIGN_OR_RETURN(rocksdb_,
                              storage::RocksDbGraphStore::Open(options));
    return absl::OkStatus();
  }

  const StoreKind kind_;
  fakes::FakeGraphStore fake_;
  std::string dir_;
  std::unique_ptr<storage::RocksDbGraphStore> rocksdb_;
};

}  // namespace govgraph::query::testing

#endif  // GOVGRAPH_TESTS_QUERY_TEST_GRAPH_H_
