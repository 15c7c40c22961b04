#include "server/service/proto_convert.h"

#include <cstdint>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"

namespace govgraph::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

v1::IngestFactsRequest RequestWith(const v1::Entity& entity) {
  v1::IngestFactsRequest request;
  request.set_report_id("r1");
  *request.add_entities() = entity;
  return request;
}

// The single entity of `request`, converted; the test fails if it does
// not convert.
Entity Convert(const v1::Entity& entity) {
  absl::StatusOr<ReportFacts> facts = FromProto(RequestWith(entity));
  EXPECT_TRUE(facts.ok()) << facts.status();
  if (!facts.ok() || facts->entities.size() != 1) return Entity();
  return facts->entities[0];
}

TEST(ProtoConvertTest, DisplayNameFallsBackToTheDetailsName) {
  v1::Entity person;
  person.set_id("p1");
  person.set_kind(v1::PERSON);
  person.mutable_person()->set_full_name("Nguyễn Phước Lộc");
  const Entity entity = Convert(person);
  EXPECT_EQ(entity.id, "p1");
  EXPECT_EQ(entity.kind, EntityKind::kPerson);
  EXPECT_EQ(entity.name, "Nguyễn Phước Lộc");
  EXPECT_THAT(entity.aliases, IsEmpty());  // Not a second time as alias.
}

TEST(ProtoConvertTest, DetailsNameOtherThanDisplayNameBecomesAnAlias) {
  v1::Entity person;
  person.set_id("p1");
  person.set_kind(v1::PERSON);
  person.set_display_name("ông Lộc");
  person.add_aliases("đồng chí Lộc");
  person.mutable_person()->set_full_name("Nguyễn Phước Lộc");
  const Entity entity = Convert(person);
  EXPECT_EQ(entity.name, "ông Lộc");
  EXPECT_THAT(entity.aliases, ElementsAre("đồng chí Lộc", "Nguyễn Phước Lộc"));
}

TEST(ProtoConvertTest, MeetingDetailsAreCopied) {
  v1::Entity meeting;
  meeting.set_id("m1");
  meeting.set_kind(v1::MEETING);
  meeting.mutable_meeting()->set_name("Hội nghị tổng kết");
  meeting.mutable_meeting()->set_date("2024-03-15");
  meeting.mutable_meeting()->set_location("TPHCM");
  v1::Evidence* evidence = meeting.add_evidence();
  evidence->set_start(3);
  evidence->set_end(9);
  evidence->set_sentence("Sáng 15-3, hội nghị tổng kết.");
  const Entity entity = Convert(meeting);
  EXPECT_EQ(entity.name, "Hội nghị tổng kết");
  EXPECT_EQ(entity.date, "2024-03-15");
  EXPECT_EQ(entity.location, "TPHCM");
  ASSERT_EQ(entity.evidence.size(), 1u);
  EXPECT_EQ(entity.evidence[0].report_id, "");  // The pipeline fills it.
  EXPECT_EQ(entity.evidence[0].start, 3);
  EXPECT_EQ(entity.evidence[0].end, 9);
  EXPECT_EQ(entity.evidence[0].sentence, "Sáng 15-3, hội nghị tổng kết.");
}

TEST(ProtoConvertTest, DirectiveTextIsItsNameButNoAlias) {
  v1::Entity directive;
  directive.set_id("d1");
  directive.set_kind(v1::DIRECTIVE);
  directive.set_display_name("Tăng cường giám sát");
  directive.mutable_directive()->set_verb("đề nghị");
  directive.mutable_directive()->set_text(
      "tăng cường giám sát, phản biện xã hội");
  const Entity entity = Convert(directive);
  EXPECT_EQ(entity.name, "Tăng cường giám sát");
  EXPECT_EQ(entity.verb, "đề nghị");
  EXPECT_EQ(entity.text, "tăng cường giám sát, phản biện xã hội");
  EXPECT_THAT(entity.aliases, IsEmpty());
  directive.clear_display_name();
  EXPECT_EQ(Convert(directive).name, "tăng cường giám sát, phản biện xã hội");
}

