// ListPositions, MergeEntities, SplitEntity, UndoCuration and ListAudit
// through the in-process server: what a client sees, and every error code a
// client can cause, with nothing written on failure.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

class CurationServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    ASSERT_TRUE(Ingest(DanVanReport()).ok());
    ASSERT_TRUE(Ingest(OnePersonReport("r-2", "p-loc-2")).ok());
  }

  grpc::Status Merge(const std::string& source, const std::string& target,
                     v1::MergeEntitiesResponse* response,
                     const std::string& curator = "an@example.vn",
                     const std::string& reason = "one official") {
    v1::MergeEntitiesRequest request;
    request.set_source_id(source);
    request.set_target_id(target);
    request.set_curator(curator);
    request.set_reason(reason);
    grpc::ClientContext context;
    return stub_->MergeEntities(&context, request, response);
  }

  grpc::Status Split(v1::SplitEntityRequest request,
                     v1::SplitEntityResponse* response) {
    grpc::ClientContext context;
    return stub_->SplitEntity(&context, request, response);
  }

  grpc::Status Undo(int64_t id, v1::UndoCurationResponse* response) {
    v1::UndoCurationRequest request;
    request.set_audit_id(id);
    request.set_curator("an@example.vn");
    request.set_reason("wrong merge");
    grpc::ClientContext context;
    return stub_->UndoCuration(&context, request, response);
  }

  grpc::Status Audit(const v1::ListAuditRequest& request,
                     v1::ListAuditResponse* response) {
    grpc::ClientContext context;
    return stub_->ListAudit(&context, request, response);
  }

  grpc::Status Positions(const v1::ListPositionsRequest& request,
                         v1::ListPositionsResponse* response) {
    grpc::ClientContext context;
    return stub_->ListPositions(&context, request, response);
  }

  v1::SplitEntityRequest SplitRequest() {
    v1::SplitEntityRequest request;
    request.set_entity_id(kLoc);
    request.set_new_id("p-loc-2");
    request.set_new_name("Nguyễn Phước Lộc (2)");
    request.add_report_ids("r-2");
    request.set_curator("an@example.vn");
    request.set_reason("namesake");
    return request;
  }
};

TEST_F(CurationServiceTest, MergeSplitUndoAndAudit) {
  v1::MergeEntitiesResponse merged;
  ASSERT_TRUE(Merge("p-loc-2", kLoc, &merged).ok());
  EXPECT_EQ(merged.entity().id(), kLoc);
  EXPECT_EQ(merged.audit().operation(), v1::MERGE);
  EXPECT_EQ(merged.audit().other_id(), "p-loc-2");
  EXPECT_THAT(merged.audit().time(),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"));
  v1::Entity read;
  ASSERT_TRUE(GetEntity("p-loc-2", &read).ok());
  EXPECT_EQ(read.id(), kLoc);  // The merged-away id reads as its target.

  v1::UndoCurationResponse undone;
  ASSERT_TRUE(Undo(merged.audit().id(), &undone).ok());
  EXPECT_EQ(undone.audit().operation(), v1::SPLIT);
  EXPECT_EQ(undone.audit().undoes(), merged.audit().id());
  ASSERT_TRUE(GetEntity("p-loc-2", &read).ok());
  EXPECT_EQ(read.id(), "p-loc-2");

  v1::ListAuditResponse audit;
  v1::ListAuditRequest request;
  request.set_entity_id("p-loc-2");
  ASSERT_TRUE(Audit(request, &audit).ok());
  ASSERT_EQ(audit.entries_size(), 2);
  EXPECT_EQ(audit.entries(0).id(), 2);
  EXPECT_EQ(audit.entries(1).undone_by(), 2);
  EXPECT_EQ(audit.entries(1).curator(), "an@example.vn");
  EXPECT_EQ(audit.entries(1).reason(), "one official");
}

TEST_F(CurationServiceTest, CurationErrorsChangeNothing) {
  const v1::GetStatsResponse before = Stats();
  v1::MergeEntitiesResponse merged;
  EXPECT_EQ(Merge("", kLoc, &merged).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Merge("p-loc-2", kLoc, &merged, "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Merge("p-loc-2", kLoc, &merged, "an", "").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Merge("p-loc-2", kLoc, &merged, "an\n", "x").error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Merge("p-loc-2", kLoc, &merged, "an", std::string(5000, 'x'))
                .error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_EQ(Merge("p-nobody", kLoc, &merged).error_code(),
            grpc::StatusCode::NOT_FOUND);
  const grpc::Status kinds = Merge(kLoc, kBanDanVan, &merged);
  EXPECT_EQ(kinds.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(kinds.error_message(), HasSubstr("ORGANIZATION"));

  v1::SplitEntityResponse split;
  v1::SplitEntityRequest request = SplitRequest();
  EXPECT_EQ(Split(request, &split).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  request.set_new_id("p-loc-3");
  EXPECT_EQ(Split(request, &split).error_code(),
            grpc::StatusCode::NOT_FOUND);  // r-2 does not support kLoc.
  request.clear_report_ids();
  EXPECT_EQ(Split(request, &split).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.add_report_ids(kReportId);
  EXPECT_EQ(Split(request, &split).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);  // Nothing would stay.

  v1::UndoCurationResponse undone;
  EXPECT_EQ(Undo(0, &undone).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(Undo(1, &undone).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::ListAuditResponse audit;
  v1::ListAuditRequest audit_request;
  audit_request.set_page_token("not-a-token");
  EXPECT_EQ(Audit(audit_request, &audit).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  audit_request.clear_page_token();
  ASSERT_TRUE(Audit(audit_request, &audit).ok());
  EXPECT_EQ(audit.entries_size(), 0);
  ExpectNothingWritten(before, {});
  EXPECT_TRUE(GetEntity("p-loc-2").ok());
}

TEST_F(CurationServiceTest, PositionsAndTheirErrors) {
  v1::ListPositionsRequest request;
  request.set_entity_id(kLoc);
  v1::ListPositionsResponse response;
  ASSERT_TRUE(Positions(request, &response).ok());
  ASSERT_GT(response.mandates_size(), 0);
  EXPECT_EQ(response.mandates(0).person().id(), kLoc);
  request.set_as_of("2024-03-15");
  ASSERT_TRUE(Positions(request, &response).ok());
  for (const v1::Mandate& m : response.mandates()) {
    EXPECT_EQ(m.basis(), v1::EVIDENCED) << m.role();
  }

  for (const char* bad : {"2024-02-30", "15-3-2024"}) {
    request.set_as_of(bad);
    EXPECT_EQ(Positions(request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << bad;
  }
  request.set_as_of("");
  request.set_page_token("garbage");
  EXPECT_EQ(Positions(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.clear_page_token();
  request.set_entity_id(kMeeting);
  EXPECT_EQ(Positions(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_entity_id("p-nobody");
  EXPECT_EQ(Positions(request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_entity_id("");
  EXPECT_EQ(Positions(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace govgraph::service::testing
