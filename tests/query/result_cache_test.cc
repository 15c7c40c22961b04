#include "server/query/result_cache.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/query/directives_query.h"
#include "server/query/meetings_query.h"
#include "tests/testing/fake_graph_store.h"

namespace govgraph::query {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

ResultCache::Result Entities(int count, const std::string& name = "x") {
  auto entities = std::make_shared<std::vector<Entity>>(count);
  for (int i = 0; i < count; ++i) {
    (*entities)[i].id = absl::StrCat("e", i);
    (*entities)[i].name = name;
  }
  return entities;
}

TEST(ResultCacheTest, FindsOnlyTheSameRequestOnTheSameVersion) {
  ResultCache cache(1 << 20);
  EXPECT_EQ(cache.Find(1, 1), nullptr);
  const ResultCache::Result result = Entities(3);
  cache.Put(1, 1, result);
  EXPECT_EQ(cache.Find(1, 1), result);
  EXPECT_EQ(cache.Find(1, 2), nullptr);  // The graph changed.
  EXPECT_EQ(cache.Find(2, 1), nullptr);  // Another request.
  cache.Put(1, 1, Entities(2));
  EXPECT_EQ(cache.Find(1, 1)->size(), 2u);
}

TEST(ResultCacheTest, DropsTheLeastRecentlyUsedPastItsBytes) {
  const int64_t one = [] {
    ResultCache probe(1 << 20);
    probe.Put(0, 0, Entities(10));
    return probe.held_bytes();
  }();
  ResultCache cache(2 * one + one / 2);
  cache.Put(1, 0, Entities(10));
  cache.Put(2, 0, Entities(10));
  ASSERT_NE(cache.Find(1, 0), nullptr);  // 1 is now the most recent.
  cache.Put(3, 0, Entities(10));
  EXPECT_NE(cache.Find(1, 0), nullptr);
  EXPECT_EQ(cache.Find(2, 0), nullptr);
  EXPECT_NE(cache.Find(3, 0), nullptr);
  EXPECT_EQ(cache.held_bytes(), 2 * one);
}

TEST(ResultCacheTest, DoesNotKeepAResultLargerThanItself) {
  ResultCache cache(100);
  cache.Put(1, 0, Entities(10));
  EXPECT_EQ(cache.Find(1, 0), nullptr);
  EXPECT_EQ(cache.held_bytes(), 0);
}

class CachedListsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Put("org", EntityKind::kOrganization, "");
    Put("p", EntityKind::kPerson, "");
    for (int i = 1; i <= 3; ++i) {
      const std::string m = absl::StrCat("m", i);
      Put(m, EntityKind::kMeeting, absl::StrCat("2017-0", i, "-01"));
      Link(RelationType::kOrganized, "org", m);
      const std::string d = absl::StrCat("d", i);
      Put(d, EntityKind::kDirective, absl::StrCat("2017-0", i, "-02"));
      Link(RelationType::kIssued, "p", d);
    }
  }

  void Put(const std::string& id, EntityKind kind, const std::string& date) {
    Entity entity;
    entity.id = id;
    entity.kind = kind;
    entity.name = id;
    entity.date = date;
    store_.PutEntity(entity);
  }

  void Link(RelationType type, const std::string& from, const std::string& to) {
    Relation relation;
    relation.type = type;
    relation.source_id = from;
    relation.target_id = to;
    ASSERT_TRUE(store_.PutRelation(relation).ok());
  }

  // One page of org's meetings, 1 per page, as ids; its token in `token`.
  std::vector<std::string> MeetingsPageOf(std::string* token) {
    MeetingsRequest request;
    request.entity_id = "org";
    request.page_size = 1;
    request.page_token = *token;
    QueryBudget budget(1000, nullptr);
    absl::StatusOr<MeetingsPage> page =
        ListMeetings(store_, request, budget, &cache_);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> ids;
    if (!page.ok()) return ids;
    for (const Entity& m : page->meetings) ids.push_back(m.id);
    *token = page->next_page_token;
    return ids;
  }

  fakes::FakeGraphStore store_;
  ResultCache cache_{1 << 20};
};

TEST_F(CachedListsTest, LaterPagesComeFromTheFirstPagesList) {
  std::string token;
  EXPECT_THAT(MeetingsPageOf(&token), ElementsAre("m3"));
  EXPECT_GT(cache_.held_bytes(), 0);
  EXPECT_THAT(MeetingsPageOf(&token), ElementsAre("m2"));
  EXPECT_THAT(MeetingsPageOf(&token), ElementsAre("m1"));
  EXPECT_THAT(token, IsEmpty());
}

TEST_F(CachedListsTest, AWriteBetweenPagesIsSeenByTheNextPage) {
  std::string token;
  EXPECT_THAT(MeetingsPageOf(&token), ElementsAre("m3"));
  Put("m2", EntityKind::kMeeting, "2018-01-01");  // Now the newest.
  EXPECT_THAT(MeetingsPageOf(&token), ElementsAre("m3"));
  EXPECT_THAT(MeetingsPageOf(&token), ElementsAre("m1"));
  EXPECT_THAT(token, IsEmpty());
}

TEST_F(CachedListsTest, AFirstPageReadsTheGraphAfresh) {
  std::string token;
  EXPECT_THAT(MeetingsPageOf(&token), ElementsAre("m3"));
  Put("m4", EntityKind::kMeeting, "2019-01-01");
  Link(RelationType::kOrganized, "org", "m4");
  std::string first;
  EXPECT_THAT(MeetingsPageOf(&first), ElementsAre("m4"));
}

TEST_F(CachedListsTest, SingleListsAreNotKept) {
  MeetingsRequest request;
  request.entity_id = "org";
  QueryBudget budget(1000, nullptr);
  ASSERT_TRUE(ListMeetings(store_, request, budget, &cache_).ok());
  EXPECT_EQ(cache_.held_bytes(), 0);
}

TEST_F(CachedListsTest, DirectivesPagesShareTheirList) {
  DirectivesRequest request;
  request.entity_id = "p";
  request.page_size = 2;
  QueryBudget budget(1000, nullptr);
  absl::StatusOr<DirectivesPage> first =
      ListDirectives(store_, request, budget, &cache_);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->directives.size(), 2u);
  EXPECT_EQ(first->directives[0].id, "d3");
  EXPECT_GT(cache_.held_bytes(), 0);
  request.page_token = first->next_page_token;
  absl::StatusOr<DirectivesPage> second =
      ListDirectives(store_, request, budget, &cache_);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_EQ(second->directives.size(), 1u);
  EXPECT_EQ(second->directives[0].id, "d1");
  EXPECT_TRUE(second->next_page_token.empty());
}

}  // namespace
}  // namespace govgraph::query
