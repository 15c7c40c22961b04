#include "server/query/positions_query.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/query/audit_query.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Entity Node(const std::string& id, EntityKind kind, const std::string& name) {
  Entity e;
  e.id = id;
  e.kind = kind;
  e.name = name;
  return e;
}

// Thành ủy X had secretary A (seen Jan-Mar 2017), then B, elected in April
// and seen until September; A is "nguyên Bí thư" by October. C is a deputy
// seen once in 2016, D another deputy since 2017-05.
class PositionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.PutEntity(Node("org:x", EntityKind::kOrganization, "Thành ủy X"));
    for (const char* id : {"a", "b", "c", "d"}) {
      store_.PutEntity(Node(id, EntityKind::kPerson, absl::StrCat("Ông ", id)));
    }
    store_.PutEntity(Node("m1", EntityKind::kMeeting, "Hội nghị"));
    Mandate("a", "Bí thư", "", "2017-10-02", "2017-01-10", "2017-03-20");
    Mandate("b", "Bí thư", "2017-04-05", "", "2017-04-06", "2017-09-01");
    Mandate("c", "Phó Bí thư", "", "", "2016-06-01", "2016-06-01");
    Mandate("d", "Phó Bí thư", "", "", "2017-05-01", "2017-05-01");
  }

  void Mandate(const std::string& person, const std::string& role,
               const std::string& start, const std::string& end,
               const std::string& first_seen, const std::string& last_seen) {
    Relation r;
    r.type = RelationType::kHoldsPosition;
    r.source_id = person;
    r.target_id = "org:x";
    r.role = role;
    r.start_date = start;
    r.end_date = end;
    r.first_seen = first_seen;
    r.last_seen = last_seen;
    ASSERT_TRUE(store_.PutRelation(r).ok());
  }

  // "person role basis" of each mandate.
  std::vector<std::string> List(const std::string& id, const std::string& as_of,
                                const std::string& role = "") {
    PositionsRequest request;
    request.entity_id = id;
    request.as_of = as_of;
    request.role = role;
    absl::StatusOr<PositionsPage> page = ListPositions(store_, request);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> out;
    if (!page.ok()) return out;
    for (const query::Mandate& m : page->mandates) {
      out.push_back(absl::StrCat(m.person.id, " ", m.role, " ",
                                 static_cast<int>(m.basis)));
    }
    return out;
  }

  absl::StatusCode Code(PositionsRequest request) {
    return ListPositions(store_, request).status().code();
  }

  fakes::FakeGraphStore store_;
};

constexpr int kEvidenced = static_cast<int>(MandateBasis::kEvidenced);
constexpr int kPresumed = static_cast<int>(MandateBasis::kPresumed);

TEST_F(PositionsTest, WhoHeldTheRoleOnADate) {
  EXPECT_THAT(List("org:x", "2017-02-01", "bi thu"),
              ElementsAre(absl::StrCat("a Bí thư ", kEvidenced)));
  // After A was last seen, before B was elected: A presumably still.
  EXPECT_THAT(List("org:x", "2017-04-01", "Bí thư"),
              ElementsAre(absl::StrCat("a Bí thư ", kPresumed)));
  // B took over: A is no longer presumed.
  EXPECT_THAT(List("org:x", "2017-06-01", "BÍ THƯ"),
              ElementsAre(absl::StrCat("b Bí thư ", kEvidenced)));
  EXPECT_THAT(List("org:x", "2018-01-01", "Bí thư"),
              ElementsAre(absl::StrCat("b Bí thư ", kPresumed)));
  EXPECT_THAT(List("org:x", "2016-01-01", "Bí thư"), IsEmpty());
}

TEST_F(PositionsTest, DeputiesAreNeverTakenOver) {
  // C was seen once, a year before D started: still presumed.
  EXPECT_THAT(List("org:x", "2017-05-01", "Phó Bí thư"),
              ElementsAre(absl::StrCat("d Phó Bí thư ", kEvidenced),
                          absl::StrCat("c Phó Bí thư ", kPresumed)));
}

