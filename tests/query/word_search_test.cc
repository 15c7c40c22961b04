#include "server/query/word_search.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/text.h"
#include "tests/query/test_graph.h"

namespace govgraph::query {
namespace {

using ::testing::ElementsAre;
using testing::StoreKind;
using testing::TestGraph;
using testing::TestStore;

class WordSearchTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override {
    TestGraph graph;
    graph.Named("o-hcm", EntityKind::kOrganization,
                "Thành ủy Thành phố Hồ Chí Minh", {"Thành ủy TP.HCM"});
    graph.Named("o-hn", EntityKind::kOrganization, "Thành ủy Hà Nội");
    graph.Named("o-ubnd", EntityKind::kOrganization,
                "Ủy ban nhân dân Thành phố Hồ Chí Minh");
    graph.Named("p-minh", EntityKind::kPerson, "Hồ Chí Minh");
    graph.Named("p10", EntityKind::kPerson, "Lê Minh Hồ");
    graph.Named("p9", EntityKind::kPerson, "Lê Minh Hồ");
    graph.Named("p-hoa", EntityKind::kPerson, "Nguyễn Văn Hòa");
    ASSERT_TRUE(store_.Load(graph).ok());
  }

  std::vector<std::string> Ids(const std::string& query,
                               EntityKind kind = EntityKind::kUnspecified) {
    absl::StatusOr<WordSearchPage> page =
        SearchWords(store_.store(), {FoldName(query), kind, 100, "", 100});
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> ids;
    if (!page.ok()) return ids;
    for (const Entity& entity : page->entities) ids.push_back(entity.id);
    return ids;
  }

  absl::StatusCode Code(const WordSearchRequest& request) {
    return SearchWords(store_.store(), request).status().code();
  }

  TestStore store_{GetParam()};
};

TEST_P(WordSearchTest, EveryWordWholeInAnyOrderRankedByHowWellANameMatches) {
  // Exact name, then the words together in order (fewer other words first),
  // then all words in one name out of order; ties by name, then id with
  // digit runs by value.
  EXPECT_THAT(Ids("hồ chí minh"), ElementsAre("p-minh", "o-hcm", "o-ubnd"));
  EXPECT_THAT(Ids("minh ho"),
              ElementsAre("p9", "p10", "p-minh", "o-hcm", "o-ubnd"));
  // Whole words only: "ho" is not "hoa", "thanh" is not a prefix match.
  EXPECT_THAT(Ids("van ho"), ElementsAre());
  EXPECT_THAT(Ids("Nguyễn VĂN hoa"), ElementsAre("p-hoa"));
  // An alias counts like a name.
  EXPECT_THAT(Ids("tp hcm"), ElementsAre("o-hcm"));
}

TEST_P(WordSearchTest, KindFilterAndPages) {
  EXPECT_THAT(Ids("ho chi minh", EntityKind::kPerson), ElementsAre("p-minh"));
  WordSearchRequest request{FoldName("minh ho"), EntityKind::kUnspecified, 2,
                            "", 100};
  std::vector<std::string> ids;
  do {
    absl::StatusOr<WordSearchPage> page = SearchWords(store_.store(), request);
    ASSERT_TRUE(page.ok()) << page.status();
    ASSERT_LE(page->entities.size(), 2u);
    for (const Entity& entity : page->entities) ids.push_back(entity.id);
    request.page_token = page->next_page_token;
  } while (!request.page_token.empty());
  EXPECT_THAT(ids, ElementsAre("p9", "p10", "p-minh", "o-hcm", "o-ubnd"));
}

TEST_P(WordSearchTest, Errors) {
  auto request = [](std::string folded) {
    WordSearchRequest r;
    r.folded_query = std::move(folded);
    return r;
  };
  EXPECT_EQ(Code(request(FoldName("..."))), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Code(request("a b c d e f g h i j k")),
            absl::StatusCode::kInvalidArgument);
  WordSearchRequest bad_token = request("ho");
  bad_token.page_token = "not-a-token";
  EXPECT_EQ(Code(bad_token), absl::StatusCode::kInvalidArgument);
  WordSearchRequest broad = request("minh");
  broad.max_candidates = 3;
  EXPECT_EQ(Code(broad), absl::StatusCode::kResourceExhausted);
  broad.max_candidates = 5;
  EXPECT_EQ(Code(broad), absl::StatusCode::kOk);
}

INSTANTIATE_TEST_SUITE_P(Stores, WordSearchTest,
                         ::testing::Values(StoreKind::kFake,
                                           StoreKind::kRocksDb),
                         testing::StoreName);

}  // namespace
}  // namespace govgraph::query
