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
absl::StatusOr<std::vector<std::string>> Organizers(storage::GraphStore& store,
                                                    const std::string& root,
                                                    bool sub_units,
                                                    QueryBudget& budget) {
  std::vector<std::string> orgs = {root};
  absl::flat_hash_set<std::string> seen = {root};
  for (size_t i = 0; sub_units && i < orgs.size(); ++i) {
    const std::string parent = orgs[i];  // `orgs` grows while we walk.
    GOVGRAPH_RETURN_IF_ERROR(
        WalkEdges(store, parent, Direction::kIncoming, RelationType::kPartOf,
                  budget, [&](storage::EdgeHit hit) {
                    if (seen.insert(hit.other.id).second) {
                      budget.Hold(2 * HeldBytes(hit.other.id));
                      orgs.push_back(hit.other.id);
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
                                          QueryBudget& budget) {
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
  std::vector<std::string> ids = {self.id};
  if (!person) {
    GOVGRAPH_ASSIGN_OR_RETURN(
        ids, Organizers(store, self.id, request.include_sub_units, budget));
  }
  std::vector<EdgeSource> sources;
  for (std::string& id : ids) {
    sources.push_back(EdgeSource{
        std::move(id), Direction::kOutgoing,
        person ? RelationType::kAttended : RelationType::kOrganized});
  }
  GOVGRAPH_ASSIGN_OR_RETURN(
      std::vector<Entity> meetings,
      CollectDated(store, sources, EntityKind::kMeeting, range, budget));
  MeetingsPage page;
  page.next_page_token =
      TakeIndexPage(meetings, list.start, request.page_size,
                    kDefaultMeetingsPageSize, list.fingerprint, &page.meetings);
  return page;
}

}  // namespace govgraph::query
