#include "server/service/knowledge_graph_service.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

std::map<std::string, int64_t> ToMap(
    const google::protobuf::Map<std::string, int64_t>& counts) {
  std::map<std::string, int64_t> out;
  for (const auto& [key, count] : counts) out[key] = count;
  return out;
}

// "OUTGOING HOLDS_POSITION p -> o (Trưởng ban)": one relation as seen from
// the queried entity, readable in failure output.
std::string Describe(const v1::RelationView& view) {
  const v1::Relation& r = view.relation();
  return absl::StrCat(
      v1::Direction_Name(view.direction()), " ",
      v1::RelationType_Name(r.type()), " ", r.source_id(), " -> ",
      r.target_id(), r.role().empty() ? "" : absl::StrCat(" (", r.role(), ")"));
}

std::vector<std::string> Describe(const v1::ListRelationsResponse& response) {
  std::vector<std::string> out;
  for (const v1::RelationView& view : response.relations()) {
    out.push_back(Describe(view));
  }
  return out;
}

std::vector<std::string> IdsOf(const v1::SearchEntitiesResponse& response) {
  std::vector<std::string> ids;
  for (const v1::Entity& entity : response.entities()) {
    ids.push_back(entity.id());
  }
  return ids;
}

// The report id and every entity id of `request`: what a failed ingest
// must not have created.
std::vector<std::string> IdsOf(const v1::IngestFactsRequest& request) {
  std::vector<std::string> ids;
  if (!request.report_id().empty()) ids.push_back(request.report_id());
  for (const v1::Entity& entity : request.entities()) {
    if (!entity.id().empty()) ids.push_back(entity.id());
  }
  return ids;
}

v1::ListRelationsRequest RelationsOf(
    const std::string& id,
    v1::RelationType type = v1::RELATION_TYPE_UNSPECIFIED,
    v1::Direction direction = v1::DIRECTION_UNSPECIFIED,
    int32_t page_size = 0) {
  v1::ListRelationsRequest request;
  request.set_entity_id(id);
  request.set_type(type);
  request.set_direction(direction);
  request.set_page_size(page_size);
  return request;
}

v1::SearchEntitiesRequest SearchFor(
    const std::string& query,
    v1::EntityKind kind = v1::ENTITY_KIND_UNSPECIFIED) {
  v1::SearchEntitiesRequest request;
  request.set_query(query);
  request.set_kind(kind);
  return request;
}

// DanVanReport() without Trần Kim Yến and the MTTQ, and the relations
// that touch them.
v1::IngestFactsRequest DanVanReportWithoutYen() {
  const std::set<std::string> dropped = {kYen, kMttq};
  v1::IngestFactsRequest full = DanVanReport();
  v1::IngestFactsRequest request = full;
  request.clear_entities();
  request.clear_relations();
  for (const v1::Entity& entity : full.entities()) {
    if (dropped.count(entity.id()) == 0) *request.add_entities() = entity;
  }
  for (const v1::Relation& relation : full.relations()) {
    if (dropped.count(relation.source_id()) == 0 &&
        dropped.count(relation.target_id()) == 0) {
      *request.add_relations() = relation;
    }
  }
  return request;
}

