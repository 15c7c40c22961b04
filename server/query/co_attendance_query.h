// Co-attendance: the persons who attended meetings together with a person,
// in a date range, ranked by the number of shared meetings (most first,
// then by id, digit runs by value: see NaturalLess), each with the shared
// meetings (newest first).
#ifndef GOVGRAPH_SERVER_QUERY_CO_ATTENDANCE_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_CO_ATTENDANCE_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/query/query_budget.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultCoAttendeesPageSize = 20;
inline constexpr int32_t kDefaultMeetingsPerAttendee = 5;
inline constexpr int32_t kMaxMeetingsPerAttendee = 100;
// ATTENDED edges one query may visit (the person's and their meetings').
inline constexpr int64_t kMaxCoAttendanceSteps = 2000000;

struct CoAttendanceRequest {
  std::string person_id = {};
  std::string from_date = {};  // YYYY-MM-DD or empty (no bound); inclusive.
  std::string to_date = {};
  int32_t page_size = 0;  // 0: kDefaultCoAttendeesPageSize.
  std::string page_token = {};
  int32_t meetings_per_attendee = 0;  // 0: kDefaultMeetingsPerAttendee.
};

struct CoAttendee {
  Entity person;  // Without evidence.
  int32_t shared_meetings = 0;
  std::vector<Entity> meetings;  // Newest first, then by id; capped.
};

struct CoAttendancePage {
  std::vector<CoAttendee> attendees;
  std::string next_page_token;
};

// kInvalidArgument for an empty id, a date that is not a real YYYY-MM-DD,
// from_date after to_date, a page size outside [0, kMaxPageSize], a
// meetings_per_attendee outside [0, kMaxMeetingsPerAttendee], a bad page
// token, or an entity that is not a person; kNotFound for an unknown one;
// `budget`'s status when it runs out or says stop. Thread-safe if the
// store is.
absl::StatusOr<CoAttendancePage> ListCoAttendees(
    storage::GraphStore& store, const CoAttendanceRequest& request,
    QueryBudget& budget);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_CO_ATTENDANCE_QUERY_H_
