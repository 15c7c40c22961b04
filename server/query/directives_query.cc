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
std::vector<EdgeSource> DirectiveEdges(const DatedListStart& list) {
  const storage::NodeHandle self = list.handle;
  switch (list.self.kind) {
    case EntityKind::kPerson:
      return {{self, Direction::kOutgoing, RelationType::kIssued},
              {self, Direction::kIncoming, RelationType::kAddressedTo}};
    case EntityKind::kOrganization:
      return {{self, Direction::kIncoming, RelationType::kAddressedTo}};
    case EntityKind::kMeeting:
      return {{self, Direction::kIncoming, RelationType::kIssuedAt}};
    default:
      return {};
  }
}

}  // namespace

absl::StatusOr<DirectivesPage> ListDirectives(storage::GraphStore& store,
                                              const DirectivesRequest& request,
                                              QueryBudget& budget,
                                              ResultCache* cache) {
  const DateRange range{request.from_date, request.to_date};
  GOVGRAPH_ASSIGN_OR_RETURN(
      const DatedListStart list,
      StartDatedList(store, request.entity_id, range, request.page_size,
                     request.page_token,
                     RequestFingerprint({"directives", request.entity_id,
                                         request.from_date, request.to_date})));
  const std::vector<EdgeSource> sources = DirectiveEdges(list);
  if (sources.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", request.entity_id, "\" is a ", EntityKindName(list.self.kind),
        "; directives are of persons, organisations and meetings"));
  }
  DirectivesPage page;
  GOVGRAPH_ASSIGN_OR_RETURN(
      page.directives,
      DatedPage(
          store, list, [&] { return sources; }, EntityKind::kDirective, range,
          request.page_size, kDefaultDirectivesPageSize, budget, cache,
          &page.next_page_token));
  return page;
}

}  // namespace govgraph::query
