// ExportSubgraph on a small hand-built graph with a PART_OF cycle, a
// self-loop, parallel relations of different roles and a relation between
// two nodes of the same hop, on the fake and on the RocksDB store (where
// each relation is stored twice); random graphs checked against a plain
// breadth-first search; the limit, the filters, the errors and budgets.
#include "server/query/subgraph_query.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/query/test_graph.h"

namespace govgraph::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::StoreKind;
using testing::TestGraph;
using testing::TestStore;
using ::testing::UnorderedElementsAre;
using ::testing::UnorderedElementsAreArray;

// "source-TYPErole->target".
std::string RelationText(const Relation& r) {
  return absl::StrCat(r.source_id, "-", RelationTypeName(r.type), r.role, "->",
                      r.target_id);
}

// What an export streamed, checked for its shape as it arrives.
struct Export {
  absl::Status status;
  std::vector<std::string> nodes;      // In stream order.
  std::vector<std::string> relations;  // In stream order.
  std::vector<SubgraphItem> items;
  bool truncated = false;
};

// Runs the export; records a failure if the stream is malformed: an item
// with both or neither of node and relation, a node after a relation, a
// node or relation twice, a node with evidence, a truncated flag anywhere
// but on the first relation (or on the last node when there is none).
Export ExportAll(storage::GraphStore& store, const SubgraphRequest& request,
                 int stop_after = -1, int64_t max_steps = 100000) {
  Export out;
  QueryBudget budget(max_steps, nullptr);
  out.status = ExportSubgraph(store, request, budget, [&](SubgraphItem item) {
    EXPECT_NE(item.node.has_value(), item.relation.has_value());
    if (item.node.has_value()) {
      EXPECT_THAT(out.relations, IsEmpty()) << "node after relations";
      EXPECT_THAT(item.node->evidence, IsEmpty());
      out.nodes.push_back(item.node->id);
    } else {
      out.relations.push_back(RelationText(*item.relation));
    }
    if (item.truncated) {
      EXPECT_FALSE(out.truncated) << "flagged twice";
      out.truncated = true;
    }
    out.items.push_back(std::move(item));
    return static_cast<int>(out.items.size()) != stop_after;
  });
  std::set<std::string> nodes(out.nodes.begin(), out.nodes.end());
  std::set<std::string> relations(out.relations.begin(), out.relations.end());
  EXPECT_EQ(nodes.size(), out.nodes.size()) << "a node twice";
  EXPECT_EQ(relations.size(), out.relations.size()) << "a relation twice";
  for (size_t i = 0; i < out.items.size(); ++i) {
    if (!out.items[i].truncated) continue;
    if (out.items[i].node.has_value()) {
      EXPECT_EQ(i + 1, out.items.size()) << "flag on a node before the last";
    } else {
      EXPECT_EQ(i, out.nodes.size()) << "flag after the first relation";
    }
  }
  return out;
}

SubgraphRequest Request(const std::string& center, int32_t hops = 0) {
  SubgraphRequest request;
  request.center_id = center;
  request.max_hops = hops;
  return request;
}

// The relations of `graph` of `types` (empty: all) between two of `nodes`.
std::vector<std::string> Induced(const TestGraph& graph,
                                 const std::vector<std::string>& nodes,
                                 const std::vector<RelationType>& types) {
  const std::set<std::string> in(nodes.begin(), nodes.end());
  std::vector<std::string> out;
  for (const Relation& r : graph.edges()) {
    if (in.count(r.source_id) == 0 || in.count(r.target_id) == 0) continue;
    if (!types.empty() &&
        std::find(types.begin(), types.end(), r.type) == types.end()) {
      continue;
    }
    out.push_back(RelationText(r));
  }
  return out;
}

class SubgraphQueryTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  // From c: m1, m2, o1 (twice: roles A and B) and d1 at 1 hop (d1 is
  // ISSUED_AT m1), p2 and o2 at 2 (o1 and o2 are PART_OF each other), o3
  // at 3; o1 is PART_OF itself; p3 is alone.
  void SetUp() override {
    for (const char* id : {"c", "p2", "p3"}) {
      graph_.Node(id, EntityKind::kPerson);
    }
    for (const char* id : {"m1", "m2"}) graph_.Node(id, EntityKind::kMeeting);
    for (const char* id : {"o1", "o2", "o3"}) {
      graph_.Node(id, EntityKind::kOrganization);
    }
    graph_.Node("d1", EntityKind::kDirective);
    graph_.Edge(RelationType::kAttended, "c", "m1");
    graph_.Edge(RelationType::kAttended, "c", "m2");
    graph_.Edge(RelationType::kAttended, "p2", "m1");
    graph_.Edge(RelationType::kHoldsPosition, "c", "o1", "B");
    graph_.Edge(RelationType::kHoldsPosition, "c", "o1", "A");
    graph_.Edge(RelationType::kPartOf, "o1", "o1");
    graph_.Edge(RelationType::kPartOf, "o1", "o2");
    graph_.Edge(RelationType::kPartOf, "o2", "o1");
    graph_.Edge(RelationType::kPartOf, "o2", "o3");
    graph_.Edge(RelationType::kIssued, "c", "d1");
    graph_.Edge(RelationType::kIssuedAt, "d1", "m1");
    ASSERT_TRUE(store_.Load(graph_).ok());
  }

  Export Subgraph(const SubgraphRequest& request, int stop_after = -1) {
    Export out = ExportAll(store_.store(), request, stop_after);
    EXPECT_TRUE(out.status.ok()) << out.status;
    return out;
  }

  TestGraph graph_;
  TestStore store_{GetParam()};
};

