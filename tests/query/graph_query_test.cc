#include "server/query/graph_query.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/query/page_token.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::query {
namespace {

using storage::EdgeHit;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// What identifies a relation on a page: (direction, type, source, target,
// role).
using RelationKey =
    std::tuple<Direction, RelationType, std::string, std::string, std::string>;

RelationKey KeyOf(const EdgeHit& hit) {
  return {hit.direction, hit.relation.type, hit.relation.source_id,
          hit.relation.target_id, hit.relation.role};
}

std::vector<RelationKey> KeysOf(const std::vector<EdgeHit>& hits) {
  std::vector<RelationKey> keys;
  keys.reserve(hits.size());
  for (const EdgeHit& hit : hits) keys.push_back(KeyOf(hit));
  return keys;
}

std::vector<std::string> IdsOf(const std::vector<Entity>& entities) {
  std::vector<std::string> ids;
  ids.reserve(entities.size());
  for (const Entity& entity : entities) ids.push_back(entity.id);
  return ids;
}

class GraphQueryTest : public ::testing::Test {
 protected:
  void Put(const std::string& id, EntityKind kind, const std::string& name,
           std::vector<std::string> aliases = {}) {
    Entity entity;
    entity.id = id;
    entity.kind = kind;
    entity.name = name;
    entity.aliases = std::move(aliases);
    store_.PutEntity(std::move(entity));
  }

  void Relate(RelationType type, const std::string& source,
              const std::string& target, const std::string& role = "") {
    Relation relation;
    relation.type = type;
    relation.source_id = source;
    relation.target_id = target;
    relation.role = role;
    ASSERT_TRUE(store_.PutRelation(std::move(relation)).ok());
  }

  // "hub" has 21 outgoing edges (11 HOLDS_POSITION, two of them parallel,
  // and 10 ATTENDED) and 15 incoming (8 ADDRESSED_TO, 7 MENTIONED_IN).
  void BuildHub() {
    Put("hub", EntityKind::kPerson, "Nguyễn Phước Lộc");
    for (int i = 0; i < 10; ++i) {
      const std::string org = absl::StrFormat("o%02d", i);
      const std::string meeting = absl::StrFormat("m%02d", i);
      Put(org, EntityKind::kOrganization, absl::StrCat("Tổ chức ", i));
      Put(meeting, EntityKind::kMeeting, absl::StrCat("Cuộc họp ", i));
      Relate(RelationType::kHoldsPosition, "hub", org, "Phó Bí thư");
      Relate(RelationType::kAttended, "hub", meeting);
    }
    Relate(RelationType::kHoldsPosition, "hub", "o03", "Bí thư");
    for (int i = 0; i < 8; ++i) {
      const std::string directive = absl::StrFormat("d%02d", i);
      Put(directive, EntityKind::kDirective, absl::StrCat("Chỉ thị ", i));
      Relate(RelationType::kAddressedTo, directive, "hub");
    }
    for (int i = 0; i < 7; ++i) {
      const std::string report = absl::StrFormat("r%02d", i);
      Put(report, EntityKind::kReport, absl::StrCat("Bài báo ", i));
      Relate(RelationType::kMentionedIn, report, "hub");
    }
    Relate(RelationType::kPartOf, "o00", "o01");  // Not the hub's.
  }

  // Follows next_page_token from the first page to the last; checks that
  // every page but the last is full and that no page is empty.
  std::vector<EdgeHit> ListAll(RelationsRequest request, int page_size) {
    request.page_size = page_size;
    std::vector<EdgeHit> all;
    for (int pages = 0; pages < 1000; ++pages) {
      absl::StatusOr<RelationsPage> page = query_.ListRelations(request);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      if (!page->next_page_token.empty()) {
        EXPECT_EQ(page->relations.size(), static_cast<size_t>(page_size));
      }
      EXPECT_TRUE(!page->relations.empty() || pages == 0) << "empty page";
      all.insert(all.end(), page->relations.begin(), page->relations.end());
      if (page->next_page_token.empty()) break;
      request.page_token = page->next_page_token;
    }
    return all;
  }

