// Parses the CLI's enum-valued flags into API enums. Names are matched
// without regard to case; an empty flag means "unspecified" (no filter).
#ifndef GOVGRAPH_CLIENT_COMMANDS_ENUM_ARGS_H_
#define GOVGRAPH_CLIENT_COMMANDS_ENUM_ARGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "govgraph/v1/knowledge_graph.pb.h"

namespace govgraph::client {

// "attended" -> ATTENDED; "" -> RELATION_TYPE_UNSPECIFIED. Returns
// kInvalidArgument listing the valid names for anything else.
absl::StatusOr<v1::RelationType> ParseRelationType(absl::string_view text);

// "attended,chaired" -> {ATTENDED, CHAIRED}; "" -> {} (every type). Returns
// kInvalidArgument naming --`flag` and listing the valid names for an empty
// or unknown name.
absl::StatusOr<std::vector<v1::RelationType>> ParseRelationTypes(
    absl::string_view flag, absl::string_view text);

// "person" -> PERSON; "" -> ENTITY_KIND_UNSPECIFIED. Returns
// kInvalidArgument listing the valid names for anything else.
absl::StatusOr<v1::EntityKind> ParseEntityKind(absl::string_view text);

// "person,meeting" -> {PERSON, MEETING}; "" -> {} (every kind); errors as
// ParseRelationTypes.
absl::StatusOr<std::vector<v1::EntityKind>> ParseEntityKinds(
    absl::string_view flag, absl::string_view text);

// "in"/"incoming" -> INCOMING, "out"/"outgoing" -> OUTGOING, "both" or ""
// -> BOTH. Returns kInvalidArgument for anything else.
absl::StatusOr<v1::Direction> ParseDirection(absl::string_view text);

// Returns kInvalidArgument naming --`flag` unless 0 <= `value`.
absl::Status CheckNotNegative(absl::string_view flag, int32_t value);

// Returns kInvalidArgument unless 0 <= `page_size`.
absl::Status CheckPageSize(int32_t page_size);

// "out" for OUTGOING, "in" for INCOMING, the enum name otherwise.
std::string DirectionLabel(v1::Direction direction);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_ENUM_ARGS_H_
