// End-to-end tests of `govgraph import` on a hand-written property graph
// (tests/testdata/e2e_import): a person with two terms of one role, a
// quoted organisation name with a comma, a meeting two people attended.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/graph_cli_fixture.h"

namespace govgraph::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

const std::string kDir = GOVGRAPH_E2E_IMPORT_DIR;
const std::string kNodes = "--nodes=" + kDir + "/nodes.csv";
const std::string kEdges = "--edges=" + kDir + "/edges.csv";

class ImportE2eTest : public GraphE2eTest {
 protected:
  v1::ImportGraphResponse Import() {
    return ParseJson<v1::ImportGraphResponse>(
        Json({"import", kNodes, kEdges, "--source=e2e-import"}));
  }
};

TEST_F(ImportE2eTest, LoadsEveryRowWithItsLineAsEvidence) {
  const v1::ImportGraphResponse imported = Import();
  EXPECT_EQ(imported.source_id(), "e2e-import");
  EXPECT_EQ(imported.nodes(), 5);
  EXPECT_EQ(imported.edges(), 6);

  const v1::Entity org = Get("3");
  EXPECT_EQ(org.display_name(), "Sở Y tế, tỉnh Quảng Nam");
  ASSERT_THAT(org.evidence(), SizeIs(1));
  EXPECT_EQ(org.evidence(0).report_id(), "e2e-import");
  EXPECT_EQ(org.evidence(0).source_line(), 4);
  EXPECT_EQ(SearchIds("so y te", "ORGANIZATION"),
            std::vector<std::string>{"3"});
}

TEST_F(ImportE2eTest, TwoTermsOfOneRoleAreTwoMandates) {
  Import();
  const auto all =
      ParseJson<v1::ListPositionsResponse>(Json({"positions", "1"}));
  EXPECT_THAT(all.mandates(), SizeIs(2));
  // The first term ends on 2020-01-01: out of office that day.
  const auto on_end = ParseJson<v1::ListPositionsResponse>(
      Json({"positions", "1", "--as_of=2020-01-01"}));
  EXPECT_THAT(on_end.mandates(), SizeIs(0));
  const auto later = ParseJson<v1::ListPositionsResponse>(
      Json({"positions", "1", "--as_of=2030-06-01"}));
  ASSERT_THAT(later.mandates(), SizeIs(1));
  EXPECT_EQ(later.mandates(0).start_date(), "2021-01-01");
  EXPECT_EQ(later.mandates(0).basis(), v1::EVIDENCED);
}

TEST_F(ImportE2eTest, ImportedGraphAnswersRelationshipQueries) {
  Import();
  const auto meetings = ParseJson<v1::ListMeetingsResponse>(
      Json({"meetings", "4", "--sub_units"}));
  ASSERT_THAT(meetings.meetings(), SizeIs(1));
  EXPECT_EQ(meetings.meetings(0).id(), "5");
  const auto co =
      ParseJson<v1::ListCoAttendeesResponse>(Json({"coattendees", "1"}));
  ASSERT_THAT(co.attendees(), SizeIs(1));
  EXPECT_EQ(co.attendees(0).person().id(), "2");
  const auto path = ParseJson<v1::FindPathsResponse>(Json({"path", "2", "4"}));
  EXPECT_EQ(path.length(), 3);  // 2 -> meeting 5 <- org 3 -> org 4.
}

TEST_F(ImportE2eTest, WholeWordSearchRanksTheClosestNameFirst) {
  Import();
  const auto found = ParseJson<v1::SearchEntitiesResponse>(
      Json({"search", "quang nam", "--words"}));
  ASSERT_THAT(found.entities(), SizeIs(2));
  // "UBND tỉnh Quảng Nam" has fewer other words than "Sở Y tế, tỉnh ...".
  EXPECT_EQ(found.entities(0).id(), "4");
  EXPECT_EQ(found.entities(1).id(), "3");
  const auto none = ParseJson<v1::SearchEntitiesResponse>(
      Json({"search", "quang", "--words", "--kind=PERSON"}));
  EXPECT_THAT(none.entities(), SizeIs(0));
  ExpectRpcError({"search", "a b c d e f g h i j k", "--words"},
                 "INVALID_ARGUMENT");
}

TEST_F(ImportE2eTest, BadRowLoadsNothingAndNamesItsLine) {
  const v1::GetStatsResponse before = Counts();
  const ProcessResult result =
      Run({"import", kNodes, "--edges=" + kDir + "/bad_edges.csv"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("INVALID_ARGUMENT: edges.csv line 4: "
                                    "src \"9\" is not a node"));
  EXPECT_EQ(Counts().DebugString(), before.DebugString());
  ExpectRpcError({"get", "1"}, "NOT_FOUND");
}

TEST_F(ImportE2eTest, TakenIdIsAlreadyExistsAndChangesNothing) {
  Import();
  const v1::GetStatsResponse before = Counts();
  ExpectRpcError({"import", kNodes, kEdges}, "ALREADY_EXISTS");
  EXPECT_EQ(Counts().DebugString(), before.DebugString());
}

TEST_F(ImportE2eTest, MissingOrUnreadableFilesAreUsageErrors) {
  ExpectUsageError({"import", kEdges});
  ExpectUsageError({"import", "--nodes=" + kDir + "/no-such.csv"});
  EXPECT_EQ(Counts().entities(), 0);
}

}  // namespace
}  // namespace govgraph::e2e
