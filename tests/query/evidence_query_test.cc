#include "server/query/evidence_query.h"

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/query/page_token.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::query {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// (report id, start) of each item.
std::vector<std::pair<std::string, int>> SpansOf(
    const std::vector<EvidenceItem>& items) {
  std::vector<std::pair<std::string, int>> spans;
  for (const EvidenceItem& item : items) {
    spans.emplace_back(item.evidence.report_id, item.evidence.start);
  }
  return spans;
}

Evidence Span(const std::string& report_id, int start) {
  return Evidence{report_id, start, start + 5,
                  absl::StrCat("Sentence ", start, " of ", report_id, ".")};
}

EvidenceRequest EntityRequest(const std::string& id, int32_t page_size = 0) {
  EvidenceRequest request;
  request.fact = EvidenceRequest::Fact::kEntity;
  request.entity_id = id;
  request.page_size = page_size;
  return request;
}

storage::RelationKeyQuery HoldsPosition(const std::string& role) {
  return storage::RelationKeyQuery{RelationType::kHoldsPosition, "p1", "o1",
                                   role};
}

EvidenceRequest RelationRequest(storage::RelationKeyQuery key) {
  EvidenceRequest request;
  request.fact = EvidenceRequest::Fact::kRelation;
  request.relation = std::move(key);
  return request;
}

class EvidenceQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PutReport("r-old", "Old news", "2023-01-02");
    PutReport("r-new", "New news", "2024-03-15");
    PutReport("r-same-day", "Same day", "2024-03-15");
    PutReport("r-undated", "Undated", "");
    Entity person = MakeEntity("p1", EntityKind::kPerson, "Lộc");
    person.evidence = {Span("r-old", 3), Span("r-undated", 1),
                       Span("r-new", 9), Span("r-same-day", 2),
                       Span("r-new", 4), Span("r-gone", 7)};
    store_.PutEntity(person);
    store_.PutEntity(MakeEntity("o1", EntityKind::kOrganization, "Ban"));
    for (const auto& [role, start] :
         {std::pair<std::string, int>("Trưởng ban", 10),
          std::pair<std::string, int>("Phó Trưởng ban", 20)}) {
      Relation relation;
      relation.type = RelationType::kHoldsPosition;
      relation.source_id = "p1";
      relation.target_id = "o1";
      relation.role = role;
      relation.evidence = {Span("r-old", start)};
      ASSERT_TRUE(store_.PutRelation(std::move(relation)).ok());
    }
  }

  static Entity MakeEntity(const std::string& id, EntityKind kind,
                           const std::string& name) {
    Entity entity;
    entity.id = id;
    entity.kind = kind;
    entity.name = name;
    return entity;
  }

  void PutReport(const std::string& id, const std::string& title,
                 const std::string& date) {
    Entity report = MakeEntity(id, EntityKind::kReport, title);
    report.date = date;
    report.source_url = "https://example.vn/" + id;
    store_.PutEntity(std::move(report));
  }

  void ExpectInvalid(const EvidenceRequest& request,
                     const std::string& message) {
    absl::StatusOr<EvidencePage> page = ListEvidence(store_, request);
    EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument)
        << page.status();
    EXPECT_THAT(page.status().message(), HasSubstr(message));
  }

  fakes::FakeGraphStore store_;
};

TEST_F(EvidenceQueryTest, OrdersNewestReportFirstThenReportIdThenStart) {
  absl::StatusOr<EvidencePage> page = ListEvidence(store_, EntityRequest("p1"));
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(SpansOf(page->items),
              ElementsAre(std::pair<std::string, int>("r-new", 4),
                          std::pair<std::string, int>("r-new", 9),
                          std::pair<std::string, int>("r-same-day", 2),
                          std::pair<std::string, int>("r-old", 3),
                          std::pair<std::string, int>("r-gone", 7),
                          std::pair<std::string, int>("r-undated", 1)));
  EXPECT_THAT(page->next_page_token, IsEmpty());
}

TEST_F(EvidenceQueryTest, JoinsReportsAndLeavesGoneReportsEmpty) {
  absl::StatusOr<EvidencePage> page = ListEvidence(store_, EntityRequest("p1"));
  ASSERT_TRUE(page.ok()) << page.status();
  const EvidenceItem& newest = page->items[0];
  EXPECT_EQ(newest.report_title, "New news");
  EXPECT_EQ(newest.source_url, "https://example.vn/r-new");
  EXPECT_EQ(newest.published_date, "2024-03-15");
  EXPECT_EQ(newest.evidence.sentence, "Sentence 4 of r-new.");
  const EvidenceItem& gone = page->items[4];
  EXPECT_EQ(gone.evidence.report_id, "r-gone");
  EXPECT_THAT(gone.report_title, IsEmpty());
  EXPECT_THAT(gone.source_url, IsEmpty());
  EXPECT_THAT(gone.published_date, IsEmpty());
}

