#include "server/ingest/fact_validator.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "server/common/status_macros.h"
#include "server/common/text.h"

namespace govgraph::ingest {
namespace {

// Entity kinds as bits, for the endpoint table; 0 for unknown values.
constexpr uint32_t Bit(EntityKind kind) {
  const int value = static_cast<int>(kind);
  return value <= kMaxEntityKind ? uint32_t{1} << value : 0;
}
constexpr uint32_t kPersonBit = Bit(EntityKind::kPerson);
constexpr uint32_t kOrganizationBit = Bit(EntityKind::kOrganization);
constexpr uint32_t kMeetingBit = Bit(EntityKind::kMeeting);
constexpr uint32_t kDirectiveBit = Bit(EntityKind::kDirective);
constexpr uint32_t kReportBit = Bit(EntityKind::kReport);

struct EndpointRule {
  uint32_t sources;
  uint32_t targets;
};

// The endpoint table of knowledge_graph.proto, indexed by RelationType.
constexpr EndpointRule kEndpointRules[kMaxRelationType + 1] = {
    {0, 0},                                // RELATION_TYPE_UNSPECIFIED
    {kPersonBit, kOrganizationBit},        // HOLDS_POSITION
    {kOrganizationBit, kOrganizationBit},  // PART_OF
    {kOrganizationBit, kMeetingBit},       // ORGANIZED
    {kPersonBit, kMeetingBit},             // CHAIRED
    {kPersonBit, kMeetingBit},             // ATTENDED
    {kPersonBit, kMeetingBit},             // SPOKE_AT
    {kPersonBit, kDirectiveBit},           // ISSUED
    {kDirectiveBit, kMeetingBit},          // ISSUED_AT
    {kDirectiveBit, kOrganizationBit | kPersonBit},  // ADDRESSED_TO
    {kPersonBit | kOrganizationBit | kMeetingBit | kDirectiveBit,
     kReportBit},  // MENTIONED_IN
};

bool IsKnownType(RelationType type) {
  const int value = static_cast<int>(type);
  return value > 0 && value <= kMaxRelationType;
}

// "a PERSON", "an ORGANIZATION or PERSON", "a PERSON, MEETING or REPORT".
std::string DescribeKinds(uint32_t mask) {
  std::vector<absl::string_view> names;
  for (int k = 1; k <= kMaxEntityKind; ++k) {
    if (mask & (uint32_t{1} << k)) {
      names.push_back(EntityKindName(static_cast<EntityKind>(k)));
    }
  }
  if (names.empty()) return "no";
  std::string out = names[0][0] == 'O' ? "an " : "a ";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) absl::StrAppend(&out, i + 1 == names.size() ? " or " : ", ");
    absl::StrAppend(&out, names[i]);
  }
  return out;
}

// Valid UTF-8 `value` quoted for a message: control characters escaped,
// cut to at most kMaxIdBytes bytes at a code point boundary.
std::string Quote(absl::string_view value) {
  size_t size = value.size();
  if (size > kMaxIdBytes) {
    size = kMaxIdBytes;
    while (size > 0 &&
           (static_cast<unsigned char>(value[size]) & 0xC0) == 0x80) {
      --size;
    }
  }
  return absl::StrCat("\"", absl::Utf8SafeCHexEscape(value.substr(0, size)),
                      size < value.size() ? "...\"" : "\"");
}

// Checks that `value` fits the string limit and is valid UTF-8.
absl::Status CheckString(absl::string_view field, absl::string_view value,
                         const IngestLimits& limits) {
  if (value.size() > limits.max_string_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        field, ": ", value.size(), " bytes, limit ", limits.max_string_bytes));
  }
  if (!IsValidUtf8(value)) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": invalid UTF-8"));
  }
  return absl::OkStatus();
}

// Returns kInvalidArgument if `value` has a control character (a byte
// < 0x20 or 0x7F) or, when `only_nul`, a 0x00 byte. UTF-8 multi-byte
// sequences never contain bytes below 0x80, so a byte scan finds exactly
// those code points.
absl::Status CheckNoControl(absl::string_view field, absl::string_view value,
                            bool only_nul) {
  for (size_t i = 0; i < value.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (only_nul ? c != 0 : (c >= 0x20 && c != 0x7F)) continue;
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: control character 0x%02X at byte %d", field, c, i));
  }
  return absl::OkStatus();
}

