// End-to-end tests of `govgraph positions`: who held a post on a date, from
// four dated reports (tests/testdata/e2e_mandates/) in which one secretary
// of the Hội An party committee follows another:
//   2017-01-10  Trần Văn Bình, Bí thư Thành ủy Hội An
//   2017-04-05  Lê Hữu Phước được bầu giữ chức Bí thư Thành ủy Hội An
//   2017-04-20  Trần Văn Bình, nguyên Bí thư Thành ủy Hội An
//   2017-09-01  Lê Hữu Phước, Bí thư Thành ủy Hội An
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

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kRole[] = "Bí thư";

class MandatesE2eTest : public GraphE2eTest {
 protected:
  void SetUp() override {
    GraphE2eTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_EQ(Count(IngestPaths({kMandatesDir}), "reports_written"), 4);
    binh_ = FindOne("Trần Văn Bình", "person");
    phuoc_ = FindOne("Lê Hữu Phước", "person");
    for (const auto& view : Relations({binh_, "--type=HOLDS_POSITION"})) {
      if (view.relation().role() == kRole) org_ = view.other().id();
    }
    ASSERT_FALSE(binh_.empty() || phuoc_.empty() || org_.empty());
  }

  // `positions args... --all --json`, every page.
  std::vector<v1::Mandate> Positions(std::vector<std::string> args) {
    args.insert(args.begin(), "positions");
    args.push_back("--all");
    std::vector<v1::Mandate> mandates;
    for (const std::string& line : Lines(Json(args))) {
      const auto page = ParseJson<v1::ListPositionsResponse>(line);
      mandates.insert(mandates.end(), page.mandates().begin(),
                      page.mandates().end());
    }
    return mandates;
  }

  // The ids of the persons holding kRole in org_ on `date`.
  std::vector<std::string> SecretariesOn(const std::string& date) {
    std::vector<std::string> persons;
    for (const v1::Mandate& m :
         Positions({org_, "--as_of=" + date, absl::StrCat("--role=", kRole)})) {
      EXPECT_EQ(m.organization().id(), org_);
      EXPECT_NE(m.basis(), v1::MANDATE_BASIS_UNSPECIFIED) << date;
      persons.push_back(m.person().id());
    }
    return persons;
  }

  std::string binh_;
  std::string phuoc_;
  std::string org_;  // Thành ủy Hội An.
};

TEST_F(MandatesE2eTest, AsOfAnswersWhoHeldThePost) {
  EXPECT_THAT(SecretariesOn("2017-02-01"), ElementsAre(binh_));
  EXPECT_THAT(SecretariesOn("2017-06-01"), ElementsAre(phuoc_));
  EXPECT_THAT(SecretariesOn("2017-12-01"), ElementsAre(phuoc_));
  EXPECT_THAT(SecretariesOn("2016-06-01"), ElementsAre());
}

TEST_F(MandatesE2eTest, BasisIsEvidencedWithinReportsPresumedAfter) {
  const auto evidenced =
      Positions({phuoc_, "--as_of=2017-06-01", "--role=BI THU"});
  ASSERT_EQ(evidenced.size(), 1u);
  EXPECT_EQ(evidenced[0].basis(), v1::EVIDENCED);
  EXPECT_EQ(evidenced[0].organization().id(), org_);
  const auto presumed = Positions({phuoc_, "--as_of=2017-12-01"});
  ASSERT_EQ(presumed.size(), 1u);
  EXPECT_EQ(presumed[0].basis(), v1::PRESUMED);
}

TEST_F(MandatesE2eTest, FormerHolderHasNoMandateAfterSuccessor) {
  for (const v1::Mandate& m : Positions({binh_, "--as_of=2017-06-01"})) {
    EXPECT_FALSE(m.organization().id() == org_ && m.role() == kRole)
        << m.DebugString();
  }
  EXPECT_THAT(
      Positions({binh_, "--as_of=2017-06-01", absl::StrCat("--role=", kRole)}),
      ElementsAre());
}

