#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"
#include "tests/extract/extract_testing.h"

namespace govgraph::extract {
namespace {

using testing::ExtractBody;
using testing::FindOrganization;

// The parent of organisation `name` in `x`; "<missing>" if `x` does not
// list `name`.
std::string ParentOf(const Extraction& x, const std::string& name) {
  const ExtractedOrganization* org = FindOrganization(x, name);
  return org == nullptr ? "<missing>" : org->parent;
}

TEST(OrgParentsTest, BoardOfAPartyCommitteeIsPartOfIt) {
  const Extraction x = ExtractBody(
      "Ông Nguyễn Văn An, Trưởng Ban Dân vận Thành ủy TPHCM, và ông Lê Văn "
      "Cường, Trưởng Ban Tuyên giáo Tỉnh ủy Quảng Nam, dự hội nghị.");
  EXPECT_EQ(ParentOf(x, "Ban Dân vận Thành ủy TPHCM"), "Thành ủy TPHCM");
  EXPECT_EQ(ParentOf(x, "Ban Tuyên giáo Tỉnh ủy Quảng Nam"),
            "Tỉnh ủy Quảng Nam");
  // A parent the name writes is listed, and has no parent of its own.
  EXPECT_EQ(ParentOf(x, "Thành ủy TPHCM"), "");
  EXPECT_EQ(ParentOf(x, "Tỉnh ủy Quảng Nam"), "");
}

TEST(OrgParentsTest, DepartmentIsPartOfThePeoplesCommittee) {
  const Extraction x = ExtractBody(
      "Ông Lê Văn Cường, Giám đốc Sở Y tế tỉnh Bình Định, báo cáo tại hội "
      "nghị.");
  EXPECT_EQ(ParentOf(x, "Sở Y tế tỉnh Bình Định"), "UBND tỉnh Bình Định");
  // Implied, not written: the report does not name it, so it is not listed.
  EXPECT_EQ(FindOrganization(x, "UBND tỉnh Bình Định"), nullptr);
}

TEST(OrgParentsTest, ImpliedParentNamedByTheReportUsesItsSpelling) {
  const Extraction x = ExtractBody(
      "Sáng 5-3, UBND TP.HCM tổ chức hội nghị. Ông Nguyễn Văn An, Giám đốc "
      "Sở Y tế TPHCM, báo cáo tại hội nghị.");
  EXPECT_EQ(ParentOf(x, "Sở Y tế TPHCM"), "UBND TP.HCM");
  EXPECT_EQ(ParentOf(x, "UBND TP.HCM"), "");
}

TEST(OrgParentsTest, PoliceIsPartOfThePeoplesCommittee) {
  const Extraction x = ExtractBody(
      "Đại tá Trần Văn Bình, Giám đốc Công an tỉnh Quảng Nam, và ông Lê Văn "
      "Cường, Trưởng Công an huyện Điện Bàn, dự hội nghị.");
  EXPECT_EQ(ParentOf(x, "Công an tỉnh Quảng Nam"), "UBND tỉnh Quảng Nam");
  EXPECT_EQ(ParentOf(x, "Công an huyện Điện Bàn"), "UBND huyện Điện Bàn");
}

TEST(OrgParentsTest, OfficeIsPartOfItsCommitteeAndChainsUp) {
  const Extraction x = ExtractBody(
      "Ông Trần Văn Bình, Chánh Văn phòng UBND tỉnh Quảng Nam, và bà Lê Thị "
      "Hoa, Trưởng phòng Phòng Tổng hợp Văn phòng UBND tỉnh Quảng Nam, dự "
      "hội nghị.");
  EXPECT_EQ(ParentOf(x, "Văn phòng UBND tỉnh Quảng Nam"),
            "UBND tỉnh Quảng Nam");
  EXPECT_EQ(ParentOf(x, "Phòng Tổng hợp Văn phòng UBND tỉnh Quảng Nam"),
            "Văn phòng UBND tỉnh Quảng Nam");
  EXPECT_EQ(ParentOf(x, "UBND tỉnh Quảng Nam"), "");
}

TEST(OrgParentsTest, MinistryDepartmentIsPartOfTheMinistry) {
  const Extraction x = ExtractBody(
      "Ông Vũ Tuấn Cường, Cục trưởng Cục Quản lý dược Bộ Y tế, phát biểu tại "
      "hội nghị.");
  EXPECT_EQ(ParentOf(x, "Cục Quản lý dược Bộ Y tế"), "Bộ Y tế");
  EXPECT_EQ(ParentOf(x, "Bộ Y tế"), "");
}

TEST(OrgParentsTest, TopLevelAndUnplacedBodiesHaveNoParent) {
  const Extraction x = ExtractBody(
      "Ông Nguyễn Văn An, Bộ trưởng Bộ Y tế, ông Lê Văn Cường, Chủ tịch UBND "
      "tỉnh Quảng Nam, và ông Trần Văn Bình, Chỉ huy trưởng Bộ Chỉ huy Bộ đội "
      "Biên phòng tỉnh Quảng Nam, dự hội nghị.");
  EXPECT_EQ(ParentOf(x, "Bộ Y tế"), "");
  EXPECT_EQ(ParentOf(x, "UBND tỉnh Quảng Nam"), "");
  EXPECT_EQ(ParentOf(x, "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Nam"), "");
}

}  // namespace
}  // namespace govgraph::extract
