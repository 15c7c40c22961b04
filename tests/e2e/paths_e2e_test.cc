// End-to-end tests of `govgraph path` on hand-written facts
// (tests/testdata/e2e_meetings/bd-2024-02-11.json), an exact graph:
//   Xuân -ATTENDED-> Hội nghị (2024-01-05) <-ATTENDED- Yến
//   Xuân -ATTENDED-> Buổi làm việc (2024-02-10) <-CHAIRED- Yến
//   Trung -HOLDS_POSITION-> Sở Tài chính -PART_OF-> UBND tỉnh Bình Định
// so Xuân and Yến are joined by two shortest paths of length 2, neither of
// them directed, and Trung reaches the UBND along the relations. The
// Quảng Nam facts of meetings_e2e_test.cc are loaded too, unconnected.
#include <algorithm>
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

// Expects `path` to be well formed: one relation fewer than nodes, each
// joining its two nodes (from source to target if `directed`), with an
// evidence sentence; nodes without evidence.
void ExpectWellFormed(const v1::Path& path, bool directed) {
  ASSERT_EQ(path.relations_size() + 1, path.nodes_size());
  for (int i = 0; i < path.relations_size(); ++i) {
    const v1::Relation& relation = path.relations(i);
    const std::string& from = path.nodes(i).id();
    const std::string& to = path.nodes(i + 1).id();
    const bool forward =
        relation.source_id() == from && relation.target_id() == to;
    const bool backward =
        relation.source_id() == to && relation.target_id() == from;
    EXPECT_TRUE(forward || (!directed && backward)) << relation.DebugString();
    ASSERT_FALSE(relation.evidence().empty()) << relation.DebugString();
    EXPECT_FALSE(relation.evidence(0).sentence().empty());
  }
  for (const v1::Entity& node : path.nodes()) {
    EXPECT_TRUE(node.evidence().empty()) << node.id();
  }
}

class PathsE2eTest : public GraphE2eTest {
 protected:
  void SetUp() override {
    GraphE2eTest::SetUp();
    if (HasFatalFailure()) return;
    IngestFactFiles(kMeetingsDir, {"bd-2024-02-11.json", "qn-2023-03-16.json",
                                   "qn-2023-09-06.json", "qn-khong-ngay.json"});
  }

  // `path args... --json`; checks every path returned.
  v1::FindPathsResponse Paths(std::vector<std::string> args) {
    args.insert(args.begin(), "path");
    const auto response = ParseJson<v1::FindPathsResponse>(Json(args));
    const bool directed =
        std::find(args.begin(), args.end(), "--directed") != args.end();
    for (const v1::Path& path : response.paths()) {
      EXPECT_EQ(path.relations_size(), response.length());
      ExpectWellFormed(path, directed);
    }
    if (response.length() < 0) {
      EXPECT_EQ(response.paths_size(), 0);
    }
    return response;
  }

  // The middle nodes of the paths `path args...` finds between Xuân and Yến.
  std::vector<std::string> Meetings(std::vector<std::string> args) {
    args.insert(args.begin(), {kXuan, kYen});
    const v1::FindPathsResponse found = Paths(args);
    std::vector<std::string> middles;
    for (const v1::Path& path : found.paths()) {
      EXPECT_EQ(path.nodes_size(), 3);
      if (path.nodes_size() == 3) middles.push_back(path.nodes(1).id());
    }
    return middles;
  }
};

TEST_F(PathsE2eTest, PersonsMeetThroughAMeeting) {
  const v1::FindPathsResponse found = Paths({kXuan, kYen});
  EXPECT_EQ(found.length(), 2);
  ASSERT_EQ(found.paths_size(), 1);
  const v1::Path& path = found.paths(0);
  EXPECT_EQ(path.nodes(0).id(), kXuan);
  EXPECT_EQ(path.nodes(0).display_name(), "Phan Văn Xuân");
  EXPECT_EQ(path.nodes(2).id(), kYen);
  EXPECT_EQ(path.nodes(1).kind(), v1::MEETING);
  EXPECT_EQ(path.relations(0).type(), v1::ATTENDED);
  EXPECT_EQ(path.relations(0).evidence(0).report_id(), "bd-2024-02-11");
}

TEST_F(PathsE2eTest, MaxPathsListsEveryShortestPath) {
  EXPECT_THAT(Meetings({"--max_paths=2"}),
              UnorderedElementsAre(kHoiNghi, kLamViec));
  EXPECT_THAT(Meetings({"--max_paths=100"}),
              UnorderedElementsAre(kHoiNghi, kLamViec));
  EXPECT_EQ(Meetings({"--max_paths=1"}).size(), 1u);
  EXPECT_EQ(Meetings({}).size(), 1u);
}