TEST(ProtoConvertTest, DetailsOfAnotherKindAreInvalidArgument) {
  v1::Entity person;
  person.set_id("p1");
  person.set_kind(v1::PERSON);
  person.mutable_meeting()->set_name("Hội nghị");
  absl::StatusOr<ReportFacts> facts = FromProto(RequestWith(person));
  EXPECT_EQ(facts.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ProtoConvertTest, ReportNodeComesFromTheRequest) {
  v1::IngestFactsRequest request;
  request.set_report_id("r1");
  request.mutable_report()->set_title("Hội nghị dân vận");
  request.mutable_report()->set_source_url("https://tuoitre.vn/a.htm");
  request.mutable_report()->set_published_date("2024-03-15");
  absl::StatusOr<ReportFacts> facts = FromProto(request);
  ASSERT_TRUE(facts.ok()) << facts.status();
  EXPECT_EQ(facts->report.id, "r1");
  EXPECT_EQ(facts->report.kind, EntityKind::kReport);
  EXPECT_EQ(facts->report.name, "Hội nghị dân vận");
  EXPECT_EQ(facts->report.source_url, "https://tuoitre.vn/a.htm");
  EXPECT_EQ(facts->report.date, "2024-03-15");
  request.clear_report();  // Without a title the id names it.
  facts = FromProto(request);
  ASSERT_TRUE(facts.ok()) << facts.status();
  EXPECT_EQ(facts->report.name, "r1");
}

TEST(ProtoConvertTest, RelationFieldsAreCopied) {
  v1::IngestFactsRequest request;
  request.set_report_id("r1");
  v1::Relation* relation = request.add_relations();
  relation->set_type(v1::HOLDS_POSITION);
  relation->set_source_id("p1");
  relation->set_target_id("o1");
  relation->set_role("Trưởng ban");
  relation->set_start_date("2020-10-01");
  relation->add_evidence()->set_report_id("r1");
  absl::StatusOr<ReportFacts> facts = FromProto(request);
  ASSERT_TRUE(facts.ok()) << facts.status();
  ASSERT_EQ(facts->relations.size(), 1u);
  const Relation& r = facts->relations[0];
  EXPECT_EQ(r.type, RelationType::kHoldsPosition);
  EXPECT_EQ(r.source_id, "p1");
  EXPECT_EQ(r.target_id, "o1");
  EXPECT_EQ(r.role, "Trưởng ban");
  EXPECT_EQ(r.start_date, "2020-10-01");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].report_id, "r1");
}

TEST(ProtoConvertTest, OutOfRangeEnumsDoNotAliasKnownValues) {
  // 256 + k must not become k through the uint8_t core enums.
  v1::IngestFactsRequest request;
  request.set_report_id("r1");
  v1::Entity* entity = request.add_entities();
  entity->set_id("p1");
  entity->set_kind(static_cast<v1::EntityKind>(256 + v1::PERSON));
  v1::Relation* relation = request.add_relations();
  relation->set_type(static_cast<v1::RelationType>(256 + v1::ATTENDED));
  absl::StatusOr<ReportFacts> facts = FromProto(request);
  ASSERT_TRUE(facts.ok()) << facts.status();
  EXPECT_NE(facts->entities[0].kind, EntityKind::kPerson);
  EXPECT_GT(static_cast<int>(facts->entities[0].kind), kMaxEntityKind);
  EXPECT_GT(static_cast<int>(facts->relations[0].type), kMaxRelationType);

  v1::ListRelationsRequest list;
  list.set_type(static_cast<v1::RelationType>(256));
  EXPECT_NE(FromProto(list).type, RelationType::kUnspecified);
  v1::SearchEntitiesRequest search;
  search.set_kind(static_cast<v1::EntityKind>(256));
  EXPECT_NE(FromProto(search).kind, EntityKind::kUnspecified);
}

TEST(ProtoConvertTest, ListRelationsDirections) {
  v1::ListRelationsRequest request;
  EXPECT_EQ(FromProto(request).direction, Direction::kBoth);  // UNSPECIFIED.
  request.set_direction(v1::OUTGOING);
  EXPECT_EQ(FromProto(request).direction, Direction::kOutgoing);
  request.set_direction(v1::INCOMING);
  EXPECT_EQ(FromProto(request).direction, Direction::kIncoming);
  request.set_direction(v1::BOTH);
  EXPECT_EQ(FromProto(request).direction, Direction::kBoth);
}

TEST(ProtoConvertTest, EntityToProtoFillsTheDetailsOfItsKind) {
  Entity meeting;
  meeting.id = "m1";
  meeting.kind = EntityKind::kMeeting;
  meeting.name = "Hội nghị";
  meeting.aliases = {"hội nghị tổng kết"};
  meeting.date = "2024-03-15";
  meeting.location = "TPHCM";
  meeting.report_ids = {"r1", "r2"};
  v1::Entity out;
  ToProto(meeting, &out);
  EXPECT_EQ(out.id(), "m1");
  EXPECT_EQ(out.kind(), v1::MEETING);
  EXPECT_EQ(out.display_name(), "Hội nghị");
  EXPECT_THAT(out.aliases(), ElementsAre("hội nghị tổng kết"));
  ASSERT_EQ(out.details_case(), v1::Entity::kMeeting);
  EXPECT_EQ(out.meeting().name(), "Hội nghị");
  EXPECT_EQ(out.meeting().date(), "2024-03-15");
  EXPECT_EQ(out.meeting().location(), "TPHCM");
  EXPECT_THAT(out.report_ids(), ElementsAre("r1", "r2"));
}

