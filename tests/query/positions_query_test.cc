#include "server/query/positions_query.h"

#include <cstdint>
#include <string>
#include <utility>
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

// A fake store with HOLDS_POSITION relations put one by one, and the
// mandates ListPositions finds.
class MandatesFixture : public ::testing::Test {
 protected:
  void Put(const std::string& person, const std::string& org,
           const std::string& role, const std::string& start,
           const std::string& end, const std::string& first_seen,
           const std::string& last_seen, std::vector<Evidence> evidence) {
    Relation r;
    r.type = RelationType::kHoldsPosition;
    r.source_id = person;
    r.target_id = org;
    r.role = role;
    r.start_date = start;
    r.end_date = end;
    r.first_seen = first_seen;
    r.last_seen = last_seen;
    r.evidence = std::move(evidence);
    for (const Evidence& e : r.evidence) r.report_ids.push_back(e.report_id);
    ASSERT_TRUE(store_.PutRelation(r).ok());
  }

  // "person role basis" of each mandate of `id` in force on `as_of`.
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

  fakes::FakeGraphStore store_;
};

// Thành ủy X had secretary A (seen Jan-Mar 2017), then B, elected in April
// and seen until September; A is "nguyên Bí thư" by October. C is a deputy
// seen once in 2016, D another deputy since 2017-05.
class PositionsTest : public MandatesFixture {
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
    Put(person, "org:x", role, start, end, first_seen, last_seen, {});
  }

  absl::StatusCode Code(PositionsRequest request) {
    return ListPositions(store_, request).status().code();
  }
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

// End dates are exclusive: the end date is the first day out of office.
// Imported terms (every evidence item a CSV row) are in force from their
// start until their end, or indefinitely, and are never taken over.
class DatedTermsTest : public MandatesFixture {
 protected:
  void SetUp() override {
    store_.PutEntity(Node("org:y", EntityKind::kOrganization, "Sở Y"));
    store_.PutEntity(Node("org:z", EntityKind::kOrganization, "UBND Z"));
    for (const char* id : {"e", "i1", "i2", "i3", "i4", "x"}) {
      store_.PutEntity(Node(id, EntityKind::kPerson, absl::StrCat("Ông ", id)));
    }
    // Extracted from reports: start and end given, seen until the day
    // before the end.
    Put("e", "org:y", "Chủ tịch", "2016-01-01", "2018-03-01", "2016-01-05",
        "2018-02-28", {Report("r1")});
    // Imported terms.
    Put("i1", "org:y", "Giám đốc", "2019-01-01", "2020-06-30", "", "",
        {Imported(12)});
    Put("i2", "org:z", "Chủ tịch", "2015-03-01", "", "", "", {Imported(13)});
    Put("i3", "org:z", "Chủ tịch", "2018-01-01", "", "", "", {Imported(14)});
    // Imported, then also stated by a report: no longer an imported term.
    Put("i4", "org:z", "Bí thư", "2015-01-01", "", "", "",
        {Imported(15), Report("r2")});
    Put("x", "org:z", "Bí thư", "2017-01-01", "", "2017-01-01", "2017-01-01",
        {Report("r3")});
  }

  static Evidence Imported(int32_t line) {
    Evidence e;
    e.report_id = "import";
    e.source_line = line;
    return e;
  }
  static Evidence Report(const std::string& id) {
    Evidence e;
    e.report_id = id;
    e.start = 0;
    e.end = 10;
    e.sentence = "Ông X giữ chức.";
    return e;
  }
};

TEST_F(DatedTermsTest, ExtractedMandateEndsOnItsEndDate) {
  EXPECT_THAT(List("e", "2018-02-28"),
              ElementsAre(absl::StrCat("e Chủ tịch ", kEvidenced)));
  EXPECT_THAT(List("e", "2018-03-01"), IsEmpty());
  EXPECT_THAT(List("e", "2018-03-02"), IsEmpty());
  EXPECT_THAT(List("e", "2016-01-01"),
              ElementsAre(absl::StrCat("e Chủ tịch ", kEvidenced)));
  EXPECT_THAT(List("e", "2015-12-31"), IsEmpty());
}

TEST_F(DatedTermsTest, ImportedTermEndsOnItsEndDate) {
  EXPECT_THAT(List("i1", "2018-12-31"), IsEmpty());
  EXPECT_THAT(List("i1", "2019-01-01"),
              ElementsAre(absl::StrCat("i1 Giám đốc ", kEvidenced)));
  // Long after anything was "seen": imported terms need no report.
  EXPECT_THAT(List("i1", "2020-06-29"),
              ElementsAre(absl::StrCat("i1 Giám đốc ", kEvidenced)));
  EXPECT_THAT(List("i1", "2020-06-30"), IsEmpty());
  EXPECT_THAT(List("org:y", "2020-06-30", "Giám đốc"), IsEmpty());
}

TEST_F(DatedTermsTest, OpenImportedTermIsNeverTakenOver) {
  EXPECT_THAT(List("org:z", "2016-01-01", "Chủ tịch"),
              ElementsAre(absl::StrCat("i2 Chủ tịch ", kEvidenced)));
  // i3 took the same (non-shared) role later; i2's imported term has no
  // end, so both are in force.
  EXPECT_THAT(List("org:z", "2019-01-01", "Chủ tịch"),
              ElementsAre(absl::StrCat("i3 Chủ tịch ", kEvidenced),
                          absl::StrCat("i2 Chủ tịch ", kEvidenced)));
  EXPECT_THAT(List("i2", "2030-01-01"),
              ElementsAre(absl::StrCat("i2 Chủ tịch ", kEvidenced)));
}

TEST_F(DatedTermsTest, TermsWithReportEvidenceFollowTheReportRules) {
  // i4's term is also stated by a report, so it is not an imported term:
  // x took the role in 2017, after anything showed i4 in force.
  EXPECT_THAT(List("org:z", "2016-01-01", "Bí thư"),
              ElementsAre(absl::StrCat("i4 Bí thư ", kPresumed)));
  EXPECT_THAT(List("org:z", "2018-01-01", "Bí thư"),
              ElementsAre(absl::StrCat("x Bí thư ", kPresumed)));
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