TEST_F(EvidenceQueryTest, PagesVisitEveryItemOnce) {
  absl::StatusOr<EvidencePage> all = ListEvidence(store_, EntityRequest("p1"));
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->items.size(), 6u);
  for (int32_t page_size : {1, 2, 4, 6, 7}) {
    EvidenceRequest request = EntityRequest("p1", page_size);
    std::vector<std::pair<std::string, int>> seen;
    int pages = 0;
    do {
      absl::StatusOr<EvidencePage> page = ListEvidence(store_, request);
      ASSERT_TRUE(page.ok()) << page.status();
      EXPECT_LE(page->items.size(), static_cast<size_t>(page_size));
      for (auto& span : SpansOf(page->items)) seen.push_back(span);
      request.page_token = page->next_page_token;
      ASSERT_LT(++pages, 10);
    } while (!request.page_token.empty());
    // Every item once, in the order of the unpaged list.
    EXPECT_EQ(seen, SpansOf(all->items)) << "page_size " << page_size;
  }
}

TEST_F(EvidenceQueryTest, RelationEvidenceDependsOnRole) {
  absl::StatusOr<EvidencePage> head =
      ListEvidence(store_, RelationRequest(HoldsPosition("Trưởng ban")));
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_THAT(SpansOf(head->items),
              ElementsAre(std::pair<std::string, int>("r-old", 10)));
  EXPECT_EQ(head->items[0].report_title, "Old news");
  absl::StatusOr<EvidencePage> deputy =
      ListEvidence(store_, RelationRequest(HoldsPosition("Phó Trưởng ban")));
  ASSERT_TRUE(deputy.ok()) << deputy.status();
  EXPECT_THAT(SpansOf(deputy->items),
              ElementsAre(std::pair<std::string, int>("r-old", 20)));
}

TEST_F(EvidenceQueryTest, NoFactIsInvalidArgument) {
  ExpectInvalid(EvidenceRequest(), "no fact set");
}

TEST_F(EvidenceQueryTest, EmptyIdsAreInvalidArgument) {
  ExpectInvalid(EntityRequest(""), "entity_id is empty");
  storage::RelationKeyQuery key = HoldsPosition("Trưởng ban");
  key.source_id.clear();
  ExpectInvalid(RelationRequest(key), "is empty");
}

TEST_F(EvidenceQueryTest, UnspecifiedOrUnknownTypeIsInvalidArgument) {
  storage::RelationKeyQuery key = HoldsPosition("Trưởng ban");
  key.type = RelationType::kUnspecified;
  ExpectInvalid(RelationRequest(key), "unspecified or unknown");
  key.type = static_cast<RelationType>(0xFF);
  ExpectInvalid(RelationRequest(key), "unspecified or unknown");
}

TEST_F(EvidenceQueryTest, PageSizeOutOfRangeIsInvalidArgument) {
  ExpectInvalid(EntityRequest("p1", -1), "page_size");
  ExpectInvalid(EntityRequest("p1", kMaxPageSize + 1), "page_size");
  EXPECT_TRUE(ListEvidence(store_, EntityRequest("p1", kMaxPageSize)).ok());
}

TEST_F(EvidenceQueryTest, BadOrForeignPageTokenIsInvalidArgument) {
  EvidenceRequest request = EntityRequest("p1");
  request.page_token = "not a token";
  ExpectInvalid(request, "invalid page_token");
  absl::StatusOr<EvidencePage> first =
      ListEvidence(store_, EntityRequest("p1", 2));
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_FALSE(first->next_page_token.empty());
  EvidenceRequest other = RelationRequest(HoldsPosition("Trưởng ban"));
  other.page_token = first->next_page_token;
  ExpectInvalid(other, "different request");
  request.page_token = first->next_page_token;
  request.page_token.back() = request.page_token.back() == 'A' ? 'B' : 'A';
  ExpectInvalid(request, "invalid page_token");
}

TEST_F(EvidenceQueryTest, UnknownEntityOrRelationIsNotFound) {
  EXPECT_EQ(ListEvidence(store_, EntityRequest("nobody")).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(ListEvidence(store_, RelationRequest(HoldsPosition("Bí thư")))
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST_F(EvidenceQueryTest, StoreErrorsPassThrough) {
  store_.FailWith(absl::UnavailableError("busy"));
  EXPECT_EQ(ListEvidence(store_, EntityRequest("p1")).status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace govgraph::query