TEST_P(SubgraphQueryTest, OneHopByDefaultWithEveryRelationAmongTheNodes) {
  const Export out = Subgraph(Request("c"));
  ASSERT_EQ(out.nodes.size(), 5u);
  EXPECT_EQ(out.nodes[0], "c");
  EXPECT_THAT(out.nodes, UnorderedElementsAre("c", "m1", "m2", "o1", "d1"));
  EXPECT_THAT(out.relations,
              UnorderedElementsAre("c-ATTENDED->m1", "c-ATTENDED->m2",
                                   "c-HOLDS_POSITIONA->o1",
                                   "c-HOLDS_POSITIONB->o1", "o1-PART_OF->o1",
                                   "c-ISSUED->d1", "d1-ISSUED_AT->m1"));
  EXPECT_FALSE(out.truncated);
}

TEST_P(SubgraphQueryTest, MoreHopsFewestFirst) {
  const Export two = Subgraph(Request("c", 2));
  ASSERT_EQ(two.nodes.size(), 7u);
  EXPECT_THAT(
      std::vector<std::string>(two.nodes.begin(), two.nodes.begin() + 5),
      UnorderedElementsAre("c", "m1", "m2", "o1", "d1"));
  EXPECT_THAT(std::vector<std::string>(two.nodes.begin() + 5, two.nodes.end()),
              UnorderedElementsAre("p2", "o2"));
  EXPECT_THAT(two.relations,
              UnorderedElementsAreArray(Induced(graph_, two.nodes, {})));
  EXPECT_EQ(two.relations.size(), 10u);
  const Export three = Subgraph(Request("c", kMaxSubgraphHops));
  EXPECT_EQ(three.nodes.size(), 8u);  // Everything but p3.
  EXPECT_EQ(three.nodes.back(), "o3");
  EXPECT_EQ(three.relations.size(), graph_.edges().size());
  const Export alone = Subgraph(Request("p3", 3));
  EXPECT_THAT(alone.nodes, ElementsAre("p3"));
  EXPECT_THAT(alone.relations, IsEmpty());
}

TEST_P(SubgraphQueryTest, TypesAndKindsFilter) {
  SubgraphRequest request = Request("c", 2);
  request.types = {RelationType::kHoldsPosition, RelationType::kPartOf};
  Export out = Subgraph(request);
  EXPECT_THAT(out.nodes, ElementsAre("c", "o1", "o2"));
  EXPECT_THAT(out.relations,
              UnorderedElementsAre("c-HOLDS_POSITIONA->o1",
                                   "c-HOLDS_POSITIONB->o1", "o1-PART_OF->o1",
                                   "o1-PART_OF->o2", "o2-PART_OF->o1"));
  request.types = {RelationType::kPartOf};  // c has none.
  out = Subgraph(request);
  EXPECT_THAT(out.nodes, ElementsAre("c"));
  EXPECT_THAT(out.relations, IsEmpty());
  EXPECT_FALSE(out.truncated);

  request = Request("c", 3);
  request.kinds = {EntityKind::kOrganization};  // The centre is a person.
  out = Subgraph(request);
  EXPECT_THAT(out.nodes, ElementsAre("c", "o1", "o2", "o3"));
  EXPECT_EQ(out.relations.size(), 6u);
  EXPECT_THAT(out.relations,
              UnorderedElementsAreArray(Induced(graph_, out.nodes, {})));
  request.kinds = {EntityKind::kMeeting};  // p2 is not reached through m1.
  out = Subgraph(request);
  EXPECT_THAT(out.nodes, UnorderedElementsAre("c", "m1", "m2"));
  EXPECT_THAT(out.relations,
              UnorderedElementsAre("c-ATTENDED->m1", "c-ATTENDED->m2"));
}

