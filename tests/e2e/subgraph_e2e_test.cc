// End-to-end tests of `govgraph path --k` and `govgraph subgraph` on
// hand-written facts (tests/testdata/e2e_meetings): bd-2024-02-11.json
//   Xuân -ATTENDED-> Hội nghị (2024-01-05) <-ATTENDED- Yến
//   Xuân -ATTENDED-> Buổi làm việc (2024-02-10) <-CHAIRED- Yến
//   Trung -HOLDS_POSITION-> Sở Tài chính -PART_OF-> UBND tỉnh Bình Định
// and bd-chi-dao-2024-03-01.json
//   Xuân -ISSUED-> giải ngân -ISSUED_AT-> Hội nghị; giải ngân
//   -ADDRESSED_TO-> Sở Tài chính; Xuân -ISSUED-> quyết toán
// so Xuân and Yến are joined by exactly three loopless paths: two of
// length 2 and one of length 3 through the directive.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/graph_cli_fixture.h"

namespace govgraph::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr char kGiaiNgan[] = "d-bd-giai-ngan-2024-01-05";

class SubgraphE2eTest : public GraphE2eTest {
 protected:
  void SetUp() override {
    GraphE2eTest::SetUp();
    if (HasFatalFailure()) return;
    IngestFactFiles(kMeetingsDir,
                    {"bd-2024-02-11.json", "bd-chi-dao-2024-03-01.json"});
  }

  v1::FindPathsResponse Paths(std::vector<std::string> args) {
    args.insert(args.begin(), "path");
    return ParseJson<v1::FindPathsResponse>(Json(args));
  }

  // `subgraph args... --json`: the streamed messages.
  std::vector<v1::ExportSubgraphResponse> Subgraph(
      std::vector<std::string> args) {
    args.insert(args.begin(), "subgraph");
    std::vector<v1::ExportSubgraphResponse> items;
    for (const std::string& line : Lines(Json(args))) {
      items.push_back(ParseJson<v1::ExportSubgraphResponse>(line));
    }
    return items;
  }

  // The node ids, then "SOURCE TYPE TARGET" per relation, of `items`.
  static std::vector<std::string> Ids(
      const std::vector<v1::ExportSubgraphResponse>& items) {
    std::vector<std::string> ids;
    for (const v1::ExportSubgraphResponse& item : items) {
      if (item.has_node()) {
        ids.push_back(item.node().id());
      } else {
        ids.push_back(item.relation().source_id() + " " +
                      v1::RelationType_Name(item.relation().type()) + " " +
                      item.relation().target_id());
      }
    }
    return ids;
  }
};

TEST_F(SubgraphE2eTest, PathKListsTheKShortestLooplessPaths) {
  const v1::FindPathsResponse two = Paths({kXuan, kYen, "--k=2"});
  EXPECT_EQ(two.length(), 2);
  ASSERT_EQ(two.paths_size(), 2);
  EXPECT_THAT(NodeIds(two.paths(0)), ElementsAre(kXuan, kHoiNghi, kYen));
  EXPECT_THAT(NodeIds(two.paths(1)), ElementsAre(kXuan, kLamViec, kYen));

  const v1::FindPathsResponse all = Paths({kXuan, kYen, "--k=20"});
  EXPECT_EQ(all.length(), 2);
  ASSERT_EQ(all.paths_size(), 3);  // k beyond the paths there are.
  EXPECT_THAT(NodeIds(all.paths(2)),
              ElementsAre(kXuan, kGiaiNgan, kHoiNghi, kYen));
  EXPECT_EQ(all.paths(2).relations(0).type(), v1::ISSUED);
  EXPECT_EQ(all.paths(2).relations(1).type(), v1::ISSUED_AT);

  EXPECT_EQ(Paths({kXuan, kYen, "--k=20", "--max_depth=2"}).paths_size(), 2);
  EXPECT_EQ(Paths({kXuan, kYen, "--k=20", "--types=ATTENDED"}).paths_size(), 1);
  EXPECT_EQ(Paths({kXuan, kYen, "--k=5", "--directed"}).length(), -1);
  const v1::FindPathsResponse down =
      Paths({kTrung, kUbnd, "--k=3", "--directed"});
  ASSERT_EQ(down.paths_size(), 1);
  EXPECT_THAT(NodeIds(down.paths(0)), ElementsAre(kTrung, kSo, kUbnd));
}

