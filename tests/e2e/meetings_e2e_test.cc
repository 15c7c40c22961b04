// End-to-end tests of `govgraph coattendees` and `govgraph meetings` on
// hand-written facts (tests/testdata/e2e_meetings/qn-*.json): meetings in
// Quảng Nam organised by the UBND, by its Sở Y tế (PART_OF the UBND) and by
// a hospital under the Sở (PART_OF the Sở), and one in Quảng Ngãi:
//   2023-01-10  UBND        Thanh, Bửu, Hòa
//   2023-03-15  Sở Y tế     Thanh, Hòa
//   2023-06-20  UBND        Thanh, Bửu
//   2023-09-05  Bệnh viện   Thanh, Hòa
//   (undated)   Sở Y tế     Thanh, Hòa
//   2023-02-01  Quảng Ngãi  Minh, Hiền
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

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kThanh[] = "p-le-tri-thanh";
constexpr char kBuu[] = "p-ho-quang-buu";
constexpr char kHoa[] = "p-nguyen-van-hoa";
constexpr char kMinh[] = "p-dang-van-minh";
constexpr char kUbnd[] = "o-ubnd-quang-nam";
constexpr char kSoYTe[] = "o-so-y-te-quang-nam";

constexpr char kJan[] = "m-qn-hop-ubnd-2023-01-10";
constexpr char kMar[] = "m-qn-so-y-te-2023-03-15";
constexpr char kJun[] = "m-qn-hop-ubnd-2023-06-20";
constexpr char kSep[] = "m-qn-benh-vien-2023-09-05";
constexpr char kUndated[] = "m-qn-so-y-te-khong-ngay";

// One co-attendee as "PERSON_ID:SHARED:MEETING_ID,MEETING_ID...".
std::string Describe(const v1::CoAttendee& attendee) {
  std::vector<std::string> meetings;
  for (const v1::Entity& meeting : attendee.meetings()) {
    meetings.push_back(meeting.id());
  }
  return absl::StrCat(attendee.person().id(), ":", attendee.shared_meetings(),
                      ":", absl::StrJoin(meetings, ","));
}

class MeetingsE2eTest : public GraphE2eTest {
 protected:
  void SetUp() override {
    GraphE2eTest::SetUp();
    if (HasFatalFailure()) return;
    IngestFactFiles(kMeetingsDir, {"qn-2023-03-16.json", "qn-2023-09-06.json",
                                   "qn-khong-ngay.json", "bd-2024-02-11.json"});
  }

  // `coattendees args... --all --json`, every page, described.
  std::vector<std::string> CoAttendees(std::vector<std::string> args) {
    args.insert(args.begin(), "coattendees");
    std::vector<std::string> attendees;
    for (const auto& page : Pages<v1::ListCoAttendeesResponse>(args)) {
      for (const v1::CoAttendee& attendee : page.attendees()) {
        EXPECT_TRUE(attendee.person().evidence().empty());
        attendees.push_back(Describe(attendee));
      }
    }
    return attendees;
  }

  // `meetings args... --all --json`, every page: the meeting ids in order.
  std::vector<std::string> Meetings(std::vector<std::string> args) {
    args.insert(args.begin(), "meetings");
    std::vector<std::string> ids;
    for (const auto& page : Pages<v1::ListMeetingsResponse>(args)) {
      for (const v1::Entity& meeting : page.meetings()) {
        EXPECT_EQ(meeting.kind(), v1::MEETING) << meeting.id();
        EXPECT_TRUE(meeting.evidence().empty()) << meeting.id();
        ids.push_back(meeting.id());
      }
    }
    return ids;
  }
};

