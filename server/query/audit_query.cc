#include "server/query/audit_query.h"

#include <utility>

#include "server/common/status_macros.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

constexpr size_t kScanBatch = 256;

bool Names(const storage::AuditEntry& entry, const std::string& entity_id) {
  return entity_id.empty() || entry.entity_id == entity_id ||
         entry.other_id == entity_id;
}

}  // namespace

absl::StatusOr<AuditPage> ListAudit(storage::GraphStore& store,
                                    const AuditRequest& request) {
  GOVGRAPH_RETURN_IF_ERROR(ValidatePageSize(request.page_size));
  // The token's index is the id the next page's entries are below.
  const uint64_t fingerprint = RequestFingerprint({"audit", request.entity_id});
  GOVGRAPH_ASSIGN_OR_RETURN(uint64_t before,
                            DecodeIndexToken(request.page_token, fingerprint));
  if (!request.page_token.empty() && before == 0) {
    return absl::InvalidArgumentError("invalid page_token");
  }
  const size_t page_size = static_cast<size_t>(
      request.page_size == 0 ? kDefaultAuditPageSize : request.page_size);
  AuditPage page;
  bool more = true;
  while (more && page.entries.size() <= page_size) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> batch,
                              store.ScanAudit(before, kScanBatch));
    more = batch.size() == kScanBatch;
    for (storage::AuditEntry& entry : batch) {
      before = entry.id;
      if (!Names(entry, request.entity_id)) continue;
      if (page.entries.size() == page_size) {
        // One more exists: the next page starts at it.
        page.next_page_token =
            EncodeIndexToken(fingerprint, page.entries.back().id);
        return page;
      }
      page.entries.push_back(std::move(entry));
    }
  }
  return page;
}

}  // namespace govgraph::query
