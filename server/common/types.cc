#include "server/common/types.h"

namespace govgraph {

absl::string_view EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kUnspecified:
      return "ENTITY_KIND_UNSPECIFIED";
    case EntityKind::kPerson:
      return "PERSON";
    case EntityKind::kOrganization:
      return "ORGANIZATION";
    case EntityKind::kMeeting:
      return "MEETING";
    case EntityKind::kDirective:
      return "DIRECTIVE";
    case EntityKind::kReport:
      return "REPORT";
  }
  return "ENTITY_KIND_UNKNOWN";
}

absl::string_view RelationTypeName(RelationType type) {
  switch (type) {
    case RelationType::kUnspecified:
      return "RELATION_TYPE_UNSPECIFIED";
    case RelationType::kHoldsPosition:
      return "HOLDS_POSITION";
    case RelationType::kPartOf:
      return "PART_OF";
    case RelationType::kOrganized:
      return "ORGANIZED";
    case RelationType::kChaired:
      return "CHAIRED";
    case RelationType::kAttended:
      return "ATTENDED";
    case RelationType::kSpokeAt:
      return "SPOKE_AT";
    case RelationType::kIssued:
      return "ISSUED";
    case RelationType::kIssuedAt:
      return "ISSUED_AT";
    case RelationType::kAddressedTo:
      return "ADDRESSED_TO";
    case RelationType::kMentionedIn:
      return "MENTIONED_IN";
  }
  return "RELATION_TYPE_UNKNOWN";
}

}  // namespace govgraph
