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
  if (request.entity_id.empty()) {
    return absl::InvalidArgumentError("entity_id is empty");
  }
  const DateRange range{request.from_date, request.to_date};
  GOVGRAPH_RETURN_IF_ERROR(range.Validate());
  GOVGRAPH_RETURN_IF_ERROR(ValidatePageSize(request.page_size));
  const uint64_t fingerprint = RequestFingerprint(
      {"directives", request.entity_id, request.from_date, request.to_date});
  GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t start,
                            DecodeIndexToken(request.page_token, fingerprint));
  GOVGRAPH_ASSIGN_OR_RETURN(Entity self, store.GetEntity(request.entity_id));
  const std::vector<EdgeSource> sources = DirectiveEdges(self);
  if (sources.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", request.entity_id, "\" is a ", EntityKindName(self.kind),
        "; directives are of persons, organisations and meetings"));
  }
  GOVGRAPH_ASSIGN_OR_RETURN(
      std::vector<Entity> directives,
      CollectDated(store, sources, EntityKind::kDirective, range, budget));
  DirectivesPage page;
  page.next_page_token =
      TakeIndexPage(directives, start, request.page_size,
                    kDefaultDirectivesPageSize, fingerprint, &page.directives);
  return page;
}

}  // namespace govgraph::query
