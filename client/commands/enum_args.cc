#include "client/commands/enum_args.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"

namespace govgraph::client {
namespace {

// Names of `descriptor`'s values except the zero (UNSPECIFIED) one.
std::string ValidNames(const google::protobuf::EnumDescriptor& descriptor) {
  std::vector<std::string> names;
  for (int i = 0; i < descriptor.value_count(); ++i) {
    if (descriptor.value(i)->number() != 0) {
      names.push_back(descriptor.value(i)->name());
    }
  }
  return absl::StrJoin(names, ", ");
}

// Looks `text` up in `descriptor` without regard to case; "" is value 0.
absl::StatusOr<int> ParseEnum(
    const google::protobuf::EnumDescriptor& descriptor, absl::string_view flag,
    absl::string_view text) {
  if (text.empty()) return 0;
  const google::protobuf::EnumValueDescriptor* value =
      descriptor.FindValueByName(absl::AsciiStrToUpper(text));
  if (value == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, ": unknown ", descriptor.name(), " '", text,
                     "'; one of: ", ValidNames(descriptor)));
  }
  return value->number();
}

}  // namespace

absl::StatusOr<v1::RelationType> ParseRelationType(absl::string_view text) {
  absl::StatusOr<int> value =
      ParseEnum(*v1::RelationType_descriptor(), "type", text);
  if (!value.ok()) return value.status();
  return static_cast<v1::RelationType>(*value);
}

// Comma-separated names of `Enum` (an API enum) -> values.
template <typename Enum>
absl::StatusOr<std::vector<Enum>> ParseEnumList(
    const google::protobuf::EnumDescriptor& descriptor, absl::string_view flag,
    absl::string_view text) {
  std::vector<Enum> values;
  if (text.empty()) return values;
  for (absl::string_view name : absl::StrSplit(text, ',')) {
    absl::StatusOr<int> value =
        ParseEnum(descriptor, flag, name.empty() ? "<empty>" : name);
    if (!value.ok()) return value.status();
    values.push_back(static_cast<Enum>(*value));
  }
  return values;
}

absl::StatusOr<std::vector<v1::RelationType>> ParseRelationTypes(
    absl::string_view flag, absl::string_view text) {
  return ParseEnumList<v1::RelationType>(*v1::RelationType_descriptor(), flag,
                                         text);
}

absl::StatusOr<std::vector<v1::EntityKind>> ParseEntityKinds(
    absl::string_view flag, absl::string_view text) {
  return ParseEnumList<v1::EntityKind>(*v1::EntityKind_descriptor(), flag,
                                       text);
}

absl::StatusOr<v1::EntityKind> ParseEntityKind(absl::string_view text) {
  absl::StatusOr<int> value =
      ParseEnum(*v1::EntityKind_descriptor(), "kind", text);
  if (!value.ok()) return value.status();
  return static_cast<v1::EntityKind>(*value);
}

absl::StatusOr<v1::Direction> ParseDirection(absl::string_view text) {
  const std::string lower = absl::AsciiStrToLower(text);
  if (lower.empty() || lower == "both") return v1::BOTH;
  if (lower == "in" || lower == "incoming") return v1::INCOMING;
  if (lower == "out" || lower == "outgoing") return v1::OUTGOING;
  return absl::InvalidArgumentError(
      absl::StrCat("--direction: must be in, out or both, not '", text, "'"));
}

absl::Status CheckNotNegative(absl::string_view flag, int32_t value) {
  if (value >= 0) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("--", flag, ": must be >= 0, not ", value));
}

absl::Status CheckPageSize(int32_t page_size) {
  return CheckNotNegative("page_size", page_size);
}

std::string DirectionLabel(v1::Direction direction) {
  switch (direction) {
    case v1::OUTGOING:
      return "out";
    case v1::INCOMING:
      return "in";
    default:
      return v1::Direction_Name(direction);
  }
}

}  // namespace govgraph::client
