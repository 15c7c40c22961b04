// Mandates: the HOLDS_POSITION relations of a person, or in an organisation,
// seen as positions held over an interval ("position held" in Wikidata's
// terms), optionally only those in force on a date.
//
// A mandate starts at the start date a report gives ("được bầu", "bổ
// nhiệm"), else at the first report that shows it in force (first_seen).
// An end date a report gives ("thôi giữ chức"; for "nguyên", the report's
// date) bounds it: it is over from that date on. On a date D, with
// start <= D < end, it is
//  - EVIDENCED if D <= last_seen, the last report that shows it in force;
//  - PRESUMED if D is later, unless somebody else is known to have taken
//    the same role in the same organisation since (from after last_seen up
//    to D); roles several people hold at once (deputies "Phó ...", members
//    "Ủy viên ...", "Thành viên ...") are never taken over;
//  - otherwise, or when no report that shows it in force is dated, not in
//    force.
// A term an import states (every evidence item an imported CSV row) is
// EVIDENCED from its start and before its end, or indefinitely without one.
#ifndef GOVGRAPH_SERVER_QUERY_POSITIONS_QUERY_H_
#define GOVGRAPH_SERVER_QUERY_POSITIONS_QUERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "server/common/types.h"
#include "server/storage/graph_store.h"

namespace govgraph::query {

inline constexpr int32_t kDefaultPositionsPageSize = 50;

enum class MandateBasis { kUnspecified, kEvidenced, kPresumed };

struct Mandate {
  Entity person;        // Without evidence.
  Entity organization;  // Without evidence.
  std::string role;
  std::string start_date;  // Explicit; empty when no report gives one.
  std::string end_date;
  std::string first_seen;  // Reports showing it in force.
  std::string last_seen;
  MandateBasis basis = MandateBasis::kUnspecified;  // Set with as_of.
  bool imported = false;  // Every evidence item is an imported CSV row.
  std::vector<std::string> report_ids;
};

struct PositionsRequest {
  std::string entity_id;  // A person or an organisation.
  std::string role;       // Optional; compared folded (FoldName).
  std::string as_of;      // YYYY-MM-DD, or empty for every mandate.
  int32_t page_size = 0;  // 0: kDefaultPositionsPageSize.
  std::string page_token;
};

struct PositionsPage {
  // Latest start (explicit, else first seen) first, then role, person id,
  // organisation id.
  std::vector<Mandate> mandates;
  std::string next_page_token;
};

// kInvalidArgument for an empty id, an as_of that is not a real
// YYYY-MM-DD date, a bad page size or page token, or an entity that is
// neither a person nor an organisation; kNotFound for an unknown entity.
// `store` need only live for the call; thread-safe if the store is.
absl::StatusOr<PositionsPage> ListPositions(storage::GraphStore& store,
                                            const PositionsRequest& request);

}  // namespace govgraph::query

#endif  // GOVGRAPH_SERVER_QUERY_POSITIONS_QUERY_H_
