#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"
#include "tests/extract/extract_testing.h"

namespace govgraph::extract {
namespace {

using testing::BuiltInExtractor;
using ::testing::Contains;
using testing::ExtractBody;
using ::testing::MatchesRegex;

std::string Key(const std::string& name) {
  return BuiltInExtractor().OrganizationKey(name);
}

// Every name in `names` has the key `expected`.
void ExpectAllKeyed(const std::vector<std::string>& names,
                    const std::string& expected) {
  for (const std::string& name : names) {
    EXPECT_EQ(Key(name), expected) << name;
  }
}

TEST(OrganizationKeyTest, HoChiMinhCityCommitteeSpellingsShareOneKey) {
  ExpectAllKeyed(
      {"UBND TP.HCM", "UBND TPHCM", "UBND TP HCM", "UBND TP. HCM",
       "Ủy ban nhân dân Thành phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh",
       "UBND TP Hồ Chí Minh", "Uỷ ban nhân dân TP.HCM"},
      "uy ban nhan dan thanh pho ho chi minh");
}

TEST(OrganizationKeyTest, CityPartyCommitteeSpellingsShareOneKey) {
  ExpectAllKeyed({"Thành ủy TP.HCM", "Thành ủy TPHCM",
                  "Thành ủy Thành phố Hồ Chí Minh", "Thành uỷ TP HCM"},
                 "thanh uy thanh pho ho chi minh");
}

TEST(OrganizationKeyTest, ProvinceWithOrWithoutItsKindWord) {
  ExpectAllKeyed({"UBND tỉnh Quảng Nam", "UBND Quảng Nam",
                  "Ủy ban nhân dân tỉnh Quảng Nam"},
                 "uy ban nhan dan tinh quang nam");
  ExpectAllKeyed({"Sở Y tế tỉnh Bình Định", "Sở Y tế Bình Định"},
                 "so y te tinh binh dinh");
  ExpectAllKeyed({"Sở Công Thương Hà Nội", "Sở Công Thương TP Hà Nội",
                  "Sở Công thương thành phố Hà Nội"},
                 "so cong thuong thanh pho ha noi");
}

TEST(OrganizationKeyTest, OldAndNewTonePlacementShareOneKey) {
  EXPECT_EQ(Key("UBND tỉnh Thanh Hoá"), Key("UBND tỉnh Thanh Hóa"));
  EXPECT_EQ(Key("Uỷ ban nhân dân tỉnh Khánh Hoà"), Key("UBND tỉnh Khánh Hòa"));
  EXPECT_EQ(Key("Sở Y tế Thanh Hoá"), "so y te tinh thanh hoa");
}

TEST(OrganizationKeyTest, AbbreviationsExpand) {
  ExpectAllKeyed({"HĐND tỉnh Quảng Nam", "Hội đồng nhân dân tỉnh Quảng Nam"},
                 "hoi dong nhan dan tinh quang nam");
  ExpectAllKeyed({"MTTQ Việt Nam", "Mặt trận Tổ quốc Việt Nam", "MTTQ VN"},
                 "mat tran to quoc viet nam");
  ExpectAllKeyed({"Bộ GD-ĐT", "Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo"},
                 "bo giao duc va dao tao");
  ExpectAllKeyed({"Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch - Đầu tư"},
                 "bo ke hoach va dau tu");
  ExpectAllKeyed({"Cục Hải quan Bà Rịa - Vũng Tàu", "Cục Hải quan BR-VT"},
                 "cuc hai quan tinh ba ria vung tau");
}

TEST(OrganizationKeyTest, DifferentOrganizationsKeepDifferentKeys) {
  const std::vector<std::string> names = {"UBND tỉnh Quảng Nam",
                                          "HĐND tỉnh Quảng Nam",
                                          "UBND TP Đà Nẵng",
                                          "Tỉnh ủy Quảng Nam",
                                          "Sở Y tế TPHCM",
                                          "Sở Y tế Hà Nội",
                                          "Bộ Y tế",
                                          "UBND tỉnh Thanh Hóa",
                                          "UBND TP Thanh Hóa",
                                          "UBND TPHCM",
                                          "Thành ủy TPHCM",
                                          "MTTQ Việt Nam TPHCM"};
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = i + 1; j < names.size(); ++j) {
      EXPECT_NE(Key(names[i]), Key(names[j])) << names[i] << " / " << names[j];
    }
  }
}

TEST(OrganizationKeyTest, KeysAreFoldedWords) {
  for (const char* name : {"Sở LĐ-TB&XH tỉnh Bình Định", "Bộ VH-TT&DL",
                           "Ủy ban MTTQ Việt Nam TP.HCM", "Công an quận 2"}) {
    EXPECT_THAT(Key(name), MatchesRegex("[a-z0-9]+( [a-z0-9]+)*")) << name;
  }
}

TEST(OrganizationKeyTest, OneWordPlaceAfterANameIsPartOfTheName) {
  // "Vinh" is a city, but here a company's name.
  EXPECT_EQ(Key("Công ty TNHH Quang Vinh"),
            "cong ty trach nhiem huu han quang vinh");
}

TEST(OrganizationKeyTest, NamesWithoutWordsGiveAnEmptyKey) {
  EXPECT_EQ(Key(""), "");
  EXPECT_EQ(Key(" - ... "), "");
  EXPECT_EQ(Key("UBND \xFF tỉnh Quảng Nam"), Key("UBND tỉnh Quảng Nam"));
}

TEST(OrganizationKeyTest, OneOrganizationPerKeyInAReport) {
  const Extraction x = ExtractBody(
      "Sáng 5-3, Công an tỉnh Sóc Trăng tổ chức hội nghị tổng kết công tác "
      "năm 2018. Ông Trần Văn Bình, Giám đốc Công an Sóc Trăng, chủ trì hội "
      "nghị.");
  // One organisation, written two ways.
  int police = 0;
  for (const ExtractedOrganization& org : x.organizations) {
    if (Key(org.name) != Key("Công an tỉnh Sóc Trăng")) continue;
    ++police;
    EXPECT_THAT(org.aliases, Contains(org.name == "Công an Sóc Trăng"
                                          ? "Công an tỉnh Sóc Trăng"
                                          : "Công an Sóc Trăng"));
  }
  EXPECT_EQ(police, 1);
}

}  // namespace
}  // namespace govgraph::extract