TEST_F(SubgraphE2eTest, PathKPrintsEachPathWithItsLength) {
  const ProcessResult result = Run({"path", kXuan, kYen, "--k=3"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("length: 2\n"));
  EXPECT_THAT(result.out, HasSubstr("path 1 (length 2): Phan Văn Xuân "
                                    "(p-phan-van-xuan) -[ATTENDED]→ "));
  EXPECT_THAT(result.out, HasSubstr("path 3 (length 3): Phan Văn Xuân "
                                    "(p-phan-van-xuan) -[ISSUED]→ "));
  EXPECT_THAT(result.out, Not(HasSubstr("path 4")));

  ExpectRpcError({"path", kXuan, kYen, "--k=21"}, "INVALID_ARGUMENT");
  ExpectRpcError({"path", kXuan, kYen, "--k=2", "--max_paths=2"},
                 "INVALID_ARGUMENT");
  ExpectRpcError({"path", kXuan, "p-no-such-person", "--k=2"}, "NOT_FOUND");
  ExpectUsageError({"path", kXuan, kYen, "--k=-1"});
  ExpectUsageError({"path", kXuan, kYen, "--k=two"});
}

TEST_F(SubgraphE2eTest, SubgraphStreamsNodesThenRelations) {
  const std::vector<v1::ExportSubgraphResponse> items =
      Subgraph({kTrung, "--max_hops=2"});
  const std::vector<std::string> ids = Ids(items);
  ASSERT_EQ(ids.size(), 7u);
  EXPECT_EQ(ids[0], kTrung);
  EXPECT_EQ(ids[1], kSo);
  EXPECT_THAT(std::vector<std::string>(ids.begin() + 2, ids.begin() + 4),
              UnorderedElementsAre(kUbnd, kGiaiNgan));
  EXPECT_THAT(
      std::vector<std::string>(ids.begin() + 4, ids.end()),
      UnorderedElementsAre(std::string(kTrung) + " HOLDS_POSITION " + kSo,
                           std::string(kSo) + " PART_OF " + kUbnd,
                           std::string(kGiaiNgan) + " ADDRESSED_TO " + kSo));
  for (const v1::ExportSubgraphResponse& item : items) {
    EXPECT_FALSE(item.truncated());
    if (item.has_relation()) {
      EXPECT_EQ(item.relation().evidence_size(), 0);
    }
  }
  EXPECT_THAT(Ids(Subgraph({kTrung, "--max_hops=3", "--kinds=ORGANIZATION"})),
              ElementsAre(kTrung, kSo, kUbnd,
                          std::string(kTrung) + " HOLDS_POSITION " + kSo,
                          std::string(kSo) + " PART_OF " + kUbnd));
  EXPECT_THAT(Ids(Subgraph({kTrung, "--types=PART_OF"})), ElementsAre(kTrung));
  const std::vector<v1::ExportSubgraphResponse> limited =
      Subgraph({kXuan, "--limit=2"});
  ASSERT_EQ(limited.size(), 3u);  // Xuân, one neighbour, their relation.
  EXPECT_TRUE(limited[2].truncated());
}

TEST_F(SubgraphE2eTest, SubgraphPrintsOneLinePerNodeAndRelation) {
  const ProcessResult result = Run({"subgraph", kTrung, "--evidence"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(
      Lines(result.out),
      ElementsAre("node\tPERSON\tp-do-minh-trung\tĐỗ Minh Trung",
                  "node\tORGANIZATION\to-so-tai-chinh-binh-dinh\tSở "
                  "Tài chính tỉnh Bình Định",
                  HasSubstr("relation\tHOLDS_POSITION\tp-do-minh-trung "
                            "-> o-so-tai-chinh-binh-dinh\tGiám đốc\t“")));
  EXPECT_THAT(result.out, HasSubstr("Giám đốc Sở Tài chính tỉnh Bình Định."));
  const ProcessResult bare = Run({"subgraph", kTrung});
  ASSERT_EQ(bare.exit_code, 0) << bare.err;
  EXPECT_THAT(bare.out, Not(HasSubstr("“")));
  const ProcessResult limited = Run({"subgraph", kTrung, "--limit=1"});
  ASSERT_EQ(limited.exit_code, 0) << limited.err;
  EXPECT_THAT(Lines(limited.out),
              ElementsAre("node\tPERSON\tp-do-minh-trung\tĐỗ Minh Trung\t"
                          "(truncated: more nodes within reach)"));
}

TEST_F(SubgraphE2eTest, SubgraphErrors) {
  ExpectRpcError({"subgraph", "p-no-such-person"}, "NOT_FOUND");
  ExpectRpcError({"subgraph", kXuan, "--max_hops=4"}, "INVALID_ARGUMENT");
  ExpectRpcError({"subgraph", kXuan, "--limit=100001"}, "INVALID_ARGUMENT");
  ExpectUsageError({"subgraph", kXuan, "--kinds=CITY"});
  ExpectUsageError({"subgraph", kXuan, "--types=FRIEND_OF"});
  ExpectUsageError({"subgraph", kXuan, "--limit=-1"});
  ExpectUsageError({"subgraph", kXuan, "--max_hops=-1"});
  ExpectUsageError({"subgraph", kXuan, "--directed"});
  ExpectUsageError({"subgraph"});
  ExpectUsageError({"subgraph", kXuan, kYen});
  ExpectUsageError({"traverse", kXuan, "--evidence"});
}

}  // namespace
}  // namespace govgraph::e2e
