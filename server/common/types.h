// The graph's vocabulary as plain C++ values, shared by every core module
// (extract, storage, query, ingest). No proto, no gRPC: the service edge
// translates these to and from govgraph.v1 messages.
#ifndef GOVGRAPH_SERVER_COMMON_TYPES_H_
#define GOVGRAPH_SERVER_COMMON_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace govgraph {

// DO NOT CHANGE THESE VALUES: they are stored on disk and equal the
// govgraph.v1.EntityKind numbers.
enum class EntityKind : uint8_t {
  kUnspecified = 0,
  kPerson = 1,
  kOrganization = 2,
  kMeeting = 3,
  kDirective = 4,
  kReport = 5,
};
inline constexpr int kMaxEntityKind = 5;

// DO NOT CHANGE THESE VALUES: they are stored on disk (in keys) and equal
// the govgraph.v1.RelationType numbers.
enum class RelationType : uint8_t {
  kUnspecified = 0,
  kHoldsPosition = 1,
  kPartOf = 2,
  kOrganized = 3,
  kChaired = 4,
  kAttended = 5,
  kSpokeAt = 6,
  kIssued = 7,
  kIssuedAt = 8,
  kAddressedTo = 9,
  kMentionedIn = 10,
};
inline constexpr int kMaxRelationType = 10;

enum class Direction { kOutgoing, kIncoming, kBoth };

// "PERSON", "HOLDS_POSITION" ...: the API enum names.
absl::string_view EntityKindName(EntityKind kind);
absl::string_view RelationTypeName(RelationType type);

// A span of a report's text that supports a fact.
struct Evidence {
  std::string report_id;
  int32_t start = 0;  // Code point offsets, half-open [start, end).
  int32_t end = 0;
  std::string sentence;
  // Output only: who read it and the report's publication date. (Default
  // initialised so that {report_id, start, end, sentence} stays complete.)
  std::string extractor_version = {};
  std::string report_date = {};
  // Imported facts: the CSV line that stated it (start = end = 0).
  int32_t source_line = 0;
};

// A node. Kind-specific attributes are empty where they do not apply:
// `date` (meeting, directive, report), `location` (meeting), `verb` and
// `text` (directive), `source_url` (report).
struct Entity {
  std::string id;
  EntityKind kind = EntityKind::kUnspecified;
  std::string name;
  std::vector<std::string> aliases;
  std::string date;
  std::string location;
  std::string verb;
  std::string text;
  std::string source_url;
  std::vector<Evidence> evidence;
  std::vector<std::string> report_ids;  // Output only: supporting reports.
  // Output only: earliest and latest supporting report date.
  std::string first_seen;
  std::string last_seen;
};

// A directed edge. `role`, `start_date` and `end_date` are HOLDS_POSITION's:
// the mandate's start and end as the text gives them (in output, the
// earliest start and latest end over the supporting reports).
struct Relation {
  RelationType type = RelationType::kUnspecified;
  std::string source_id;
  std::string target_id;
  std::string role;
  std::string start_date;
  std::string end_date;
  std::vector<Evidence> evidence;
  std::vector<std::string> report_ids;  // Output only: supporting reports.
  // Output only: earliest and latest date of a supporting report that shows
  // the relation in force (one giving an end date does not).
  std::string first_seen;
  std::string last_seen;
};

// Everything one report says. `report` is the report's own node (kind
// kReport; its id is the report id).
struct ReportFacts {
  Entity report;
  std::vector<Entity> entities;
  std::vector<Relation> relations;
  std::string extractor_version;  // Kept with the evidence; may be empty.
  // Identifies this exact content of the report (see FactsFingerprint):
  // applying a report with the fingerprint it is stored with is a no-op.
  // Empty: always apply.
  std::string fingerprint;
};

// Counts over the whole store.
struct GraphStats {
  int64_t entities_by_kind[kMaxEntityKind + 1] = {};
  int64_t relations_by_type[kMaxRelationType + 1] = {};
  int64_t reports = 0;
  int64_t disk_bytes = 0;
};

}  // namespace govgraph

#endif  // GOVGRAPH_SERVER_COMMON_TYPES_H_