TEST_F(MeetingsE2eTest, CoAttendeesRankedByMeetingsSharedNewestFirst) {
  EXPECT_THAT(CoAttendees({kThanh}),
              ElementsAre(std::string(kHoa) + ":4:" + kSep + "," + kMar + "," +
                              kJan + "," + kUndated,
                          std::string(kBuu) + ":2:" + kJun + "," + kJan));
  EXPECT_THAT(CoAttendees({kBuu}),
              ElementsAre(std::string(kThanh) + ":2:" + kJun + "," + kJan,
                          std::string(kHoa) + ":1:" + kJan));
  EXPECT_THAT(CoAttendees({kMinh}),
              ElementsAre("p-tran-phuoc-hien:1:m-qng-hop-ubnd-2023-02-01"));
}

TEST_F(MeetingsE2eTest, CoAttendeesWithinDatesLeaveUndatedOut) {
  EXPECT_THAT(CoAttendees({kThanh, "--from=2023-03-01"}),
              ElementsAre(std::string(kHoa) + ":2:" + kSep + "," + kMar,
                          std::string(kBuu) + ":1:" + kJun));
  // Inclusive bounds; the ranking turns over.
  EXPECT_THAT(CoAttendees({kThanh, "--from=2023-06-20", "--to=2023-06-20"}),
              ElementsAre(std::string(kBuu) + ":1:" + kJun));
  // A tie is broken by person id.
  EXPECT_THAT(CoAttendees({kThanh, "--to=2023-02-28"}),
              ElementsAre(std::string(kBuu) + ":1:" + kJan,
                          std::string(kHoa) + ":1:" + kJan));
  EXPECT_THAT(CoAttendees({kThanh, "--from=2024-01-01"}), ElementsAre());
}

TEST_F(MeetingsE2eTest, CoAttendeesListAtMostMeetingsButCountAll) {
  EXPECT_THAT(CoAttendees({kThanh, "--meetings=1"}),
              ElementsAre(std::string(kHoa) + ":4:" + kSep,
                          std::string(kBuu) + ":2:" + kJun));
}