  // Search's counterpart of ListAll.
  std::vector<std::string> SearchAll(SearchRequest request, int page_size) {
    request.page_size = page_size;
    std::vector<std::string> ids;
    for (int pages = 0; pages < 1000; ++pages) {
      absl::StatusOr<SearchPage> page = query_.Search(request);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      if (!page->next_page_token.empty()) {
        EXPECT_EQ(page->entities.size(), static_cast<size_t>(page_size));
      }
      EXPECT_TRUE(!page->entities.empty() || pages == 0) << "empty page";
      for (const std::string& id : IdsOf(page->entities)) ids.push_back(id);
      if (page->next_page_token.empty()) break;
      request.page_token = page->next_page_token;
    }
    return ids;
  }

  absl::StatusCode RelationsCode(const RelationsRequest& request) {
    return query_.ListRelations(request).status().code();
  }

  absl::StatusCode SearchCode(const SearchRequest& request) {
    return query_.Search(request).status().code();
  }

  fakes::FakeGraphStore store_;
  GraphQuery query_{&store_};
};

RelationsRequest Relations(const std::string& id,
                           Direction direction = Direction::kBoth,
                           RelationType type = RelationType::kUnspecified) {
  RelationsRequest request;
  request.entity_id = id;
  request.direction = direction;
  request.type = type;
  return request;
}

SearchRequest Search(const std::string& query,
                     EntityKind kind = EntityKind::kUnspecified) {
  SearchRequest request;
  request.query = query;
  request.kind = kind;
  return request;
}

// ---------------------------------------------------------------- GetEntity

TEST_F(GraphQueryTest, GetEntityReturnsStoredEntity) {
  Put("p1", EntityKind::kPerson, "Nguyễn Phước Lộc");
  absl::StatusOr<Entity> entity = query_.GetEntity("p1");
  ASSERT_TRUE(entity.ok()) << entity.status();
  EXPECT_EQ(entity->name, "Nguyễn Phước Lộc");
}

TEST_F(GraphQueryTest, GetEntityRejectsEmptyAndUnknownIds) {
  EXPECT_EQ(query_.GetEntity("").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(query_.GetEntity("nobody").status().code(),
            absl::StatusCode::kNotFound);
}

// ------------------------------------------------------------ ListRelations

TEST_F(GraphQueryTest, OneBigPageListsOutgoingThenIncomingInKeyOrder) {
  BuildHub();
  RelationsRequest request = Relations("hub");
  request.page_size = kMaxPageSize;
  absl::StatusOr<RelationsPage> page = query_.ListRelations(request);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(page->next_page_token, IsEmpty());
  ASSERT_EQ(page->relations.size(), 36u);
  std::vector<RelationKey> keys = KeysOf(page->relations);
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));  // kOutgoing first.
  EXPECT_EQ(std::set<RelationKey>(keys.begin(), keys.end()).size(), 36u);
  EXPECT_EQ(std::get<0>(keys[20]), Direction::kOutgoing);
  EXPECT_EQ(std::get<0>(keys[21]), Direction::kIncoming);
  EXPECT_EQ(page->relations[0].other.id, "o00");
  EXPECT_EQ(page->relations[35].other.id, "r06");
}

TEST_F(GraphQueryTest, SmallPagesInBothDirectionsCollectEveryRelationOnce) {
  BuildHub();
  RelationsRequest big = Relations("hub");
  big.page_size = kMaxPageSize;
  const std::vector<RelationKey> expected =
      KeysOf(query_.ListRelations(big)->relations);
  ASSERT_EQ(expected.size(), 36u);
  // 3, 7 and 21 end a page exactly where the outgoing edges end.
  for (int page_size : {1, 2, 3, 4, 5, 7, 8, 21, 35, 36, 37}) {
    EXPECT_EQ(KeysOf(ListAll(Relations("hub"), page_size)), expected)
        << "page_size " << page_size;
  }
}

TEST_F(GraphQueryTest, SingleDirectionPagesStayInThatDirection) {
  BuildHub();
  const std::vector<EdgeHit> out =
      ListAll(Relations("hub", Direction::kOutgoing), 4);
  const std::vector<EdgeHit> in =
      ListAll(Relations("hub", Direction::kIncoming), 4);
  ASSERT_EQ(out.size(), 21u);
  ASSERT_EQ(in.size(), 15u);
  for (const EdgeHit& hit : out) {
    EXPECT_EQ(hit.direction, Direction::kOutgoing);
    EXPECT_EQ(hit.relation.source_id, "hub");
  }
  for (const EdgeHit& hit : in) {
    EXPECT_EQ(hit.direction, Direction::kIncoming);
    EXPECT_EQ(hit.relation.target_id, "hub");
  }
  std::vector<RelationKey> both = KeysOf(out);
  for (const RelationKey& key : KeysOf(in)) both.push_back(key);
  EXPECT_EQ(KeysOf(ListAll(Relations("hub"), 4)), both);
}

