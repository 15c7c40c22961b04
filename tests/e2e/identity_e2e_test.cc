// End-to-end tests of entity identity through the real CLI and server: one
// node per person or organisation however the reports write its name, and a
// curator's merge, split and undo, which must leave the graph exactly as it
// was once reversed. Reports: tests/testdata/e2e_identity/.
#include <stdlib.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/graph_cli_fixture.h"

namespace govgraph::e2e {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAreArray;

constexpr char kCurator[] = "e2e-curator";
constexpr char kReason[] = "kiểm thử hợp nhất";

// Written forms of the same person and organisation in different reports.
constexpr char kHoaGrave[] = "Nguyễn Văn Hoà";  // qn-hoa-1: "oà".
constexpr char kHoaAcute[] = "Nguyễn Văn Hòa";  // qn-hoa-2: "òa".
constexpr char kThanh[] = "Lê Trí Thanh";       // qn-thanh-1, qn-thanh-2.
constexpr char kTuan[] = "Trần Minh Tuấn";      // hcm-1, hcm-2.
constexpr char kHcmShort[] = "UBND TP.HCM";     // hcm-1.
constexpr char kHcmLong[] = "Ủy ban nhân dân Thành phố Hồ Chí Minh";  // hcm-2.

std::string IdentityReport(const std::string& name) {
  return absl::StrCat(kIdentityDir, "/", name, ".txt");
}

// The display name and aliases of `entity`.
std::vector<std::string> Names(const v1::Entity& entity) {
  std::vector<std::string> names(entity.aliases().begin(),
                                 entity.aliases().end());
  names.push_back(entity.display_name());
  return names;
}

// A relation as seen from one end, without that end: what must move from
// a merged-away entity to the one it is merged into.
std::string Shape(const v1::RelationView& view) {
  return absl::StrCat(view.direction(), " ",
                      v1::RelationType_Name(view.relation().type()), " ",
                      view.other().id(), " ", view.relation().role());
}

class IdentityE2eTest : public GraphE2eTest {
 protected:
  void SetUp() override {
    GraphE2eTest::SetUp();
    if (HasFatalFailure()) return;
    const auto summary = IngestPaths({kIdentityDir});
    ASSERT_EQ(Count(summary, "reports_written"), 6);
    hoa_ = FindOne(kHoaAcute, "person");
    thanh_ = FindOne(kThanh, "person");
    ASSERT_FALSE(hoa_.empty() || thanh_.empty());
  }

  // Expects person `source` (once named `name`) to be merged into
  // `target`: its id names no entity of its own (it is unknown, or
  // resolves to `target`) and its name finds `target` only.
  void ExpectGone(const std::string& source, const std::string& name,
                  const std::string& target) {
    const ProcessResult get = Run({"get", source, "--json"});
    if (get.exit_code == 0) {
      EXPECT_EQ(ParseJson<v1::Entity>(get.out).id(), target);
    } else {
      EXPECT_THAT(get.err, HasSubstr("error: NOT_FOUND: "));
    }
    EXPECT_EQ(SearchIds(name, "person"), std::vector<std::string>{target});
  }

  std::vector<std::string> Shapes(const std::string& id) {
    std::vector<std::string> shapes;
    for (const v1::RelationView& view : Relations({id, "--all"})) {
      shapes.push_back(Shape(view));
    }
    return shapes;
  }

  // The organisation `person` holds a position in (the first one listed).
  std::string OrganizationOf(const std::string& person) {
    const auto views = Relations({person, "--type=HOLDS_POSITION", "--all"});
    EXPECT_FALSE(views.empty()) << person;
    return views.empty() ? "" : views[0].other().id();
  }