class KnowledgeGraphServiceTest : public ServiceTest {
 protected:
  void IngestDanVan() {
    grpc::Status status = Ingest(DanVanReport());
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // Sends `request`, expects `code`, and that nothing was written.
  void ExpectIngestFails(const v1::IngestFactsRequest& request,
                         grpc::StatusCode code) {
    const v1::GetStatsResponse before = Stats();
    grpc::Status status = Ingest(request);
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    ExpectNothingWritten(before, IdsOf(request));
  }

  // Every relation of `request`'s entity, walking its pages.
  std::vector<std::string> AllPages(v1::ListRelationsRequest request) {
    std::vector<std::string> seen;
    for (int pages = 0; pages < 100; ++pages) {
      v1::ListRelationsResponse response;
      grpc::Status status = ListRelations(request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      EXPECT_LE(response.relations_size(), request.page_size());
      for (const std::string& line : Describe(response)) seen.push_back(line);
      if (response.next_page_token().empty()) return seen;
      EXPECT_GT(response.relations_size(), 0) << "an empty non-final page";
      request.set_page_token(response.next_page_token());
    }
    ADD_FAILURE() << "more than 100 pages";
    return seen;
  }
};

// --- Writing and reading back ---------------------------------------------

TEST_F(KnowledgeGraphServiceTest, IngestFactsReportsWhatWasWritten) {
  v1::IngestFactsResponse response;
  grpc::Status status = Ingest(DanVanReport(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.report_id(), kReportId);
  EXPECT_FALSE(response.replaced());
  EXPECT_EQ(response.entities_written(), 7);
  EXPECT_EQ(response.relations_written(), 13);
}

TEST_F(KnowledgeGraphServiceTest, GetEntityReturnsPersonWithEvidence) {
  IngestDanVan();
  v1::Entity loc;
  grpc::Status status = GetEntity(kLoc, &loc);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(loc.id(), kLoc);
  EXPECT_EQ(loc.kind(), v1::PERSON);
  EXPECT_EQ(loc.display_name(), "Nguyễn Phước Lộc");
  ASSERT_EQ(loc.details_case(), v1::Entity::kPerson);
  EXPECT_EQ(loc.person().full_name(), "Nguyễn Phước Lộc");
  EXPECT_THAT(loc.aliases(), ElementsAre("ông Lộc"));
  ASSERT_THAT(loc.evidence(), SizeIs(1));
  // The request left the report id empty: it is the request's report.
  EXPECT_EQ(loc.evidence(0).report_id(), kReportId);
  EXPECT_EQ(loc.evidence(0).start(), 95);
  EXPECT_EQ(loc.evidence(0).end(), 111);
  EXPECT_THAT(loc.evidence(0).sentence(), HasSubstr("Ông Nguyễn Phước Lộc"));
  EXPECT_THAT(loc.report_ids(), ElementsAre(kReportId));
}

TEST_F(KnowledgeGraphServiceTest, GetEntityReturnsMeetingDetails) {
  IngestDanVan();
  v1::Entity meeting;
  grpc::Status status = GetEntity(kMeeting, &meeting);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(meeting.kind(), v1::MEETING);
  // No display name was sent: the meeting's name stands in.
  EXPECT_EQ(meeting.display_name(),
            "Hội nghị tổng kết công tác dân vận năm 2023");
  ASSERT_EQ(meeting.details_case(), v1::Entity::kMeeting);
  EXPECT_EQ(meeting.meeting().name(),
            "Hội nghị tổng kết công tác dân vận năm 2023");
  EXPECT_EQ(meeting.meeting().date(), "2024-03-15");
  EXPECT_EQ(meeting.meeting().location(), "TPHCM");
  ASSERT_THAT(meeting.evidence(), SizeIs(1));
  EXPECT_EQ(meeting.evidence(0).start(), 46);
  EXPECT_EQ(meeting.evidence(0).end(), 89);
  EXPECT_THAT(meeting.report_ids(), ElementsAre(kReportId));
}

TEST_F(KnowledgeGraphServiceTest, GetEntityReturnsDirectiveAndReport) {
  IngestDanVan();
  v1::Entity directive;
  ASSERT_TRUE(GetEntity(kDirective, &directive).ok());
  EXPECT_EQ(directive.kind(), v1::DIRECTIVE);
  ASSERT_EQ(directive.details_case(), v1::Entity::kDirective);
  EXPECT_EQ(directive.directive().verb(), "đề nghị");
  EXPECT_EQ(directive.directive().text(),
            "tăng cường giám sát, phản biện xã hội");
  EXPECT_EQ(directive.directive().date(), "2024-03-15");

  v1::Entity report;
  ASSERT_TRUE(GetEntity(kReportId, &report).ok());
  EXPECT_EQ(report.kind(), v1::REPORT);
  ASSERT_EQ(report.details_case(), v1::Entity::kReport);
  EXPECT_EQ(report.report().title(),
            "Ông Nguyễn Phước Lộc chủ trì hội nghị tổng kết công tác dân vận");
  EXPECT_EQ(report.report().published_date(), "2024-03-15");
  EXPECT_EQ(report.report().source_url(),
            "https://tuoitre.vn/hoi-nghi-tong-ket-cong-tac-dan-van-2024.htm");
}

TEST_F(KnowledgeGraphServiceTest, ListRelationsFiltersByType) {
  IngestDanVan();
  v1::ListRelationsResponse response;
  grpc::Status status =
      ListRelations(RelationsOf(kLoc, v1::HOLDS_POSITION), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(
      Describe(response),
      UnorderedElementsAre(absl::StrCat("OUTGOING HOLDS_POSITION ", kLoc,
                                        " -> ", kBanDanVan, " (Trưởng ban)"),
                           absl::StrCat("OUTGOING HOLDS_POSITION ", kLoc,
                                        " -> ", kThanhUy, " (Phó Bí thư)")));
  EXPECT_TRUE(response.next_page_token().empty());
  for (const v1::RelationView& view : response.relations()) {
    EXPECT_EQ(view.other().kind(), v1::ORGANIZATION);
    EXPECT_EQ(view.other().id(), view.relation().target_id());
    EXPECT_THAT(view.relation().report_ids(), ElementsAre(kReportId));
    ASSERT_THAT(view.relation().evidence(), SizeIs(1));
    EXPECT_EQ(view.relation().evidence(0).report_id(), kReportId);
    if (view.other().id() == kBanDanVan) {
      EXPECT_EQ(view.other().display_name(), "Ban Dân vận Thành ủy TPHCM");
      EXPECT_EQ(view.relation().evidence(0).start(), 134);
      EXPECT_EQ(view.relation().evidence(0).end(), 167);
    }
  }
}

TEST_F(KnowledgeGraphServiceTest, ListRelationsFiltersByDirection) {
  IngestDanVan();
  const std::string in = absl::StrCat(" -> ", kMeeting);
  const std::string out =
      absl::StrCat("OUTGOING MENTIONED_IN ", kMeeting, " -> ", kReportId);
  v1::ListRelationsResponse incoming;
  ASSERT_TRUE(ListRelations(RelationsOf(kMeeting, v1::RELATION_TYPE_UNSPECIFIED,
                                        v1::INCOMING),
                            &incoming)
                  .ok());
  EXPECT_THAT(Describe(incoming),
              ElementsAre(absl::StrCat("INCOMING ORGANIZED ", kBanDanVan, in),
                          absl::StrCat("INCOMING CHAIRED ", kLoc, in),
                          absl::StrCat("INCOMING ATTENDED ", kYen, in),
                          absl::StrCat("INCOMING ISSUED_AT ", kDirective, in)));
  v1::ListRelationsResponse outgoing;
  ASSERT_TRUE(ListRelations(RelationsOf(kMeeting, v1::RELATION_TYPE_UNSPECIFIED,
                                        v1::OUTGOING),
                            &outgoing)
                  .ok());
  EXPECT_THAT(Describe(outgoing), ElementsAre(out));
  // UNSPECIFIED is BOTH: outgoing first, then incoming.
  v1::ListRelationsResponse both;
  ASSERT_TRUE(ListRelations(RelationsOf(kMeeting), &both).ok());
  std::vector<std::string> expected = {out};
  for (const std::string& line : Describe(incoming)) expected.push_back(line);
  EXPECT_EQ(Describe(both), expected);
  // A type and a direction together.
  v1::ListRelationsResponse mentions;
  ASSERT_TRUE(
      ListRelations(RelationsOf(kReportId, v1::MENTIONED_IN, v1::INCOMING),
                    &mentions)
          .ok());
  EXPECT_THAT(mentions.relations(), SizeIs(3));
}

TEST_F(KnowledgeGraphServiceTest, PagesCoverEveryRelationExactlyOnce) {
  IngestDanVan();
  for (const char* id :
       {kLoc, kYen, kMeeting, kReportId, kBanDanVan, kThanhUy, kDirective}) {
    v1::ListRelationsResponse whole;
    ASSERT_TRUE(ListRelations(RelationsOf(id), &whole).ok()) << id;
    ASSERT_TRUE(whole.next_page_token().empty()) << id;
    for (int32_t page_size : {1, 2, 3}) {
      SCOPED_TRACE(absl::StrCat(id, ", page_size ", page_size));
      EXPECT_EQ(AllPages(RelationsOf(id, v1::RELATION_TYPE_UNSPECIFIED,
                                     v1::BOTH, page_size)),
                Describe(whole));
    }
  }
  // Every relation is outgoing from exactly one entity: the outgoing pages
  // of all entities hold all 13 relations, each once.
  std::multiset<std::string> seen;
  for (const char* id : {kLoc, kYen, kBanDanVan, kThanhUy, kMttq, kMeeting,
                         kDirective, kReportId}) {
    for (const std::string& line : AllPages(
             RelationsOf(id, v1::RELATION_TYPE_UNSPECIFIED, v1::OUTGOING, 1))) {
      seen.insert(line);
    }
  }
  EXPECT_EQ(seen.size(), 13u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 13u);
}

TEST_F(KnowledgeGraphServiceTest, SearchIgnoresCaseAndDiacritics) {
  IngestDanVan();
  v1::SearchEntitiesResponse response;
  ASSERT_TRUE(Search(SearchFor("nguyen phuoc loc"), &response).ok());
  ASSERT_THAT(IdsOf(response), ElementsAre(kLoc));
  EXPECT_EQ(response.entities(0).display_name(), "Nguyễn Phước Lộc");
  EXPECT_TRUE(response.next_page_token().empty());
  response.Clear();
  ASSERT_TRUE(Search(SearchFor("TRẦN kim"), &response).ok());
  EXPECT_THAT(IdsOf(response), ElementsAre(kYen));
  response.Clear();
  ASSERT_TRUE(Search(SearchFor("ubnd"), &response).ok());
  EXPECT_THAT(IdsOf(response), IsEmpty());
}

TEST_F(KnowledgeGraphServiceTest, SearchFiltersByKind) {
  IngestDanVan();
  // "ông Lộc" (an alias) and the report title "Ông Nguyễn Phước Lộc ...".
  v1::SearchEntitiesResponse any;
  ASSERT_TRUE(Search(SearchFor("ong"), &any).ok());
  EXPECT_THAT(IdsOf(any), ElementsAre(kLoc, kReportId));
  v1::SearchEntitiesResponse persons;
  ASSERT_TRUE(Search(SearchFor("ong", v1::PERSON), &persons).ok());
  EXPECT_THAT(IdsOf(persons), ElementsAre(kLoc));
  v1::SearchEntitiesResponse reports;
  ASSERT_TRUE(Search(SearchFor("ong", v1::REPORT), &reports).ok());
  EXPECT_THAT(IdsOf(reports), ElementsAre(kReportId));
  v1::SearchEntitiesResponse meetings;
  ASSERT_TRUE(Search(SearchFor("ong", v1::MEETING), &meetings).ok());
  EXPECT_THAT(IdsOf(meetings), IsEmpty());
}

TEST_F(KnowledgeGraphServiceTest, GetStatsCountsByEnumName) {
  const v1::GetStatsResponse empty = Stats();
  EXPECT_EQ(empty.entities(), 0);
  EXPECT_EQ(empty.relations(), 0);
  EXPECT_EQ(empty.reports(), 0);
  IngestDanVan();
  const v1::GetStatsResponse stats = Stats();
  EXPECT_EQ(stats.entities(), 8);  // With the report's own node.
  EXPECT_EQ(stats.relations(), 13);
  EXPECT_EQ(stats.reports(), 1);
  EXPECT_EQ(ToMap(stats.entities_by_kind()),
            (std::map<std::string, int64_t>{{"PERSON", 2},
                                            {"ORGANIZATION", 3},
                                            {"MEETING", 1},
                                            {"DIRECTIVE", 1},
                                            {"REPORT", 1}}));
  EXPECT_EQ(ToMap(stats.relations_by_type()),
            (std::map<std::string, int64_t>{{"HOLDS_POSITION", 3},
                                            {"PART_OF", 1},
                                            {"ORGANIZED", 1},
                                            {"CHAIRED", 1},
                                            {"ATTENDED", 1},
                                            {"SPOKE_AT", 0},
                                            {"ISSUED", 1},
                                            {"ISSUED_AT", 1},
                                            {"ADDRESSED_TO", 1},
                                            {"MENTIONED_IN", 3}}));
}

TEST_F(KnowledgeGraphServiceTest, ResendingAReportChangesNothingAndSaysSo) {
  IngestDanVan();
  const v1::GetStatsResponse before = Stats();
  v1::IngestFactsResponse response;
  ASSERT_TRUE(Ingest(DanVanReport(), &response).ok());
  EXPECT_TRUE(response.unchanged());
  EXPECT_FALSE(response.replaced());
  EXPECT_EQ(response.entities_written(), 0);
  ExpectNothingWritten(before, {});

  // Other facts under the same report id replace the old ones.
  v1::IngestFactsRequest changed = DanVanReport();
  changed.set_extractor_version("hand/2");
  ASSERT_TRUE(Ingest(changed, &response).ok());
  EXPECT_FALSE(response.unchanged());
  EXPECT_TRUE(response.replaced());
  EXPECT_EQ(response.entities_written(), 7);
  EXPECT_EQ(response.relations_written(), 13);
  ExpectNothingWritten(before, {});
  v1::Entity loc;
  ASSERT_TRUE(GetEntity(kLoc, &loc).ok());
  EXPECT_THAT(loc.evidence(), SizeIs(1));  // Replaced, not added to.
  EXPECT_THAT(loc.report_ids(), ElementsAre(kReportId));
}

TEST_F(KnowledgeGraphServiceTest, ResendingFewerFactsRemovesTheRest) {
  IngestDanVan();
  v1::IngestFactsResponse response;
  ASSERT_TRUE(Ingest(DanVanReportWithoutYen(), &response).ok());
  EXPECT_TRUE(response.replaced());
  EXPECT_EQ(response.entities_written(), 5);
  EXPECT_EQ(response.relations_written(), 9);
  EXPECT_EQ(GetEntity(kYen).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(GetEntity(kMttq).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(GetEntity(kLoc).ok());
  const v1::GetStatsResponse stats = Stats();
  EXPECT_EQ(stats.entities(), 6);
  EXPECT_EQ(stats.relations(), 9);
  EXPECT_EQ(stats.reports(), 1);
  EXPECT_EQ(stats.entities_by_kind().at("PERSON"), 1);
  EXPECT_EQ(stats.relations_by_type().at("ATTENDED"), 0);
  EXPECT_EQ(stats.relations_by_type().at("MENTIONED_IN"), 2);
  v1::ListRelationsResponse incoming;
  ASSERT_TRUE(ListRelations(RelationsOf(kMeeting, v1::RELATION_TYPE_UNSPECIFIED,
                                        v1::INCOMING),
                            &incoming)
                  .ok());
  EXPECT_THAT(incoming.relations(), SizeIs(3));  // ATTENDED is gone.
  v1::SearchEntitiesResponse search;
  ASSERT_TRUE(Search(SearchFor("tran kim yen"), &search).ok());
  EXPECT_THAT(IdsOf(search), IsEmpty());
}

// --- Errors: reads ----------------------------------------------------------

TEST_F(KnowledgeGraphServiceTest, GetEntityUnknownIdIsNotFound) {
  IngestDanVan();
  grpc::Status status = GetEntity("p-khong-co");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("p-khong-co"));
}

TEST_F(KnowledgeGraphServiceTest, GetEntityEmptyIdIsInvalidArgument) {
  EXPECT_EQ(GetEntity("").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, ListRelationsUnknownEntityIsNotFound) {
  IngestDanVan();
  v1::ListRelationsResponse response;
  EXPECT_EQ(ListRelations(RelationsOf("p-khong-co"), &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ListRelations(RelationsOf(""), &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, ListRelationsBadPageTokenIsInvalidArgument) {
  IngestDanVan();
  v1::ListRelationsRequest request = RelationsOf(kLoc);
  request.set_page_token("not a page token");
  v1::ListRelationsResponse response;
  EXPECT_EQ(ListRelations(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  // A real token, but issued for another entity.
  v1::ListRelationsResponse first;
  ASSERT_TRUE(ListRelations(RelationsOf(kMeeting, v1::RELATION_TYPE_UNSPECIFIED,
                                        v1::BOTH, 1),
                            &first)
                  .ok());
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  EXPECT_EQ(ListRelations(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, ListRelationsBadPageSizeIsInvalidArgument) {
  IngestDanVan();
  v1::ListRelationsResponse response;
  EXPECT_EQ(ListRelations(
                RelationsOf(kLoc, v1::RELATION_TYPE_UNSPECIFIED, v1::BOTH, -1),
                &response)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ListRelations(RelationsOf(kLoc, v1::RELATION_TYPE_UNSPECIFIED,
                                      v1::BOTH, 1001),
                          &response)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// Enum values a newer client may send. 256 + k must not alias k.
TEST_F(KnowledgeGraphServiceTest, ListRelationsUnknownTypeIsInvalidArgument) {
  IngestDanVan();
  for (int type : {11, -1, 256 + v1::HOLDS_POSITION}) {
    v1::ListRelationsResponse response;
    EXPECT_EQ(
        ListRelations(RelationsOf(kLoc, static_cast<v1::RelationType>(type)),
                      &response)
            .error_code(),
        grpc::StatusCode::INVALID_ARGUMENT)
        << "type " << type << " listed " << response.relations_size();
  }
}

TEST_F(KnowledgeGraphServiceTest,
       ListRelationsUnknownDirectionIsInvalidArgument) {
  IngestDanVan();
  for (int direction : {4, -1, 256 + v1::OUTGOING}) {
    v1::ListRelationsRequest request = RelationsOf(kLoc);
    request.set_direction(static_cast<v1::Direction>(direction));
    v1::ListRelationsResponse response;
    EXPECT_EQ(ListRelations(request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << "direction " << direction;
  }
}

TEST_F(KnowledgeGraphServiceTest, SearchEmptyQueryIsInvalidArgument) {
  IngestDanVan();
  v1::SearchEntitiesResponse response;
  EXPECT_EQ(Search(SearchFor(""), &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Search(SearchFor("  \t "), &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, SearchUnknownKindIsInvalidArgument) {
  IngestDanVan();
  for (int kind : {6, -1, 256 + v1::PERSON}) {
    v1::SearchEntitiesResponse response;
    EXPECT_EQ(Search(SearchFor("nguyen", static_cast<v1::EntityKind>(kind)),
                     &response)
                  .error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << "kind " << kind << " found " << response.entities_size();
  }
}

TEST_F(KnowledgeGraphServiceTest, SearchBadPageSizeIsInvalidArgument) {
  v1::SearchEntitiesRequest request = SearchFor("nguyen");
  request.set_page_size(-1);
  v1::SearchEntitiesResponse response;
  EXPECT_EQ(Search(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// --- Errors: writes (each leaves the store as it was) ---------------------

TEST_F(KnowledgeGraphServiceTest, IngestEmptyRequestIsInvalidArgument) {
  ExpectIngestFails(v1::IngestFactsRequest(),
                    grpc::StatusCode::INVALID_ARGUMENT);
  // A report id but no facts.
  v1::IngestFactsRequest no_facts;
  no_facts.set_report_id("r-empty");
  ExpectIngestFails(no_facts, grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, IngestWithoutReportIdIsInvalidArgument) {
  v1::IngestFactsRequest request = DanVanReport();
  request.clear_report_id();
  ExpectIngestFails(request, grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, IngestUndeclaredEndpointIsInvalidArgument) {
  v1::IngestFactsRequest request = DanVanReport();
  v1::Relation* relation = request.add_relations();
  relation->set_type(v1::ATTENDED);
  relation->set_source_id("p-chua-khai-bao");
  relation->set_target_id(kMeeting);
  ExpectIngestFails(request, grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, IngestDetailsOfAnotherKindIsInvalidArgument) {
  v1::IngestFactsRequest request = DanVanReport();
  v1::Entity* person = request.mutable_entities(0);
  ASSERT_EQ(person->kind(), v1::PERSON);
  person->mutable_meeting()->set_name("Hội nghị");
  const v1::GetStatsResponse before = Stats();
  grpc::Status status = Ingest(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("entities[0]"));
  ExpectNothingWritten(before, IdsOf(request));
}

TEST_F(KnowledgeGraphServiceTest, IngestImpossibleDateIsInvalidArgument) {
  v1::IngestFactsRequest request = DanVanReport();
  for (v1::Entity& entity : *request.mutable_entities()) {
    if (entity.id() == kMeeting) {
      entity.mutable_meeting()->set_date("2024-02-30");
    }
  }
  ExpectIngestFails(request, grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(KnowledgeGraphServiceTest, IngestUnknownEntityKindIsInvalidArgument) {
  for (int kind : {6, -1, 256 + v1::PERSON}) {
    SCOPED_TRACE(absl::StrCat("kind ", kind));
    v1::IngestFactsRequest request = OnePersonReport("r-kind", "p-kind");
    request.mutable_entities(0)->set_kind(static_cast<v1::EntityKind>(kind));
    ExpectIngestFails(request, grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_F(KnowledgeGraphServiceTest, IngestUnknownRelationTypeIsInvalidArgument) {
  for (int type : {11, -1, 256 + v1::MENTIONED_IN}) {
    SCOPED_TRACE(absl::StrCat("type ", type));
    v1::IngestFactsRequest request = OnePersonReport("r-type", "p-type");
    v1::Relation* relation = request.add_relations();
    relation->set_type(static_cast<v1::RelationType>(type));
    relation->set_source_id("p-type");
    relation->set_target_id("r-type");
    ExpectIngestFails(request, grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_F(KnowledgeGraphServiceTest, IngestOverMaxReportBytesIsResourceExhausted) {
  v1::IngestFactsRequest request = DanVanReport();
  request.mutable_entities(0)->set_display_name(
      std::string(kTestMaxReportBytes, 'a'));
  const v1::GetStatsResponse before = Stats();
  grpc::Status status = Ingest(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_THAT(status.error_message(), HasSubstr("max_report_bytes"));
  ExpectNothingWritten(before, IdsOf(request));
}

TEST_F(KnowledgeGraphServiceTest, IngestOverEntityLimitIsResourceExhausted) {
  v1::IngestFactsRequest request = OnePersonReport("r-many", "p-0");
  for (int i = 1; i <= static_cast<int>(kTestMaxEntities); ++i) {
    *request.add_entities() = request.entities(0);
    request.mutable_entities(i)->set_id(absl::StrCat("p-", i));
  }
  ASSERT_LT(request.ByteSizeLong(), kTestMaxReportBytes);
  ExpectIngestFails(request, grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_F(KnowledgeGraphServiceTest, IngestKindConflictIsFailedPrecondition) {
  IngestDanVan();
  v1::IngestFactsRequest request = OnePersonReport("r-other", "p-new");
  v1::Entity* org = request.add_entities();
  org->set_id(kLoc);  // A PERSON in the Dân vận report.
  org->set_kind(v1::ORGANIZATION);
  org->set_display_name("Nguyễn Phước Lộc");
  const v1::GetStatsResponse before = Stats();
  grpc::Status status = Ingest(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << status.error_message();
  ExpectNothingWritten(before, {"r-other", "p-new"});
  v1::Entity loc;
  ASSERT_TRUE(GetEntity(kLoc, &loc).ok());
  EXPECT_EQ(loc.kind(), v1::PERSON);
  EXPECT_THAT(loc.report_ids(), ElementsAre(kReportId));
}

TEST_F(KnowledgeGraphServiceTest, FailedReplacementKeepsTheOldFacts) {
  IngestDanVan();
  v1::IngestFactsRequest request = DanVanReportWithoutYen();
  request.mutable_entities(0)->mutable_person()->set_full_name("");
  request.mutable_entities(0)->set_display_name("");  // Now nameless.
  const v1::GetStatsResponse before = Stats();
  EXPECT_EQ(Ingest(request).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  ExpectNothingWritten(before, {});
  EXPECT_TRUE(GetEntity(kYen).ok());
  v1::Entity loc;
  ASSERT_TRUE(GetEntity(kLoc, &loc).ok());
  EXPECT_EQ(loc.display_name(), "Nguyễn Phước Lộc");
}

}  // namespace
}  // namespace govgraph::service::testing
