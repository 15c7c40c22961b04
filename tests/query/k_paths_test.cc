// FindPaths with k_shortest (Yen's k shortest loopless paths) on small
// hand-built graphs with a cycle, a self-loop and parallel relations,
// directed and undirected, on the fake and on the RocksDB store; random
// graphs checked against an exhaustive enumeration of loopless paths; the
// errors and budgets.
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/query/path_query.h"
#include "tests/query/test_graph.h"

namespace govgraph::query {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using testing::StoreKind;
using testing::TestGraph;
using testing::TestStore;

// "a-TYPE->b" when relation i points from nodes[i] to nodes[i + 1], else
// "a<-TYPE-b"; TYPE is followed by the role, if any.
std::string Step(const std::string& from, const Relation& relation,
                 const std::string& to) {
  const std::string label =
      absl::StrCat(RelationTypeName(relation.type), relation.role);
  if (relation.source_id == from) return absl::StrCat("-", label, "->", to);
  return absl::StrCat("<-", label, "-", to);
}

std::string Text(const std::vector<std::string>& nodes,
                 const std::vector<const Relation*>& relations) {
  std::string text = nodes[0];
  for (size_t i = 0; i < relations.size(); ++i) {
    text += Step(nodes[i], *relations[i], nodes[i + 1]);
  }
  return text;
}

// The length, then each path as text; "error: CODE" if the query fails.
std::vector<std::string> FindAll(storage::GraphStore& store,
                                 const PathsRequest& request,
                                 int64_t max_steps = 100000) {
  QueryBudget budget(max_steps, nullptr);
  absl::StatusOr<PathsResult> result = FindPaths(store, request, budget);
  if (!result.ok()) {
    return {absl::StrCat("error: ",
                         absl::StatusCodeToString(result.status().code()))};
  }
  std::vector<std::string> out = {absl::StrCat(result->length)};
  for (const Path& path : result->paths) {
    std::vector<std::string> ids;
    for (const Entity& node : path.nodes) ids.push_back(node.id);
    std::vector<const Relation*> relations;
    for (const Relation& r : path.relations) relations.push_back(&r);
    out.push_back(Text(ids, relations));
  }
  return out;
}

PathsRequest KRequest(const std::string& source, const std::string& target,
                      int32_t k) {
  PathsRequest request{source, target};
  request.k_shortest = k;
  return request;
}

// Every loopless path of a graph, by depth-first search: the answer the k
// shortest paths must agree with.
class Oracle {
 public:
  explicit Oracle(const TestGraph& graph) : graph_(graph) {}

  // The length, then the first k paths by (length, node ids, relation
  // keys), as Run prints them.
  std::vector<std::string> KShortest(const PathsRequest& request) {
    adjacent_.clear();
    for (const Relation& r : graph_.edges()) {
      if (r.source_id == r.target_id) continue;
      if (!request.types.empty() &&
          std::find(request.types.begin(), request.types.end(), r.type) ==
              request.types.end()) {
        continue;
      }
      adjacent_[r.source_id].push_back({r.target_id, &r});
      if (!request.directed)
        adjacent_[r.target_id].push_back({r.source_id, &r});
    }
    max_depth_ = request.max_depth == 0 ? kDefaultMaxDepth : request.max_depth;
    target_ = request.target_id;
    found_.clear();
    nodes_ = {request.source_id};
    relations_.clear();
    Search();
    std::sort(found_.begin(), found_.end());
    std::vector<std::string> out = {
        found_.empty() ? "-1" : absl::StrCat(std::get<0>(found_[0]))};
    for (size_t i = 0;
         i < found_.size() && i < static_cast<size_t>(request.k_shortest);
         ++i) {
      out.push_back(std::get<3>(found_[i]));
    }
    return out;
  }

 private:
  using Key = std::tuple<int, std::string, std::string, std::string>;
  struct Edge {
    std::string next;
    const Relation* relation;
  };

  void Search() {
    const std::string node = nodes_.back();
    if (node == target_) {
      std::vector<Key> keys;
      for (const Relation* r : relations_) {
        keys.emplace_back(static_cast<int>(r->type), r->source_id, r->target_id,
                          r->role);
      }
      found_.emplace_back(relations_.size(), nodes_, keys,
                          Text(nodes_, relations_));
      return;
    }
    if (static_cast<int32_t>(relations_.size()) == max_depth_) return;
    for (const Edge& edge : adjacent_[node]) {
      if (std::find(nodes_.begin(), nodes_.end(), edge.next) != nodes_.end()) {
        continue;
      }
      nodes_.push_back(edge.next);
      relations_.push_back(edge.relation);
      Search();
      nodes_.pop_back();
      relations_.pop_back();
    }
  }

