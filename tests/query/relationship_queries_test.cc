// Co-attendance, meetings and paths on a small hand-built graph with a
// PART_OF hierarchy, a PART_OF cycle, an undated meeting and parallel
// relations, plus their budgets and errors.
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/query/co_attendance_query.h"
#include "server/query/directives_query.h"
#include "server/query/graph_query.h"
#include "server/query/meetings_query.h"
#include "server/query/path_query.h"
#include "server/query/traverse_query.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class RelationshipQueriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* id : {"x", "y", "z", "w", "v"}) {
      Node(id, EntityKind::kPerson);
    }
    for (const char* id : {"ubnd", "so", "phong", "c1", "c2"}) {
      Node(id, EntityKind::kOrganization);
    }
    Node("m1", EntityKind::kMeeting, "2017-01-10");
    Node("m2", EntityKind::kMeeting, "2017-03-01");
    Node("m3", EntityKind::kMeeting, "2017-05-01");
    Node("m4", EntityKind::kMeeting, "");
    Edge(RelationType::kPartOf, "so", "ubnd");
    Edge(RelationType::kPartOf, "phong", "so");
    Edge(RelationType::kPartOf, "c1", "c2");
    Edge(RelationType::kPartOf, "c2", "c1");
    Edge(RelationType::kOrganized, "ubnd", "m1");
    Edge(RelationType::kOrganized, "so", "m2");
    Edge(RelationType::kOrganized, "phong", "m3");
    Edge(RelationType::kOrganized, "so", "m4");
    Edge(RelationType::kOrganized, "c2", "m3");
    for (const char* m : {"m1", "m2", "m3", "m4"}) {
      Edge(RelationType::kAttended, "x", m);
    }
    Edge(RelationType::kAttended, "y", "m1");
    Edge(RelationType::kAttended, "y", "m2");
    Edge(RelationType::kAttended, "z", "m3");
    Node("d1", EntityKind::kDirective, "2017-05-01");
    Node("d2", EntityKind::kDirective, "2017-06-01");
    Node("d3", EntityKind::kDirective, "");
    Edge(RelationType::kIssued, "z", "d1");
    Edge(RelationType::kIssuedAt, "d1", "m3");
    Edge(RelationType::kAddressedTo, "d1", "so");
    Edge(RelationType::kIssued, "v", "d2");
    Edge(RelationType::kAddressedTo, "d2", "z");
    Edge(RelationType::kIssued, "z", "d3");
    Edge(RelationType::kHoldsPosition, "x", "ubnd", "Chủ tịch");
    Edge(RelationType::kHoldsPosition, "x", "ubnd", "Bí thư");
  }

  void Node(const std::string& id, EntityKind kind,
            const std::string& date = "") {
    Entity e;
    e.id = id;
    e.kind = kind;
    e.name = absl::StrCat("Tên ", id);
    e.date = date;
    store_.PutEntity(e);
  }

  void Edge(RelationType type, const std::string& source,
            const std::string& target, const std::string& role = "") {
    Relation r;
    r.type = type;
    r.source_id = source;
    r.target_id = target;
    r.role = role;
    ASSERT_TRUE(store_.PutRelation(r).ok());
  }

  // "id:count:meeting,meeting" per co-attendee.
  std::vector<std::string> CoAttendees(const std::string& from,
                                       const std::string& to) {
    CoAttendanceRequest request{"x", from, to};
    QueryBudget budget(1000, nullptr);
    absl::StatusOr<CoAttendancePage> page =
        ListCoAttendees(store_, request, budget);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> out;
    if (!page.ok()) return out;
    for (const CoAttendee& a : page->attendees) {
      std::vector<std::string> meetings;
      for (const Entity& m : a.meetings) meetings.push_back(m.id);
      out.push_back(absl::StrCat(a.person.id, ":", a.shared_meetings, ":",
                                 absl::StrJoin(meetings, ",")));
    }
    return out;
  }

  std::vector<std::string> Meetings(const std::string& id, bool sub_units,
                                    const std::string& from = "",
                                    const std::string& to = "") {
    MeetingsRequest request;
    request.entity_id = id;
    request.include_sub_units = sub_units;
    request.from_date = from;
    request.to_date = to;
    QueryBudget budget(1000, nullptr);
    absl::StatusOr<MeetingsPage> page = ListMeetings(store_, request, budget);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> out;
    if (page.ok()) {
      for (const Entity& m : page->meetings) out.push_back(m.id);
    }
    return out;
  }

  // The length, then each path as "a-TYPE-b-TYPE-c".
  std::vector<std::string> Paths(PathsRequest request) {
    QueryBudget budget(1000, nullptr);
    absl::StatusOr<PathsResult> result = FindPaths(store_, request, budget);
    EXPECT_TRUE(result.ok()) << result.status();
    std::vector<std::string> out;
    if (!result.ok()) return out;
    out.push_back(absl::StrCat(result->length));
    for (const Path& path : result->paths) {
      std::string text = path.nodes[0].id;
      for (size_t i = 0; i < path.relations.size(); ++i) {
        absl::StrAppend(&text, "-", RelationTypeName(path.relations[i].type),
                        path.relations[i].role, "-", path.nodes[i + 1].id);
      }
      out.push_back(text);
    }
    return out;
  }

  fakes::FakeGraphStore store_;
};

