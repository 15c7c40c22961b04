#include "server/query/evidence_query.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/common/status_macros.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

absl::Status ValidateFact(const EvidenceRequest& request) {
  switch (request.fact) {
    case EvidenceRequest::Fact::kEntity:
      if (request.entity_id.empty()) {
        return absl::InvalidArgumentError("entity_id is empty");
      }
      return absl::OkStatus();
    case EvidenceRequest::Fact::kRelation:
      break;
    case EvidenceRequest::Fact::kUnset:
      return absl::InvalidArgumentError(
          "no fact set: give an entity or a relation");
  }
  const storage::RelationKeyQuery& relation = request.relation;
  const int type = static_cast<int>(relation.type);
  if (type == 0 || type > kMaxRelationType) {
    return absl::InvalidArgumentError(
        absl::StrCat("relation type ", type, " is unspecified or unknown"));
  }
  if (relation.source_id.empty() || relation.target_id.empty()) {
    return absl::InvalidArgumentError(
        "relation source_id or target_id is empty");
  }
  return absl::OkStatus();
}

// Fingerprint fields are part of the page token format (see page_token.h).
uint64_t Fingerprint(const EvidenceRequest& request) {
  if (request.fact == EvidenceRequest::Fact::kEntity) {
    return RequestFingerprint({"evidence", "entity", request.entity_id});
  }
  const storage::RelationKeyQuery& relation = request.relation;
  const std::string type(1, static_cast<char>(relation.type));
  if (relation.start_date.empty() && relation.end_date.empty()) {
    return RequestFingerprint({"evidence", "relation", type, relation.source_id,
                               relation.target_id, relation.role});
  }
  return RequestFingerprint({"evidence", "relation", type, relation.source_id,
                             relation.target_id, relation.role,
                             relation.start_date, relation.end_date});
}

absl::StatusOr<std::vector<Evidence>> FetchEvidence(
    storage::GraphStore& store, const EvidenceRequest& request) {
  if (request.fact == EvidenceRequest::Fact::kEntity) {
    GOVGRAPH_ASSIGN_OR_RETURN(Entity entity,
                              store.GetEntity(request.entity_id));
    return std::move(entity.evidence);
  }
  GOVGRAPH_ASSIGN_OR_RETURN(Relation relation,
                            store.GetRelation(request.relation));
  return std::move(relation.evidence);
}

// Joins each span with its report, reading each report entity once. A
// report that is gone (kNotFound) leaves the report fields empty.
absl::StatusOr<std::vector<EvidenceItem>> JoinReports(
    storage::GraphStore& store, std::vector<Evidence> evidence) {
  std::map<std::string, EvidenceItem, std::less<>> reports;
  std::vector<EvidenceItem> items;
  items.reserve(evidence.size());
  for (Evidence& span : evidence) {
    auto it = reports.find(span.report_id);
    if (it == reports.end()) {
      EvidenceItem report;
      absl::StatusOr<Entity> entity = store.GetEntity(span.report_id);
      if (entity.ok() && entity->kind == EntityKind::kReport) {
        report.report_title = std::move(entity->name);
        report.source_url = std::move(entity->source_url);
        report.published_date = std::move(entity->date);
      } else if (!entity.ok() && !absl::IsNotFound(entity.status())) {
        return entity.status();
      }
      it = reports.emplace(span.report_id, std::move(report)).first;
    }
    EvidenceItem item = it->second;
    item.evidence = std::move(span);
    items.push_back(std::move(item));
  }
  return items;
}

// Newest report first; empty (unknown) dates sort last.
bool ItemBefore(const EvidenceItem& a, const EvidenceItem& b) {
  const Evidence& x = a.evidence;
  const Evidence& y = b.evidence;
  return std::tie(b.published_date, x.report_id, x.start, x.end, x.sentence) <
         std::tie(a.published_date, y.report_id, y.start, y.end, y.sentence);
}

}  // namespace

absl::StatusOr<EvidencePage> ListEvidence(storage::GraphStore& store,
                                          const EvidenceRequest& request) {
  GOVGRAPH_RETURN_IF_ERROR(ValidateFact(request));
  GOVGRAPH_RETURN_IF_ERROR(ValidatePageSize(request.page_size));
  const uint64_t fingerprint = Fingerprint(request);
  GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t start,
                            DecodeIndexToken(request.page_token, fingerprint));
  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<Evidence> evidence,
                            FetchEvidence(store, request));
  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<EvidenceItem> items,
                            JoinReports(store, std::move(evidence)));
  std::sort(items.begin(), items.end(), ItemBefore);
  EvidencePage page;
  page.next_page_token =
      TakeIndexPage(items, start, request.page_size, kDefaultEvidencePageSize,
                    fingerprint, &page.items);
  return page;
}

}  // namespace govgraph::query