  const TestGraph& graph_;
  std::map<std::string, std::vector<Edge>> adjacent_;
  int32_t max_depth_ = 0;
  std::string target_;
  std::vector<std::string> nodes_;
  std::vector<const Relation*> relations_;
  // (length, node ids, relation keys, text): sorts in PathLess order.
  std::vector<std::tuple<size_t, std::vector<std::string>, std::vector<Key>,
                         std::string>>
      found_;
};

class KPathsTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  // s and t are joined by 10 loopless paths: s-m-t; s-m-p-t; s-o-p-t and
  // s-o-p-m-t four times each (two parallel HOLDS_POSITION roles s->o,
  // times the o->p / p->o PART_OF cycle). p also has a self-loop.
  void SetUp() override {
    for (const char* id : {"s", "t"}) graph_.Node(id, EntityKind::kPerson);
    graph_.Node("m", EntityKind::kMeeting);
    for (const char* id : {"o", "p"})
      graph_.Node(id, EntityKind::kOrganization);
    graph_.Edge(RelationType::kAttended, "s", "m");
    graph_.Edge(RelationType::kAttended, "t", "m");
    graph_.Edge(RelationType::kHoldsPosition, "s", "o", "B");
    graph_.Edge(RelationType::kHoldsPosition, "s", "o", "A");
    graph_.Edge(RelationType::kPartOf, "p", "o");
    graph_.Edge(RelationType::kPartOf, "o", "p");
    graph_.Edge(RelationType::kPartOf, "p", "p");
    graph_.Edge(RelationType::kOrganized, "p", "m");
    graph_.Edge(RelationType::kHoldsPosition, "t", "p", "C");
    ASSERT_TRUE(store_.Load(graph_).ok());
  }

  std::vector<std::string> Paths(const PathsRequest& request) {
    return FindAll(store_.store(), request);
  }

  TestGraph graph_;
  TestStore store_{GetParam()};
};

constexpr char kP1[] = "s-ATTENDED->m<-ATTENDED-t";
constexpr char kP2[] = "s-ATTENDED->m<-ORGANIZED-p<-HOLDS_POSITIONC-t";
constexpr char kP3[] = "s-HOLDS_POSITIONA->o-PART_OF->p<-HOLDS_POSITIONC-t";
constexpr char kP4[] = "s-HOLDS_POSITIONA->o<-PART_OF-p<-HOLDS_POSITIONC-t";
constexpr char kP5[] = "s-HOLDS_POSITIONB->o-PART_OF->p<-HOLDS_POSITIONC-t";
constexpr char kP6[] = "s-HOLDS_POSITIONB->o<-PART_OF-p<-HOLDS_POSITIONC-t";

TEST_P(KPathsTest, ShortestFirstThenByNodeIdsThenByRelations) {
  EXPECT_THAT(Paths(KRequest("s", "t", 1)), ElementsAre("2", kP1));
  EXPECT_THAT(Paths(KRequest("s", "t", 3)), ElementsAre("2", kP1, kP2, kP3));
  EXPECT_THAT(Paths(KRequest("s", "t", 6)),
              ElementsAre("2", kP1, kP2, kP3, kP4, kP5, kP6));
}

TEST_P(KPathsTest, KBeyondThePathsThereAreListsThemAll) {
  const std::vector<std::string> all = Paths(KRequest("s", "t", kMaxKShortest));
  EXPECT_THAT(
      all,
      ElementsAre("2", kP1, kP2, kP3, kP4, kP5, kP6,
                  "s-HOLDS_POSITIONA->o-PART_OF->p-ORGANIZED->m<-ATTENDED-t",
                  "s-HOLDS_POSITIONA->o<-PART_OF-p-ORGANIZED->m<-ATTENDED-t",
                  "s-HOLDS_POSITIONB->o-PART_OF->p-ORGANIZED->m<-ATTENDED-t",
                  "s-HOLDS_POSITIONB->o<-PART_OF-p-ORGANIZED->m<-ATTENDED-t"));
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
  Oracle oracle(graph_);
  EXPECT_EQ(all, oracle.KShortest(KRequest("s", "t", kMaxKShortest)));
}

