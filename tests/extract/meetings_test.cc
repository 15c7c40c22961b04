#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace govgraph::extract {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

Extraction ExtractText(const std::string& text, const std::string& published) {
  absl::StatusOr<std::shared_ptr<const Lexicon>> lexicon = Lexicon::BuiltIn();
  EXPECT_TRUE(lexicon.ok());
  Extractor extractor(*lexicon);
  ReportInput input;
  input.text = text;
  input.published_date = published;
  absl::StatusOr<Extraction> out = extractor.Extract(input);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? *out : Extraction();
}

TEST(MeetingsTest, DatedConferenceWithOrganizerChairAndAttendees) {
  const Extraction x = ExtractText(
      "Tổng kết công tác năm\n\n"
      "Sáng 5-3, UBND tỉnh Bình Định tổ chức hội nghị tổng kết công tác năm "
      "2018. Đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định, chủ trì "
      "hội nghị. Dự hội nghị có ông Trần Văn Bình, Giám đốc Sở Tài chính.\n",
      "2019-03-06");
  ASSERT_EQ(x.meetings.size(), 1u);
  const ExtractedMeeting& m = x.meetings[0];
  EXPECT_EQ(m.date, "2019-03-05");
  EXPECT_EQ(m.name, "hội nghị tổng kết công tác năm 2018");
  EXPECT_THAT(m.organizers, Contains("UBND tỉnh Bình Định"));
  EXPECT_THAT(m.chairs, UnorderedElementsAre("Nguyễn Văn An"));
  EXPECT_THAT(m.attendees,
              UnorderedElementsAre("Nguyễn Văn An", "Trần Văn Bình"));
  EXPECT_GT(m.evidence.end, m.evidence.start);
}

TEST(MeetingsTest, DayAfterPublicationBelongsToLastYear) {
  const Extraction x = ExtractText(
      "Giao ban cuối năm\n\n"
      "Chiều 30/12, Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì buổi làm việc "
      "với Sở Xây dựng về tiến độ các công trình.\n",
      "2019-01-02");
  ASSERT_EQ(x.meetings.size(), 1u);
  EXPECT_EQ(x.meetings[0].date, "2018-12-30");
}

TEST(MeetingsTest, WorkingVisitHasBothPartiesAsOrganizers) {
  const Extraction x = ExtractText(
      "Bộ trưởng thăm Nam Định\n\n"
      "Sáng 7-2, ông Lê Văn Cường, Bộ trưởng Bộ Y tế, đến thăm và làm việc "
      "với Sở Y tế tỉnh Nam Định. Ông Phạm Văn Dũng, Giám đốc Sở Y tế tỉnh "
      "Nam Định, báo cáo tình hình khám chữa bệnh.\n",
      "2019-02-08");
  ASSERT_EQ(x.meetings.size(), 1u);
  const ExtractedMeeting& m = x.meetings[0];
  EXPECT_EQ(m.date, "2019-02-07");
  EXPECT_THAT(m.organizers, Contains("Sở Y tế tỉnh Nam Định"));
  EXPECT_THAT(m.organizers, Contains("Bộ Y tế"));
  EXPECT_THAT(m.chairs, IsEmpty());
  EXPECT_THAT(m.attendees,
              UnorderedElementsAre("Lê Văn Cường", "Phạm Văn Dũng"));
}

TEST(MeetingsTest, PastMeetingMentionedInPassingIsSkipped) {
  const Extraction x = ExtractText(
      "Chuẩn bị lễ hội\n\n"
      "Trước đó, ngày 2/1/2015, ông Nguyễn Văn An đã chủ trì hội nghị bàn "
      "về lễ hội đầu xuân. Năm nay lễ hội thu hút đông du khách.\n",
      "2019-02-08");
  EXPECT_THAT(x.meetings, IsEmpty());
}

TEST(MeetingsTest, SportsReportHasNoMeeting) {
  const Extraction x = ExtractText(
      "Đội tuyển thắng đậm\n\n"
      "Tối 5/6, đội tuyển Việt Nam thắng 3-0 trong trận giao hữu. Tiền đạo "
      "ghi hai bàn và được khán giả cổ vũ nhiệt tình.\n",
      "2019-06-06");
  EXPECT_THAT(x.meetings, IsEmpty());
  EXPECT_THAT(x.directives, IsEmpty());
}

TEST(MeetingsTest, VenueNamedAfterConferencesIsNoMeeting) {
  const Extraction x = ExtractText(
      "Triển lãm ảnh\n\n"
      "Sáng 8/3, triển lãm ảnh khai mạc tại Trung tâm Hội nghị tỉnh, thu hút "
      "nhiều người xem.\n",
      "2019-03-08");
  EXPECT_THAT(x.meetings, IsEmpty());
}

TEST(MeetingsTest, ForeignSummitWithoutVietnameseOfficialsIsNoMeeting) {
  const Extraction x = ExtractText(
      "Thượng đỉnh NATO\n\n"
      "Chiều 25/5, Tổng thống Mỹ Donald Trump dự Hội nghị thượng đỉnh NATO "
      "tại Brussels và phát biểu về chi tiêu quốc phòng.\n",
      "2017-05-26");
  EXPECT_THAT(x.meetings, IsEmpty());
}

TEST(MeetingsTest, ArtistPressConferenceIsNoMeeting) {
  const Extraction x = ExtractText(
      "Ra mắt album\n\n"
      "Chiều 5/6, ca sĩ Nguyễn Thu Hằng tổ chức họp báo ra mắt album mới "
      "tại Hà Nội. Nguyễn Thu Hằng cho biết album gồm 10 ca khúc.\n",
      "2017-06-06");
  EXPECT_THAT(x.meetings, IsEmpty());
  EXPECT_THAT(x.organizations, IsEmpty());
}

TEST(MeetingsTest, ConferenceHeldByAPublicBodyIsKeptWithoutNames) {
  const Extraction x = ExtractText(
      "Tổng kết năm\n\n"
      "Sáng 5-3, UBND tỉnh Bình Định tổ chức hội nghị tổng kết công tác năm "
      "2018 với sự tham gia của các sở, ngành.\n",
      "2019-03-06");
  ASSERT_EQ(x.meetings.size(), 1u);
  EXPECT_THAT(x.meetings[0].organizers, Contains("UBND tỉnh Bình Định"));
}

TEST(MeetingsTest, AnnouncedMeetingIsNotReported) {
  const Extraction x = ExtractText(
      "Chuẩn bị hội nghị\n\n"
      "Ngày 25/3, UBND tỉnh Bình Định sẽ tổ chức hội nghị xúc tiến đầu tư. "
      "Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Bình Định, cho biết nhiều nhà "
      "đầu tư đã đăng ký.\n",
      "2019-03-06");
  EXPECT_THAT(x.meetings, IsEmpty());
}

}  // namespace
}  // namespace govgraph::extract
