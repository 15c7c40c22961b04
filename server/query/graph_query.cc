#include "server/query/graph_query.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"
#include "server/query/page_token.h"
#include "server/query/word_search.h"

namespace govgraph::query {
namespace {

// Smallest ScanNames batch, so that kind-filtered searches with small pages
// do not go to the store once per entry.
constexpr size_t kMinSearchBatch = 64;

size_t EffectivePageSize(int32_t page_size, int32_t default_size) {
  return static_cast<size_t>(page_size == 0 ? default_size : page_size);
}

// One byte holding a small enum value, as a fingerprint field. The
// fingerprint fields below are part of the page token format (tokens outlive
// restarts): changing them needs a new kPageTokenVersion.
std::string EnumField(int value) {
  return std::string(1, static_cast<char>(value));
}

// The scans kBoth and the single directions are made of, in page order;
// kInvalidArgument for a value outside Direction.
absl::StatusOr<std::vector<Direction>> Phases(Direction direction) {
  switch (direction) {
    case Direction::kOutgoing:
    case Direction::kIncoming:
      return std::vector<Direction>{direction};
    case Direction::kBoth:
      return std::vector<Direction>{Direction::kOutgoing, Direction::kIncoming};
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown direction ", static_cast<int>(direction)));
}

absl::Status ValidateRelationsRequest(const RelationsRequest& request) {
  if (request.entity_id.empty()) {
    return absl::InvalidArgumentError("entity_id is empty");
  }
  const int type = static_cast<int>(request.type);
  if (type > kMaxRelationType) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown relation type ", type));
  }
  GOVGRAPH_RETURN_IF_ERROR(
      (DateRange{request.from_date, request.to_date}.Validate()));
  return ValidatePageSize(request.page_size);
}

// The span of dates `hit` stands for; both empty when undated.
std::pair<std::string, std::string> RelationDates(const storage::EdgeHit& hit) {
  if (!hit.other.date.empty()) return {hit.other.date, hit.other.date};
  const Relation& r = hit.relation;
  if (r.type == RelationType::kHoldsPosition &&
      !(r.start_date.empty() && r.first_seen.empty())) {
    return {r.start_date.empty() ? r.first_seen : r.start_date,
            r.end_date.empty() ? r.last_seen : r.end_date};
  }
  return {r.first_seen, r.last_seen};
}

// Decodes `page_token` (empty: the start of phase 0) and checks that its
// phase is one of the request's `num_phases`.
absl::StatusOr<PageToken> ResumePoint(absl::string_view page_token,
                                      uint64_t fingerprint, size_t num_phases) {
  if (page_token.empty()) return PageToken();
  GOVGRAPH_ASSIGN_OR_RETURN(PageToken token,
                            DecodePageToken(page_token, fingerprint));
  if (token.phase >= num_phases) {
    return absl::InvalidArgumentError("invalid page_token");
  }
  return token;
}

// Validates `request` and returns its folded query.
absl::StatusOr<std::string> FoldSearchQuery(const SearchRequest& request) {
  if (!IsValidUtf8(request.query)) {
    return absl::InvalidArgumentError("query is not valid UTF-8");
  }
  std::string folded = FoldName(request.query);
  if (folded.empty()) {
    return absl::InvalidArgumentError("query is empty");
  }
  const int kind = static_cast<int>(request.kind);
  if (kind > kMaxEntityKind) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown entity kind ", kind));
  }
  GOVGRAPH_RETURN_IF_ERROR(ValidatePageSize(request.page_size));
  return folded;
}

// True if `hit` belongs on a page of the search for `folded_query`: its
// entity has the wanted kind and no other name or alias that matches the
// query and sorts before the hit's (that earlier entry reports it). The
// comparison is bytewise, as in the name index.
bool IsReportable(const storage::NameHit& hit, absl::string_view folded_query,
                  EntityKind kind) {
  if (kind != EntityKind::kUnspecified && hit.entity.kind != kind) {
    return false;
  }
  auto matches_earlier = [&](absl::string_view name) {
    const std::string folded = FoldName(name);
    return absl::StartsWith(folded, folded_query) && folded < hit.folded_name;
  };
  const std::vector<std::string>& aliases = hit.entity.aliases;
  return !matches_earlier(hit.entity.name) &&
         std::none_of(aliases.begin(), aliases.end(), matches_earlier);
}

}  // namespace