TEST_P(KPathsTest, MaxDepthTypesAndDirection) {
  PathsRequest request = KRequest("s", "t", 20);
  request.max_depth = 3;
  EXPECT_THAT(Paths(request), ElementsAre("2", kP1, kP2, kP3, kP4, kP5, kP6));
  request.max_depth = 2;
  EXPECT_THAT(Paths(request), ElementsAre("2", kP1));
  request.max_depth = 1;
  EXPECT_THAT(Paths(request), ElementsAre("-1"));
  request.max_depth = 0;
  request.types = {RelationType::kHoldsPosition, RelationType::kPartOf};
  EXPECT_THAT(Paths(request), ElementsAre("3", kP3, kP4, kP5, kP6));
  request.types = {RelationType::kChaired};
  EXPECT_THAT(Paths(request), ElementsAre("-1"));

  PathsRequest directed = KRequest("s", "m", 20);
  directed.directed = true;  // p -> o cannot be walked from o.
  EXPECT_THAT(Paths(directed),
              ElementsAre("1", "s-ATTENDED->m",
                          "s-HOLDS_POSITIONA->o-PART_OF->p-ORGANIZED->m",
                          "s-HOLDS_POSITIONB->o-PART_OF->p-ORGANIZED->m"));
  directed.source_id = "m";
  directed.target_id = "s";
  EXPECT_THAT(Paths(directed), ElementsAre("-1"));
  directed.directed = false;
  EXPECT_EQ(Paths(directed).size(), 10u);  // The length and 9 paths.
}

TEST_P(KPathsTest, PathsCarryEvidenceOnRelationsOnly) {
  QueryBudget budget(100000, nullptr);
  absl::StatusOr<PathsResult> result =
      FindPaths(store_.store(), KRequest("s", "t", 4), budget);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->paths.size(), 4u);
  for (const Path& path : result->paths) {
    ASSERT_EQ(path.nodes.size(), path.relations.size() + 1);
    for (const Entity& node : path.nodes) {
      EXPECT_THAT(node.evidence, IsEmpty()) << node.id;
      EXPECT_FALSE(node.name.empty());
    }
    for (const Relation& relation : path.relations) {
      ASSERT_EQ(relation.evidence.size(), 1u);
      EXPECT_EQ(relation.evidence[0].report_id, testing::kTestReport);
    }
  }
}

TEST_P(KPathsTest, Errors) {
  PathsRequest request = KRequest("s", "t", kMaxKShortest + 1);
  EXPECT_THAT(Paths(request), ElementsAre("error: INVALID_ARGUMENT"));
  request.k_shortest = -1;
  EXPECT_THAT(Paths(request), ElementsAre("error: INVALID_ARGUMENT"));
  request.k_shortest = 2;
  request.max_paths = 2;
  EXPECT_THAT(Paths(request), ElementsAre("error: INVALID_ARGUMENT"));
  request.max_paths = 1;  // One path: the same as none.
  EXPECT_THAT(Paths(request), ElementsAre("2", kP1, kP2));
  request.max_paths = 0;
  request.max_depth = kMaxDepth + 1;
  EXPECT_THAT(Paths(request), ElementsAre("error: INVALID_ARGUMENT"));
  EXPECT_THAT(Paths(KRequest("s", "s", 2)),
              ElementsAre("error: INVALID_ARGUMENT"));
  EXPECT_THAT(Paths(KRequest("s", "", 2)),
              ElementsAre("error: INVALID_ARGUMENT"));
  EXPECT_THAT(Paths(KRequest("nobody", "t", 2)),
              ElementsAre("error: NOT_FOUND"));
  EXPECT_THAT(Paths(KRequest("s", "nobody", 2)),
              ElementsAre("error: NOT_FOUND"));
  request = KRequest("s", "t", 2);
  request.types = {static_cast<RelationType>(0xFF)};
  EXPECT_THAT(Paths(request), ElementsAre("error: INVALID_ARGUMENT"));
}

TEST_P(KPathsTest, BudgetIsSpentBySpurSearches) {
  // The first search walks s's 3 edges and t's 2; the 20
  // shortest take many searches.
  EXPECT_THAT(FindAll(store_.store(), KRequest("s", "t", 1), 4),
              ElementsAre("error: RESOURCE_EXHAUSTED"));
  EXPECT_THAT(FindAll(store_.store(), KRequest("s", "t", 20), 60),
              ElementsAre("error: RESOURCE_EXHAUSTED"));
  int checks = 0;
  QueryBudget late(100000, [&checks]() -> absl::Status {
    if (++checks > 20) return absl::DeadlineExceededError("late");
    return absl::OkStatus();
  });
  EXPECT_EQ(
      FindPaths(store_.store(), KRequest("s", "t", 20), late).status().code(),
      absl::StatusCode::kDeadlineExceeded);
}

