#include "server/query/directives_query.h"

#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/query/date_range.h"
#include "server/query/dated_entities.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

// The edges that lead from `self` to its directives; empty for a kind that
// has none.
std::vector<EdgeSource> DirectiveEdges(const Entity& self) {
  switch (self.kind) {
    case EntityKind::kPerson:
      return {{self.id, Direction::kOutgoing, RelationType::kIssued},
              {self.id, Direction::kIncoming, RelationType::kAddressedTo}};
    case EntityKind::kOrganization:
      return {{self.id, Direction::kIncoming, RelationType::kAddressedTo}};
    case EntityKind::kMeeting:
      return {{self.id, Direction::kIncoming, RelationType::kIssuedAt}};
    default:
      return {};
  }
}

}  // namespace

absl::StatusOr<DirectivesPage> ListDirectives(storage::GraphStore& store,
                                              const DirectivesRequest& request,
                                              QueryBudget& budget) {
  const DateRange range{request.from_date, request.to_date};
  GOVGRAPH_ASSIGN_OR_RETURN(
      const DatedListStart list,
      StartDatedList(store, request.entity_id, range, request.page_size,
                     request.page_token,
                     RequestFingerprint({"directives", request.entity_id,
                                         request.from_date, request.to_date})));
  const std::vector<EdgeSource> sources = DirectiveEdges(list.self);
  if (sources.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", request.entity_id, "\" is a ", EntityKindName(list.self.kind),
        "; directives are of persons, organisations and meetings"));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(
      std::vector<Entity> directives,
      CollectDated(store, sources, EntityKind::kDirective, range, budget));
  DirectivesPage page;
  page.next_page_token = TakeIndexPage(
      directives, list.start, request.page_size, kDefaultDirectivesPageSize,
      list.fingerprint, &page.directives);
  return page;
}

}  // namespace govgraph::query
