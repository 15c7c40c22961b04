// The evidence query: for one fact (an entity or a relation), the spans
// behind it joined with their report's title, source URL and date, ordered
// newest report first and paginated with request-bound page tokens.
#ifndef GOVGRAPH_SERVER_QUERY_EVIDENCE_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_EVIDENCE_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultEvidencePageSize = 50;

struct EvidenceRequest {
  enum class Fact { kUnset, kEntity, kRelation };
  Fact fact = Fact::kUnset;
  std::string entity_id;               // When fact == kEntity.
  storage::RelationKeyQuery relation;  // When fact == kRelation.
  int32_t page_size = 0;               // 0: kDefaultEvidencePageSize.
  std::string page_token;              // Empty: first page.
};

// One evidence span and its report. The report fields are empty when the
// report entity is gone.
struct EvidenceItem {
  Evidence evidence;
  std::string report_title;
  std::string source_url;
  std::string published_date;
};

struct EvidencePage {
  // Ordered by report published date descending (unknown dates last), then
  // report id, then span start, end and sentence.
  std::vector<EvidenceItem> items;
  std::string next_page_token;  // Empty on the last page.
};

// Lists a page of the evidence of `request`'s fact from `store`, reading
// each report entity once. Returns kInvalidArgument when no fact is set,
// for an empty entity or endpoint id, an unspecified or unknown relation
// type, a page size outside [0, kMaxPageSize], or a page token that is
// malformed or was issued for another fact (a token past the end, after
// evidence was withdrawn, gives an empty last page); kNotFound for an
// unknown entity or relation; the store's error otherwise. `store` need
// only live for the call; thread-safe if the store is.
absl::StatusOr<EvidencePage> ListEvidence(storage::GraphStore& store,
                                          const EvidenceRequest& request);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_EVIDENCE_QUERY_H_
