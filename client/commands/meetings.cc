// meetings, directives and coattendees: the meetings of an organisation
// (with its sub-units) or of a person, the directives of a person,
// organisation or meeting, and the officials who attended meetings together
// with a person; all within an optional date range.
#include <cstddef>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "client/commands/command.h"
#include "client/commands/enum_args.h"
#include "client/commands/paging.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

// Longest meeting name in a co-attendee's list, in code points.
constexpr size_t kMaxMeetingNameCodePoints = 40;

// Sets `request`'s date range from --from and --to, and its paging; returns
// kInvalidArgument for a bad --page_size. The dates are the server's to
// check.
template <typename Request>
absl::Status SetRangeAndPaging(Request* request) {
  request->set_from_date(absl::GetFlag(FLAGS_from));
  request->set_to_date(absl::GetFlag(FLAGS_to));
  return SetPaging(request);
}

absl::StatusOr<v1::ListCoAttendeesRequest> BuildCoAttendeesRequest(
    const std::string& person_id) {
  v1::ListCoAttendeesRequest request;
  request.set_person_id(person_id);
  const int32_t meetings = absl::GetFlag(FLAGS_meetings);
  absl::Status valid = CheckNotNegative("meetings", meetings);
  if (!valid.ok()) return valid;
  request.set_meetings_per_attendee(meetings);
  valid = SetRangeAndPaging(&request);
  if (!valid.ok()) return valid;
  return request;
}

absl::StatusOr<v1::ListMeetingsRequest> BuildMeetingsRequest(
    const std::string& entity_id) {
  v1::ListMeetingsRequest request;
  request.set_entity_id(entity_id);
  request.set_include_sub_units(absl::GetFlag(FLAGS_sub_units));
  absl::Status paging = SetRangeAndPaging(&request);
  if (!paging.ok()) return paging;
  return request;
}

absl::StatusOr<v1::ListDirectivesRequest> BuildDirectivesRequest(
    const std::string& entity_id) {
  v1::ListDirectivesRequest request;
  request.set_entity_id(entity_id);
  absl::Status paging = SetRangeAndPaging(&request);
  if (!paging.ok()) return paging;
  return request;
}

// "2023-01-10 Hội nghị sơ kết…"; "? NAME" when the date is unknown.
std::string ShortMeeting(const v1::Entity& meeting) {
  const std::string& date = meeting.meeting().date();
  return absl::StrCat(
      date.empty() ? "?" : date, " ",
      Shorten(meeting.display_name(), kMaxMeetingNameCodePoints));
}

void AddCoAttendeeRows(const v1::ListCoAttendeesResponse& response,
                       Table* table) {
  for (const v1::CoAttendee& attendee : response.attendees()) {
    std::vector<std::string> meetings;
    for (const v1::Entity& meeting : attendee.meetings()) {
      meetings.push_back(ShortMeeting(meeting));
    }
    const int listed = attendee.meetings_size();
    if (attendee.shared_meetings() > listed) {
      meetings.push_back(
          absl::StrCat("+", attendee.shared_meetings() - listed, " more"));
    }
    table->AddRow({attendee.person().display_name(), attendee.person().id(),
                   absl::StrCat(attendee.shared_meetings()),
                   absl::StrJoin(meetings, "; ")});
  }
}

void AddMeetingRows(const v1::ListMeetingsResponse& response, Table* table) {
  for (const v1::Entity& meeting : response.meetings()) {
    table->AddRow(
        {meeting.meeting().date(), meeting.display_name(), meeting.id()});
  }
}

void AddDirectiveRows(const v1::ListDirectivesResponse& response,
                      Table* table) {
  for (const v1::Entity& directive : response.directives()) {
    table->AddRow({directive.directive().date(), directive.directive().verb(),
                   directive.directive().text(), directive.id()});
  }
}

}  // namespace

int RunCoAttendees(const CommandContext& context,
                   const std::vector<std::string>& args) {
  return ListPages(context, &v1::KnowledgeGraph::Stub::ListCoAttendees,
                   &AddCoAttendeeRows, BuildCoAttendeesRequest(args[0]),
                   Table({"PERSON", "PERSON_ID", "SHARED", "MEETINGS"}));
}

int RunMeetings(const CommandContext& context,
                const std::vector<std::string>& args) {
  return ListPages(context, &v1::KnowledgeGraph::Stub::ListMeetings,
                   &AddMeetingRows, BuildMeetingsRequest(args[0]),
                   Table({"DATE", "NAME", "ID"}));
}

int RunDirectives(const CommandContext& context,
                  const std::vector<std::string>& args) {
  return ListPages(context, &v1::KnowledgeGraph::Stub::ListDirectives,
                   &AddDirectiveRows, BuildDirectivesRequest(args[0]),
                   Table({"DATE", "VERB", "TEXT", "ID"}));
}

}  // namespace govgraph::client