TEST_F(PositionsTest, PostsOfAPerson) {
  EXPECT_THAT(List("a", "2017-02-01"),
              ElementsAre(absl::StrCat("a Bí thư ", kEvidenced)));
  EXPECT_THAT(List("a", "2017-06-01"), IsEmpty());
  EXPECT_THAT(List("a", "2017-12-01"), IsEmpty());  // Past the end bound.
  EXPECT_THAT(List("a", ""), ElementsAre("a Bí thư 0"));
}

TEST_F(PositionsTest, EveryMandateLatestFirstAndPaged) {
  EXPECT_THAT(List("org:x", ""), ElementsAre("d Phó Bí thư 0", "b Bí thư 0",
                                             "a Bí thư 0", "c Phó Bí thư 0"));
  PositionsRequest request;
  request.entity_id = "org:x";
  request.page_size = 3;
  absl::StatusOr<PositionsPage> first = ListPositions(store_, request);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->mandates.size(), 3u);
  request.page_token = first->next_page_token;
  absl::StatusOr<PositionsPage> second = ListPositions(store_, request);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->mandates.size(), 1u);
  EXPECT_EQ(second->mandates[0].person.id, "c");
  EXPECT_TRUE(second->next_page_token.empty());
  // The token belongs to this request only.
  request.as_of = "2017-06-01";
  EXPECT_EQ(Code(request), absl::StatusCode::kInvalidArgument);
}

TEST_F(PositionsTest, Errors) {
  PositionsRequest request;
  EXPECT_EQ(Code(request), absl::StatusCode::kInvalidArgument);  // No id.
  request.entity_id = "nobody";
  EXPECT_EQ(Code(request), absl::StatusCode::kNotFound);
  request.entity_id = "m1";
  EXPECT_EQ(Code(request), absl::StatusCode::kInvalidArgument);  // A meeting.
  request.entity_id = "a";
  for (const char* bad : {"2017-02-30", "2017-2-1", "yesterday", "2017"}) {
    request.as_of = bad;
    EXPECT_EQ(Code(request), absl::StatusCode::kInvalidArgument) << bad;
  }
  request.as_of = "";
  request.page_size = -1;
  EXPECT_EQ(Code(request), absl::StatusCode::kInvalidArgument);
  request.page_size = 0;
  request.page_token = "garbage";
  EXPECT_EQ(Code(request), absl::StatusCode::kInvalidArgument);
}

TEST(AuditQueryTest, NewestFirstFilteredAndPaged) {
  fakes::FakeGraphStore store;
  for (const char* id : {"p1", "p2", "p3"}) {
    store.PutEntity(Node(id, EntityKind::kPerson, id));
  }
  const storage::CurationInfo info{"c", "r", 1};
  ASSERT_TRUE(store.MergeEntities({"p2", "p1", info}).ok());
  ASSERT_TRUE(store.MergeEntities({"p3", "p1", info}).ok());
  ASSERT_TRUE(store.MergeEntities({"p3", "p2", info}).ok());

  AuditRequest request;
  request.entity_id = "p1";
  request.page_size = 1;
  absl::StatusOr<AuditPage> page = ListAudit(store, request);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->entries.size(), 1u);
  EXPECT_EQ(page->entries[0].id, 2u);
  request.page_token = page->next_page_token;
  page = ListAudit(store, request);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->entries.size(), 1u);
  EXPECT_EQ(page->entries[0].id, 1u);
  EXPECT_TRUE(page->next_page_token.empty());

  AuditRequest all;
  page = ListAudit(store, all);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->entries.size(), 3u);
  all.page_token = request.page_token;  // Issued for another filter.
  EXPECT_EQ(ListAudit(store, all).status().code(),
            absl::StatusCode::kInvalidArgument);
  all.page_token = "";
  all.page_size = 1001;
  EXPECT_EQ(ListAudit(store, all).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace govgraph::query
