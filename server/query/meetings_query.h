// Meetings of an organisation (ORGANIZED; optionally also those of every
// PART_OF descendant) or of a person (ATTENDED), in a date range, newest
// first.
#ifndef GOVGRAPH_SERVER_QUERY_MEETINGS_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_MEETINGS_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/query/query_budget.h"
#include "server/query/result_cache.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultMeetingsPageSize = 50;
// Edges one meetings query may visit (PART_OF and ORGANIZED or ATTENDED).
inline constexpr int64_t kMaxMeetingsSteps = 2000000;

struct MeetingsRequest {
  std::string entity_id = {};      // An organisation or a person.
  bool include_sub_units = false;  // Organisations only.
  std::string from_date = {};      // Inclusive; empty: no bound.
  std::string to_date = {};
  int32_t page_size = 0;  // 0: kDefaultMeetingsPageSize.
  std::string page_token = {};
};

struct MeetingsPage {
  // Newest first (undated last), then by id; each meeting once.
  std::vector<Entity> meetings;  // Without evidence.
  std::string next_page_token;
};

// kInvalidArgument for an empty id, a bad date or range, a bad page size or
// token, or an entity that is neither a person nor an organisation;
// kNotFound for an unknown one; `budget`'s status when it runs out or says
// stop. `cache` (may be null) keeps whole lists for their later pages. PART_OF
// cycles are walked once. Thread-safe if the store is.
absl::StatusOr<MeetingsPage> ListMeetings(storage::GraphStore& store,
                                          const MeetingsRequest& request,
                                          QueryBudget& budget,
                                          ResultCache* cache = nullptr);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_MEETINGS_QUERY_H_