INSTANTIATE_TEST_SUITE_P(Stores, KPathsTest,
                         ::testing::Values(StoreKind::kFake,
                                           StoreKind::kRocksDb),
                         testing::StoreName);

// Two hubs joined through 3000 meetings: every spur search walks their
// thousands of edges, so the query ends in RESOURCE_EXHAUSTED instead of
// running on, unless the budget allows it.
TEST(KPathsHubTest, HubsExhaustTheBudget) {
  TestGraph graph;
  graph.Node("s", EntityKind::kPerson);
  graph.Node("t", EntityKind::kPerson);
  for (int i = 0; i < 3000; ++i) {
    const std::string id = absl::StrCat("m", i);
    graph.Node(id, EntityKind::kMeeting);
    graph.Edge(RelationType::kAttended, "s", id);
    graph.Edge(RelationType::kAttended, "t", id);
  }
  TestStore store(StoreKind::kFake);
  ASSERT_TRUE(store.Load(graph).ok());
  EXPECT_THAT(FindAll(store.store(), KRequest("s", "t", 1), 20000),
              ElementsAre("2", "s-ATTENDED->m0<-ATTENDED-t"));
  EXPECT_THAT(FindAll(store.store(), KRequest("s", "t", 20), 20000),
              ElementsAre("error: RESOURCE_EXHAUSTED"));
  const std::vector<std::string> twenty =
      FindAll(store.store(), KRequest("s", "t", 20), 10000000);
  ASSERT_EQ(twenty.size(), 21u);
  EXPECT_EQ(twenty[2], "s-ATTENDED->m1<-ATTENDED-t");
  EXPECT_EQ(twenty[3], "s-ATTENDED->m10<-ATTENDED-t");  // By id, as text.
  EXPECT_EQ(twenty[20], "s-ATTENDED->m1014<-ATTENDED-t");
}

// A random graph on `nodes` nodes: `edges` relations of three types between
// random ends, self-loops and parallel HOLDS_POSITION roles included.
TestGraph RandomGraph(std::mt19937& random, int nodes, int edges) {
  TestGraph graph;
  for (int i = 0; i < nodes; ++i) {
    graph.Node(absl::StrCat("n", i), EntityKind::kOrganization);
  }
  std::set<std::tuple<int, int, int, std::string>> seen;
  const RelationType types[] = {RelationType::kHoldsPosition,
                                RelationType::kPartOf, RelationType::kAttended};
  for (int added = 0; added < edges;) {
    const int source = static_cast<int>(random() % nodes);
    const int target = static_cast<int>(random() % nodes);
    const int type = static_cast<int>(random() % 3);
    const std::string role = type == 0 ? (random() % 2 ? "A" : "B") : "";
    if (!seen.emplace(source, target, type, role).second) continue;
    graph.Edge(types[type], absl::StrCat("n", source),
               absl::StrCat("n", target), role);
    ++added;
  }
  return graph;
}

class KPathsOracleTest : public ::testing::TestWithParam<StoreKind> {};

TEST_P(KPathsOracleTest, AgreesWithEveryLooplessPathSorted) {
  const int graphs = GetParam() == StoreKind::kFake ? 150 : 15;
  for (int seed = 0; seed < graphs; ++seed) {
    std::mt19937 random(seed);
    const int nodes = 5 + static_cast<int>(random() % 5);
    const TestGraph graph = RandomGraph(random, nodes, 2 * nodes);
    TestStore store(GetParam());
    ASSERT_TRUE(store.Load(graph).ok());
    Oracle oracle(graph);
    for (int query = 0; query < 6; ++query) {
      PathsRequest request = KRequest(absl::StrCat("n", random() % nodes),
                                      absl::StrCat("n", random() % nodes),
                                      1 + random() % kMaxKShortest);
      if (request.source_id == request.target_id) continue;
      request.directed = random() % 3 == 0;
      request.max_depth = static_cast<int32_t>(random() % 7);
      if (random() % 3 == 0) request.types = {RelationType::kPartOf};
      if (random() % 4 == 0) {
        request.types = {RelationType::kHoldsPosition, RelationType::kAttended};
      }
      EXPECT_THAT(FindAll(store.store(), request, 10000000),
                  ElementsAreArray(oracle.KShortest(request)))
          << "seed " << seed << " query " << query;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, KPathsOracleTest,
                         ::testing::Values(StoreKind::kFake,
                                           StoreKind::kRocksDb),
                         testing::StoreName);

}  // namespace
}  // namespace govgraph::query