// An id or name: UTF-8, within limits, no control characters.
absl::Status CheckName(absl::string_view field, absl::string_view value,
                       const IngestLimits& limits) {
  GOVGRAPH_RETURN_IF_ERROR(CheckString(field, value, limits));
  return CheckNoControl(field, value, /*only_nul=*/false);
}

// Free text (sentence, directive text, location...): UTF-8, within limits,
// no 0x00; tabs, newlines and other control characters are allowed.
absl::Status CheckText(absl::string_view field, absl::string_view value,
                       const IngestLimits& limits) {
  GOVGRAPH_RETURN_IF_ERROR(CheckString(field, value, limits));
  return CheckNoControl(field, value, /*only_nul=*/true);
}

// A non-empty id of at most kMaxIdBytes bytes without control characters.
absl::Status CheckId(absl::string_view field, absl::string_view id,
                     const IngestLimits& limits) {
  if (id.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": empty"));
  }
  GOVGRAPH_RETURN_IF_ERROR(CheckName(field, id, limits));
  if (id.size() > kMaxIdBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", id.size(), " bytes, at most ", kMaxIdBytes, " allowed"));
  }
  return absl::OkStatus();
}

bool IsDigits(absl::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Empty, or a real calendar date written YYYY-MM-DD.
absl::Status CheckDate(absl::string_view field, absl::string_view date,
                       const IngestLimits& limits) {
  if (date.empty()) return absl::OkStatus();
  GOVGRAPH_RETURN_IF_ERROR(CheckString(field, date, limits));
  absl::CivilDay day;
  const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                      IsDigits(date.substr(0, 4)) &&
                      IsDigits(date.substr(5, 2)) &&
                      IsDigits(date.substr(8, 2));
  if (!shaped || !absl::ParseCivilTime(date, &day)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", Quote(date), " is not a real YYYY-MM-DD date"));
  }
  return absl::OkStatus();
}

// Every evidence span of one fact; `field` is e.g. "relations[2]".
absl::Status CheckEvidence(absl::string_view field,
                           const std::vector<Evidence>& evidence,
                           absl::string_view report_id,
                           const IngestLimits& limits) {
  if (evidence.size() > limits.max_evidence_per_fact) {
    return absl::ResourceExhaustedError(
        absl::StrCat(field, ".evidence: ", evidence.size(), " spans, limit ",
                     limits.max_evidence_per_fact));
  }
  for (size_t i = 0; i < evidence.size(); ++i) {
    const Evidence& e = evidence[i];
    const std::string at = absl::StrCat(field, ".evidence[", i, "]");
    GOVGRAPH_RETURN_IF_ERROR(
        CheckString(absl::StrCat(at, ".report_id"), e.report_id, limits));
    if (e.report_id != report_id) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ".report_id: ", Quote(e.report_id),
                       " is not this report's id ", Quote(report_id)));
    }
    if (e.start < 0 || e.end < e.start) {
      return absl::InvalidArgumentError(
          absl::StrCat(at, ": bad span [", e.start, ", ", e.end,
                       "): need 0 <= start <= end"));
    }
    GOVGRAPH_RETURN_IF_ERROR(
        CheckText(absl::StrCat(at, ".sentence"), e.sentence, limits));
  }
  return absl::OkStatus();
}

// The string attributes every entity (and the report) has, and evidence.
absl::Status CheckAttributes(absl::string_view field, const Entity& entity,
                             absl::string_view report_id,
                             const IngestLimits& limits) {
  GOVGRAPH_RETURN_IF_ERROR(
      CheckName(absl::StrCat(field, ".name"), entity.name, limits));
  for (size_t i = 0; i < entity.aliases.size(); ++i) {
    const std::string at = absl::StrCat(field, ".aliases[", i, "]");
    if (entity.aliases[i].empty()) {
      return absl::InvalidArgumentError(absl::StrCat(at, ": empty"));
    }
    GOVGRAPH_RETURN_IF_ERROR(CheckName(at, entity.aliases[i], limits));
  }
  GOVGRAPH_RETURN_IF_ERROR(
      CheckDate(absl::StrCat(field, ".date"), entity.date, limits));
  GOVGRAPH_RETURN_IF_ERROR(
      CheckText(absl::StrCat(field, ".location"), entity.location, limits));
  GOVGRAPH_RETURN_IF_ERROR(
      CheckText(absl::StrCat(field, ".verb"), entity.verb, limits));
  GOVGRAPH_RETURN_IF_ERROR(
      CheckText(absl::StrCat(field, ".text"), entity.text, limits));
  GOVGRAPH_RETURN_IF_ERROR(
      CheckText(absl::StrCat(field, ".source_url"), entity.source_url, limits));
  return CheckEvidence(field, entity.evidence, report_id, limits);
}

