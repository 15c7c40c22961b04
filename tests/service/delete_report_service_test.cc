// DeleteReport through the gRPC adapter: what it removes, and one case per
// error code, each of which must leave the store unchanged.
#include <chrono>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "server/service/knowledge_graph_service.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::chrono::system_clock::time_point Deadline() {
  // Only a guard against a hung test; calls answer at once.
  return std::chrono::system_clock::now() + std::chrono::seconds(60);
}

class DeleteReportServiceTest : public ServiceTest {
 protected:
  // DanVanReport(), plus report "r-other" that also mentions Nguyễn Phước
  // Lộc, so he is shared.
  void IngestTwoReports() {
    grpc::Status status = Ingest(DanVanReport());
    ASSERT_TRUE(status.ok()) << status.error_message();
    status = Ingest(OnePersonReport("r-other", kLoc));
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  grpc::Status DeleteReport(const std::string& report_id,
                            v1::DeleteReportResponse* response = nullptr) {
    v1::DeleteReportRequest request;
    request.set_report_id(report_id);
    v1::DeleteReportResponse ignored;
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    return stub_->DeleteReport(&context, request,
                               response != nullptr ? response : &ignored);
  }

  // Deletes `report_id`, expects `code` and that nothing changed.
  void ExpectDeleteFails(const std::string& report_id, grpc::StatusCode code,
                         const std::string& message) {
    IngestTwoReports();
    const v1::GetStatsResponse before = Stats();
    v1::Entity loc_before;
    ASSERT_TRUE(GetEntity(kLoc, &loc_before).ok());
    const grpc::Status status = DeleteReport(report_id);
    EXPECT_EQ(status.error_code(), code) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(message));
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(before, Stats()));
    v1::Entity loc_after;
    ASSERT_TRUE(GetEntity(kLoc, &loc_after).ok());
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(loc_before,
                                                                   loc_after));
    EXPECT_TRUE(GetEntity(kReportId).ok());
    EXPECT_TRUE(GetEntity("r-other").ok());
  }
};

TEST_F(DeleteReportServiceTest, RemovesWhatOnlyTheReportSupported) {
  IngestTwoReports();
  v1::DeleteReportResponse response;
  const grpc::Status status = DeleteReport(kReportId, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.report_id(), kReportId);
  EXPECT_EQ(response.entities_removed(), 6);  // All but the shared person.
  EXPECT_EQ(response.relations_removed(), 13);

  for (const char* id :
       {kReportId, kYen, kBanDanVan, kThanhUy, kMttq, kMeeting, kDirective}) {
    EXPECT_EQ(GetEntity(id).error_code(), grpc::StatusCode::NOT_FOUND) << id;
  }
  v1::Entity loc;
  ASSERT_TRUE(GetEntity(kLoc, &loc).ok());
  EXPECT_THAT(loc.report_ids(), ElementsAre("r-other"));
  const v1::GetStatsResponse stats = Stats();
  EXPECT_EQ(stats.entities(), 2);  // The person and r-other.
  EXPECT_EQ(stats.relations(), 0);
  EXPECT_EQ(stats.reports(), 1);
  EXPECT_EQ(DeleteReport(kReportId).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(DeleteReportServiceTest, EmptyIdIsInvalidArgument) {
  ExpectDeleteFails("", grpc::StatusCode::INVALID_ARGUMENT, "report_id");
}

TEST_F(DeleteReportServiceTest, UnknownIdIsNotFound) {
  ExpectDeleteFails("no-such-report", grpc::StatusCode::NOT_FOUND,
                    "no-such-report");
}

TEST_F(DeleteReportServiceTest, IdOfAPersonIsNotFound) {
  ExpectDeleteFails(kLoc, grpc::StatusCode::NOT_FOUND, kLoc);
}

}  // namespace
}  // namespace govgraph::service::testing