TEST_F(RelationshipQueriesTest, CoAttendeesRankedWithTheirMeetings) {
  EXPECT_THAT(CoAttendees("", ""), ElementsAre("y:2:m2,m1", "z:1:m3"));
  EXPECT_THAT(CoAttendees("2017-02-01", ""),
              ElementsAre("y:1:m2", "z:1:m3"));  // Ties by id.
  EXPECT_THAT(CoAttendees("", "2017-01-10"), ElementsAre("y:1:m1"));
  EXPECT_THAT(CoAttendees("2018-01-01", "2018-12-31"), IsEmpty());
}

// Ties in the number of shared meetings are ordered by id with digit runs
// by value (NaturalLess): "p9" before "p10", as the benchmark's integer ids.
TEST(CoAttendanceOrderTest, TiesOrderedByIdWithNumbersByValue) {
  fakes::FakeGraphStore store;
  for (const char* id : {"x", "p10", "p9", "p2", "p100", "q1", "p09"}) {
    Entity e;
    e.id = id;
    e.kind = EntityKind::kPerson;
    e.name = absl::StrCat("Ông ", id);
    store.PutEntity(e);
  }
  for (const char* id : {"m1", "m2"}) {
    Entity m;
    m.id = id;
    m.kind = EntityKind::kMeeting;
    m.name = "Họp";
    m.date = "2020-01-01";
    store.PutEntity(m);
  }
  auto attend = [&](const char* person, const char* meeting) {
    Relation r;
    r.type = RelationType::kAttended;
    r.source_id = person;
    r.target_id = meeting;
    ASSERT_TRUE(store.PutRelation(r).ok());
  };
  for (const char* id : {"x", "p10", "p9", "p2", "p100", "q1", "p09"}) {
    attend(id, "m1");
  }
  attend("x", "m2");
  attend("p100", "m2");  // Two shared meetings: first whatever its id.

  CoAttendanceRequest request{"x"};
  QueryBudget budget(1000, nullptr);
  absl::StatusOr<CoAttendancePage> page =
      ListCoAttendees(store, request, budget);
  ASSERT_TRUE(page.ok()) << page.status();
  std::vector<std::string> ids;
  for (const CoAttendee& a : page->attendees) ids.push_back(a.person.id);
  EXPECT_THAT(ids, ElementsAre("p100", "p2", "p9", "p09", "p10", "q1"));
}

TEST_F(RelationshipQueriesTest, MeetingsOfOrganisationsAndPersons) {
  EXPECT_THAT(Meetings("ubnd", false), ElementsAre("m1"));
  EXPECT_THAT(Meetings("ubnd", true), ElementsAre("m3", "m2", "m1", "m4"));
  EXPECT_THAT(Meetings("ubnd", true, "2017-02-01"), ElementsAre("m3", "m2"));
  EXPECT_THAT(Meetings("so", true, "", "2017-04-01"), ElementsAre("m2"));
  EXPECT_THAT(Meetings("y", false), ElementsAre("m2", "m1"));
  EXPECT_THAT(Meetings("c1", true), ElementsAre("m3"));  // Cycle walked once.
  EXPECT_THAT(Meetings("w", false), IsEmpty());
}