  // Merges `source` into `target` and checks what the contract promises;
  // returns the merge's audit entry.
  v1::AuditEntry MergeAndCheck(const std::string& source,
                               const std::string& target) {
    const v1::Entity merged_away = Get(source);
    const std::vector<std::string> moved = Shapes(source);
    const auto response = ParseJson<v1::MergeEntitiesResponse>(
        Json({"merge", source, target, absl::StrCat("--reason=", kReason),
              absl::StrCat("--curator=", kCurator)}));
    const v1::AuditEntry& audit = response.audit();
    EXPECT_EQ(response.entity().id(), target);
    EXPECT_EQ(audit.operation(), v1::MERGE);
    EXPECT_EQ(audit.entity_id(), target);
    EXPECT_EQ(audit.other_id(), source);
    EXPECT_EQ(audit.other_name(), merged_away.display_name());
    EXPECT_EQ(audit.curator(), kCurator);
    EXPECT_EQ(audit.reason(), kReason);
    EXPECT_THAT(audit.report_ids(),
                UnorderedElementsAreArray(merged_away.report_ids()));
    ExpectGone(source, merged_away.display_name(), target);
    const v1::Entity entity = Get(target);
    EXPECT_THAT(Names(entity), Contains(merged_away.display_name()));
    EXPECT_THAT(entity.report_ids(), IsSupersetOf(merged_away.report_ids()));
    EXPECT_THAT(Shapes(target), IsSupersetOf(moved));
    const auto log = ParseJson<v1::ListAuditResponse>(Json({"audit"}));
    EXPECT_FALSE(log.entries().empty());
    if (!log.entries().empty()) {
      EXPECT_EQ(log.entries(0).id(), audit.id()) << "newest first";
      EXPECT_EQ(log.entries(0).curator(), kCurator);
      EXPECT_EQ(log.entries(0).reason(), kReason);
    }
    const auto of_source =
        ParseJson<v1::ListAuditResponse>(Json({"audit", source}));
    EXPECT_EQ(of_source.entries_size(), 1) << "merged-away ids keep a log";
    return audit;
  }

