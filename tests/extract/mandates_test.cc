#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"
#include "tests/extract/extract_testing.h"

namespace govgraph::extract {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using testing::ExtractBody;
using ::testing::Field;
using testing::FindPerson;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

auto Position(const std::string& role, const std::string& org,
              MandateChange change) {
  return AllOf(Field(&ExtractedPosition::role, role),
               Field(&ExtractedPosition::org, org),
               Field(&ExtractedPosition::change, change));
}

// The positions of `name` in the extraction of `body`; empty (and a
// failure) if the person is not found.
std::vector<ExtractedPosition> PositionsOf(const std::string& body,
                                           const std::string& name) {
  const Extraction x = ExtractBody(body);
  const ExtractedPerson* person = FindPerson(x, name);
  EXPECT_NE(person, nullptr) << name;
  return person == nullptr ? std::vector<ExtractedPosition>()
                           : person->positions;
}

TEST(MandatesTest, ElectedToAPositionStartsIt) {
  EXPECT_THAT(PositionsOf("Ông Trần Văn Bình được bầu giữ chức Bí thư Thành "
                          "ủy TPHCM.",
                          "Trần Văn Bình"),
              ElementsAre(Position("Bí thư", "Thành ủy TPHCM",
                                   MandateChange::kStarted)));
}

TEST(MandatesTest, LeavingAPositionEndsIt) {
  EXPECT_THAT(
      PositionsOf("Bà Nguyễn Thị Kim Tiến thôi giữ chức Bộ trưởng Bộ "
                  "Y tế.",
                  "Nguyễn Thị Kim Tiến"),
      ElementsAre(Position("Bộ trưởng", "Bộ Y tế", MandateChange::kEnded)));
}

TEST(MandatesTest, AppointedAsDirectorStartsIt) {
  EXPECT_THAT(PositionsOf("Ông Lê Văn Cường được bổ nhiệm làm Giám đốc Sở Y "
                          "tế tỉnh Bình Định.",
                          "Lê Văn Cường"),
              ElementsAre(Position("Giám đốc", "Sở Y tế tỉnh Bình Định",
                                   MandateChange::kStarted)));
}

TEST(MandatesTest, CouncilElectsAPersonToAPosition) {
  EXPECT_THAT(PositionsOf("HĐND tỉnh đã bầu ông Trần Văn Bình giữ chức Chủ "
                          "tịch UBND tỉnh Quảng Nam.",
                          "Trần Văn Bình"),
              ElementsAre(Position("Chủ tịch", "UBND tỉnh Quảng Nam",
                                   MandateChange::kStarted)));
}

TEST(MandatesTest, NewMinisterStartsAndKeepsThePlainRole) {
  EXPECT_THAT(
      PositionsOf("Sáng 5-3, tân Bộ trưởng Bộ Y tế Nguyễn Thanh Long "
                  "làm việc với Sở Y tế TPHCM.",
                  "Nguyễn Thanh Long"),
      ElementsAre(Position("Bộ trưởng", "Bộ Y tế", MandateChange::kStarted)));
}

TEST(MandatesTest, FormerRoleEndsAndKeepsItsPrefix) {
  EXPECT_THAT(PositionsOf("Ông Nguyễn Văn An, nguyên Bộ trưởng Bộ Công an, "
                          "dự lễ kỷ niệm.",
                          "Nguyễn Văn An"),
              ElementsAre(Position("nguyên Bộ trưởng", "Bộ Công an",
                                   MandateChange::kEnded)));
}

TEST(MandatesTest, DismissalOfATitleFromAPersonEndsIt) {
  EXPECT_THAT(
      PositionsOf("Quốc hội miễn nhiệm chức vụ Bộ trưởng Bộ Y tế đối "
                  "với bà Nguyễn Thị Kim Tiến.",
                  "Nguyễn Thị Kim Tiến"),
      ElementsAre(Position("Bộ trưởng", "Bộ Y tế", MandateChange::kEnded)));
}

TEST(MandatesTest, DismissedTitleBeforeTheNameEnds) {
  EXPECT_THAT(PositionsOf("UBND tỉnh đã cách chức Giám đốc Sở Tài chính tỉnh "
                          "Bình Định Trần Văn Bình.",
                          "Trần Văn Bình"),
              ElementsAre(Position("Giám đốc", "Sở Tài chính tỉnh Bình Định",
                                   MandateChange::kEnded)));
}

TEST(MandatesTest, OwnTitleBeforeTheCueIsHeld) {
  EXPECT_THAT(
      PositionsOf("Ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh Quảng Nam, vừa "
                  "được bầu giữ chức Chủ tịch UBND tỉnh Quảng Nam.",
                  "Nguyễn Văn An"),
      ElementsAre(
          Position("Phó Chủ tịch", "UBND tỉnh Quảng Nam", MandateChange::kNone),
          Position("Chủ tịch", "UBND tỉnh Quảng Nam",
                   MandateChange::kStarted)));
}

TEST(MandatesTest, WhoAppointsKeepsOnlyTheirOwnTitle) {
  const Extraction x = ExtractBody(
      "Bộ trưởng Bộ Y tế Nguyễn Thanh Long đã bổ nhiệm ông Lê Văn Cường giữ "
      "chức Cục trưởng Cục Quản lý dược.");
  const ExtractedPerson* minister = FindPerson(x, "Nguyễn Thanh Long");
  const ExtractedPerson* appointee = FindPerson(x, "Lê Văn Cường");
  ASSERT_NE(minister, nullptr);
  ASSERT_NE(appointee, nullptr);
  EXPECT_THAT(minister->positions, ElementsAre(Position("Bộ trưởng", "Bộ Y tế",
                                                        MandateChange::kNone)));
  EXPECT_THAT(appointee->positions,
              ElementsAre(Position("Cục trưởng", "Cục Quản lý dược",
                                   MandateChange::kStarted)));
}

TEST(MandatesTest, TitleOfTheNextClauseIsNotTaken) {
  EXPECT_THAT(PositionsOf("Sau khi ông Donald Trump đắc cử Tổng thống, Chủ "
                          "tịch Tập Cận Bình đã điện đàm chúc mừng.",
                          "Donald Trump"),
              ElementsAre(Position("Tổng thống", "", MandateChange::kStarted)));
}

TEST(MandatesTest, LaterCueMarksAPositionAlreadyFound) {
  EXPECT_THAT(
      PositionsOf("Ông Trần Văn Bình, Bí thư Thành ủy TPHCM, phát "
                  "biểu tại hội nghị. Ngày 5-3, ông Trần Văn Bình thôi "
                  "giữ chức Bí thư Thành ủy TPHCM.",
                  "Trần Văn Bình"),
      ElementsAre(Position("Bí thư", "Thành ủy TPHCM", MandateChange::kEnded)));
}

TEST(MandatesTest, OrdinaryPositionsSayNothingOfTheMandate) {
  const Extraction x = ExtractBody(
      "Sáng 5-3, UBND tỉnh Bình Định tổ chức hội nghị tổng kết công tác năm "
      "2018. Đồng chí Nguyễn Văn An, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh "
      "Bình Định, chủ trì hội nghị. Dự hội nghị có ông Trần Văn Bình, Giám "
      "đốc Sở Tài chính, và Bộ trưởng Bộ Y tế Nguyễn Thanh Long.");
  ASSERT_EQ(x.persons.size(), 3u);
  for (const ExtractedPerson& person : x.persons) {
    EXPECT_THAT(person.positions, Not(IsEmpty())) << person.name;
    EXPECT_THAT(person.positions,
                Each(Field(&ExtractedPosition::change, MandateChange::kNone)))
        << person.name;
  }
}

TEST(MandatesTest, RoleReferencesSkipEndedMandates) {
  const Extraction x = ExtractBody(
      "Bà Nguyễn Thị Kim Tiến thôi giữ chức Bộ trưởng Bộ Y tế. Ông Nguyễn "
      "Thanh Long được bổ nhiệm giữ chức Bộ trưởng Bộ Y tế.\n\n"
      "Sáng 5-3, Bộ trưởng chủ trì hội nghị giao ban của Bộ Y tế.");
  ASSERT_EQ(x.meetings.size(), 1u);
  EXPECT_THAT(x.meetings[0].chairs, ElementsAre("Nguyễn Thanh Long"));
}

}  // namespace
}  // namespace govgraph::extract