TEST_P(SubgraphQueryTest, NodeLimitTruncates) {
  SubgraphRequest request = Request("c", 1);
  request.node_limit = 3;
  Export out = Subgraph(request);
  ASSERT_EQ(out.nodes.size(), 3u);
  EXPECT_EQ(out.nodes[0], "c");
  EXPECT_TRUE(out.truncated);
  EXPECT_THAT(out.relations,
              UnorderedElementsAreArray(Induced(graph_, out.nodes, {})));
  ASSERT_FALSE(out.relations.empty());
  EXPECT_TRUE(out.items[3].truncated);  // The first relation.

  request.node_limit = 5;  // Exactly what is in reach: not truncated.
  out = Subgraph(request);
  EXPECT_EQ(out.nodes.size(), 5u);
  EXPECT_FALSE(out.truncated);
  request.max_hops = 2;
  out = Subgraph(request);
  EXPECT_EQ(out.nodes.size(), 5u);
  EXPECT_TRUE(out.truncated);

  request.node_limit = 1;  // No relation: the centre carries the flag.
  out = Subgraph(request);
  EXPECT_THAT(out.nodes, ElementsAre("c"));
  EXPECT_THAT(out.relations, IsEmpty());
  ASSERT_EQ(out.items.size(), 1u);
  EXPECT_TRUE(out.items[0].truncated);
  request.center_id = "o1";  // Its self-loop is a relation of its own.
  out = Subgraph(request);
  EXPECT_THAT(out.nodes, ElementsAre("o1"));
  EXPECT_THAT(out.relations, ElementsAre("o1-PART_OF->o1"));
  EXPECT_FALSE(out.items[0].truncated);
  EXPECT_TRUE(out.items[1].truncated);
}

TEST_P(SubgraphQueryTest, EvidenceOnRelationsWhenAskedFor) {
  SubgraphRequest request = Request("c", 2);
  for (const SubgraphItem& item : Subgraph(request).items) {
    if (item.relation.has_value()) {
      EXPECT_THAT(item.relation->evidence, IsEmpty());
      EXPECT_THAT(item.relation->report_ids, IsEmpty());
    }
  }
  request.with_evidence = true;
  const Export out = Subgraph(request);
  EXPECT_EQ(out.relations.size(), 10u);
  for (const SubgraphItem& item : out.items) {
    if (!item.relation.has_value()) continue;
    ASSERT_EQ(item.relation->evidence.size(), 1u);
    EXPECT_EQ(item.relation->evidence[0].report_id, testing::kTestReport);
    EXPECT_EQ(item.relation->evidence[0].sentence,
              absl::StrCat(item.relation->source_id, " ",
                           RelationTypeName(item.relation->type), " ",
                           item.relation->target_id));
  }
}

TEST_P(SubgraphQueryTest, StopsWhenTheReceiverGoes) {
  EXPECT_EQ(Subgraph(Request("c", 2), /*stop_after=*/2).items.size(), 2u);
  const Export out = Subgraph(Request("c", 1), /*stop_after=*/6);
  EXPECT_EQ(out.nodes.size(), 5u);
  EXPECT_EQ(out.relations.size(), 1u);
}