TEST_F(GraphQueryTest, TypeFilterAppliesToBothDirections) {
  BuildHub();
  std::vector<EdgeHit> holds = ListAll(
      Relations("hub", Direction::kBoth, RelationType::kHoldsPosition), 3);
  ASSERT_EQ(holds.size(), 11u);
  for (const EdgeHit& hit : holds) {
    EXPECT_EQ(hit.relation.type, RelationType::kHoldsPosition);
  }
  std::vector<EdgeHit> addressed = ListAll(
      Relations("hub", Direction::kBoth, RelationType::kAddressedTo), 3);
  ASSERT_EQ(addressed.size(), 8u);
  for (const EdgeHit& hit : addressed) {
    EXPECT_EQ(hit.relation.type, RelationType::kAddressedTo);
    EXPECT_EQ(hit.direction, Direction::kIncoming);
  }
  EXPECT_THAT(ListAll(Relations("hub", Direction::kIncoming,
                                RelationType::kHoldsPosition),
                      3),
              IsEmpty());
}

TEST_F(GraphQueryTest, ParallelEdgesAreBothListed) {
  BuildHub();
  std::set<std::string> roles;
  for (const EdgeHit& hit : ListAll(
           Relations("hub", Direction::kOutgoing, RelationType::kHoldsPosition),
           1)) {
    if (hit.relation.target_id == "o03") roles.insert(hit.relation.role);
  }
  EXPECT_THAT(roles, UnorderedElementsAre("Bí thư", "Phó Bí thư"));
}

TEST_F(GraphQueryTest, LastPageHasEmptyTokenEvenWhenExactlyFull) {
  Put("solo", EntityKind::kPerson, "Solo");
  for (int i = 0; i < 4; ++i) {
    Put(absl::StrCat("o", i), EntityKind::kOrganization, "Org");
    Relate(RelationType::kHoldsPosition, "solo", absl::StrCat("o", i));
  }
  RelationsRequest request = Relations("solo");
  request.page_size = 2;
  absl::StatusOr<RelationsPage> first = query_.ListRelations(request);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_THAT(first->next_page_token, Not(IsEmpty()));
  request.page_token = first->next_page_token;
  absl::StatusOr<RelationsPage> second = query_.ListRelations(request);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->relations.size(), 2u);
  EXPECT_THAT(second->next_page_token, IsEmpty());
  request.page_token.clear();
  request.page_size = 4;
  EXPECT_THAT(query_.ListRelations(request)->next_page_token, IsEmpty());
}

TEST_F(GraphQueryTest, EntityWithoutEdgesHasOneEmptyPage) {
  Put("lonely", EntityKind::kPerson, "Lonely");
  absl::StatusOr<RelationsPage> page =
      query_.ListRelations(Relations("lonely"));
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(page->relations, IsEmpty());
  EXPECT_THAT(page->next_page_token, IsEmpty());
}

TEST_F(GraphQueryTest, DefaultPageSizeApplies) {
  BuildHub();
  for (int i = 0; i < 60; ++i) {
    Put(absl::StrCat("x", i), EntityKind::kMeeting, "Họp");
    Relate(RelationType::kSpokeAt, "hub", absl::StrCat("x", i));
  }
  absl::StatusOr<RelationsPage> page = query_.ListRelations(Relations("hub"));
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->relations.size(),
            static_cast<size_t>(kDefaultRelationsPageSize));
  EXPECT_THAT(page->next_page_token, Not(IsEmpty()));
}

TEST_F(GraphQueryTest, PageSizeMayChangeBetweenPages) {
  BuildHub();
  RelationsRequest request = Relations("hub");
  request.page_size = 3;
  absl::StatusOr<RelationsPage> first = query_.ListRelations(request);
  ASSERT_TRUE(first.ok()) << first.status();
  request.page_token = first->next_page_token;
  request.page_size = kMaxPageSize;
  absl::StatusOr<RelationsPage> rest = query_.ListRelations(request);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(first->relations.size() + rest->relations.size(), 36u);
  EXPECT_THAT(rest->next_page_token, IsEmpty());
}

