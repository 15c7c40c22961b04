#include "server/query/co_attendance_query.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"
#include "server/query/date_range.h"
#include "server/query/edge_walk.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

absl::Status Validate(const CoAttendanceRequest& request) {
  if (request.person_id.empty()) {
    return absl::InvalidArgumentError("person_id is empty");
  }
  GOVGRAPH_RETURN_IF_ERROR(
      (DateRange{request.from_date, request.to_date}.Validate()));
  if (request.meetings_per_attendee < 0 ||
      request.meetings_per_attendee > kMaxMeetingsPerAttendee) {
    return absl::InvalidArgumentError(absl::StrCat(
        "meetings_per_attendee must be in [0, ", kMaxMeetingsPerAttendee, "]"));
  }
  return ValidatePageSize(request.page_size);
}

bool MeetingBefore(const Entity* a, const Entity* b) {
  return std::tie(b->date, a->id) < std::tie(a->date, b->id);
}

struct Tally {
  Entity person;
  std::vector<const Entity*> meetings;
};

bool TallyBefore(const Tally* a, const Tally* b) {
  if (a->meetings.size() != b->meetings.size()) {
    return a->meetings.size() > b->meetings.size();
  }
  return NaturalLess(a->person.id, b->person.id);
}

uint64_t Fingerprint(const CoAttendanceRequest& request) {
  return RequestFingerprint({"coattendees", request.person_id,
                             request.from_date, request.to_date,
                             absl::StrCat(request.meetings_per_attendee)});
}

}  // namespace

absl::StatusOr<CoAttendancePage> ListCoAttendees(
    storage::GraphStore& store, const CoAttendanceRequest& request,
    QueryBudget& budget) {
  GOVGRAPH_RETURN_IF_ERROR(Validate(request));
  const uint64_t fingerprint = Fingerprint(request);
  GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t start,
                            DecodeIndexToken(request.page_token, fingerprint));
  GOVGRAPH_ASSIGN_OR_RETURN(Entity self, store.GetEntity(request.person_id));
  if (self.kind != EntityKind::kPerson) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", request.person_id, "\" is a ", EntityKindName(self.kind),
        "; co-attendance is of persons"));
  }
  const DateRange range{request.from_date, request.to_date};
  std::vector<Entity> meetings;
  GOVGRAPH_RETURN_IF_ERROR(
      WalkEdges(store, self.id, Direction::kOutgoing, RelationType::kAttended,
                budget, [&](storage::EdgeHit hit) {
                  if (range.Contains(hit.other.date)) {
                    budget.Hold(HeldBytes(hit.other));
                    meetings.push_back(std::move(hit.other));
                  }
                }));
  absl::flat_hash_map<std::string, Tally> tallies;
  for (const Entity& meeting : meetings) {
    GOVGRAPH_RETURN_IF_ERROR(WalkEdges(store, meeting.id, Direction::kIncoming,
                                       RelationType::kAttended, budget,
                                       [&](storage::EdgeHit hit) {
                                         if (hit.other.id == self.id) return;
                                         Tally& tally = tallies[hit.other.id];
                                         if (tally.meetings.empty()) {
                                           budget.Hold(HeldBytes(hit.other));
                                           tally.person = std::move(hit.other);
                                         }
                                         budget.Hold(sizeof(const Entity*));
                                         tally.meetings.push_back(&meeting);
                                       }));
  }
  std::vector<const Tally*> ranked;
  ranked.reserve(tallies.size());
  for (const auto& [id, tally] : tallies) ranked.push_back(&tally);
  std::sort(ranked.begin(), ranked.end(), TallyBefore);

  std::vector<const Tally*> page_tallies;
  CoAttendancePage page;
  page.next_page_token =
      TakeIndexPage(ranked, start, request.page_size,
                    kDefaultCoAttendeesPageSize, fingerprint, &page_tallies);
  const size_t per_attendee = static_cast<size_t>(
      request.meetings_per_attendee == 0 ? kDefaultMeetingsPerAttendee
                                         : request.meetings_per_attendee);
  for (const Tally* tally : page_tallies) {
    CoAttendee attendee;
    attendee.person = tally->person;
    attendee.shared_meetings = static_cast<int32_t>(tally->meetings.size());
    std::vector<const Entity*> shared = tally->meetings;
    std::sort(shared.begin(), shared.end(), MeetingBefore);
    shared.resize(std::min(shared.size(), per_attendee));
    for (const Entity* meeting : shared) attendee.meetings.push_back(*meeting);
    page.attendees.push_back(std::move(attendee));
  }
  return page;
}

}  // namespace govgraph::query
