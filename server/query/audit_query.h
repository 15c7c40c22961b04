// The curation audit log, newest entry first, optionally only the entries
// that name one entity, with request-bound page tokens.
#ifndef GOVGRAPH_SERVER_QUERY_AUDIT_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_AUDIT_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultAuditPageSize = 50;

struct AuditRequest {
  std::string entity_id;  // Empty: every entry.
  int32_t page_size = 0;  // 0: kDefaultAuditPageSize.
  std::string page_token;
};

struct AuditPage {
  std::vector<storage::AuditEntry> entries;  // Newest first.
  std::string next_page_token;
};

// kInvalidArgument for a bad page size or page token. An entity that never
// existed simply has no entries. Thread-safe if the store is.
absl::StatusOr<AuditPage> ListAudit(storage::GraphStore& store,
                                    const AuditRequest& request);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_AUDIT_QUERY_H_