TEST_F(MeetingsE2eTest, CoAttendeesPagesAndTable) {
  const auto first = ParseJson<v1::ListCoAttendeesResponse>(
      Json({"coattendees", kThanh, "--page_size=1"}));
  ASSERT_EQ(first.attendees_size(), 1);
  EXPECT_EQ(first.attendees(0).person().id(), kHoa);
  ASSERT_FALSE(first.next_page_token().empty());
  const auto second = ParseJson<v1::ListCoAttendeesResponse>(
      Json({"coattendees", kThanh, "--page_size=1",
            "--page_token=" + first.next_page_token()}));
  ASSERT_EQ(second.attendees_size(), 1);
  EXPECT_EQ(second.attendees(0).person().id(), kBuu);
  EXPECT_THAT(CoAttendees({kThanh, "--page_size=1"}),
              ElementsAre(HasSubstr(kHoa), HasSubstr(kBuu)));

  const ProcessResult table = Run({"coattendees", kThanh, "--meetings=2"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("SHARED"));
  EXPECT_THAT(table.out, HasSubstr("Nguyễn Văn Hòa"));
  EXPECT_THAT(table.out, HasSubstr("2023-09-05 Lễ khánh thành"));
  EXPECT_THAT(table.out, HasSubstr("+2 more"));
  EXPECT_THAT(table.out, Not(HasSubstr("Đặng Văn Minh")));
}

TEST_F(MeetingsE2eTest, MeetingsOfOrganisationWithAndWithoutSubUnits) {
  EXPECT_THAT(Meetings({kUbnd}), ElementsAre(kJun, kJan));
  // Sub-units at any depth (the hospital is under the Sở); undated last.
  EXPECT_THAT(Meetings({kUbnd, "--sub_units"}),
              ElementsAre(kSep, kJun, kMar, kJan, kUndated));
  EXPECT_THAT(Meetings({kSoYTe}), ElementsAre(kMar, kUndated));
  EXPECT_THAT(Meetings({kSoYTe, "--sub_units"}),
              ElementsAre(kSep, kMar, kUndated));
  EXPECT_THAT(
      Meetings({kUbnd, "--sub_units", "--from=2023-03-15", "--to=2023-06-20"}),
      ElementsAre(kJun, kMar));
  EXPECT_THAT(Meetings({kUbnd, "--sub_units", "--to=2023-01-31"}),
              ElementsAre(kJan));
}

TEST_F(MeetingsE2eTest, MeetingsOfPerson) {
  EXPECT_THAT(Meetings({kBuu}), ElementsAre(kJun, kJan));
  EXPECT_THAT(Meetings({kHoa, "--from=2023-02-01"}), ElementsAre(kSep, kMar));
  EXPECT_THAT(Meetings({kMinh}), ElementsAre("m-qng-hop-ubnd-2023-02-01"));
}

TEST_F(MeetingsE2eTest, MeetingsPagesAndTable) {
  EXPECT_THAT(Meetings({kUbnd, "--sub_units", "--page_size=2"}),
              ElementsAre(kSep, kJun, kMar, kJan, kUndated));
  const ProcessResult first =
      Run({"meetings", kUbnd, "--sub_units", "--page_size=2", "--json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(Lines(first.out).size(), 1u) << "without --all, one page";

  const ProcessResult table = Run({"meetings", kUbnd, "--page_size=1"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_THAT(table.out, HasSubstr("DATE"));
  EXPECT_THAT(table.out, HasSubstr("2023-06-20"));
  EXPECT_THAT(table.out, HasSubstr(kJun));
  EXPECT_THAT(table.out, HasSubstr("giải ngân đầu tư công"));
  EXPECT_THAT(table.out, Not(HasSubstr(kJan)));
  EXPECT_THAT(table.out, HasSubstr("next_page_token: "));
}

TEST_F(MeetingsE2eTest, CoAttendeesErrors) {
  ExpectRpcError({"coattendees", "p-no-such-person"}, "NOT_FOUND");
  ExpectRpcError({"coattendees", kUbnd}, "INVALID_ARGUMENT");
  ExpectRpcError({"coattendees", kJan}, "INVALID_ARGUMENT");
  ExpectRpcError({"coattendees", kThanh, "--from=2023-02-30"},
                 "INVALID_ARGUMENT");
  ExpectRpcError({"coattendees", kThanh, "--to=tomorrow"}, "INVALID_ARGUMENT");
  ExpectRpcError(
      {"coattendees", kThanh, "--from=2023-06-01", "--to=2023-01-01"},
      "INVALID_ARGUMENT");
  ExpectRpcError({"coattendees", kThanh, "--meetings=101"}, "INVALID_ARGUMENT");
  ExpectRpcError({"coattendees", kThanh, "--page_token=garbage!!"},
                 "INVALID_ARGUMENT");
  ExpectUsageError({"coattendees"});
  ExpectUsageError({"coattendees", kThanh, kBuu});
  ExpectUsageError({"coattendees", kThanh, "--meetings=-1"});
  ExpectUsageError({"coattendees", kThanh, "--page_size=-1"});
  ExpectUsageError({"coattendees", kThanh, "--sub_units"});
}

TEST_F(MeetingsE2eTest, MeetingsErrors) {
  ExpectRpcError({"meetings", "o-no-such-org"}, "NOT_FOUND");
  ExpectRpcError({"meetings", kJan}, "INVALID_ARGUMENT");
  ExpectRpcError({"meetings", kUbnd, "--from=2023-13-01"}, "INVALID_ARGUMENT");
  ExpectRpcError({"meetings", kUbnd, "--from=2023-06-01", "--to=2023-01-01"},
                 "INVALID_ARGUMENT");
  ExpectRpcError({"meetings", kUbnd, "--page_token=garbage!!"},
                 "INVALID_ARGUMENT");
  ExpectUsageError({"meetings"});
  ExpectUsageError({"meetings", kUbnd, "--meetings=2"});
  ExpectUsageError({"meetings", kUbnd, "--page_size=-3"});
}

}  // namespace
}  // namespace govgraph::e2e
