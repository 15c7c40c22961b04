// Directives by who issued them (a person), whom they were addressed to (an
// organisation or a person) or the meeting they were given at, in a date
// range, newest first, with their text.
#ifndef GOVGRAPH_SERVER_QUERY_DIRECTIVES_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_DIRECTIVES_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/query/query_budget.h"
#include "server/query/result_cache.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultDirectivesPageSize = 50;
inline constexpr int64_t kMaxDirectivesSteps = 2000000;

struct DirectivesRequest {
  // A person: the directives they ISSUED and those ADDRESSED_TO them; an
  // organisation: those ADDRESSED_TO it; a meeting: those ISSUED_AT it.
  std::string entity_id = {};
  std::string from_date = {};  // Inclusive; empty: no bound.
  std::string to_date = {};
  int32_t page_size = 0;  // 0: kDefaultDirectivesPageSize.
  std::string page_token = {};
};

struct DirectivesPage {
  // Newest first (undated last), then by id; without evidence.
  std::vector<Entity> directives;
  std::string next_page_token;
};

// kInvalidArgument for an empty id, a bad date or range, a bad page size or
// token, or an entity that is not a person, organisation or meeting;
// kNotFound for an unknown one; `budget`'s status when it runs out or says
// stop. `cache` (may be null) keeps whole lists for their later pages.
// Thread-safe if the store is.
absl::StatusOr<DirectivesPage> ListDirectives(storage::GraphStore& store,
                                              const DirectivesRequest& request,
                                              QueryBudget& budget,
                                              ResultCache* cache = nullptr);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_DIRECTIVES_QUERY_H_
