#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace govgraph::extract {
namespace {

using ::testing::IsEmpty;

Extraction ExtractText(const std::string& text) {
  absl::StatusOr<std::shared_ptr<const Lexicon>> lexicon = Lexicon::BuiltIn();
  EXPECT_TRUE(lexicon.ok());
  Extractor extractor(*lexicon);
  ReportInput input;
  input.text = text;
  input.published_date = "2019-03-06";
  absl::StatusOr<Extraction> out = extractor.Extract(input);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : Extraction();
}

const char kLead[] =
    "Giao ban tháng 3\n\n"
    "Sáng 5-3, ông Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định, chủ trì hội "
    "nghị giao ban các sở, ngành.\n\n";

TEST(DirectivesTest, SubjectVerbAndText) {
  const Extraction x =
      ExtractText(std::string(kLead) +
                  "Phát biểu tại hội nghị, ông Nguyễn Văn An yêu cầu "
                  "các sở, ngành khẩn trương rà soát các dự án.\n");
  ASSERT_EQ(x.directives.size(), 1u);
  const ExtractedDirective& d = x.directives[0];
  EXPECT_EQ(d.issuer, "Nguyễn Văn An");
  EXPECT_EQ(d.verb, "yêu cầu");
  EXPECT_EQ(d.text, "các sở, ngành khẩn trương rà soát các dự án");
  EXPECT_EQ(d.meeting, 0);
  EXPECT_GT(d.evidence.end, d.evidence.start);
}

TEST(DirectivesTest, SentenceWithoutSubjectKeepsTheSpeaker) {
  const Extraction x =
      ExtractText(std::string(kLead) +
                  "Ông Nguyễn Văn An đề nghị Sở Xây dựng đẩy nhanh "
                  "tiến độ các công trình. Đồng thời, giao Sở Tài "
                  "chính cân đối nguồn vốn cho các công trình.\n");
  ASSERT_EQ(x.directives.size(), 2u);
  EXPECT_EQ(x.directives[1].issuer, "Nguyễn Văn An");
  EXPECT_EQ(x.directives[1].verb, "giao");
  EXPECT_EQ(x.directives[1].text,
            "Sở Tài chính cân đối nguồn vốn cho các công trình");
}

TEST(DirectivesTest, RoleStandsForTheOfficial) {
  const Extraction x =
      ExtractText(std::string(kLead) +
                  "Về giải ngân, Chủ tịch UBND tỉnh yêu cầu các "
                  "huyện hoàn thành kế hoạch trong quý II.\n");
  ASSERT_EQ(x.directives.size(), 1u);
  EXPECT_EQ(x.directives[0].issuer, "Nguyễn Văn An");
}

TEST(DirectivesTest, QuotationBeforeTheVerb) {
  const Extraction x = ExtractText(
      std::string(kLead) +
      "“Các địa phương phải hoàn thành việc giải ngân trước ngày 30/6. Không "
      "để chậm trễ”, ông An nhấn mạnh.\n");
  ASSERT_EQ(x.directives.size(), 1u);
  EXPECT_EQ(x.directives[0].verb, "nhấn mạnh");
  EXPECT_EQ(x.directives[0].text,
            "Các địa phương phải hoàn thành việc giải ngân trước ngày 30/6. "
            "Không để chậm trễ");
}

TEST(DirectivesTest, EmphasisWithoutObligationIsNoDirective) {
  const Extraction x =
      ExtractText(std::string(kLead) +
                  "Ông Nguyễn Văn An nhấn mạnh kết quả năm qua rất "
                  "đáng khích lệ.\n");
  EXPECT_THAT(x.directives, IsEmpty());
}

TEST(DirectivesTest, NounUsesAndOrganisationsAreNoDirectives) {
  const Extraction x =
      ExtractText(std::string(kLead) +
                  "Ông Nguyễn Văn An cho biết kết quả chưa đáp ứng "
                  "yêu cầu đề ra. UBND tỉnh yêu cầu các huyện báo "
                  "cáo trước ngày 10/3.\n");
  EXPECT_THAT(x.directives, IsEmpty());
}

TEST(DirectivesTest, CompanyDirectorIsNoIssuer) {
  const Extraction x =
      ExtractText(std::string(kLead) +
                  "Ông Trần Văn Bình, Giám đốc Công ty CP Xây dựng Hòa "
                  "Bình, yêu cầu công nhân tăng ca để kịp tiến độ công "
                  "trình.\n");
  EXPECT_THAT(x.directives, IsEmpty());
}

TEST(DirectivesTest, ForeignLeaderIsNoIssuer) {
  const Extraction x =
      ExtractText(std::string(kLead) +
                  "Tổng thống Mỹ Donald Trump kêu gọi các nước thành viên "
                  "NATO tăng chi tiêu quốc phòng.\n");
  EXPECT_THAT(x.directives, IsEmpty());
}

}  // namespace
}  // namespace govgraph::extract

namespace govgraph::extract {
namespace {

// A role that three persons hold names none of them: the directive is not
// pinned on the last holder.
TEST(DirectivesTest, RoleHeldByManyPersonsIsNoIssuer) {
  const Extraction x = ExtractText(
      std::string(kLead) +
      "Dự hội nghị có ông Trần Văn Bình, Phó Chủ tịch UBND tỉnh Bình Định; "
      "ông Lê Văn Cường, Phó Chủ tịch UBND tỉnh Bình Định; ông Phạm Văn "
      "Dũng, Phó Chủ tịch UBND tỉnh Bình Định.\n\n"
      "Phó Chủ tịch UBND tỉnh yêu cầu các sở, ngành rà soát các dự án.\n");
  for (const ExtractedDirective& d : x.directives) {
    EXPECT_NE(d.issuer, "Phạm Văn Dũng") << d.text;
  }
}

}  // namespace
}  // namespace govgraph::extract
