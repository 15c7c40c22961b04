#include "server/query/meetings_query.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/query/date_range.h"
#include "server/query/dated_entities.h"
#include "server/query/edge_walk.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

// The organisation and, if asked, every organisation under it.
absl::StatusOr<std::vector<storage::NodeHandle>> Organizers(
    storage::GraphStore& store, const DatedListStart& list, bool sub_units,
    QueryBudget& budget) {
  std::vector<storage::NodeHandle> orgs = {list.handle};
  absl::flat_hash_set<storage::NodeHandle> seen = {list.handle};
  for (size_t i = 0; sub_units && i < orgs.size(); ++i) {
    const storage::NodeHandle parent = orgs[i];  // `orgs` grows meanwhile.
    GOVGRAPH_RETURN_IF_ERROR(WalkAdjacency(
        store, parent, Direction::kIncoming, RelationType::kPartOf,
        list.self.id, budget, [&](const storage::EdgeRef& edge) {
          if (seen.insert(edge.source).second) {
            budget.Hold(3 * sizeof(storage::NodeHandle) + 8);
            orgs.push_back(edge.source);
          }
        }));
  }
  return orgs;
}

uint64_t Fingerprint(const MeetingsRequest& request) {
  return RequestFingerprint({"meetings", request.entity_id,
                             request.include_sub_units ? "1" : "0",
                             request.from_date, request.to_date});
}

}  // namespace

absl::StatusOr<MeetingsPage> ListMeetings(storage::GraphStore& store,
                                          const MeetingsRequest& request,
                                          QueryBudget& budget,
                                          ResultCache* cache) {
  const DateRange range{request.from_date, request.to_date};
  GOVGRAPH_ASSIGN_OR_RETURN(
      const DatedListStart list,
      StartDatedList(store, request.entity_id, range, request.page_size,
                     request.page_token, Fingerprint(request)));
  const Entity& self = list.self;
  const bool person = self.kind == EntityKind::kPerson;
  if (!person && self.kind != EntityKind::kOrganization) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", request.entity_id, "\" is a ", EntityKindName(self.kind),
        "; meetings are of persons and organisations"));
  }
  // Sub-units are walked only when the list is collected, not for a page
  // cut from a kept list.
  const auto sources = [&]() -> absl::StatusOr<std::vector<EdgeSource>> {
    std::vector<storage::NodeHandle> nodes = {list.handle};
    if (!person) {
      GOVGRAPH_ASSIGN_OR_RETURN(
          nodes, Organizers(store, list, request.include_sub_units, budget));
    }
    std::vector<EdgeSource> sources;
    for (const storage::NodeHandle node : nodes) {
      sources.push_back(EdgeSource{
          node, Direction::kOutgoing,
          person ? RelationType::kAttended : RelationType::kOrganized});
    }
    return sources;
  };
  MeetingsPage page;
  GOVGRAPH_ASSIGN_OR_RETURN(
      page.meetings,
      DatedPage(store, list, sources, EntityKind::kMeeting, range,
                request.page_size, kDefaultMeetingsPageSize, budget, cache,
                &page.next_page_token));
  return page;
}

}  // namespace govgraph::query
