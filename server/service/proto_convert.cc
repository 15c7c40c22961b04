#include "server/service/proto_convert.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "server/extract/extractor.h"

namespace govgraph::service {
namespace {

// The core enums are uint8_t-based, so a plain cast would turn an API value
// 256 + k into the valid k. Values outside [0, max] become 0xFF instead,
// which every validator rejects as unknown.
template <typename CoreEnum>
CoreEnum ToCoreEnum(int value, int max) {
  constexpr int kUnknown = 0xFF;
  return static_cast<CoreEnum>(value >= 0 && value <= max ? value : kUnknown);
}

}  // namespace

EntityKind ToCoreKind(int kind) {
  return ToCoreEnum<EntityKind>(kind, kMaxEntityKind);
}

RelationType ToCoreType(int type) {
  return ToCoreEnum<RelationType>(type, kMaxRelationType);
}

namespace {

std::vector<Evidence> FromProto(
    const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  std::vector<Evidence> out;
  out.reserve(evidence.size());
  for (const v1::Evidence& e : evidence) {
    out.push_back(Evidence{e.report_id(), e.start(), e.end(), e.sentence()});
  }
  return out;
}

// The kind a `details` case belongs to; kUnspecified when unset.
EntityKind DetailsKind(v1::Entity::DetailsCase details) {
  switch (details) {
    case v1::Entity::kPerson:
      return EntityKind::kPerson;
    case v1::Entity::kOrganization:
      return EntityKind::kOrganization;
    case v1::Entity::kMeeting:
      return EntityKind::kMeeting;
    case v1::Entity::kDirective:
      return EntityKind::kDirective;
    case v1::Entity::kReport:
      return EntityKind::kReport;
    case v1::Entity::DETAILS_NOT_SET:
      break;
  }
  return EntityKind::kUnspecified;
}

// Copies the kind-specific fields; returns the name the details give.
std::string FromDetails(const v1::Entity& in, Entity* out) {
  switch (in.details_case()) {
    case v1::Entity::kPerson:
      return in.person().full_name();
    case v1::Entity::kOrganization:
      return in.organization().name();
    case v1::Entity::kMeeting:
      out->date = in.meeting().date();
      out->location = in.meeting().location();
      return in.meeting().name();
    case v1::Entity::kDirective:
      out->date = in.directive().date();
      out->verb = in.directive().verb();
      out->text = in.directive().text();
      return in.directive().text();
    default:
      return std::string();
  }
}

absl::StatusOr<Entity> FromProto(const v1::Entity& in, int index) {
  Entity out;
  out.id = in.id();
  out.kind = ToCoreKind(in.kind());
  const EntityKind details = DetailsKind(in.details_case());
  if (details != EntityKind::kUnspecified && details != out.kind) {
    return absl::InvalidArgumentError(absl::StrCat(
        "entities[", index, "]: details are for ", EntityKindName(details),
        " but kind is ", EntityKindName(out.kind)));
  }
  std::string details_name = FromDetails(in, &out);
  out.name = in.display_name().empty() ? details_name : in.display_name();
  out.aliases.assign(in.aliases().begin(), in.aliases().end());
  if (out.kind != EntityKind::kDirective && !details_name.empty() &&
      details_name != out.name) {
    out.aliases.push_back(std::move(details_name));
  }
  out.evidence = FromProto(in.evidence());
  return out;
}

Relation FromProto(const v1::Relation& in) {
  Relation out;
  out.type = ToCoreType(in.type());
  out.source_id = in.source_id();
  out.target_id = in.target_id();
  out.role = in.role();
  out.start_date = in.start_date();
  out.end_date = in.end_date();
  out.evidence = FromProto(in.evidence());
  return out;
}

Entity ReportEntity(const v1::IngestFactsRequest& request) {
  Entity report;
  report.id = request.report_id();
  report.kind = EntityKind::kReport;
  report.name = request.report().title().empty() ? request.report_id()
                                                 : request.report().title();
  report.date = request.report().published_date();
  report.source_url = request.report().source_url();
  return report;
}

void ToProto(const Evidence& evidence, v1::Evidence* out) {
  out->set_report_id(evidence.report_id);
  out->set_start(evidence.start);
  out->set_end(evidence.end);
  out->set_sentence(evidence.sentence);
  out->set_extractor_version(evidence.extractor_version);
  out->set_report_date(evidence.report_date);
  out->set_source_line(evidence.source_line);
}

void ToProto(const std::vector<Evidence>& evidence,
             google::protobuf::RepeatedPtrField<v1::Evidence>* out) {
  for (const Evidence& e : evidence) ToProto(e, out->Add());
}

void ToDetails(const Entity& entity, v1::Entity* out) {
  switch (entity.kind) {
    case EntityKind::kPerson:
      out->mutable_person()->set_full_name(entity.name);
      break;
    case EntityKind::kOrganization:
      out->mutable_organization()->set_name(entity.name);
      break;
    case EntityKind::kMeeting:
      out->mutable_meeting()->set_name(entity.name);
      out->mutable_meeting()->set_date(entity.date);
      out->mutable_meeting()->set_location(entity.location);
      break;
    case EntityKind::kDirective:
      out->mutable_directive()->set_verb(entity.verb);
      out->mutable_directive()->set_text(entity.text);
      out->mutable_directive()->set_date(entity.date);
      break;
    case EntityKind::kReport:
      out->mutable_report()->set_title(entity.name);
      out->mutable_report()->set_source_url(entity.source_url);
      out->mutable_report()->set_published_date(entity.date);
      break;
    case EntityKind::kUnspecified:
      break;
  }
}

void ToProto(const Relation& relation, v1::Relation* out) {
  out->set_type(static_cast<v1::RelationType>(relation.type));
  out->set_source_id(relation.source_id);
  out->set_target_id(relation.target_id);
  out->set_role(relation.role);
  out->set_start_date(relation.start_date);
  out->set_end_date(relation.end_date);
  ToProto(relation.evidence, out->mutable_evidence());
  for (const std::string& id : relation.report_ids) out->add_report_ids(id);
  out->set_first_seen(relation.first_seen);
  out->set_last_seen(relation.last_seen);
}

v1::Direction ToProto(Direction direction) {
  switch (direction) {
    case Direction::kOutgoing:
      return v1::OUTGOING;
    case Direction::kIncoming:
      return v1::INCOMING;
    case Direction::kBoth:
      return v1::BOTH;
  }
  return v1::DIRECTION_UNSPECIFIED;
}

using google::protobuf::RepeatedPtrField;

std::vector<std::string> FromProto(const RepeatedPtrField<std::string>& in) {
  return std::vector<std::string>(in.begin(), in.end());
}

void ToProto(const std::vector<std::string>& in,
             RepeatedPtrField<std::string>* out) {
  for (const std::string& s : in) out->Add()->assign(s);
}

extract::TextSpan FromProto(const v1::TextSpan& in) {
  return extract::TextSpan{in.start(), in.end(), in.sentence()};
}

void ToProto(const extract::TextSpan& in, v1::TextSpan* out) {
  out->set_start(in.start);
  out->set_end(in.end);
  out->set_sentence(in.sentence);
}

extract::ExtractedPerson FromProto(const v1::ExtractedPerson& in) {
  extract::ExtractedPerson out;
  out.name = in.name();
  for (const v1::ExtractedPosition& p : in.positions()) {
    out.positions.push_back({p.role(), p.org(), FromProto(p.evidence()),
                             static_cast<extract::MandateChange>(
                                 std::clamp<int>(p.change(), 0, 2))});
  }
  for (const v1::TextSpan& span : in.mentions()) {
    out.mentions.push_back(FromProto(span));
  }
  return out;
}

void ToProto(const extract::ExtractedPerson& in, v1::ExtractedPerson* out) {
  out->set_name(in.name);
  for (const extract::ExtractedPosition& p : in.positions) {
    v1::ExtractedPosition* position = out->add_positions();
    position->set_role(p.role);
    position->set_org(p.org);
    ToProto(p.evidence, position->mutable_evidence());
    position->set_change(static_cast<v1::MandateChange>(p.change));
  }
  for (const extract::TextSpan& span : in.mentions) {
    ToProto(span, out->add_mentions());
  }
}

extract::ExtractedOrganization FromProto(const v1::ExtractedOrganization& in) {
  return extract::ExtractedOrganization{in.name(), FromProto(in.aliases()),
                                        in.parent(), FromProto(in.evidence())};
}

void ToProto(const extract::ExtractedOrganization& in,
             v1::ExtractedOrganization* out) {
  out->set_name(in.name);
  ToProto(in.aliases, out->mutable_aliases());
  out->set_parent(in.parent);
  ToProto(in.evidence, out->mutable_evidence());
}

extract::ExtractedMeeting FromProto(const v1::ExtractedMeeting& in) {
  return extract::ExtractedMeeting{in.name(),
                                   in.date(),
                                   FromProto(in.organizers()),
                                   FromProto(in.chairs()),
                                   FromProto(in.attendees()),
                                   FromProto(in.evidence())};
}

void ToProto(const extract::ExtractedMeeting& in, v1::ExtractedMeeting* out) {
  out->set_name(in.name);
  out->set_date(in.date);
  ToProto(in.organizers, out->mutable_organizers());
  ToProto(in.chairs, out->mutable_chairs());
  ToProto(in.attendees, out->mutable_attendees());
  ToProto(in.evidence, out->mutable_evidence());
}

extract::ExtractedDirective FromProto(const v1::ExtractedDirective& in) {
  return extract::ExtractedDirective{in.issuer(),
                                     in.meeting() < -1 ? -1 : in.meeting(),
                                     in.verb(),
                                     in.text(),
                                     FromProto(in.addressees()),
                                     FromProto(in.evidence())};
}

void ToProto(const extract::ExtractedDirective& in,
             v1::ExtractedDirective* out) {
  out->set_issuer(in.issuer);
  out->set_meeting(in.meeting);
  out->set_verb(in.verb);
  out->set_text(in.text);
  ToProto(in.addressees, out->mutable_addressees());
  ToProto(in.evidence, out->mutable_evidence());
}

}  // namespace

Direction DirectionFromProto(v1::Direction direction) {
  switch (direction) {
    case v1::OUTGOING:
      return Direction::kOutgoing;
    case v1::INCOMING:
      return Direction::kIncoming;
    case v1::DIRECTION_UNSPECIFIED:
    case v1::BOTH:
      return Direction::kBoth;
    default:  // Out of range: the query layer rejects it.
      return static_cast<Direction>(0xFF);
  }
}

void RelationToProto(const Relation& relation, v1::Relation* out) {
  ToProto(relation, out);
}

absl::StatusOr<ReportFacts> FromProto(const v1::IngestFactsRequest& request) {
  ReportFacts facts;
  facts.report = ReportEntity(request);
  facts.extractor_version = request.extractor_version();
  facts.entities.reserve(request.entities_size());
  for (int i = 0; i < request.entities_size(); ++i) {
    absl::StatusOr<Entity> entity = FromProto(request.entities(i), i);
    if (!entity.ok()) return entity.status();
    facts.entities.push_back(*std::move(entity));
  }
  facts.relations.reserve(request.relations_size());
  for (const v1::Relation& relation : request.relations()) {
    facts.relations.push_back(FromProto(relation));
  }
  return facts;
}

query::RelationsRequest FromProto(const v1::ListRelationsRequest& request) {
  query::RelationsRequest out;
  out.entity_id = request.entity_id();
  out.type = ToCoreType(request.type());
  out.direction = DirectionFromProto(request.direction());
  out.from_date = request.from_date();
  out.to_date = request.to_date();
  out.page_size = request.page_size();
  out.page_token = request.page_token();
  return out;
}

query::SearchRequest FromProto(const v1::SearchEntitiesRequest& request) {
  query::SearchRequest out;
  out.query = request.query();
  out.kind = ToCoreKind(request.kind());
  out.whole_words = request.whole_words();
  out.page_size = request.page_size();
  out.page_token = request.page_token();
  return out;
}

query::EvidenceRequest FromProto(const v1::ListEvidenceRequest& request) {
  using Fact = query::EvidenceRequest::Fact;
  query::EvidenceRequest out;
  if (request.fact_case() == v1::ListEvidenceRequest::kEntityId) {
    out.fact = Fact::kEntity;
    out.entity_id = request.entity_id();
  } else if (request.fact_case() == v1::ListEvidenceRequest::kRelation) {
    const v1::RelationKey& key = request.relation();
    out.fact = Fact::kRelation;
    out.relation.type = ToCoreType(key.type());
    out.relation.source_id = key.source_id();
    out.relation.target_id = key.target_id();
    out.relation.role = key.role();
    out.relation.start_date = key.start_date();
    out.relation.end_date = key.end_date();
  }
  out.page_size = request.page_size();
  out.page_token = request.page_token();
  return out;
}

void ToProto(const Entity& entity, v1::Entity* out) {
  out->set_id(entity.id);
  out->set_kind(static_cast<v1::EntityKind>(entity.kind));
  out->set_display_name(entity.name);
  for (const std::string& alias : entity.aliases) out->add_aliases(alias);
  ToDetails(entity, out);
  ToProto(entity.evidence, out->mutable_evidence());
  for (const std::string& id : entity.report_ids) out->add_report_ids(id);
  out->set_first_seen(entity.first_seen);
  out->set_last_seen(entity.last_seen);
}

void ToProto(const storage::ApplyResult& result, absl::string_view report_id,
             v1::IngestFactsResponse* out) {
  out->set_report_id(std::string(report_id));
  out->set_replaced(result.replaced);
  out->set_unchanged(result.unchanged);
  out->set_entities_written(result.entities_written);
  out->set_relations_written(result.relations_written);
}

void ToProto(const storage::DeleteResult& result, absl::string_view report_id,
             v1::DeleteReportResponse* out) {
  out->set_report_id(std::string(report_id));
  out->set_entities_removed(result.entities_removed);
  out->set_relations_removed(result.relations_removed);
}

void ToProto(const query::RelationsPage& page, v1::ListRelationsResponse* out) {
  for (const storage::EdgeHit& hit : page.relations) {
    v1::RelationView* view = out->add_relations();
    ToProto(hit.relation, view->mutable_relation());
    view->set_direction(ToProto(hit.direction));
    ToProto(hit.other, view->mutable_other());
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const query::SearchPage& page, v1::SearchEntitiesResponse* out) {
  for (const Entity& entity : page.entities) {
    ToProto(entity, out->add_entities());
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const query::EvidencePage& page, v1::ListEvidenceResponse* out) {
  for (const query::EvidenceItem& item : page.items) {
    v1::EvidenceItem* proto = out->add_items();
    ToProto(item.evidence, proto->mutable_evidence());
    proto->set_report_title(item.report_title);
    proto->set_source_url(item.source_url);
    proto->set_published_date(item.published_date);
  }
  out->set_next_page_token(page.next_page_token);
}

void ToProto(const GraphStats& stats, v1::GetStatsResponse* out) {
  for (int kind = 1; kind <= kMaxEntityKind; ++kind) {
    const int64_t count = stats.entities_by_kind[kind];
    out->set_entities(out->entities() + count);
    (*out->mutable_entities_by_kind())[std::string(
        EntityKindName(static_cast<EntityKind>(kind)))] = count;
  }
  for (int type = 1; type <= kMaxRelationType; ++type) {
    const int64_t count = stats.relations_by_type[type];
    out->set_relations(out->relations() + count);
    (*out->mutable_relations_by_type())[std::string(
        RelationTypeName(static_cast<RelationType>(type)))] = count;
  }
  out->set_reports(stats.reports);
  out->set_disk_bytes(stats.disk_bytes);
}

extract::ReportInput FromProto(const v1::ReportText& report) {
  extract::ReportInput out;
  out.text = report.text();
  out.published_date = report.published_date();
  out.source_url = report.source_url();
  out.title = report.title();
  return out;
}

extract::Extraction FromProto(const v1::Extraction& extraction) {
  extract::Extraction out;
  out.title = extraction.title();
  out.date = extraction.date();
  for (const auto& p : extraction.persons())
    out.persons.push_back(FromProto(p));
  for (const auto& o : extraction.organizations()) {
    out.organizations.push_back(FromProto(o));
  }
  for (const auto& m : extraction.meetings()) {
    out.meetings.push_back(FromProto(m));
  }
  for (const auto& d : extraction.directives()) {
    out.directives.push_back(FromProto(d));
  }
  return out;
}

void ToProto(const extract::Extraction& extraction, v1::Extraction* out) {
  out->set_title(extraction.title);
  out->set_date(extraction.date);
  for (const auto& p : extraction.persons) ToProto(p, out->add_persons());
  for (const auto& o : extraction.organizations) {
    ToProto(o, out->add_organizations());
  }
  for (const auto& m : extraction.meetings) ToProto(m, out->add_meetings());
  for (const auto& d : extraction.directives) {
    ToProto(d, out->add_directives());
  }
  out->set_extractor_version(extract::kExtractorVersion);
}

void ToProto(const ingest::ReportIngestResult& result,
             v1::IngestReportResponse* out) {
  out->set_report_id(result.report_id);
  ToProto(result.extraction, out->mutable_extraction());
  ToProto(result.applied, result.report_id, out->mutable_result());
}

}  // namespace govgraph::service
