// ListEvidence through the gRPC adapter: the join with the report, paging,
// and one case per error code.
#include <chrono>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kOtherSentence[] = "Ông Nguyễn Phước Lộc phát biểu.";

class EvidenceServiceTest : public ServiceTest {
 protected:
  // DanVanReport(), plus a later report "r-later" with one more span on
  // Nguyễn Phước Lộc.
  void SetUp() override {
    ServiceTest::SetUp();
    grpc::Status status = Ingest(DanVanReport());
    ASSERT_TRUE(status.ok()) << status.error_message();
    v1::IngestFactsRequest later = OnePersonReport("r-later", kLoc);
    later.mutable_report()->set_title("Later");
    later.mutable_report()->set_source_url("https://example.vn/later");
    later.mutable_report()->set_published_date("2024-04-01");
    v1::Evidence* evidence = later.mutable_entities(0)->add_evidence();
    evidence->set_start(0);
    evidence->set_end(20);
    evidence->set_sentence(kOtherSentence);
    status = Ingest(later);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status List(const v1::ListEvidenceRequest& request,
                    v1::ListEvidenceResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(60));
    return stub_->ListEvidence(&context, request, response);
  }

  void ExpectCode(const v1::ListEvidenceRequest& request, grpc::StatusCode code,
                  const std::string& message) {
    v1::ListEvidenceResponse response;
    const grpc::Status status = List(request, &response);
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(message));
  }
};

v1::ListEvidenceRequest ForEntity(const std::string& id, int page_size = 0) {
  v1::ListEvidenceRequest request;
  request.set_entity_id(id);
  request.set_page_size(page_size);
  return request;
}

v1::ListEvidenceRequest ForRelation(v1::RelationType type,
                                    const std::string& role) {
  v1::ListEvidenceRequest request;
  v1::RelationKey* key = request.mutable_relation();
  key->set_type(type);
  key->set_source_id(kLoc);
  key->set_target_id(kBanDanVan);
  key->set_role(role);
  return request;
}

TEST_F(EvidenceServiceTest, EntityEvidencePagesNewestReportFirst) {
  v1::ListEvidenceResponse first;
  ASSERT_TRUE(List(ForEntity(kLoc, 1), &first).ok());
  ASSERT_EQ(first.items_size(), 1);
  EXPECT_EQ(first.items(0).evidence().report_id(), "r-later");
  EXPECT_EQ(first.items(0).evidence().sentence(), kOtherSentence);
  EXPECT_EQ(first.items(0).report_title(), "Later");
  EXPECT_EQ(first.items(0).source_url(), "https://example.vn/later");
  EXPECT_EQ(first.items(0).published_date(), "2024-04-01");
  ASSERT_FALSE(first.next_page_token().empty());

  v1::ListEvidenceRequest request = ForEntity(kLoc, 1);
  request.set_page_token(first.next_page_token());
  v1::ListEvidenceResponse second;
  ASSERT_TRUE(List(request, &second).ok());
  ASSERT_EQ(second.items_size(), 1);
  EXPECT_EQ(second.items(0).evidence().report_id(), kReportId);
  EXPECT_EQ(second.items(0).evidence().start(), 95);
  EXPECT_EQ(second.items(0).published_date(), "2024-03-15");
  EXPECT_EQ(second.items(0).source_url(),
            "https://tuoitre.vn/hoi-nghi-tong-ket-cong-tac-dan-van-2024.htm");
  EXPECT_THAT(second.next_page_token(), IsEmpty());
}

TEST_F(EvidenceServiceTest, RelationEvidence) {
  v1::ListEvidenceResponse response;
  const grpc::Status status =
      List(ForRelation(v1::HOLDS_POSITION, "Trưởng ban"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(response.items_size(), 1);
  EXPECT_EQ(response.items(0).evidence().report_id(), kReportId);
  EXPECT_EQ(response.items(0).evidence().start(), 134);
  EXPECT_EQ(response.items(0).evidence().end(), 167);
  EXPECT_THAT(response.items(0).report_title(), HasSubstr("Nguyễn Phước Lộc"));
}

TEST_F(EvidenceServiceTest, NoFactIsInvalidArgument) {
  ExpectCode(v1::ListEvidenceRequest(), grpc::StatusCode::INVALID_ARGUMENT,
             "no fact set");
}

TEST_F(EvidenceServiceTest, EmptyEntityIdIsInvalidArgument) {
  ExpectCode(ForEntity(""), grpc::StatusCode::INVALID_ARGUMENT,
             "entity_id is empty");
}

TEST_F(EvidenceServiceTest, UnspecifiedOrUnknownTypeIsInvalidArgument) {
  ExpectCode(ForRelation(v1::RELATION_TYPE_UNSPECIFIED, ""),
             grpc::StatusCode::INVALID_ARGUMENT, "relation type");
  ExpectCode(ForRelation(static_cast<v1::RelationType>(99), ""),
             grpc::StatusCode::INVALID_ARGUMENT, "relation type");
}

TEST_F(EvidenceServiceTest, PageSizeOutOfRangeIsInvalidArgument) {
  ExpectCode(ForEntity(kLoc, -1), grpc::StatusCode::INVALID_ARGUMENT,
             "page_size");
  ExpectCode(ForEntity(kLoc, 1001), grpc::StatusCode::INVALID_ARGUMENT,
             "page_size");
}

TEST_F(EvidenceServiceTest, BadOrForeignPageTokenIsInvalidArgument) {
  v1::ListEvidenceRequest request = ForEntity(kLoc, 1);
  request.set_page_token("garbage");
  ExpectCode(request, grpc::StatusCode::INVALID_ARGUMENT, "invalid page_token");
  v1::ListEvidenceResponse first;
  ASSERT_TRUE(List(ForEntity(kLoc, 1), &first).ok());
  v1::ListEvidenceRequest other = ForEntity(kYen, 1);
  other.set_page_token(first.next_page_token());
  ExpectCode(other, grpc::StatusCode::INVALID_ARGUMENT, "different request");
}

TEST_F(EvidenceServiceTest, UnknownEntityOrRelationIsNotFound) {
  ExpectCode(ForEntity("nobody"), grpc::StatusCode::NOT_FOUND, "nobody");
  ExpectCode(ForRelation(v1::HOLDS_POSITION, "Bí thư"),
             grpc::StatusCode::NOT_FOUND, "not found");
}

}  // namespace
}  // namespace govgraph::service::testing