absl::StatusOr<Entity> GraphQuery::GetEntity(absl::string_view id) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  if (id.empty()) return absl::InvalidArgumentError("entity id is empty");
  return store_->GetEntity(id);
}

bool RelationInRange(const storage::EdgeHit& hit, const DateRange& range) {
  if (range.from.empty() && range.to.empty()) return true;
  const auto [first, last] = RelationDates(hit);
  if (first.empty() && last.empty()) return false;
  // [first, last] meets [from, to]; an empty end of either is open.
  return (range.to.empty() || first.empty() || first <= range.to) &&
         (range.from.empty() || last.empty() || range.from <= last);
}

absl::StatusOr<RelationsPage> GraphQuery::ListRelations(
    const RelationsRequest& request) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  GOVGRAPH_RETURN_IF_ERROR(ValidateRelationsRequest(request));
  GOVGRAPH_ASSIGN_OR_RETURN(const std::vector<Direction> phases,
                            Phases(request.direction));
  const DateRange range{request.from_date, request.to_date};
  const bool dated = !range.from.empty() || !range.to.empty();
  // Undated requests keep the fingerprint their tokens always had.
  const uint64_t fingerprint =
      dated
          ? RequestFingerprint({"relations", request.entity_id,
                                EnumField(static_cast<int>(request.type)),
                                EnumField(static_cast<int>(request.direction)),
                                range.from, range.to})
          : RequestFingerprint(
                {"relations", request.entity_id,
                 EnumField(static_cast<int>(request.type)),
                 EnumField(static_cast<int>(request.direction))});
  GOVGRAPH_ASSIGN_OR_RETURN(
      PageToken resume,
      ResumePoint(request.page_token, fingerprint, phases.size()));
  const size_t page_size =
      EffectivePageSize(request.page_size, kDefaultRelationsPageSize);
  storage::EdgeScan scan;
  scan.entity_id = request.entity_id;
  scan.type = request.type;
  scan.start_after = std::move(resume.position);
  RelationsPage page;
  size_t skipped = 0;
  for (size_t phase = resume.phase; phase < phases.size(); ++phase) {
    scan.direction = phases[phase];
    while (true) {
      // One more than still fits, to learn whether anything follows.
      const size_t wanted = page_size - page.relations.size();
      scan.limit = dated ? std::max<size_t>(wanted + 1, 256) : wanted + 1;
      GOVGRAPH_ASSIGN_OR_RETURN(std::vector<storage::EdgeHit> hits,
                                store_->ScanEdges(scan));
      for (storage::EdgeHit& hit : hits) {
        if (!RelationInRange(hit, range)) {
          scan.start_after = hit.position;
          if (++skipped < kMaxRelationsSkipped) continue;
        } else if (page.relations.size() < page_size) {
          scan.start_after = hit.position;
          page.relations.push_back(std::move(hit));
          continue;
        }
        // The page is full and more follow, or too much was skipped.
        page.next_page_token = EncodePageToken(
            fingerprint,
            PageToken{static_cast<uint8_t>(phase), scan.start_after});
        return page;
      }
      if (hits.size() < scan.limit) break;  // This phase is done.
    }
    scan.start_after.clear();
  }
  return page;
}

absl::StatusOr<SearchPage> GraphQuery::Search(
    const SearchRequest& request) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  GOVGRAPH_ASSIGN_OR_RETURN(const std::string folded, FoldSearchQuery(request));
  if (request.whole_words) {
    GOVGRAPH_ASSIGN_OR_RETURN(
        WordSearchPage words,
        SearchWords(*store_, {folded, request.kind, request.page_size,
                              request.page_token}));
    return SearchPage{std::move(words.entities),
                      std::move(words.next_page_token)};
  }
  const uint64_t fingerprint = RequestFingerprint(
      {"search", folded, EnumField(static_cast<int>(request.kind))});
  GOVGRAPH_ASSIGN_OR_RETURN(PageToken resume,
                            ResumePoint(request.page_token, fingerprint, 1));
  const size_t page_size =
      EffectivePageSize(request.page_size, kDefaultSearchPageSize);
  const size_t batch = std::max(page_size + 1, kMinSearchBatch);
  std::string start_after = std::move(resume.position);
  std::string last_reported;
  SearchPage page;
  while (true) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<storage::NameHit> hits,
                              store_->ScanNames(folded, start_after, batch));
    for (storage::NameHit& hit : hits) {
      if (!IsReportable(hit, folded, request.kind)) continue;
      if (page.entities.size() == page_size) {  // A next page exists.
        page.next_page_token =
            EncodePageToken(fingerprint, PageToken{0, last_reported});
        return page;
      }
      last_reported = hit.position;
      page.entities.push_back(std::move(hit.entity));
    }
    if (hits.size() < batch) return page;
    start_after = hits.back().position;
  }
}