// Counts, and the report's own node; a report without facts is an error
// unless `allow_empty`.
absl::Status CheckReport(const ReportFacts& facts, const IngestLimits& limits,
                         bool allow_empty) {
  if (facts.entities.size() > limits.max_entities) {
    return absl::ResourceExhaustedError(
        absl::StrCat("entities: ", facts.entities.size(), " entities, limit ",
                     limits.max_entities));
  }
  if (facts.relations.size() > limits.max_relations) {
    return absl::ResourceExhaustedError(
        absl::StrCat("relations: ", facts.relations.size(),
                     " relations, limit ", limits.max_relations));
  }
  const Entity& report = facts.report;
  GOVGRAPH_RETURN_IF_ERROR(CheckId("report.id", report.id, limits));
  GOVGRAPH_RETURN_IF_ERROR(
      CheckName("extractor_version", facts.extractor_version, limits));
  if (report.kind != EntityKind::kReport) {
    return absl::InvalidArgumentError(absl::StrCat(
        "report.kind: must be REPORT, got ", EntityKindName(report.kind)));
  }
  if (!allow_empty && facts.entities.empty() && facts.relations.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "report ", Quote(report.id), ": no entities and no relations"));
  }
  return CheckAttributes("report", report, report.id, limits);
}

bool IsEntityKind(EntityKind kind) {
  return kind == EntityKind::kPerson || kind == EntityKind::kOrganization ||
         kind == EntityKind::kMeeting || kind == EntityKind::kDirective;
}

// Entity ids (and the report id) declared in this report, with their kinds.
using KindById = std::map<absl::string_view, EntityKind>;

absl::Status CheckEntity(size_t index, const Entity& entity,
                         absl::string_view report_id,
                         const IngestLimits& limits, KindById* kinds) {
  const std::string field = absl::StrCat("entities[", index, "]");
  GOVGRAPH_RETURN_IF_ERROR(
      CheckId(absl::StrCat(field, ".id"), entity.id, limits));
  if (!IsEntityKind(entity.kind)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".kind: ", EntityKindName(entity.kind),
                     " is not an entity kind (PERSON, ORGANIZATION, "
                     "MEETING or DIRECTIVE)"));
  }
  if (entity.id == report_id) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".id: ", Quote(entity.id), " is the report's own id"));
  }
  if (!kinds->emplace(entity.id, entity.kind).second) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".id: ", Quote(entity.id), " declared twice"));
  }
  if (entity.name.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ".name: empty"));
  }
  return CheckAttributes(field, entity, report_id, limits);
}

// Looks up one endpoint; `side` is "source" or "target".
absl::Status FindEndpoint(absl::string_view field, absl::string_view side,
                          absl::string_view id, const KindById& kinds,
                          const IngestLimits& limits, EntityKind* kind) {
  GOVGRAPH_RETURN_IF_ERROR(
      CheckString(absl::StrCat(field, ".", side, "_id"), id, limits));
  const auto it = kinds.find(id);
  if (it == kinds.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ": ", side, " ", Quote(id), " is not an entity of this report"));
  }
  *kind = it->second;
  return absl::OkStatus();
}