TEST_F(PathsE2eTest, TypesKeepOnlyPathsOfThoseRelations) {
  EXPECT_THAT(Meetings({"--types=ATTENDED", "--max_paths=5"}),
              ElementsAre(kHoiNghi));
  EXPECT_THAT(Meetings({"--types=attended,chaired", "--max_paths=5"}),
              UnorderedElementsAre(kHoiNghi, kLamViec));
  for (const char* types : {"--types=CHAIRED", "--types=HOLDS_POSITION"}) {
    const v1::FindPathsResponse none = Paths({kXuan, kYen, types});
    EXPECT_EQ(none.length(), -1) << types;
    EXPECT_EQ(none.paths_size(), 0) << types;
  }
  EXPECT_EQ(Paths({kTrung, kUbnd, "--types=HOLDS_POSITION,PART_OF"}).length(),
            2);
  EXPECT_EQ(Paths({kTrung, kUbnd, "--types=PART_OF"}).length(), -1);
}

TEST_F(PathsE2eTest, DirectedFollowsRelationsFromSourceToTarget) {
  EXPECT_EQ(Paths({kXuan, kYen, "--directed"}).length(), -1);
  const v1::FindPathsResponse down = Paths({kTrung, kUbnd, "--directed"});
  ASSERT_EQ(down.paths_size(), 1);
  EXPECT_THAT(NodeIds(down.paths(0)), ElementsAre(kTrung, kSo, kUbnd));
  EXPECT_EQ(Paths({kUbnd, kTrung, "--directed"}).length(), -1);
  const v1::FindPathsResponse up = Paths({kUbnd, kTrung});
  ASSERT_EQ(up.paths_size(), 1);
  EXPECT_THAT(NodeIds(up.paths(0)), ElementsAre(kUbnd, kSo, kTrung));
  EXPECT_EQ(up.paths(0).relations(0).type(), v1::PART_OF);
  EXPECT_EQ(up.paths(0).relations(0).source_id(), kSo);
}

TEST_F(PathsE2eTest, MaxDepthBoundsTheLength) {
  EXPECT_EQ(Paths({kXuan, kYen, "--max_depth=1"}).length(), -1);
  EXPECT_EQ(Paths({kXuan, kYen, "--max_depth=2"}).length(), 2);
  EXPECT_EQ(Paths({kTrung, kSo, "--max_depth=1"}).length(), 1);
  // Unconnected: Bình Định and Quảng Nam.
  EXPECT_EQ(Paths({kXuan, "p-le-tri-thanh", "--max_depth=10"}).length(), -1);
}

TEST_F(PathsE2eTest, PrintsChainsAndEvidence) {
  const ProcessResult up = Run({"path", kUbnd, kTrung});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_THAT(up.out, HasSubstr("length: 2\n"));
  EXPECT_THAT(up.out,
              HasSubstr("UBND tỉnh Bình Định (o-ubnd-binh-dinh) ←[PART_OF]- "
                        "Sở Tài chính tỉnh Bình Định (o-so-tai-chinh-binh-dinh)"
                        " ←[HOLDS_POSITION]- Đỗ Minh Trung (p-do-minh-trung)"));
  EXPECT_THAT(up.out, HasSubstr("Sở Tài chính là cơ quan chuyên môn thuộc "
                                "UBND tỉnh Bình Định."));
  EXPECT_THAT(up.out, HasSubstr("Giám đốc Sở Tài chính tỉnh Bình Định."));

  const ProcessResult down = Run({"path", kTrung, kUbnd});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_THAT(down.out,
              HasSubstr("Đỗ Minh Trung (p-do-minh-trung) -[HOLDS_POSITION]→ "));
  EXPECT_THAT(down.out, HasSubstr(" -[PART_OF]→ UBND tỉnh Bình Định"));

  const ProcessResult none = Run({"path", kXuan, kYen, "--directed"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_THAT(none.out, HasSubstr("length: -1\n"));
  EXPECT_THAT(none.out, Not(HasSubstr("path 1")));
}

TEST_F(PathsE2eTest, DirectivesOfIssuerAddresseeAndMeeting) {
  IngestFactFiles(kMeetingsDir, {"bd-chi-dao-2024-03-01.json"});
  auto ids = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "directives");
    args.push_back("--all");
    std::vector<std::string> out;
    for (const std::string& line : Lines(Json(args))) {
      const auto page = ParseJson<v1::ListDirectivesResponse>(line);
      for (const v1::Entity& d : page.directives()) out.push_back(d.id());
    }
    return out;
  };
  EXPECT_THAT(ids({kXuan}), ElementsAre("d-bd-quyet-toan-2024-02-28",
                                        "d-bd-giai-ngan-2024-01-05"));
  EXPECT_THAT(ids({kXuan, "--to=2024-01-31"}),
              ElementsAre("d-bd-giai-ngan-2024-01-05"));
  EXPECT_THAT(ids({kSo}), ElementsAre("d-bd-giai-ngan-2024-01-05"));
  EXPECT_THAT(ids({kHoiNghi}), ElementsAre("d-bd-giai-ngan-2024-01-05"));
  const ProcessResult table = Run({"directives", kXuan});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("giải ngân vốn đầu tư công"));
  ExpectRpcError({"directives", "p-no-such-person"}, "NOT_FOUND");
  ExpectRpcError({"directives", kXuan, "--from=2024-02-30"},
                 "INVALID_ARGUMENT");
  ExpectRpcError({"directives", "d-bd-giai-ngan-2024-01-05"},
                 "INVALID_ARGUMENT");
  ExpectUsageError({"directives"});
}