TEST_F(GraphQueryTest, RelationsRejectBadRequests) {
  BuildHub();
  EXPECT_EQ(RelationsCode(Relations("")), absl::StatusCode::kInvalidArgument);
  RelationsRequest request = Relations("hub");
  request.page_size = -1;
  EXPECT_EQ(RelationsCode(request), absl::StatusCode::kInvalidArgument);
  request.page_size = kMaxPageSize + 1;
  EXPECT_EQ(RelationsCode(request), absl::StatusCode::kInvalidArgument);
  request.page_size = kMaxPageSize;
  EXPECT_EQ(RelationsCode(request), absl::StatusCode::kOk);
  EXPECT_EQ(
      RelationsCode(Relations("hub", Direction::kBoth,
                              static_cast<RelationType>(kMaxRelationType + 1))),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RelationsCode(Relations("hub", static_cast<Direction>(7))),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(GraphQueryTest, UnknownEntityIsNotFound) {
  for (Direction direction :
       {Direction::kBoth, Direction::kOutgoing, Direction::kIncoming}) {
    EXPECT_EQ(RelationsCode(Relations("nobody", direction)),
              absl::StatusCode::kNotFound);
  }
}

TEST_F(GraphQueryTest, TokenFromAnotherRequestIsRejected) {
  BuildHub();
  RelationsRequest first = Relations("hub");
  first.page_size = 2;
  const std::string token = query_.ListRelations(first)->next_page_token;
  ASSERT_THAT(token, Not(IsEmpty()));
  std::vector<RelationsRequest> others = {
      Relations("o00"), Relations("hub", Direction::kOutgoing),
      Relations("hub", Direction::kBoth, RelationType::kAttended)};
  for (RelationsRequest& other : others) {
    other.page_token = token;
    absl::StatusOr<RelationsPage> page = query_.ListRelations(other);
    EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(page.status().message(), HasSubstr("different request"));
  }
  SearchRequest search = Search("nguyen");
  search.page_token = token;
  EXPECT_EQ(SearchCode(search), absl::StatusCode::kInvalidArgument);
}

// Tokens survive restarts, so the fingerprint fields are part of the token
// format: ("relations", entity id, type byte, direction byte).
std::string ForgeRelationsToken(const std::string& id, RelationType type,
                                Direction direction, uint8_t phase) {
  const uint64_t fingerprint = RequestFingerprint(
      {"relations", id, std::string(1, static_cast<char>(type)),
       std::string(1, static_cast<char>(direction))});
  return EncodePageToken(fingerprint, PageToken{phase, ""});
}

TEST_F(GraphQueryTest, TokenPhaseMustBeOneOfTheRequests) {
  BuildHub();
  RelationsRequest out = Relations("hub", Direction::kOutgoing);
  out.page_token = ForgeRelationsToken("hub", RelationType::kUnspecified,
                                       Direction::kOutgoing, 0);
  EXPECT_EQ(RelationsCode(out), absl::StatusCode::kOk);
  out.page_token = ForgeRelationsToken("hub", RelationType::kUnspecified,
                                       Direction::kOutgoing, 1);
  EXPECT_EQ(RelationsCode(out), absl::StatusCode::kInvalidArgument);
  RelationsRequest both = Relations("hub");
  both.page_token = ForgeRelationsToken("hub", RelationType::kUnspecified,
                                        Direction::kBoth, 1);
  absl::StatusOr<RelationsPage> incoming = query_.ListRelations(both);
  ASSERT_TRUE(incoming.ok()) << incoming.status();
  EXPECT_EQ(incoming->relations.front().direction, Direction::kIncoming);
  both.page_token = ForgeRelationsToken("hub", RelationType::kUnspecified,
                                        Direction::kBoth, 2);
  EXPECT_EQ(RelationsCode(both), absl::StatusCode::kInvalidArgument);
}

TEST_F(GraphQueryTest, GarbageAndTruncatedTokensAreRejected) {
  BuildHub();
  RelationsRequest request = Relations("hub");
  request.page_size = 2;
  const std::string token = query_.ListRelations(request)->next_page_token;
  ASSERT_GT(token.size(), 4u);
  for (const std::string& bad :
       {std::string("garbage"), std::string("!!!"), token.substr(0, 4),
        token.substr(0, token.size() - 1), token.substr(0, token.size() - 3),
        token + "A"}) {
    request.page_token = bad;
    EXPECT_EQ(RelationsCode(request), absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

TEST_F(GraphQueryTest, StoreErrorsPassThrough) {
  BuildHub();
  store_.FailWith(absl::UnavailableError("busy"));
  EXPECT_EQ(RelationsCode(Relations("hub")), absl::StatusCode::kUnavailable);
  EXPECT_EQ(SearchCode(Search("nguyen")), absl::StatusCode::kUnavailable);
  EXPECT_EQ(query_.GetStats().status().code(), absl::StatusCode::kUnavailable);
}

// ------------------------------------------------------------------- Search

TEST_F(GraphQueryTest, SearchIgnoresCaseDiacriticsAndSpacing) {
  Put("loc", EntityKind::kPerson, "Nguyễn Phước Lộc");
  Put("a", EntityKind::kPerson, "Nguyễn Văn A");
  Put("b", EntityKind::kPerson, "Trần Văn B");
  for (const char* query : {"nguyen phuoc loc", "NGUYỄN PHƯỚC", "Nguyen Phuoc",
                            "  nguyễn   phước   lộc  ", "NGUYEN PHUOC LOC"}) {
    EXPECT_THAT(SearchAll(Search(query), 10), ElementsAre("loc")) << query;
  }
  EXPECT_THAT(SearchAll(Search("NGUYỄN"), 10), ElementsAre("loc", "a"));
  EXPECT_THAT(SearchAll(Search("đ"), 10), IsEmpty());
}

TEST_F(GraphQueryTest, SearchFindsByAliasAndDFolding) {
  Put("btc", EntityKind::kOrganization, "Bộ Tài chính", {"BTC"});
  Put("dn", EntityKind::kOrganization, "Thành phố Đà Nẵng", {"Đà Nẵng"});
  EXPECT_THAT(SearchAll(Search("btc"), 10), ElementsAre("btc"));
  EXPECT_THAT(SearchAll(Search("bo tai"), 10), ElementsAre("btc"));
  EXPECT_THAT(SearchAll(Search("da nang"), 10), ElementsAre("dn"));
  EXPECT_THAT(SearchAll(Search("ĐÀ"), 10), ElementsAre("dn"));
}

TEST_F(GraphQueryTest, SearchFiltersByKind) {
  Put("p1", EntityKind::kPerson, "Nguyễn Văn Nam");
  Put("o1", EntityKind::kOrganization, "Ngân hàng Nhà nước", {"NHNN"});
  Put("m1", EntityKind::kMeeting, "Ngày hội");
  EXPECT_THAT(SearchAll(Search("ng"), 10), ElementsAre("o1", "m1", "p1"));
  EXPECT_THAT(SearchAll(Search("ng", EntityKind::kPerson), 10),
              ElementsAre("p1"));
  EXPECT_THAT(SearchAll(Search("ng", EntityKind::kOrganization), 10),
              ElementsAre("o1"));
  EXPECT_THAT(SearchAll(Search("n", EntityKind::kOrganization), 10),
              ElementsAre("o1"));  // Once, though both names match.
  EXPECT_THAT(SearchAll(Search("ng", EntityKind::kDirective), 10), IsEmpty());
}

TEST_F(GraphQueryTest, SearchReportsEntityAtItsFirstMatchingName) {
  Put("z", EntityKind::kPerson, "Lê Zung", {"Lê An"});  // Alias first.
  Put("m", EntityKind::kPerson, "Lê Minh");
  Put("x", EntityKind::kPerson, "Lê Bình", {"An Lê"});  // Alias won't match.
  EXPECT_THAT(SearchAll(Search("le"), 10), ElementsAre("z", "x", "m"));
  EXPECT_THAT(SearchAll(Search("le"), 1), ElementsAre("z", "x", "m"));
  EXPECT_THAT(SearchAll(Search("an"), 10), ElementsAre("x"));
}

TEST_F(GraphQueryTest, SearchDedupsAcrossPagesAndBatches) {
  // 150 entities, each indexed under three names that all match "le": more
  // index entries than one store batch holds.
  std::vector<std::string> expected;
  for (int i = 0; i < 150; ++i) {
    const std::string id = absl::StrFormat("e%03d", i);
    Put(id, i % 2 ? EntityKind::kPerson : EntityKind::kOrganization,
        absl::StrFormat("Lê B %03d", i),
        {absl::StrFormat("LÊ A %03d", i), absl::StrFormat("le c %03d", i)});
    expected.push_back(id);
  }
  for (int page_size : {1, 3, 7, 20, 64, 149, 150, 1000}) {
    EXPECT_EQ(SearchAll(Search("le"), page_size), expected) << page_size;
  }
  std::vector<std::string> people;
  for (int i = 1; i < 150; i += 2) people.push_back(expected[i]);
  for (int page_size : {1, 4, 75, 76}) {
    EXPECT_EQ(SearchAll(Search("lê", EntityKind::kPerson), page_size), people)
        << page_size;
  }
}

TEST_F(GraphQueryTest, SearchLastPageHasEmptyTokenAfterFilteredTail) {
  Put("p1", EntityKind::kPerson, "Hà An");
  Put("p2", EntityKind::kPerson, "Hà Bình");
  for (int i = 0; i < 100; ++i) {
    Put(absl::StrCat("o", i), EntityKind::kOrganization,
        absl::StrFormat("Hà Nội %03d", i));
  }
  SearchRequest request = Search("ha", EntityKind::kPerson);
  request.page_size = 2;
  absl::StatusOr<SearchPage> page = query_.Search(request);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_THAT(IdsOf(page->entities), ElementsAre("p1", "p2"));
  EXPECT_THAT(page->next_page_token, IsEmpty());
  EXPECT_THAT(SearchAll(Search("ha", EntityKind::kPerson), 1),
              ElementsAre("p1", "p2"));
}

TEST_F(GraphQueryTest, SearchDefaultPageSizeApplies) {
  for (int i = 0; i < 25; ++i) {
    Put(absl::StrCat("p", i), EntityKind::kPerson, absl::StrCat("Võ ", i));
  }
  absl::StatusOr<SearchPage> page = query_.Search(Search("vo"));
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->entities.size(), static_cast<size_t>(kDefaultSearchPageSize));
  EXPECT_THAT(page->next_page_token, Not(IsEmpty()));
}

TEST_F(GraphQueryTest, SearchRejectsBadQueries) {
  Put("p", EntityKind::kPerson, "Nguyễn");
  for (const std::string& query :
       {std::string(""), std::string("   \t\n "), std::string("\xff"),
        std::string("Nguy\xe1"), std::string("\xcc\x81")}) {
    EXPECT_EQ(SearchCode(Search(query)), absl::StatusCode::kInvalidArgument)
        << query;
  }
  SearchRequest request = Search("nguyen");
  request.page_size = -1;
  EXPECT_EQ(SearchCode(request), absl::StatusCode::kInvalidArgument);
  request.page_size = kMaxPageSize + 1;
  EXPECT_EQ(SearchCode(request), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SearchCode(Search("nguyen", static_cast<EntityKind>(9))),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(GraphQueryTest, SearchTokenIsBoundToFoldedQueryAndKind) {
  for (int i = 0; i < 5; ++i) {
    Put(absl::StrCat("p", i), EntityKind::kPerson, absl::StrCat("Nguyễn ", i));
  }
  SearchRequest request = Search("nguyen");
  request.page_size = 2;
  const std::string token = query_.Search(request)->next_page_token;
  ASSERT_THAT(token, Not(IsEmpty()));
  SearchRequest same = Search("NGUYỄN");  // Folds to the same query.
  same.page_size = 2;
  same.page_token = token;
  absl::StatusOr<SearchPage> next = query_.Search(same);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_THAT(IdsOf(next->entities), ElementsAre("p2", "p3"));
  for (SearchRequest other :
       {Search("nguy"), Search("nguyen", EntityKind::kPerson)}) {
    other.page_token = token;
    EXPECT_EQ(SearchCode(other), absl::StatusCode::kInvalidArgument);
  }
  request.page_token = token.substr(0, token.size() - 2);
  EXPECT_EQ(SearchCode(request), absl::StatusCode::kInvalidArgument);
  request.page_token = "garbage";
  EXPECT_EQ(SearchCode(request), absl::StatusCode::kInvalidArgument);
}

// ----------------------------------------------------------------- GetStats

TEST_F(GraphQueryTest, GetStatsPassesThrough) {
  BuildHub();
  absl::StatusOr<GraphStats> stats = query_.GetStats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->entities_by_kind[static_cast<int>(EntityKind::kPerson)], 1);
  EXPECT_EQ(
      stats->relations_by_type[static_cast<int>(RelationType::kHoldsPosition)],
      11);
  EXPECT_EQ(stats->reports, 7);
}

}  // namespace
}  // namespace govgraph::query