absl::StatusOr<EvidencePage> GraphQuery::ListEvidence(
    const EvidenceRequest& request) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  return query::ListEvidence(*store_, request);
}

absl::StatusOr<PositionsPage> GraphQuery::ListPositions(
    const PositionsRequest& request) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  return query::ListPositions(*store_, request);
}

absl::StatusOr<CoAttendancePage> GraphQuery::ListCoAttendees(
    const CoAttendanceRequest& request,
    QueryBudget::StopCheck should_stop) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  QueryBudget budget(kMaxCoAttendanceSteps, std::move(should_stop));
  return query::ListCoAttendees(*store_, request, budget);
}

absl::StatusOr<MeetingsPage> GraphQuery::ListMeetings(
    const MeetingsRequest& request, QueryBudget::StopCheck should_stop) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  QueryBudget budget(kMaxMeetingsSteps, std::move(should_stop));
  return query::ListMeetings(*store_, request, budget, cache_.get());
}

absl::StatusOr<DirectivesPage> GraphQuery::ListDirectives(
    const DirectivesRequest& request,
    QueryBudget::StopCheck should_stop) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  QueryBudget budget(kMaxDirectivesSteps, std::move(should_stop));
  return query::ListDirectives(*store_, request, budget, cache_.get());
}

absl::StatusOr<PathsResult> GraphQuery::FindPaths(
    const PathsRequest& request, QueryBudget::StopCheck should_stop) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  QueryBudget budget(kMaxPathSteps, std::move(should_stop));
  return query::FindPaths(*store_, request, budget);
}

absl::Status GraphQuery::Traverse(
    const TraverseRequest& request, QueryBudget::StopCheck should_stop,
    const std::function<bool(TraverseStep)>& emit) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  QueryBudget budget(kMaxTraverseSteps, std::move(should_stop));
  return query::Traverse(*store_, request, budget, emit);
}

absl::Status GraphQuery::ExportSubgraph(
    const SubgraphRequest& request, QueryBudget::StopCheck should_stop,
    const std::function<bool(SubgraphItem)>& emit) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  QueryBudget budget(kMaxSubgraphSteps, std::move(should_stop));
  return query::ExportSubgraph(*store_, request, budget, emit);
}

absl::Status GraphQuery::ExportGraph(
    bool with_evidence, size_t batch_size, QueryBudget::StopCheck should_stop,
    const std::function<bool(GraphBatch)>& emit) const {
  // Hands one batch over, unless the call is over.
  auto send = [&](GraphBatch batch) -> absl::Status {
    GOVGRAPH_RETURN_IF_ERROR(should_stop());
    if (!emit(std::move(batch))) {
      return absl::CancelledError("the export's reader went away");
    }
    return absl::OkStatus();
  };
  storage::GraphScan scan;
  scan.with_evidence = with_evidence;
  scan.batch_size = batch_size;
  scan.on_entities = [&](std::vector<Entity> entities) {
    return send(GraphBatch{std::move(entities), {}});
  };
  scan.on_relations = [&](std::vector<Relation> relations) {
    return send(GraphBatch{{}, std::move(relations)});
  };
  return store_->ScanGraph(scan);
}

absl::StatusOr<AuditPage> GraphQuery::ListAudit(
    const AuditRequest& request) const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  return query::ListAudit(*store_, request);
}

absl::StatusOr<GraphStats> GraphQuery::GetStats() const {
  const std::unique_ptr<storage::ReadPin> pin = store_->PinReads();
  return store_->GetStats();
}

}  // namespace govgraph::query