TEST_F(RelationshipQueriesTest, DirectivesByIssuerAddresseeAndMeeting) {
  auto list = [&](const std::string& id, const std::string& from = "") {
    QueryBudget budget(1000, nullptr);
    absl::StatusOr<DirectivesPage> page =
        ListDirectives(store_, DirectivesRequest{id, from}, budget);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> out;
    if (page.ok()) {
      for (const Entity& d : page->directives) out.push_back(d.id);
    }
    return out;
  };
  // Issued by z (d1, undated d3) and addressed to z (d2), newest first.
  EXPECT_THAT(list("z"), ElementsAre("d2", "d1", "d3"));
  EXPECT_THAT(list("z", "2017-05-15"), ElementsAre("d2"));
  EXPECT_THAT(list("so"), ElementsAre("d1"));
  EXPECT_THAT(list("m3"), ElementsAre("d1"));
  EXPECT_THAT(list("ubnd"), IsEmpty());
  QueryBudget budget(1000, nullptr);
  EXPECT_EQ(ListDirectives(store_, {"d1"}, budget).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ListDirectives(store_, {"nobody"}, budget).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ListDirectives(store_, {"z", "2017-06-02", "2017-06-01"}, budget)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

// "TYPE other" of x's relations dated in [from, to], paged by `page_size`.
std::vector<std::string> DatedRelations(GraphQuery& query,
                                        const std::string& from,
                                        const std::string& to,
                                        int32_t page_size) {
  RelationsRequest request;
  request.entity_id = "x";
  request.from_date = from;
  request.to_date = to;
  request.page_size = page_size;
  std::vector<std::string> out;
  do {
    absl::StatusOr<RelationsPage> page = query.ListRelations(request);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    for (const storage::EdgeHit& hit : page->relations) {
      out.push_back(
          absl::StrCat(RelationTypeName(hit.relation.type), " ", hit.other.id));
    }
    request.page_token = page->next_page_token;
  } while (!request.page_token.empty());
  return out;
}

TEST_F(RelationshipQueriesTest, RelationsInADateRange) {
  GraphQuery query(&store_);
  // By the meeting's date; the undated meeting and the undated mandates
  // are left out.
  for (int32_t page_size : {1, 2, 50}) {
    EXPECT_THAT(DatedRelations(query, "2017-02-01", "2017-12-31", page_size),
                ElementsAre("ATTENDED m2", "ATTENDED m3"))
        << page_size;
  }
  EXPECT_THAT(DatedRelations(query, "", "2017-01-10", 50),
              ElementsAre("ATTENDED m1"));
  EXPECT_THAT(DatedRelations(query, "2018-01-01", "", 50), IsEmpty());
  EXPECT_EQ(DatedRelations(query, "", "", 50).size(), 6u);  // Unbounded.
  RelationsRequest bad;
  bad.entity_id = "x";
  bad.from_date = "2017-12-31";
  bad.to_date = "2017-01-01";
  EXPECT_EQ(query.ListRelations(bad).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(RelationInRangeTest, MandatesAndSeenIntervals) {
  storage::EdgeHit hit;
  hit.relation.type = RelationType::kHoldsPosition;
  hit.relation.start_date = "2016-01-01";
  const DateRange range{"2017-01-01", "2017-12-31"};
  EXPECT_TRUE(RelationInRange(hit, range));  // Open-ended mandate.
  hit.relation.end_date = "2016-06-30";
  EXPECT_FALSE(RelationInRange(hit, range));
  hit.relation = Relation();
  hit.relation.type = RelationType::kPartOf;
  hit.relation.first_seen = "2017-03-01";
  hit.relation.last_seen = "2018-03-01";
  EXPECT_TRUE(RelationInRange(hit, range));
  hit.relation.first_seen = hit.relation.last_seen = "";
  EXPECT_FALSE(RelationInRange(hit, range));
  EXPECT_TRUE(RelationInRange(hit, DateRange{}));
}

TEST_F(RelationshipQueriesTest, ShortestPaths) {
  PathsRequest request{"x", "y"};
  EXPECT_THAT(Paths(request), ElementsAre("2", "x-ATTENDED-m1-ATTENDED-y"));
  request.max_paths = 5;
  EXPECT_THAT(Paths(request), ElementsAre("2", "x-ATTENDED-m1-ATTENDED-y",
                                          "x-ATTENDED-m2-ATTENDED-y"));
  request.directed = true;  // y -> m1 cannot be walked backwards.
  EXPECT_THAT(Paths(request), ElementsAre("-1"));
  request.directed = false;
  request.types = {RelationType::kHoldsPosition};
  EXPECT_THAT(Paths(request), ElementsAre("-1"));
  // Parallel relations are two paths.
  EXPECT_THAT(Paths(PathsRequest{"x", "ubnd", 0, {}, false, 5}),
              ElementsAre("1", "x-HOLDS_POSITIONBí thư-ubnd",
                          "x-HOLDS_POSITIONChủ tịch-ubnd"));
  EXPECT_THAT(Paths(PathsRequest{"y", "phong"}),
              ElementsAre("3", "y-ATTENDED-m2-ORGANIZED-so-PART_OF-phong"));
  EXPECT_THAT(Paths(PathsRequest{"y", "phong", 2}), ElementsAre("-1"));
  EXPECT_THAT(Paths(PathsRequest{"w", "x"}), ElementsAre("-1"));
}

// "id@hops<parent" per step, "!" after the one that reached the limit.
std::vector<std::string> Steps(storage::GraphStore& store,
                               const TraverseRequest& request,
                               int stop_after = -1) {
  QueryBudget budget(1000, nullptr);
  std::vector<std::string> out;
  const absl::Status status =
      Traverse(store, request, budget, [&](TraverseStep step) {
        out.push_back(absl::StrCat(step.node.id, "@", step.hops, "<",
                                   step.parent_id,
                                   step.limit_reached ? "!" : ""));
        return static_cast<int>(out.size()) != stop_after;
      });
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

TEST_F(RelationshipQueriesTest, TraverseBreadthFirstWithFilters) {
  TraverseRequest request{"phong"};
  request.max_hops = 1;
  EXPECT_THAT(Steps(store_, request),
              ElementsAre("phong@0<", "so@1<phong", "m3@1<phong"));
  request.max_hops = 2;
  request.direction = Direction::kOutgoing;  // Up the hierarchy only.
  EXPECT_THAT(Steps(store_, request),
              ElementsAre("phong@0<", "so@1<phong", "m3@1<phong", "ubnd@2<so",
                          "m2@2<so", "m4@2<so"));
  request.kinds = {EntityKind::kOrganization};
  request.max_hops = 4;
  EXPECT_THAT(Steps(store_, request),
              ElementsAre("phong@0<", "so@1<phong", "ubnd@2<so"));
  TraverseRequest dated{"x"};
  dated.max_hops = 1;
  dated.types = {RelationType::kAttended};
  dated.from_date = "2017-02-01";
  dated.to_date = "2017-04-01";
  // m4 has no date: only dated nodes are held to the range.
  EXPECT_THAT(Steps(store_, dated), ElementsAre("x@0<", "m2@1<x", "m4@1<x"));
  dated.from_date = dated.to_date = "";
  dated.limit = 3;
  EXPECT_THAT(Steps(store_, dated), ElementsAre("x@0<", "m1@1<x", "m2@1<x!"));
  dated.limit = 0;
  EXPECT_THAT(Steps(store_, dated, /*stop_after=*/2),
              ElementsAre("x@0<", "m1@1<x"));  // The receiver went away.
  // A PART_OF cycle is walked once.
  EXPECT_THAT(Steps(store_, TraverseRequest{"c1", 4, {RelationType::kPartOf}}),
              ElementsAre("c1@0<", "c2@1<c1"));
}

TEST_F(RelationshipQueriesTest, ErrorsAndBudgets) {
  QueryBudget budget(1000, nullptr);
  auto path_code = [&](PathsRequest request) {
    return FindPaths(store_, request, budget).status().code();
  };
  EXPECT_EQ(path_code({"x", "x"}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(path_code({"x", ""}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(path_code({"x", "nobody"}), absl::StatusCode::kNotFound);
  EXPECT_EQ(path_code({"x", "y", kMaxDepth + 1}),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(path_code({"x", "y", 0, {}, false, kMaxPaths + 1}),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(path_code({"x", "y", 0, {static_cast<RelationType>(0xFF)}}),
            absl::StatusCode::kInvalidArgument);

  auto meetings_code = [&](MeetingsRequest request) {
    return ListMeetings(store_, request, budget).status().code();
  };
  EXPECT_EQ(meetings_code({"m1"}), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(meetings_code({"nobody"}), absl::StatusCode::kNotFound);
  EXPECT_EQ(meetings_code({"x", false, "2017-02-30"}),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(meetings_code({"x", false, "2017-03-01", "2017-02-01"}),
            absl::StatusCode::kInvalidArgument);

  auto co_code = [&](CoAttendanceRequest request, QueryBudget& b) {
    return ListCoAttendees(store_, request, b).status().code();
  };
  EXPECT_EQ(co_code({"ubnd"}, budget), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(co_code({"x", "", "", 0, "", kMaxMeetingsPerAttendee + 1}, budget),
            absl::StatusCode::kInvalidArgument);
  QueryBudget small(3, nullptr);  // x alone has 6 edges... of ATTENDED: 4.
  EXPECT_EQ(co_code({"x"}, small), absl::StatusCode::kResourceExhausted);
  QueryBudget late(1000, [] { return absl::DeadlineExceededError("late"); });
  EXPECT_EQ(co_code({"x"}, late), absl::StatusCode::kDeadlineExceeded);
  auto traverse_code = [&](TraverseRequest request, QueryBudget& b) {
    return Traverse(store_, request, b, [](TraverseStep) { return true; })
        .code();
  };
  EXPECT_EQ(traverse_code({""}, budget), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(traverse_code({"nobody"}, budget), absl::StatusCode::kNotFound);
  EXPECT_EQ(traverse_code({"x", kMaxTraverseHops + 1}, budget),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      traverse_code({"x", 1, {}, {static_cast<EntityKind>(0xFF)}}, budget),
      absl::StatusCode::kInvalidArgument);
  QueryBudget tiny(5, nullptr);
  EXPECT_EQ(traverse_code({"x", 3}, tiny),
            absl::StatusCode::kResourceExhausted);
  QueryBudget cancelled(1000, [] { return absl::CancelledError("gone"); });
  EXPECT_EQ(FindPaths(store_, {"x", "y"}, cancelled).status().code(),
            absl::StatusCode::kCancelled);
}

// Each query charges what it keeps (visited ids, tallies, collected
// entities) to the budget: a small memory cap stops it with
// RESOURCE_EXHAUSTED naming the cap, long before the step cap.
TEST_F(RelationshipQueriesTest, MemoryBudgetStopsEveryWalkingQuery) {
  const int64_t kSteps = 1000000;
  auto exhausted = [](const absl::Status& status) {
    return status.code() == absl::StatusCode::kResourceExhausted &&
           absl::StrContains(status.message(), "MiB");
  };
  QueryBudget co(kSteps, nullptr, /*max_bytes=*/64);
  EXPECT_TRUE(exhausted(ListCoAttendees(store_, {"x"}, co).status()));
  QueryBudget paths(kSteps, nullptr, 64);
  EXPECT_TRUE(exhausted(FindPaths(store_, {"x", "y"}, paths).status()));
  QueryBudget traverse(kSteps, nullptr, 64);
  EXPECT_TRUE(exhausted(
      Traverse(store_, {"x", 3}, traverse, [](TraverseStep) { return true; })));
  QueryBudget meetings(kSteps, nullptr, 64);
  EXPECT_TRUE(exhausted(ListMeetings(store_, {"x"}, meetings).status()));

  QueryBudget roomy(kSteps, nullptr, QueryBudget::kDefaultMaxBytes);
  EXPECT_TRUE(ListCoAttendees(store_, {"x"}, roomy).ok());
  EXPECT_GT(roomy.held_bytes(), 0);
}

}  // namespace
}  // namespace govgraph::query