TEST_F(PathsE2eTest, RelationsWithinDates) {
  std::vector<std::string> others;
  for (const v1::RelationView& view :
       Relations({kXuan, "--type=ATTENDED", "--from=2024-02-01",
                  "--page_size=1", "--all"})) {
    others.push_back(view.other().id());
  }
  EXPECT_THAT(others, ElementsAre(kLamViec));
  ExpectRpcError({"relations", kXuan, "--from=2024-03-01", "--to=2024-02-01"},
                 "INVALID_ARGUMENT");
}

TEST_F(PathsE2eTest, Errors) {
  ExpectRpcError({"path", "p-no-such-person", kYen}, "NOT_FOUND");
  ExpectRpcError({"path", kXuan, "p-no-such-person"}, "NOT_FOUND");
  ExpectRpcError({"path", kXuan, kXuan}, "INVALID_ARGUMENT");
  ExpectRpcError({"path", kXuan, kYen, "--max_depth=11"}, "INVALID_ARGUMENT");
  ExpectRpcError({"path", kXuan, kYen, "--max_paths=101"}, "INVALID_ARGUMENT");
  ExpectUsageError({"path", kXuan, kYen, "--types=FRIEND_OF"});
  ExpectUsageError({"path", kXuan, kYen, "--types=ATTENDED,"});
  ExpectUsageError({"path", kXuan, kYen, "--max_depth=-1"});
  ExpectUsageError({"path", kXuan, kYen, "--max_depth=two"});
  ExpectUsageError({"path", kXuan});
  ExpectUsageError({"path", kXuan, kYen, "--sub_units"});
  const ProcessResult bad_type = Run({"path", kXuan, kYen, "--types=FOO"});
  EXPECT_THAT(bad_type.err, HasSubstr("--types"));
  EXPECT_THAT(bad_type.err, HasSubstr("ATTENDED"));
}

TEST_F(PathsE2eTest, TraverseStreamsNodesFewestHopsFirst) {
  std::vector<v1::TraverseResponse> steps;
  for (const std::string& line : Lines(Json({"traverse", kTrung, "--max_hops=2",
                                             "--kinds=PERSON,ORGANIZATION"}))) {
    steps.push_back(ParseJson<v1::TraverseResponse>(line));
  }
  ASSERT_EQ(steps.size(), 3u);  // Trung, his Sở, the UBND above it.
  EXPECT_EQ(steps[0].node().id(), kTrung);
  EXPECT_EQ(steps[1].node().id(), kSo);
  EXPECT_EQ(steps[1].via().type(), v1::HOLDS_POSITION);
  EXPECT_EQ(steps[2].node().id(), kUbnd);
  EXPECT_EQ(steps[2].hops(), 2);
  EXPECT_EQ(steps[2].parent_id(), kSo);

  const ProcessResult limited =
      Run({"traverse", kXuan, "--types=ATTENDED", "--limit=2"});
  ASSERT_EQ(limited.exit_code, 0) << limited.err;
  EXPECT_EQ(Lines(limited.out).size(), 2u);
  EXPECT_THAT(limited.out, HasSubstr("(limit reached)"));
  EXPECT_THAT(limited.out, HasSubstr("-ATTENDED-> p-phan-van-xuan"));

  ExpectRpcError({"traverse", "p-no-such-person"}, "NOT_FOUND");
  ExpectRpcError({"traverse", kXuan, "--max_hops=5"}, "INVALID_ARGUMENT");
  ExpectRpcError({"traverse", kXuan, "--from=2024-02-30"}, "INVALID_ARGUMENT");
  ExpectUsageError({"traverse", kXuan, "--kinds=CITY"});
  ExpectUsageError({"traverse", kXuan, "--direction=up"});
  ExpectUsageError({"traverse", kXuan, "--limit=-1"});
}

}  // namespace
}  // namespace govgraph::e2e