TEST(ProtoConvertTest, StatsTotalsAreSumsAndEveryNameIsKeyed) {
  GraphStats stats;
  stats.entities_by_kind[static_cast<int>(EntityKind::kPerson)] = 2;
  stats.entities_by_kind[static_cast<int>(EntityKind::kOrganization)] = 3;
  stats.entities_by_kind[static_cast<int>(EntityKind::kReport)] = 1;
  stats.relations_by_type[static_cast<int>(RelationType::kHoldsPosition)] = 4;
  stats.relations_by_type[static_cast<int>(RelationType::kMentionedIn)] = 5;
  stats.reports = 1;
  stats.disk_bytes = 12345;
  v1::GetStatsResponse out;
  ToProto(stats, &out);
  EXPECT_EQ(out.entities(), 6);
  EXPECT_EQ(out.relations(), 9);
  EXPECT_EQ(out.reports(), 1);
  EXPECT_EQ(out.disk_bytes(), 12345);
  EXPECT_EQ(out.entities_by_kind().size(), 5u);  // Zero counts too.
  EXPECT_EQ(out.entities_by_kind().at("PERSON"), 2);
  EXPECT_EQ(out.entities_by_kind().at("ORGANIZATION"), 3);
  EXPECT_EQ(out.entities_by_kind().at("MEETING"), 0);
  EXPECT_EQ(out.entities_by_kind().at("REPORT"), 1);
  EXPECT_EQ(out.entities_by_kind().count("ENTITY_KIND_UNSPECIFIED"), 0u);
  EXPECT_EQ(out.relations_by_type().size(), 10u);
  EXPECT_EQ(out.relations_by_type().at("HOLDS_POSITION"), 4);
  EXPECT_EQ(out.relations_by_type().at("MENTIONED_IN"), 5);
  EXPECT_EQ(out.relations_by_type().at("SPOKE_AT"), 0);
}

v1::TextSpan MakeSpan(int32_t start, int32_t end) {
  v1::TextSpan span;
  span.set_start(start);
  span.set_end(end);
  span.set_sentence("Ông Lộc chủ trì hội nghị.");
  return span;
}

// An Extraction with every field set.
v1::Extraction FullExtraction() {
  v1::Extraction x;
  x.set_title("Hội nghị");
  x.set_date("2024-03-15");
  v1::ExtractedPerson* person = x.add_persons();
  person->set_name("Nguyễn Phước Lộc");
  v1::ExtractedPosition* position = person->add_positions();
  position->set_role("Phó Bí thư");
  position->set_org("Thành ủy TPHCM");
  *position->mutable_evidence() = MakeSpan(1, 2);
  *person->add_mentions() = MakeSpan(3, 4);
  v1::ExtractedOrganization* org = x.add_organizations();
  org->set_name("Ban Dân vận Thành ủy TPHCM");
  org->add_aliases("Ban Dân vận");
  org->set_parent("Thành ủy TPHCM");
  *org->mutable_evidence() = MakeSpan(5, 6);
  v1::ExtractedMeeting* meeting = x.add_meetings();
  meeting->set_name("Hội nghị tổng kết");
  meeting->set_date("2024-03-15");
  meeting->add_organizers("Ban Dân vận Thành ủy TPHCM");
  meeting->add_chairs("Nguyễn Phước Lộc");
  meeting->add_attendees("Nguyễn Phước Lộc");
  *meeting->mutable_evidence() = MakeSpan(7, 8);
  v1::ExtractedDirective* directive = x.add_directives();
  directive->set_issuer("Nguyễn Phước Lộc");
  directive->set_meeting(0);
  directive->set_verb("đề nghị");
  directive->set_text("tăng cường giám sát");
  directive->add_addressees("Ủy ban MTTQ Việt Nam TPHCM");
  *directive->mutable_evidence() = MakeSpan(9, 10);
  x.set_extractor_version(extract::kExtractorVersion);
  return x;
}

TEST(ProtoConvertTest, ExtractionRoundTrips) {
  const v1::Extraction in = FullExtraction();
  v1::Extraction out;
  ToProto(FromProto(in), &out);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(in, out))
      << "in:\n"
      << in.DebugString() << "out:\n"
      << out.DebugString();
}

TEST(ProtoConvertTest, ExtractionFieldsAreCopied) {
  const extract::Extraction x = FromProto(FullExtraction());
  EXPECT_EQ(x.persons[0].positions[0].org, "Thành ủy TPHCM");
  EXPECT_EQ(x.persons[0].mentions[0].start, 3);
  EXPECT_THAT(x.organizations[0].aliases, ElementsAre("Ban Dân vận"));
  EXPECT_EQ(x.meetings[0].evidence.end, 8);
  EXPECT_EQ(x.directives[0].meeting, 0);
  EXPECT_THAT(x.directives[0].addressees,
              ElementsAre("Ủy ban MTTQ Việt Nam TPHCM"));
}

TEST(ProtoConvertTest, NegativeDirectiveMeetingBecomesNone) {
  v1::Extraction in;
  in.add_directives()->set_meeting(-7);
  EXPECT_EQ(FromProto(in).directives[0].meeting, -1);
}

TEST(ProtoConvertTest, ReportTextFieldsAreCopied) {
  v1::ReportText report;
  report.set_text("Tin");
  report.set_published_date("2024-03-15");
  report.set_source_url("https://example.vn");
  report.set_title("Tiêu đề");
  const extract::ReportInput input = FromProto(report);
  EXPECT_EQ(input.text, "Tin");
  EXPECT_EQ(input.published_date, "2024-03-15");
  EXPECT_EQ(input.source_url, "https://example.vn");
  EXPECT_EQ(input.title, "Tiêu đề");
}

}  // namespace
}  // namespace govgraph::service
