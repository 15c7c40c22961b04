// Read queries over a GraphStore: entity lookup, a node's relations, name
// search and a fact's evidence, with opaque, request-bound page tokens.
#ifndef GOVGRAPH_SERVER_QUERY_GRAPH_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_GRAPH_QUERY_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/common/types.h"
#include "server/query/audit_query.h"
#include "server/query/co_attendance_query.h"
#include "server/query/date_range.h"
#include "server/query/directives_query.h"
#include "server/query/evidence_query.h"
#include "server/query/meetings_query.h"
#include "server/query/page_token.h"
#include "server/query/path_query.h"
#include "server/query/positions_query.h"
#include "server/query/result_cache.h"
#include "server/query/subgraph_query.h"
#include "server/query/traverse_query.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultRelationsPageSize = 50;
inline constexpr int32_t kDefaultSearchPageSize = 20;

struct RelationsRequest {
  std::string entity_id;
  RelationType type = RelationType::kUnspecified;  // Unspecified: all.
  Direction direction = Direction::kBoth;  // kBoth: outgoing, then incoming.
  int32_t page_size = 0;                   // 0: kDefaultRelationsPageSize.
  std::string page_token;                  // Empty: first page.
  // Only relations dated within [from_date, to_date] (inclusive; either may
  // be empty): see RelationInRange.
  std::string from_date;
  std::string to_date;
};

// The edges a relations page may skip for its date range before it returns
// short (with a next page token).
inline constexpr size_t kMaxRelationsSkipped = 100000;

// True if `hit` falls in `range`. A relation is dated by its other
// endpoint's date when it has one (a meeting, directive or report); a
// HOLDS_POSITION otherwise by its mandate (explicit start and end, else
// first and last seen), any other by its first and last seen; it is in the
// range if that date or interval meets it. Undated relations are in an
// unbounded range only.
bool RelationInRange(const storage::EdgeHit& hit, const DateRange& range);

// One batch of GraphQuery::ExportGraph: entities, or relations (once every
// entity has been handed over).
struct GraphBatch {
  std::vector<Entity> entities;
  std::vector<Relation> relations;
};

struct RelationsPage {
  std::vector<storage::EdgeHit> relations;
  std::string next_page_token;  // Empty on the last page.
};

struct SearchRequest {
  std::string query;  // Name prefix; folded with FoldName.
  EntityKind kind = EntityKind::kUnspecified;  // Unspecified: all.
  int32_t page_size = 0;                       // 0: kDefaultSearchPageSize.
  std::string page_token;
  // Whole words in any order, ranked (see word_search.h), instead of a
  // name prefix.
  bool whole_words = false;
};

struct SearchPage {
  // Prefix: ordered by the entity's first matching folded name, then by
  // id; whole words: ranked. Each entity appears once across all pages.
  std::vector<Entity> entities;
  std::string next_page_token;
};

// Thread-safe if the store is. Each query reads one graph: the store as it
// was when the query began (GraphStore::PinReads), whatever is written
// meanwhile.
class GraphQuery {
 public:
  // `store` is not owned and must outlive this object.
  explicit GraphQuery(storage::GraphStore* store)
      : store_(store),
        cache_(std::make_unique<ResultCache>(kResultCacheBytes)) {}

  // kInvalidArgument for an empty id, kNotFound for an unknown one.
  absl::StatusOr<Entity> GetEntity(absl::string_view id) const;

  // kInvalidArgument for an empty id, a page size outside [0, kMaxPageSize],
  // an unknown type, a bad date range, or a page token that is malformed or
  // was issued for another request; kNotFound for an unknown entity. With a
  // date range a page may hold fewer relations than asked, even none, and
  // still a next page token: past kMaxRelationsSkipped skipped edges it
  // returns what it has.
  absl::StatusOr<RelationsPage> ListRelations(
      const RelationsRequest& request) const;

  // kInvalidArgument for a query that folds to nothing or is invalid UTF-8,
  // a bad page size or page token.
  absl::StatusOr<SearchPage> Search(const SearchRequest& request) const;

  // The evidence of an entity or a relation; see query::ListEvidence (in
  // evidence_query.h) for the order and the error codes.
  absl::StatusOr<EvidencePage> ListEvidence(
      const EvidenceRequest& request) const;

  // Mandates of a person or in an organisation; see query::ListPositions
  // (in positions_query.h).
  absl::StatusOr<PositionsPage> ListPositions(
      const PositionsRequest& request) const;

  // Who attended meetings with a person; see query::ListCoAttendees (in
  // co_attendance_query.h). At most kMaxCoAttendanceSteps edges are
  // visited; `should_stop` (may be null) is asked between batches.
  absl::StatusOr<CoAttendancePage> ListCoAttendees(
      const CoAttendanceRequest& request,
      QueryBudget::StopCheck should_stop) const;

  // Meetings of an organisation or a person; see query::ListMeetings (in
  // meetings_query.h), within kMaxMeetingsSteps edges.
  absl::StatusOr<MeetingsPage> ListMeetings(
      const MeetingsRequest& request, QueryBudget::StopCheck should_stop) const;

  // Directives of a person, organisation or meeting; see
  // query::ListDirectives (in directives_query.h), within
  // kMaxDirectivesSteps edges.
  absl::StatusOr<DirectivesPage> ListDirectives(
      const DirectivesRequest& request,
      QueryBudget::StopCheck should_stop) const;

  // Shortest paths, or the k shortest; see query::FindPaths (in
  // path_query.h), within kMaxPathSteps edges.
  absl::StatusOr<PathsResult> FindPaths(
      const PathsRequest& request, QueryBudget::StopCheck should_stop) const;

  // k-hop expansion, each node handed to `emit` as found; see
  // query::Traverse (in traverse_query.h), within kMaxTraverseSteps edges.
  absl::Status Traverse(const TraverseRequest& request,
                        QueryBudget::StopCheck should_stop,
                        const std::function<bool(TraverseStep)>& emit) const;

  // The subgraph around a node, each node and relation handed to `emit`;
  // see query::ExportSubgraph (in subgraph_query.h), within
  // kMaxSubgraphSteps edges.
  absl::Status ExportSubgraph(
      const SubgraphRequest& request, QueryBudget::StopCheck should_stop,
      const std::function<bool(SubgraphItem)>& emit) const;

  // The whole graph as it was when the call began: every entity, then
  // every relation, handed to `emit` in batches of up to `batch_size`
  // items (GraphStore::ScanGraph). Outside the query budget: it holds one
  // batch and the store's id map. Stops with the status `should_stop`
  // gives, checked before each batch, or kCancelled once `emit` returns
  // false.
  absl::Status ExportGraph(bool with_evidence, size_t batch_size,
                           QueryBudget::StopCheck should_stop,
                           const std::function<bool(GraphBatch)>& emit) const;

  // The curation audit log; see query::ListAudit (in audit_query.h).
  absl::StatusOr<AuditPage> ListAudit(const AuditRequest& request) const;

  absl::StatusOr<GraphStats> GetStats() const;

 private:
  // Whole meeting and directive lists kept for their later pages.
  static constexpr int64_t kResultCacheBytes = 64 << 20;

  storage::GraphStore* const store_;
  const std::unique_ptr<ResultCache> cache_;
};

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_GRAPH_QUERY_H_
