#include "server/query/positions_query.h"

#include <algorithm>
#include <iterator>
#include <tuple>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"
#include "server/query/page_token.h"

namespace govgraph::query {
namespace {

// Scans stop here: an organisation with more mandates is cut.
constexpr size_t kMaxMandates = 100000;
constexpr size_t kScanBatch = 1000;

// Folded prefixes of roles several people hold at once.
constexpr absl::string_view kSharedRolePrefixes[] = {"pho ", "uy vien",
                                                     "thanh vien"};

absl::Status Validate(const PositionsRequest& request) {
  if (request.entity_id.empty()) {
    return absl::InvalidArgumentError("entity_id is empty");
  }
  if (!request.as_of.empty() && !IsIsoDate(request.as_of)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "as_of \"", request.as_of, "\" is not a real YYYY-MM-DD date"));
  }
  return ValidatePageSize(request.page_size);
}

// The HOLDS_POSITION edges of `entity_id` in `direction`, as mandates;
// `self` is the queried entity (the other side of every edge).
absl::StatusOr<std::vector<Mandate>> ScanMandates(storage::GraphStore& store,
                                                  const Entity& self,
                                                  Direction direction) {
  storage::EdgeScan scan;
  scan.entity_id = self.id;
  scan.direction = direction;
  scan.type = RelationType::kHoldsPosition;
  scan.limit = kScanBatch;
  std::vector<Mandate> mandates;
  while (mandates.size() < kMaxMandates) {
    GOVGRAPH_ASSIGN_OR_RETURN(std::vector<storage::EdgeHit> hits,
                              store.ScanEdges(scan));
    for (storage::EdgeHit& hit : hits) {
      Mandate m;
      const bool out = direction == Direction::kOutgoing;
      m.person = out ? self : std::move(hit.other);
      m.organization = out ? std::move(hit.other) : self;
      Relation& r = hit.relation;
      m.role = std::move(r.role);
      m.start_date = std::move(r.start_date);
      m.end_date = std::move(r.end_date);
      m.first_seen = std::move(r.first_seen);
      m.last_seen = std::move(r.last_seen);
      m.report_ids = std::move(r.report_ids);
      m.imported = !r.evidence.empty() &&
                   absl::c_all_of(r.evidence, [](const Evidence& e) {
                     return e.source_line > 0;
                   });
      mandates.push_back(std::move(m));
    }
    if (hits.size() < scan.limit) break;
    scan.start_after = hits.back().position;
  }
  return mandates;
}

std::string Start(const Mandate& m) {
  return m.start_date.empty() ? m.first_seen : m.start_date;
}

bool IsSharedRole(absl::string_view folded_role) {
  for (absl::string_view prefix : kSharedRolePrefixes) {
    if (absl::StartsWith(folded_role, prefix)) return true;
  }
  return false;
}

// True if someone other than `m`'s holder took `m`'s role in its
// organisation after `m` was last known in force and no later than `as_of`.
absl::StatusOr<bool> TakenOver(storage::GraphStore& store, const Mandate& m,
                               const std::string& as_of) {
  const std::string role = FoldName(m.role);
  if (IsSharedRole(role)) return false;
  const std::string since = std::max(Start(m), m.last_seen);
  GOVGRAPH_ASSIGN_OR_RETURN(
      std::vector<Mandate> others,
      ScanMandates(store, m.organization, Direction::kIncoming));
  for (const Mandate& other : others) {
    const std::string start = Start(other);
    if (other.person.id != m.person.id && FoldName(other.role) == role &&
        !start.empty() && start > since && start <= as_of) {
      return true;
    }
  }
  return false;
}

// The basis on which `m` is in force on `as_of`; kUnspecified if it is not.
absl::StatusOr<MandateBasis> BasisOn(storage::GraphStore& store,
                                     const Mandate& m,
                                     const std::string& as_of) {
  const std::string start = Start(m);
  if (start.empty() || as_of < start) return MandateBasis::kUnspecified;
  if (!m.end_date.empty() && as_of >= m.end_date) {
    return MandateBasis::kUnspecified;
  }
  if (m.imported) return MandateBasis::kEvidenced;
  if (!m.last_seen.empty() && as_of <= m.last_seen) {
    return MandateBasis::kEvidenced;
  }
  GOVGRAPH_ASSIGN_OR_RETURN(bool taken_over, TakenOver(store, m, as_of));
  return taken_over ? MandateBasis::kUnspecified : MandateBasis::kPresumed;
}

bool MandateBefore(const Mandate& a, const Mandate& b) {
  const std::string a_start = Start(a);
  const std::string b_start = Start(b);
  return std::tie(b_start, a.role, a.person.id, a.organization.id) <
         std::tie(a_start, b.role, b.person.id, b.organization.id);
}

// Fingerprint fields are part of the page token format (see page_token.h).
uint64_t Fingerprint(const PositionsRequest& request) {
  return RequestFingerprint(
      {"positions", request.entity_id, FoldName(request.role), request.as_of});
}

}  // namespace

absl::StatusOr<PositionsPage> ListPositions(storage::GraphStore& store,
                                            const PositionsRequest& request) {
  GOVGRAPH_RETURN_IF_ERROR(Validate(request));
  const uint64_t fingerprint = Fingerprint(request);
  GOVGRAPH_ASSIGN_OR_RETURN(const uint64_t start,
                            DecodeIndexToken(request.page_token, fingerprint));
  GOVGRAPH_ASSIGN_OR_RETURN(Entity self, store.GetEntity(request.entity_id));
  if (self.kind != EntityKind::kPerson &&
      self.kind != EntityKind::kOrganization) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", request.entity_id, "\" is a ", EntityKindName(self.kind),
        "; positions are of persons and organisations"));
  }
  self.evidence.clear();
  self.report_ids.clear();
  const Direction direction = self.kind == EntityKind::kPerson
                                  ? Direction::kOutgoing
                                  : Direction::kIncoming;
  GOVGRAPH_ASSIGN_OR_RETURN(std::vector<Mandate> all,
                            ScanMandates(store, self, direction));
  const std::string role = FoldName(request.role);
  std::vector<Mandate> kept;
  for (Mandate& m : all) {
    if (!role.empty() && FoldName(m.role) != role) continue;
    if (!request.as_of.empty()) {
      GOVGRAPH_ASSIGN_OR_RETURN(m.basis, BasisOn(store, m, request.as_of));
      if (m.basis == MandateBasis::kUnspecified) continue;
    }
    kept.push_back(std::move(m));
  }
  std::sort(kept.begin(), kept.end(), MandateBefore);
  PositionsPage page;
  page.next_page_token =
      TakeIndexPage(kept, start, request.page_size, kDefaultPositionsPageSize,
                    fingerprint, &page.mandates);
  return page;
}

}  // namespace govgraph::query