// Type, endpoints and their kinds.
absl::Status CheckEndpoints(absl::string_view field, const Relation& relation,
                            const KindById& kinds, const IngestLimits& limits) {
  if (!IsKnownType(relation.type)) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".type: ", RelationTypeName(relation.type), " is not allowed"));
  }
  EntityKind source = EntityKind::kUnspecified;
  EntityKind target = EntityKind::kUnspecified;
  GOVGRAPH_RETURN_IF_ERROR(FindEndpoint(field, "source", relation.source_id,
                                        kinds, limits, &source));
  GOVGRAPH_RETURN_IF_ERROR(FindEndpoint(field, "target", relation.target_id,
                                        kinds, limits, &target));
  if (!RelationEndpointsAllowed(relation.type, source, target)) {
    const EndpointRule& rule = kEndpointRules[static_cast<int>(relation.type)];
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", RelationTypeName(relation.type), " needs ",
                     DescribeKinds(rule.sources), " source and ",
                     DescribeKinds(rule.targets), " target, got ",
                     EntityKindName(source), " -> ", EntityKindName(target)));
  }
  return absl::OkStatus();
}

// (type, source, target, role) of relations seen so far -> first index.
using RelationKey = std::tuple<RelationType, absl::string_view,
                               absl::string_view, absl::string_view>;
using IndexByRelation = std::map<RelationKey, size_t>;

absl::Status CheckRelation(size_t index, const Relation& relation,
                           absl::string_view report_id, const KindById& kinds,
                           const IngestLimits& limits, IndexByRelation* seen) {
  const std::string field = absl::StrCat("relations[", index, "]");
  GOVGRAPH_RETURN_IF_ERROR(CheckEndpoints(field, relation, kinds, limits));
  const bool holds = relation.type == RelationType::kHoldsPosition;
  if (holds && relation.role.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".role: required for HOLDS_POSITION"));
  }
  if (!holds && !relation.role.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".role: must be empty for ", RelationTypeName(relation.type)));
  }
  GOVGRAPH_RETURN_IF_ERROR(
      CheckName(absl::StrCat(field, ".role"), relation.role, limits));
  GOVGRAPH_RETURN_IF_ERROR(CheckDate(absl::StrCat(field, ".start_date"),
                                     relation.start_date, limits));
  GOVGRAPH_RETURN_IF_ERROR(
      CheckDate(absl::StrCat(field, ".end_date"), relation.end_date, limits));
  const RelationKey key{relation.type, relation.source_id, relation.target_id,
                        relation.role};
  const auto [it, inserted] = seen->emplace(key, index);
  if (!inserted) {
    return absl::InvalidArgumentError(
        absl::StrCat(field,
                     ": declared twice (same type, source, target and role as "
                     "relations[",
                     it->second, "])"));
  }
  return CheckEvidence(field, relation.evidence, report_id, limits);
}

absl::Status Validate(const ReportFacts& facts, const IngestLimits& limits,
                      bool allow_empty) {
  GOVGRAPH_RETURN_IF_ERROR(CheckReport(facts, limits, allow_empty));
  const absl::string_view report_id = facts.report.id;
  KindById kinds;
  kinds.emplace(report_id, EntityKind::kReport);
  for (size_t i = 0; i < facts.entities.size(); ++i) {
    GOVGRAPH_RETURN_IF_ERROR(
        CheckEntity(i, facts.entities[i], report_id, limits, &kinds));
  }
  IndexByRelation seen;
  for (size_t i = 0; i < facts.relations.size(); ++i) {
    GOVGRAPH_RETURN_IF_ERROR(
        CheckRelation(i, facts.relations[i], report_id, kinds, limits, &seen));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateReportFacts(const ReportFacts& facts,
                                 const IngestLimits& limits) {
  return Validate(facts, limits, /*allow_empty=*/false);
}

absl::Status ValidateExtractedFacts(const ReportFacts& facts,
                                    const IngestLimits& limits) {
  return Validate(facts, limits, /*allow_empty=*/true);
}

bool RelationEndpointsAllowed(RelationType type, EntityKind source,
                              EntityKind target) {
  if (!IsKnownType(type)) return false;
  const EndpointRule& rule = kEndpointRules[static_cast<int>(type)];
  return (rule.sources & Bit(source)) != 0 && (rule.targets & Bit(target)) != 0;
}

absl::Status ValidateId(absl::string_view field, absl::string_view id) {
  return CheckId(field, id, IngestLimits());
}

absl::Status ValidateName(absl::string_view field, absl::string_view text,
                          const IngestLimits& limits) {
  return CheckName(field, text, limits);
}

}  // namespace govgraph::ingest