TEST_F(MandatesE2eTest, WithoutDateListsEveryMandateLatestStartFirst) {
  const auto all = Positions({org_, absl::StrCat("--role=", kRole)});
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].person().id(), phuoc_);
  EXPECT_EQ(all[1].person().id(), binh_);
  EXPECT_EQ(all[0].basis(), v1::MANDATE_BASIS_UNSPECIFIED);
  EXPECT_EQ(all[0].last_seen(), "2017-09-01");
  EXPECT_EQ(all[1].first_seen(), "2017-01-10");
  // The report calling him "nguyên Bí thư" does not show him in office.
  EXPECT_EQ(all[1].last_seen(), "2017-01-10");
  EXPECT_THAT(all[1].report_ids(), testing::Contains("hoi-an-1"));
  for (const v1::Mandate& m : all) {
    EXPECT_TRUE(m.person().evidence().empty()) << "mandates carry no evidence";
    EXPECT_EQ(m.role(), kRole);
  }
}

TEST_F(MandatesE2eTest, PagesAndTable) {
  const ProcessResult first =
      Run({"positions", org_, "--page_size=1", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto page = ParseJson<v1::ListPositionsResponse>(first.out);
  EXPECT_EQ(page.mandates_size(), 1);
  EXPECT_FALSE(page.next_page_token().empty());
  EXPECT_EQ(Positions({org_, "--page_size=1"}).size(),
            Positions({org_}).size());

  const ProcessResult table =
      Run({"positions", org_, "--as_of=2017-06-01", "--role=bí thư"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("PERSON"));
  EXPECT_THAT(table.out, HasSubstr("FIRST_SEEN"));
  EXPECT_THAT(table.out, HasSubstr("Lê Hữu Phước"));
  EXPECT_THAT(table.out, HasSubstr("evidenced"));
  EXPECT_THAT(table.out, Not(HasSubstr("Trần Văn Bình")));
}

TEST_F(MandatesE2eTest, RelationsAndGetShowWhenReportsSawIt) {
  const auto views = Relations({phuoc_, "--type=HOLDS_POSITION"});
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].relation().first_seen(), "2017-04-05");
  EXPECT_EQ(views[0].relation().last_seen(), "2017-09-01");
  const v1::Entity phuoc = Get(phuoc_);
  EXPECT_EQ(phuoc.first_seen(), "2017-04-05");
  EXPECT_EQ(phuoc.last_seen(), "2017-09-01");
  const ProcessResult table = Run({"get", phuoc_});
  EXPECT_THAT(table.out, HasSubstr("FIRST_SEEN"));
  EXPECT_THAT(table.out, HasSubstr("2017-09-01"));
  const ProcessResult relations = Run({"relations", phuoc_});
  EXPECT_THAT(relations.out, HasSubstr("LAST_SEEN"));
  EXPECT_THAT(relations.out, HasSubstr("2017-04-05"));
}

TEST_F(MandatesE2eTest, ExtractTableShowsMandateChangesJsonDoesNot) {
  const std::string started = absl::StrCat(kMandatesDir, "/hoi-an-2.txt");
  const std::string ended = absl::StrCat(kMandatesDir, "/hoi-an-3.txt");
  const ProcessResult table = Run({"extract", started, ended});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("[started]"));
  EXPECT_THAT(table.out, HasSubstr("[ended]"));
  const ProcessResult json = Run({"extract", "--json", started, ended});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, Not(HasSubstr("change")));
  EXPECT_THAT(json.out, Not(HasSubstr("MANDATE")));
}

TEST_F(MandatesE2eTest, BadDateUnknownIdAndWrongKindAreErrors) {
  ExpectRpcError({"positions", org_, "--as_of=2017-13-01"}, "INVALID_ARGUMENT");
  ExpectRpcError({"positions", org_, "--as_of=yesterday"}, "INVALID_ARGUMENT");
  ExpectRpcError({"positions", "org:no-such-org"}, "NOT_FOUND");
  ExpectRpcError({"positions", "hoi-an-1"}, "INVALID_ARGUMENT");
  ExpectRpcError({"positions", org_, "--page_token=garbage!!"},
                 "INVALID_ARGUMENT");
  ExpectUsageError({"positions", org_, "--page_size=-1"});
  ExpectUsageError({"positions"});
  ExpectUsageError({"positions", org_, "--reason=x"});
}

}  // namespace
}  // namespace govgraph::e2e