  std::string hoa_;
  std::string thanh_;
};

// --- One node per person and organisation --------------------------------

TEST_F(IdentityE2eTest, BothSpellingsOfAPersonAreOneNode) {
  EXPECT_EQ(SearchIds(kHoaGrave, "person"), std::vector<std::string>{hoa_});
  const v1::Entity hoa = Get(hoa_);
  EXPECT_THAT(Names(hoa), IsSupersetOf({kHoaGrave, kHoaAcute}));
  EXPECT_THAT(hoa.report_ids(), IsSupersetOf({"qn-hoa-1", "qn-hoa-2"}));
  EXPECT_EQ(hoa.first_seen(), "2018-03-10");
  EXPECT_EQ(hoa.last_seen(), "2018-04-12");
}

TEST_F(IdentityE2eTest, ShortAndFullOrganizationNamesAreOneNode) {
  const std::vector<std::string> by_short =
      SearchIds(kHcmShort, "organization");
  const std::vector<std::string> by_long = SearchIds(kHcmLong, "organization");
  ASSERT_EQ(by_short.size(), 1u) << absl::StrJoin(by_short, ", ");
  EXPECT_EQ(by_long, by_short);
  const v1::Entity org = Get(by_short[0]);
  EXPECT_THAT(Names(org), IsSupersetOf({kHcmShort, kHcmLong}));
  EXPECT_THAT(org.report_ids(), IsSupersetOf({"hcm-1", "hcm-2"}));
  // The person holds one position there, seen by both reports.
  const auto positions =
      Relations({FindOne(kTuan, "person"), "--type=HOLDS_POSITION", "--all"});
  ASSERT_EQ(positions.size(), 1u);
  EXPECT_EQ(positions[0].other().id(), by_short[0]);
  EXPECT_THAT(positions[0].relation().report_ids(),
              UnorderedElementsAreArray({"hcm-1", "hcm-2"}));
  EXPECT_EQ(positions[0].relation().first_seen(), "2018-05-08");
  EXPECT_EQ(positions[0].relation().last_seen(), "2018-06-20");
}

// --- Merge, split, undo ---------------------------------------------------

TEST_F(IdentityE2eTest, MergeThenSplitRestoresTheGraph) {
  const std::vector<std::string> ids = {thanh_, hoa_, OrganizationOf(thanh_)};
  const Snapshot before = Take(ids);
  const v1::GetStatsResponse counts = Counts();
  const v1::Entity thanh = Get(thanh_);
  const v1::AuditEntry merge = MergeAndCheck(thanh_, hoa_);
  EXPECT_EQ(Counts().entities(), counts.entities() - 1);

  const auto split = ParseJson<v1::SplitEntityResponse>(
      Json({"split", hoa_, thanh_,
            absl::StrCat("--reports=", absl::StrJoin(thanh.report_ids(), ",")),
            absl::StrCat("--name=", thanh.display_name()),
            absl::StrCat("--reason=", kReason),
            absl::StrCat("--curator=", kCurator)}));
  EXPECT_EQ(split.entity().id(), hoa_);
  EXPECT_EQ(split.new_entity().id(), thanh_);
  EXPECT_EQ(split.audit().operation(), v1::SPLIT);
  EXPECT_GT(split.audit().id(), merge.id());
  EXPECT_EQ(split.audit().undoes(), 0);

  ExpectSame(before, Take(ids));
  EXPECT_EQ(Counts().DebugString(), counts.DebugString());
  const auto log = ParseJson<v1::ListAuditResponse>(Json({"audit", thanh_}));
  ASSERT_EQ(log.entries_size(), 2);
  EXPECT_EQ(log.entries(0).id(), split.audit().id());
  EXPECT_EQ(log.entries(1).id(), merge.id());
}

TEST_F(IdentityE2eTest, MergeThenUndoRestoresTheGraph) {
  const std::vector<std::string> ids = {thanh_, hoa_, OrganizationOf(thanh_)};
  const Snapshot before = Take(ids);
  const v1::GetStatsResponse counts = Counts();
  const v1::AuditEntry merge = MergeAndCheck(thanh_, hoa_);

  const auto undo = ParseJson<v1::UndoCurationResponse>(
      Json({"undo", absl::StrCat(merge.id()), "--reason=nhầm người",
            absl::StrCat("--curator=", kCurator)}));
  EXPECT_EQ(undo.audit().undoes(), merge.id());
  EXPECT_EQ(undo.audit().operation(), v1::SPLIT);
  EXPECT_EQ(undo.audit().reason(), "nhầm người");

  ExpectSame(before, Take(ids));
  EXPECT_EQ(Counts().DebugString(), counts.DebugString());
  const auto log = ParseJson<v1::ListAuditResponse>(Json({"audit"}));
  ASSERT_EQ(log.entries_size(), 2);
  EXPECT_EQ(log.entries(1).id(), merge.id());
  EXPECT_EQ(log.entries(1).undone_by(), undo.audit().id());
}

TEST_F(IdentityE2eTest, ReportsNamingAMergedAwayIdLandOnItsTarget) {
  // qn-thanh-2 again, under a new report id, after the merge.
  const std::string later = WriteInput(
      "qn-thanh-3.txt", ReadFileOrEmpty(IdentityReport("qn-thanh-2")));
  MergeAndCheck(thanh_, hoa_);
  const v1::GetStatsResponse counts = Counts();
  ASSERT_EQ(Count(IngestPaths({later}), "reports_written"), 1);
  ExpectGone(thanh_, kThanh, hoa_);
  EXPECT_THAT(Get(hoa_).report_ids(), Contains("qn-thanh-3"));
  EXPECT_EQ(Counts().entities_by_kind().at("PERSON"),
            counts.entities_by_kind().at("PERSON"));
}

TEST_F(IdentityE2eTest, CurationTablesAreReadable) {
  const ProcessResult merge = Run({"merge", thanh_, hoa_, "--reason=trùng",
                                   absl::StrCat("--curator=", kCurator)});
  ASSERT_EQ(merge.exit_code, 0) << merge.err;
  EXPECT_THAT(merge.out, HasSubstr("RELATIONS_MOVED"));
  EXPECT_THAT(merge.out, HasSubstr("OPERATION"));
  const ProcessResult audit = Run({"audit", hoa_});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  EXPECT_THAT(audit.out, HasSubstr("CURATOR"));
  EXPECT_THAT(audit.out, HasSubstr(kCurator));
  EXPECT_THAT(audit.out, HasSubstr("trùng"));
}

// --- Errors ---------------------------------------------------------------

TEST_F(IdentityE2eTest, CurationErrorsMapToCodesAndChangeNothing) {
  const std::string tuan = FindOne(kTuan, "person");
  const std::string hcm = FindOne(kHcmShort, "organization");
  const v1::GetStatsResponse counts = Counts();
  const std::string who = absl::StrCat("--curator=", kCurator);
  const std::string why = "--reason=thử lỗi";
  ExpectRpcError({"merge", "person:no-such-person", hoa_, why, who},
                 "NOT_FOUND");
  ExpectRpcError({"merge", hoa_, "person:no-such-person", why, who},
                 "NOT_FOUND");
  ExpectRpcError({"split", "person:no-such-person", "person:new",
                  "--reports=qn-hoa-1", why, who},
                 "NOT_FOUND");
  ExpectRpcError(
      {"split", hoa_, "person:new", "--reports=no-such-report", why, who},
      "NOT_FOUND");
  ExpectRpcError({"undo", "999999", why, who}, "NOT_FOUND");
  ExpectRpcError({"merge", hoa_, hcm, why, who}, "FAILED_PRECONDITION");
  ExpectRpcError({"merge", "qn-hoa-1", "qn-hoa-2", why, who},
                 "FAILED_PRECONDITION");
  ExpectRpcError(
      {"split", hoa_, "person:new", "--reports=qn-hoa-1,qn-hoa-2", why, who},
      "FAILED_PRECONDITION");
  ExpectRpcError({"split", hoa_, tuan, "--reports=qn-hoa-1", why, who},
                 "ALREADY_EXISTS");
  EXPECT_EQ(Counts().DebugString(), counts.DebugString());
  EXPECT_EQ(ParseJson<v1::ListAuditResponse>(Json({"audit"})).entries_size(),
            0);

  const v1::AuditEntry merge = MergeAndCheck(thanh_, hoa_);
  const std::string id = absl::StrCat(merge.id());
  ASSERT_EQ(Run({"undo", id, why, who}).exit_code, 0);
  ExpectRpcError({"undo", id, why, who}, "FAILED_PRECONDITION");
  EXPECT_EQ(Counts().DebugString(), counts.DebugString());
}

TEST_F(IdentityE2eTest, MissingReasonCuratorOrReportsIsUsageError) {
  const std::string who = absl::StrCat("--curator=", kCurator);
  ExpectUsageError({"merge", thanh_, hoa_, who});
  ExpectUsageError({"merge", thanh_, hoa_, "--reason=", who});
  ExpectUsageError({"merge", thanh_, hoa_, "--reason=  ", who});
  ExpectUsageError({"merge", thanh_, "--reason=x", who});
  ExpectUsageError({"split", hoa_, "person:new", "--reports=qn-hoa-1", who});
  ExpectUsageError({"split", hoa_, "person:new", "--reason=x", who});
  ExpectUsageError({"split", hoa_, "person:new", "--reports=,", "--reason=x"});
  ExpectUsageError({"undo", "1", who});
  ExpectUsageError({"undo", "abc", "--reason=x", who});
  ExpectUsageError({"undo", "0", "--reason=x", who});
  ExpectUsageError({"audit", "--page_size=-1"});
  ExpectUsageError({"audit", "a", "b"});
  ExpectUsageError({"merge", thanh_, hoa_, "--reason=x", "--as_of=2017-01-01"});
  EXPECT_EQ(ParseJson<v1::ListAuditResponse>(Json({"audit"})).entries_size(),
            0);
  ExpectRpcError({"get", "person:new"}, "NOT_FOUND");
}

// Sets or (with nullopt) unsets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value.has_value()) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_.has_value()) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST_F(IdentityE2eTest, CuratorDefaultsToGovgraphCuratorThenUser) {
  int64_t merge_id = 0;
  {
    ScopedEnv curator("GOVGRAPH_CURATOR", "from-govgraph-curator");
    ScopedEnv user("USER", "from-user");
    const auto merged = ParseJson<v1::MergeEntitiesResponse>(
        Json({"merge", thanh_, hoa_, "--reason=x"}));
    EXPECT_EQ(merged.audit().curator(), "from-govgraph-curator");
    merge_id = merged.audit().id();
  }
  {
    ScopedEnv curator("GOVGRAPH_CURATOR", std::nullopt);
    ScopedEnv user("USER", std::nullopt);
    ExpectUsageError({"undo", absl::StrCat(merge_id), "--reason=x"});
  }
  {
    ScopedEnv curator("GOVGRAPH_CURATOR", std::nullopt);
    ScopedEnv user("USER", "from-user");
    const auto undone = ParseJson<v1::UndoCurationResponse>(
        Json({"undo", absl::StrCat(merge_id), "--reason=x"}));
    EXPECT_EQ(undone.audit().curator(), "from-user");
  }
}

}  // namespace
}  // namespace govgraph::e2e
