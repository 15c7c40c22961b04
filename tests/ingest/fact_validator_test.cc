#include "server/ingest/fact_validator.h"

#include <functional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest/test_facts.h"

namespace govgraph::ingest {
namespace {

using ::govgraph::ingest::testing::kReportId;
using ::govgraph::ingest::testing::MakeEntity;
using ::govgraph::ingest::testing::MakeEvidence;
using ::govgraph::ingest::testing::MakeRelation;
using ::govgraph::ingest::testing::ValidFacts;

// Matches a status with code `code` whose message contains `text`.
MATCHER_P2(IsError, code, text, "") {
  *result_listener << "status is " << arg;
  return arg.code() == code && absl::StrContains(arg.message(), text);
}

absl::Status Validate(const ReportFacts& facts) {
  return ValidateReportFacts(facts, IngestLimits());
}

absl::Status InvalidArgument(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

// One way to break a report, and the field the error must name.
struct Breakage {
  std::string field;
  std::function<void(ReportFacts*)> apply;
};

// Applies each breakage to a valid report and expects `code` naming its
// field.
void ExpectEachFails(const std::vector<Breakage>& breakages,
                     absl::StatusCode code) {
  for (const Breakage& b : breakages) {
    SCOPED_TRACE(b.field);
    ReportFacts facts = ValidFacts();
    b.apply(&facts);
    EXPECT_THAT(Validate(facts), IsError(code, b.field + ":"));
  }
}

TEST(FactValidatorTest, ValidReportPasses) {
  EXPECT_TRUE(Validate(ValidFacts()).ok()) << Validate(ValidFacts());
}

TEST(FactValidatorTest, MinimalReportPasses) {
  ReportFacts facts;
  facts.report = MakeEntity(kReportId, EntityKind::kReport, "");
  facts.entities = {MakeEntity("p1", EntityKind::kPerson, "Lộc")};
  EXPECT_TRUE(Validate(facts).ok()) << Validate(facts);
}

TEST(FactValidatorTest, RejectsBadReportId) {
  ExpectEachFails(
      {{"report.id", [](ReportFacts* f) { f->report.id.clear(); }},
       {"report.id",
        [](ReportFacts* f) {
          f->report.id = std::string(kMaxIdBytes + 1, 'r');
        }},
       {"report.id", [](ReportFacts* f) { f->report.id = "r\n1"; }},
       {"report.id", [](ReportFacts* f) { f->report.id = "r\x7f"; }}},
      absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, AcceptsIdOfMaxLength) {
  ReportFacts facts = ValidFacts();
  facts.entities[0].id = std::string(kMaxIdBytes, 'p');
  facts.entities[0].evidence.clear();
  facts.relations.clear();
  EXPECT_TRUE(Validate(facts).ok()) << Validate(facts);
}

TEST(FactValidatorTest, RejectsReportOfWrongKind) {
  ReportFacts facts = ValidFacts();
  facts.report.kind = EntityKind::kPerson;
  EXPECT_EQ(Validate(facts),
            InvalidArgument("report.kind: must be REPORT, got PERSON"));
}

TEST(FactValidatorTest, RejectsEmptyReport) {
  ReportFacts facts = ValidFacts();
  facts.entities.clear();
  facts.relations.clear();
  EXPECT_THAT(Validate(facts), IsError(absl::StatusCode::kInvalidArgument,
                                       "no entities and no relations"));
}

TEST(FactValidatorTest, ExtractedFactsMayBeEmpty) {
  ReportFacts facts = ValidFacts();
  facts.entities.clear();
  facts.relations.clear();
  EXPECT_TRUE(ValidateExtractedFacts(facts, IngestLimits()).ok());
  // Everything else is still checked.
  facts.report.id.clear();
  EXPECT_EQ(ValidateExtractedFacts(facts, IngestLimits()),
            InvalidArgument("report.id: empty"));
  ReportFacts broken = ValidFacts();
  broken.entities[3].name.clear();
  EXPECT_EQ(ValidateExtractedFacts(broken, IngestLimits()),
            InvalidArgument("entities[3].name: empty"));
}

TEST(FactValidatorTest, RejectsInvalidUtf8InEveryStringField) {
  const std::string bad = "Nguy\xE1\xBB";  // Truncated "ễ".
  ExpectEachFails(
      {{"report.name", [&](ReportFacts* f) { f->report.name = bad; }},
       {"report.source_url",
        [&](ReportFacts* f) { f->report.source_url = bad; }},
       {"report.date", [&](ReportFacts* f) { f->report.date = bad; }},
       {"entities[1].id", [&](ReportFacts* f) { f->entities[1].id = bad; }},
       {"entities[0].name", [&](ReportFacts* f) { f->entities[0].name = bad; }},
       {"entities[0].aliases[1]",
        [&](ReportFacts* f) { f->entities[0].aliases[1] = bad; }},
       {"entities[3].location",
        [&](ReportFacts* f) { f->entities[3].location = bad; }},
       {"entities[4].verb", [&](ReportFacts* f) { f->entities[4].verb = bad; }},
       {"entities[4].text", [&](ReportFacts* f) { f->entities[4].text = bad; }},
       {"entities[2].source_url",
        [&](ReportFacts* f) { f->entities[2].source_url = bad; }},
       {"entities[0].evidence[0].sentence",
        [&](ReportFacts* f) { f->entities[0].evidence[0].sentence = bad; }},
       {"entities[0].evidence[0].report_id",
        [&](ReportFacts* f) { f->entities[0].evidence[0].report_id = bad; }},
       {"relations[0].role",
        [&](ReportFacts* f) { f->relations[0].role = bad; }},
       {"relations[2].source_id",
        [&](ReportFacts* f) { f->relations[2].source_id = bad; }},
       {"relations[2].target_id",
        [&](ReportFacts* f) { f->relations[2].target_id = bad; }},
       {"relations[0].start_date",
        [&](ReportFacts* f) { f->relations[0].start_date = bad; }},
       {"relations[0].evidence[1].sentence",
        [&](ReportFacts* f) { f->relations[0].evidence[1].sentence = bad; }}},
      absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, RejectsControlCharactersInIdsNamesAliasesAndRoles) {
  ExpectEachFails(
      {{"entities[2].id", [](ReportFacts* f) { f->entities[2].id = "o\t2"; }},
       {"entities[0].name",
        [](ReportFacts* f) { f->entities[0].name = "Nguyễn\nLộc"; }},
       {"entities[0].name",
        [](ReportFacts* f) { f->entities[0].name = std::string("a\0b", 3); }},
       {"entities[0].aliases[0]",
        [](ReportFacts* f) { f->entities[0].aliases[0] = "Lộc\x7f"; }},
       {"report.name", [](ReportFacts* f) { f->report.name = "Hội\x01nghị"; }},
       {"relations[0].role",
        [](ReportFacts* f) { f->relations[0].role = "Trưởng\tban"; }}},
      absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, ControlCharacterMessageNamesByte) {
  ReportFacts facts = ValidFacts();
  facts.entities[1].name = "Ban\nDân vận";
  EXPECT_EQ(
      Validate(facts),
      InvalidArgument("entities[1].name: control character 0x0A at byte 3"));
}

TEST(FactValidatorTest, AllowsTabsAndNewlinesInFreeText) {
  ReportFacts facts = ValidFacts();
  facts.entities[4].text = "Một là,\n\tcủng cố;\r\nhai là...";
  facts.relations[0].evidence[0].sentence = "Dòng 1\nDòng 2\t.";
  EXPECT_TRUE(Validate(facts).ok()) << Validate(facts);
}

TEST(FactValidatorTest, RejectsNulInFreeText) {
  const std::string nul("a\0b", 3);
  ExpectEachFails(
      {{"entities[4].text", [&](ReportFacts* f) { f->entities[4].text = nul; }},
       {"entities[3].location",
        [&](ReportFacts* f) { f->entities[3].location = nul; }},
       {"relations[0].evidence[0].sentence",
        [&](ReportFacts* f) { f->relations[0].evidence[0].sentence = nul; }}},
      absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, RejectsEmptyEntityIdOrName) {
  ReportFacts facts = ValidFacts();
  facts.entities[3].name.clear();
  EXPECT_EQ(Validate(facts), InvalidArgument("entities[3].name: empty"));
  facts = ValidFacts();
  facts.entities[2].id.clear();
  EXPECT_EQ(Validate(facts), InvalidArgument("entities[2].id: empty"));
  facts = ValidFacts();
  facts.entities[0].aliases[1].clear();
  EXPECT_EQ(Validate(facts), InvalidArgument("entities[0].aliases[1]: empty"));
}

TEST(FactValidatorTest, RejectsEntityIdTooLong) {
  ReportFacts facts = ValidFacts();
  facts.entities[1].id = std::string(kMaxIdBytes + 1, 'o');
  EXPECT_THAT(Validate(facts),
              IsError(absl::StatusCode::kInvalidArgument, "entities[1].id:"));
}

TEST(FactValidatorTest, RejectsUnspecifiedAndReportEntityKinds) {
  ExpectEachFails(
      {{"entities[1].kind",
        [](ReportFacts* f) { f->entities[1].kind = EntityKind::kUnspecified; }},
       {"entities[1].kind",
        [](ReportFacts* f) { f->entities[1].kind = EntityKind::kReport; }},
       {"entities[1].kind",
        [](ReportFacts* f) {
          f->entities[1].kind = static_cast<EntityKind>(9);
        }}},
      absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, RejectsEntityIdDeclaredTwice) {
  ReportFacts facts = ValidFacts();
  facts.entities.push_back(MakeEntity("o1", EntityKind::kPerson, "Khác"));
  EXPECT_EQ(Validate(facts),
            InvalidArgument("entities[5].id: \"o1\" declared twice"));
}

TEST(FactValidatorTest, RejectsEntityIdEqualToReportId) {
  ReportFacts facts = ValidFacts();
  facts.entities[2].id = kReportId;
  EXPECT_THAT(Validate(facts),
              IsError(absl::StatusCode::kInvalidArgument, "entities[2].id:"));
}

TEST(FactValidatorTest, AcceptsRealDates) {
  ReportFacts facts = ValidFacts();
  facts.entities[3].date = "2024-02-29";  // Leap day.
  facts.entities[4].date = "";
  facts.relations[0].end_date = "1999-12-31";
  EXPECT_TRUE(Validate(facts).ok()) << Validate(facts);
}

TEST(FactValidatorTest, RejectsMalformedOrUnrealDates) {
  for (const char* date :
       {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
        "24-1-1", "2024-1-01", "2024/01/01", " 2024-01-01", "2024-01-01 ",
        "+2024-01-01", "2024-01-01T00:00", "20240101", "abcd-ef-gh"}) {
    SCOPED_TRACE(date);
    ReportFacts facts = ValidFacts();
    facts.entities[3].date = date;
    EXPECT_THAT(Validate(facts), IsError(absl::StatusCode::kInvalidArgument,
                                         "entities[3].date:"));
  }
  ExpectEachFails(
      {{"report.date", [](ReportFacts* f) { f->report.date = "2024-02-30"; }},
       {"relations[0].start_date",
        [](ReportFacts* f) { f->relations[0].start_date = "2021-6-1"; }},
       {"relations[0].end_date",
        [](ReportFacts* f) { f->relations[0].end_date = "2021-06-31"; }}},
      absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, RejectsUnspecifiedRelationType) {
  ExpectEachFails({{"relations[3].type",
                    [](ReportFacts* f) {
                      f->relations[3].type = RelationType::kUnspecified;
                    }},
                   {"relations[3].type",
                    [](ReportFacts* f) {
                      f->relations[3].type = static_cast<RelationType>(42);
                    }}},
                  absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, RejectsEndpointNotDeclared) {
  ReportFacts facts = ValidFacts();
  facts.relations[1].target_id = "o9";
  EXPECT_EQ(Validate(facts),
            InvalidArgument(
                "relations[1]: target \"o9\" is not an entity of this report"));
  facts = ValidFacts();
  facts.relations[4].source_id = "p2";
  EXPECT_EQ(Validate(facts),
            InvalidArgument(
                "relations[4]: source \"p2\" is not an entity of this report"));
}

TEST(FactValidatorTest, RejectsEndpointKindsTheTypeDoesNotAllow) {
  ReportFacts facts = ValidFacts();
  facts.relations[0].source_id = "m1";
  EXPECT_EQ(Validate(facts),
            InvalidArgument("relations[0]: HOLDS_POSITION needs a PERSON "
                            "source and an ORGANIZATION target, got MEETING "
                            "-> ORGANIZATION"));
  facts = ValidFacts();
  facts.relations[9].target_id = "o1";
  EXPECT_EQ(Validate(facts),
            InvalidArgument("relations[9]: MENTIONED_IN needs a PERSON, "
                            "ORGANIZATION, MEETING or DIRECTIVE source and a "
                            "REPORT target, got PERSON -> ORGANIZATION"));
}

TEST(FactValidatorTest, AcceptsEveryKindMentionedInTheReport) {
  ReportFacts facts = ValidFacts();
  for (const char* id : {"o1", "m1", "d1"}) {
    facts.relations.push_back(
        MakeRelation(RelationType::kMentionedIn, id, kReportId));
  }
  facts.relations.push_back(
      MakeRelation(RelationType::kAddressedTo, "d1", "p1"));
  EXPECT_TRUE(Validate(facts).ok()) << Validate(facts);
}

TEST(FactValidatorTest, RequiresRoleOnHoldsPositionOnly) {
  ReportFacts facts = ValidFacts();
  facts.relations[0].role.clear();
  EXPECT_EQ(Validate(facts),
            InvalidArgument("relations[0].role: required for HOLDS_POSITION"));
  facts = ValidFacts();
  facts.relations[4].role = "Đại biểu";
  EXPECT_EQ(Validate(facts),
            InvalidArgument("relations[4].role: must be empty for ATTENDED"));
}

TEST(FactValidatorTest, RejectsRelationDeclaredTwice) {
  ReportFacts facts = ValidFacts();
  facts.relations.push_back(facts.relations[3]);
  EXPECT_THAT(Validate(facts), IsError(absl::StatusCode::kInvalidArgument,
                                       "relations[10]: declared twice"));
  facts = ValidFacts();
  facts.relations.push_back(facts.relations[0]);
  facts.relations.back().evidence.clear();  // Still the same relation.
  EXPECT_THAT(Validate(facts), IsError(absl::StatusCode::kInvalidArgument,
                                       "relations[10]: declared twice"));
}

TEST(FactValidatorTest, AcceptsTwoRolesInOneOrganization) {
  ReportFacts facts = ValidFacts();
  facts.relations.push_back(
      MakeRelation(RelationType::kHoldsPosition, "p1", "o1", "Phó Bí thư"));
  EXPECT_TRUE(Validate(facts).ok()) << Validate(facts);
}

TEST(FactValidatorTest, RejectsBadEvidenceSpans) {
  ExpectEachFails(
      {{"entities[0].evidence[0]",
        [](ReportFacts* f) { f->entities[0].evidence[0].start = -1; }},
       {"relations[0].evidence[1]",
        [](ReportFacts* f) { f->relations[0].evidence[1].end = 2; }},
       {"report.evidence[0]",
        [](ReportFacts* f) { f->report.evidence = {MakeEvidence(5, 4)}; }}},
      absl::StatusCode::kInvalidArgument);
}

TEST(FactValidatorTest, RejectsEvidenceOfAnotherReport) {
  ReportFacts facts = ValidFacts();
  facts.relations[0].evidence[1].report_id = "r2";
  EXPECT_EQ(Validate(facts),
            InvalidArgument("relations[0].evidence[1].report_id: \"r2\" is "
                            "not this report's id \"r1\""));
  facts = ValidFacts();
  facts.entities[0].evidence[0].report_id.clear();
  EXPECT_THAT(Validate(facts), IsError(absl::StatusCode::kInvalidArgument,
                                       "entities[0].evidence[0].report_id:"));
}

TEST(FactValidatorTest, EnforcesCountLimits) {
  IngestLimits limits;
  limits.max_entities = 5;
  limits.max_relations = 10;
  limits.max_evidence_per_fact = 2;
  EXPECT_TRUE(ValidateReportFacts(ValidFacts(), limits).ok());
  ReportFacts facts = ValidFacts();
  facts.entities.push_back(MakeEntity("p2", EntityKind::kPerson, "Lan"));
  EXPECT_THAT(ValidateReportFacts(facts, limits),
              IsError(absl::StatusCode::kResourceExhausted, "entities:"));
  facts = ValidFacts();
  facts.relations.push_back(
      MakeRelation(RelationType::kMentionedIn, "o1", kReportId));
  EXPECT_THAT(ValidateReportFacts(facts, limits),
              IsError(absl::StatusCode::kResourceExhausted, "relations:"));
  facts = ValidFacts();
  facts.relations[0].evidence.push_back(MakeEvidence(1, 2));
  EXPECT_THAT(
      ValidateReportFacts(facts, limits),
      IsError(absl::StatusCode::kResourceExhausted, "relations[0].evidence:"));
}

TEST(FactValidatorTest, EnforcesStringLimit) {
  IngestLimits limits;
  limits.max_string_bytes = 128;
  ReportFacts facts = ValidFacts();
  facts.entities[4].text = std::string(128, 'x');
  EXPECT_TRUE(ValidateReportFacts(facts, limits).ok());
  facts.entities[4].text.push_back('x');
  EXPECT_THAT(ValidateReportFacts(facts, limits),
              IsError(absl::StatusCode::kResourceExhausted,
                      "entities[4].text: 129 bytes, limit 128"));
  facts = ValidFacts();
  facts.relations[0].evidence[0].sentence = std::string(200, 's');
  EXPECT_THAT(ValidateReportFacts(facts, limits),
              IsError(absl::StatusCode::kResourceExhausted,
                      "relations[0].evidence[0].sentence:"));
  facts = ValidFacts();
  facts.entities[0].name = std::string(129, 'n');
  EXPECT_THAT(
      ValidateReportFacts(facts, limits),
      IsError(absl::StatusCode::kResourceExhausted, "entities[0].name:"));
}

// The table in knowledge_graph.proto, spelled out.
TEST(RelationEndpointsAllowedTest, MatchesTheProtoTable) {
  using K = EntityKind;
  using T = RelationType;
  const std::set<std::tuple<T, K, K>> allowed = {
      {T::kHoldsPosition, K::kPerson, K::kOrganization},
      {T::kPartOf, K::kOrganization, K::kOrganization},
      {T::kOrganized, K::kOrganization, K::kMeeting},
      {T::kChaired, K::kPerson, K::kMeeting},
      {T::kAttended, K::kPerson, K::kMeeting},
      {T::kSpokeAt, K::kPerson, K::kMeeting},
      {T::kIssued, K::kPerson, K::kDirective},
      {T::kIssuedAt, K::kDirective, K::kMeeting},
      {T::kAddressedTo, K::kDirective, K::kOrganization},
      {T::kAddressedTo, K::kDirective, K::kPerson},
      {T::kMentionedIn, K::kPerson, K::kReport},
      {T::kMentionedIn, K::kOrganization, K::kReport},
      {T::kMentionedIn, K::kMeeting, K::kReport},
      {T::kMentionedIn, K::kDirective, K::kReport},
  };
  for (int t = 0; t <= kMaxRelationType + 1; ++t) {
    for (int s = 0; s <= kMaxEntityKind + 1; ++s) {
      for (int d = 0; d <= kMaxEntityKind + 1; ++d) {
        const auto key = std::make_tuple(static_cast<T>(t), static_cast<K>(s),
                                         static_cast<K>(d));
        EXPECT_EQ(RelationEndpointsAllowed(std::get<0>(key), std::get<1>(key),
                                           std::get<2>(key)),
                  allowed.count(key) == 1)
            << t << " " << s << " -> " << d;
      }
    }
  }
}

}  // namespace
}  // namespace govgraph::ingest
