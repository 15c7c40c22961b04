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

// A co-attendee found by handle; `person` is read only for those the page
// order depends on.
struct Tally {
  storage::NodeHandle handle = 0;
  std::vector<uint32_t> meetings;  // Indexes into the meetings walked.
  Entity person;
};

bool TallyBefore(const Tally& a, const Tally& b) {
  if (a.meetings.size() != b.meetings.size()) {
    return a.meetings.size() > b.meetings.size();
  }
  return NaturalLess(a.person.id, b.person.id);
}

// Orders the first `end` tallies by count, then id, reading the persons of
// every tally whose count ties with or beats the `end`th; the rest stay
// unordered.
absl::Status RankPrefix(storage::GraphStore& store, size_t end,
                        std::vector<Tally>& tallies) {
  std::sort(tallies.begin(), tallies.end(), [](const Tally& a, const Tally& b) {
    return a.meetings.size() > b.meetings.size();
  });
  end = std::min(end, tallies.size());
  if (end == 0) return absl::OkStatus();
  const size_t last_count = tallies[end - 1].meetings.size();
  auto named = tallies.begin();
  std::vector<storage::NodeHandle> handles;
  for (; named != tallies.end() && named->meetings.size() >= last_count;
       ++named) {
    handles.push_back(named->handle);
  }
  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<Entity> persons,
                            store.EntitiesOf(handles));
  for (size_t i = 0; i < persons.size(); ++i) {
    tallies[i].person = std::move(persons[i]);
  }
  std::sort(tallies.begin(), named, TallyBefore);
  return absl::OkStatus();
}

// The meetings of `person` in `range`, and their handles.
absl::Status AttendedMeetings(storage::GraphStore& store,
                              const std::string& person, const DateRange& range,
                              QueryBudget& budget,
                              std::vector<Entity>* meetings,
                              std::vector<storage::NodeHandle>* handles) {
  return WalkEdges(store, person, Direction::kOutgoing, RelationType::kAttended,
                   budget, [&](storage::EdgeHit hit) {
                     if (!range.Contains(hit.other.date)) return;
                     budget.Hold(HeldBytes(hit.other));
                     meetings->push_back(std::move(hit.other));
                     handles->push_back(hit.ref.target);
                   });
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
  GOVGRAPH_ASSIGN_OR_RETURN(const WalkStart start_at,
                            StartAt(store, request.person_id));
  const Entity& self = start_at.entity;
  if (self.kind != EntityKind::kPerson) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", request.person_id, "\" is a ", EntityKindName(self.kind),
        "; co-attendance is of persons"));
  }
  const DateRange range{request.from_date, request.to_date};
  std::vector<Entity> meetings;
  std::vector<storage::NodeHandle> handles;
  GOVGRAPH_RETURN_IF_ERROR(
      AttendedMeetings(store, self.id, range, budget, &meetings, &handles));
  const storage::NodeHandle me = start_at.handle;
  absl::flat_hash_map<storage::NodeHandle, Tally> by_handle;
  for (uint32_t i = 0; i < handles.size(); ++i) {
    GOVGRAPH_RETURN_IF_ERROR(WalkAdjacency(
        store, handles[i], Direction::kIncoming, RelationType::kAttended,
        self.id, budget, [&](const storage::EdgeRef& edge) {
          if (edge.source == me) return;
          Tally& tally = by_handle[edge.source];
          if (tally.meetings.empty()) {
            tally.handle = edge.source;
            budget.Hold(sizeof(Tally) + 16);
          }
          budget.Hold(sizeof(uint32_t));
          tally.meetings.push_back(i);
        }));
  }
  std::vector<Tally> ranked;
  ranked.reserve(by_handle.size());
  for (auto& [handle, tally] : by_handle) ranked.push_back(std::move(tally));
  const int32_t page_size =
      request.page_size == 0 ? kDefaultCoAttendeesPageSize : request.page_size;
  const size_t page_end =
      std::min<uint64_t>(start, ranked.size()) + static_cast<size_t>(page_size);
  GOVGRAPH_RETURN_IF_ERROR(RankPrefix(store, page_end, ranked));

  std::vector<Tally> page_tallies;
  CoAttendancePage page;
  page.next_page_token = TakeIndexPage(ranked, start, page_size, page_size,
                                       fingerprint, &page_tallies);
  const size_t per_attendee = static_cast<size_t>(
      request.meetings_per_attendee == 0 ? kDefaultMeetingsPerAttendee
                                         : request.meetings_per_attendee);
  for (Tally& tally : page_tallies) {
    CoAttendee attendee;
    attendee.person = std::move(tally.person);
    attendee.shared_meetings = static_cast<int32_t>(tally.meetings.size());
    std::vector<const Entity*> shared;
    for (const uint32_t i : tally.meetings) shared.push_back(&meetings[i]);
    std::sort(shared.begin(), shared.end(), MeetingBefore);
    shared.resize(std::min(shared.size(), per_attendee));
    for (const Entity* meeting : shared) attendee.meetings.push_back(*meeting);
    page.attendees.push_back(std::move(attendee));
  }
  return page;
}

}  // namespace govgraph::query