TEST_P(SubgraphQueryTest, ErrorsAndBudgets) {
  auto code = [&](const SubgraphRequest& request) {
    return ExportAll(store_.store(), request).status.code();
  };
  EXPECT_EQ(code(Request("")), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code(Request("nobody")), absl::StatusCode::kNotFound);
  EXPECT_EQ(code(Request("c", kMaxSubgraphHops + 1)),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code(Request("c", -1)), absl::StatusCode::kInvalidArgument);
  SubgraphRequest request = Request("c");
  for (int32_t limit : {-1, kMaxSubgraphNodes + 1}) {
    request.node_limit = limit;
    EXPECT_EQ(code(request), absl::StatusCode::kInvalidArgument) << limit;
  }
  request.node_limit = kMaxSubgraphNodes;
  EXPECT_EQ(code(request), absl::StatusCode::kOk);
  request.kinds = {static_cast<EntityKind>(0xFF)};
  EXPECT_EQ(code(request), absl::StatusCode::kInvalidArgument);
  request.kinds = {EntityKind::kUnspecified};
  EXPECT_EQ(code(request), absl::StatusCode::kInvalidArgument);
  request.kinds.clear();
  request.types = {static_cast<RelationType>(0xFF)};
  EXPECT_EQ(code(request), absl::StatusCode::kInvalidArgument);

  // c alone has 5 edges: the walk stops at once; the centre was sent.
  const Export poor = ExportAll(store_.store(), Request("c", 2), -1, 4);
  EXPECT_EQ(poor.status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(poor.nodes, ElementsAre("c"));
  QueryBudget late(100000, [] { return absl::DeadlineExceededError("late"); });
  EXPECT_EQ(ExportSubgraph(store_.store(), Request("c"), late,
                           [](SubgraphItem) { return true; })
                .code(),
            absl::StatusCode::kDeadlineExceeded);
}

INSTANTIATE_TEST_SUITE_P(Stores, SubgraphQueryTest,
                         ::testing::Values(StoreKind::kFake,
                                           StoreKind::kRocksDb),
                         testing::StoreName);

// Hops from `center` by breadth-first search over `types` (empty: all),
// reaching only `kinds` (empty: all) beyond the centre.
std::map<std::string, int> Hops(const TestGraph& graph,
                                const SubgraphRequest& request) {
  std::map<std::string, EntityKind> kinds;
  for (const Entity& node : graph.nodes()) kinds[node.id] = node.kind;
  auto allows = [](const auto& filter, auto value) {
    return filter.empty() ||
           std::find(filter.begin(), filter.end(), value) != filter.end();
  };
  std::map<std::string, int> hops = {{request.center_id, 0}};
  std::vector<std::string> frontier = {request.center_id};
  for (int hop = 1; hop <= request.max_hops; ++hop) {
    std::vector<std::string> next;
    for (const std::string& node : frontier) {
      for (const Relation& r : graph.edges()) {
        if (!allows(request.types, r.type)) continue;
        for (const auto& [from, to] : {std::pair(r.source_id, r.target_id),
                                       std::pair(r.target_id, r.source_id)}) {
          if (from != node || hops.count(to) != 0) continue;
          if (!allows(request.kinds, kinds[to])) continue;
          hops[to] = hop;
          next.push_back(to);
        }
      }
    }
    frontier = std::move(next);
  }
  return hops;
}

class SubgraphOracleTest : public ::testing::TestWithParam<StoreKind> {};

TEST_P(SubgraphOracleTest, AgreesWithABreadthFirstSearch) {
  const int graphs = GetParam() == StoreKind::kFake ? 150 : 15;
  const EntityKind kinds[] = {EntityKind::kPerson, EntityKind::kOrganization,
                              EntityKind::kMeeting};
  const RelationType types[] = {RelationType::kHoldsPosition,
                                RelationType::kPartOf, RelationType::kAttended};
  for (int seed = 0; seed < graphs; ++seed) {
    std::mt19937 random(seed);
    TestGraph graph;
    const int nodes = 6 + static_cast<int>(random() % 10);
    for (int i = 0; i < nodes; ++i) {
      graph.Node(absl::StrCat("n", i), kinds[random() % 3]);
    }
    std::set<std::string> seen;
    for (int i = 0; i < 2 * nodes; ++i) {
      const std::string source = absl::StrCat("n", random() % nodes);
      const std::string target = absl::StrCat("n", random() % nodes);
      const int type = static_cast<int>(random() % 3);
      const std::string role = type == 0 ? (random() % 2 ? "A" : "B") : "";
      if (!seen.insert(absl::StrCat(source, "|", type, "|", target, "|", role))
               .second) {
        continue;
      }
      graph.Edge(types[type], source, target, role);
    }
    TestStore store(GetParam());
    ASSERT_TRUE(store.Load(graph).ok());
    for (int query = 0; query < 6; ++query) {
      SubgraphRequest request =
          Request(absl::StrCat("n", random() % nodes), 1 + random() % 3);
      if (random() % 3 == 0) request.types = {types[random() % 3]};
      if (random() % 3 == 0) request.kinds = {kinds[random() % 3]};
      request.node_limit = random() % 2 ? 0 : 1 + random() % nodes;
      const std::map<std::string, int> hops = Hops(graph, request);
      const Export out = ExportAll(store.store(), request);
      ASSERT_TRUE(out.status.ok()) << out.status;
      const size_t limit = request.node_limit == 0 ? 1000 : request.node_limit;
      EXPECT_EQ(out.nodes.size(), std::min(limit, hops.size()));
      EXPECT_EQ(out.truncated, hops.size() > limit);
      int last = 0;
      for (const std::string& node : out.nodes) {
        ASSERT_EQ(hops.count(node), 1u) << node;
        EXPECT_GE(hops.at(node), last) << node;
        last = hops.at(node);
      }
      for (const auto& [node, hop] : hops) {  // Nearer nodes all came.
        if (hop < last) {
          EXPECT_NE(std::find(out.nodes.begin(), out.nodes.end(), node),
                    out.nodes.end());
        }
      }
      EXPECT_THAT(out.relations, UnorderedElementsAreArray(
                                     Induced(graph, out.nodes, request.types)))
          << "seed " << seed << " query " << query;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, SubgraphOracleTest,
                         ::testing::Values(StoreKind::kFake,
                                           StoreKind::kRocksDb),
                         testing::StoreName);

}  // namespace
}  // namespace govgraph::query
