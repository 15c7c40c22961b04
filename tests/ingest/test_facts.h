// Builders for the ingest tests: a small valid report and its parts.
#ifndef GOVGRAPH_TESTS_INGEST_TEST_FACTS_H_
#define GOVGRAPH_TESTS_INGEST_TEST_FACTS_H_

#include <cstdint>
#include <string>
#include <utility>

#include "server/common/types.h"

namespace govgraph::ingest::testing {

inline constexpr char kReportId[] = "r1";

inline Evidence MakeEvidence(int32_t start, int32_t end,
                             std::string report_id = kReportId) {
  Evidence e;
  e.report_id = std::move(report_id);
  e.start = start;
  e.end = end;
  e.sentence = "Đồng chí Nguyễn Phước Lộc phát biểu tại hội nghị.";
  return e;
}

inline Entity MakeEntity(std::string id, EntityKind kind, std::string name) {
  Entity e;
  e.id = std::move(id);
  e.kind = kind;
  e.name = std::move(name);
  return e;
}

inline Relation MakeRelation(RelationType type, std::string source,
                             std::string target, std::string role = "") {
  Relation r;
  r.type = type;
  r.source_id = std::move(source);
  r.target_id = std::move(target);
  r.role = std::move(role);
  return r;
}

// Report "r1" with entities p1 (PERSON), o1 and o2 (ORGANIZATION), m1
// (MEETING), d1 (DIRECTIVE), and one relation of every type, each with
// evidence of report "r1".
inline ReportFacts ValidFacts() {
  ReportFacts facts;
  facts.report = MakeEntity(kReportId, EntityKind::kReport, "Hội nghị");
  facts.report.date = "2024-02-29";
  facts.report.source_url = "https://example.vn/tin/1";
  Entity person = MakeEntity("p1", EntityKind::kPerson, "Nguyễn Phước Lộc");
  person.aliases = {"Phước Lộc", "đồng chí Lộc"};
  person.evidence = {MakeEvidence(9, 25)};
  Entity meeting = MakeEntity("m1", EntityKind::kMeeting, "Hội nghị");
  meeting.date = "2024-03-01";
  meeting.location = "TPHCM";
  Entity directive = MakeEntity("d1", EntityKind::kDirective, "Tăng cường");
  directive.verb = "yêu cầu";
  directive.text = "Tăng cường công tác dân vận,\n\tnhất là cơ sở.";
  directive.date = "2024-03-01";
  facts.entities = {
      person, MakeEntity("o1", EntityKind::kOrganization, "Ban Dân vận"),
      MakeEntity("o2", EntityKind::kOrganization, "Thành ủy TPHCM"), meeting,
      directive};
  Relation holds =
      MakeRelation(RelationType::kHoldsPosition, "p1", "o1", "Trưởng ban");
  holds.start_date = "2020-10-01";
  holds.evidence = {MakeEvidence(0, 10), MakeEvidence(3, 3)};
  facts.relations = {
      holds,
      MakeRelation(RelationType::kPartOf, "o1", "o2"),
      MakeRelation(RelationType::kOrganized, "o1", "m1"),
      MakeRelation(RelationType::kChaired, "p1", "m1"),
      MakeRelation(RelationType::kAttended, "p1", "m1"),
      MakeRelation(RelationType::kSpokeAt, "p1", "m1"),
      MakeRelation(RelationType::kIssued, "p1", "d1"),
      MakeRelation(RelationType::kIssuedAt, "d1", "m1"),
      MakeRelation(RelationType::kAddressedTo, "d1", "o2"),
      MakeRelation(RelationType::kMentionedIn, "p1", kReportId),
  };
  return facts;
}

}  // namespace govgraph::ingest::testing

#endif  // GOVGRAPH_TESTS_INGEST_TEST_FACTS_H_
