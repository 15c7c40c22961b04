// Extract, IngestReport and IngestReports through the in-process server.
// The extractor's rules are tested elsewhere; these tests check the API:
// what is returned, what is stored, and each error code.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/client_context.h"
#include "gtest/gtest.h"
#include "server/extract/extractor.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

constexpr char kExtract[] = "/govgraph.v1.KnowledgeGraph/Extract";
constexpr char kIngestReport[] = "/govgraph.v1.KnowledgeGraph/IngestReport";
constexpr char kTitle[] = "Hội nghị tổng kết công tác dân vận năm 2023";
constexpr char kText[] =
    "Hội nghị tổng kết công tác dân vận năm 2023\n"
    "Sáng 15-3, Ban Dân vận Thành ủy TPHCM tổ chức hội nghị tổng kết công "
    "tác dân vận năm 2023. Ông Nguyễn Phước Lộc, Phó Bí thư Thành ủy, chủ trì "
    "hội nghị và đề nghị các cấp ủy tăng cường công tác dân vận.";

v1::ReportText Report(const std::string& text = kText,
                      const std::string& published = "2024-03-15") {
  v1::ReportText report;
  report.set_text(text);
  report.set_published_date(published);
  report.set_source_url("https://example.vn/tin/dan-van");
  return report;
}

v1::IngestReportRequest ReportRequest(const std::string& id,
                                      const std::string& text = kText) {
  v1::IngestReportRequest request;
  request.set_report_id(id);
  *request.mutable_report() = Report(text);
  return request;
}

std::chrono::system_clock::time_point Deadline() {
  return std::chrono::system_clock::now() + std::chrono::seconds(60);
}

// The ways a report's text can be bad, each INVALID_ARGUMENT.
std::vector<v1::ReportText> BadReports() {
  return {Report(""), Report(" \n\t \r\n"),
          Report(std::string(kTestMaxTextBytes + 1, 'a')),
          Report(kText, "2024-13-01"), Report(kText, "15-03-2024")};
}

class ReportServiceTest : public ServiceTest {
 protected:
  grpc::Status Extract(const v1::ReportText& report,
                       v1::ExtractResponse* response) {
    v1::ExtractRequest request;
    *request.mutable_report() = report;
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    return stub_->Extract(&context, request, response);
  }

  grpc::Status IngestReport(const v1::IngestReportRequest& request,
                            v1::IngestReportResponse* response = nullptr) {
    v1::IngestReportResponse ignored;
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    return stub_->IngestReport(&context, request,
                               response != nullptr ? response : &ignored);
  }

  // Sends `requests` on one IngestReports stream, half-closes, and returns
  // the acknowledgements; `status` gets the stream's status. Writes and
  // reads concurrently, as a client must: the server sends each
  // acknowledgement before it reads the next report, and the in-process
  // transport buffers nothing.
  std::vector<v1::IngestReportsResponse> IngestReports(
      const std::vector<v1::IngestReportRequest>& requests,
      grpc::Status* status) {
    grpc::ClientContext context;
    context.set_deadline(Deadline());
    auto stream = stub_->IngestReports(&context);
    std::thread writer([&] {
      for (const v1::IngestReportRequest& request : requests) {
        EXPECT_TRUE(stream->Write(request));
      }
      EXPECT_TRUE(stream->WritesDone());
    });
    std::vector<v1::IngestReportsResponse> acks;
    v1::IngestReportsResponse ack;
    while (stream->Read(&ack)) acks.push_back(ack);
    writer.join();
    *status = stream->Finish();
    return acks;
  }
};

std::vector<int> Codes(const std::vector<v1::IngestReportsResponse>& acks) {
  std::vector<int> codes;
  for (const v1::IngestReportsResponse& ack : acks) codes.push_back(ack.code());
  return codes;
}

std::vector<std::string> Ids(
    const std::vector<v1::IngestReportsResponse>& acks) {
  std::vector<std::string> ids;
  for (const v1::IngestReportsResponse& ack : acks) {
    ids.push_back(ack.report_id());
  }
  return ids;
}

// --- Extract -----------------------------------------------------------

TEST_F(ReportServiceTest, ExtractReturnsTheExtractionAndStoresNothing) {
  const v1::GetStatsResponse before = Stats();
  v1::ExtractResponse response;
  const grpc::Status status = Extract(Report(), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.extraction().title(), kTitle);  // The first line.
  EXPECT_EQ(response.extraction().date(), "2024-03-15");
  EXPECT_EQ(response.extraction().extractor_version(),
            extract::kExtractorVersion);
  ExpectNothingWritten(before, {});
}

TEST_F(ReportServiceTest, ExtractKeepsAGivenTitle) {
  v1::ReportText report = Report();
  report.set_title("Tin dân vận");
  v1::ExtractResponse response;
  ASSERT_TRUE(Extract(report, &response).ok());
  EXPECT_EQ(response.extraction().title(), "Tin dân vận");
}

TEST_F(ReportServiceTest, ExtractEmptyTextIsInvalidArgument) {
  v1::ExtractResponse response;
  const grpc::Status status = Extract(Report(""), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("empty"));
}

TEST_F(ReportServiceTest, ExtractWhitespaceOnlyTextIsInvalidArgument) {
  v1::ExtractResponse response;
  const grpc::Status status = Extract(Report(" \n\t \r\n"), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("empty"));
}

TEST_F(ReportServiceTest, ExtractOversizedTextIsInvalidArgumentNamingLimit) {
  v1::ExtractResponse response;
  const grpc::Status status =
      Extract(Report(std::string(kTestMaxTextBytes + 1, 'a')), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(),
              HasSubstr(absl::StrCat(kTestMaxTextBytes)));
}

TEST_F(ReportServiceTest, ExtractBadPublishedDateIsInvalidArgument) {
  for (const char* date : {"2024-13-01", "15-03-2024", "2024-3-5"}) {
    v1::ExtractResponse response;
    const grpc::Status status = Extract(Report(kText, date), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << date;
    EXPECT_THAT(status.error_message(), HasSubstr(date));
  }
}

TEST_F(ReportServiceTest, ExtractInvalidUtf8IsInvalidArgument) {
  v1::ExtractRequest request;
  *request.mutable_report() = Report("Nguy\xC3\x28n Phước Lộc chủ trì");
  std::string bytes;
  // Protobuf serializes it anyway (it only logs), as a client in a language
  // without UTF-8 checks would.
  ASSERT_TRUE(request.SerializePartialToString(&bytes));
  const RawReply reply = CallRaw(kExtract, bytes);
  EXPECT_EQ(reply.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << reply.status.error_message();
}

// --- IngestReport ------------------------------------------------------

TEST_F(ReportServiceTest, IngestReportStoresTheReport) {
  v1::IngestReportResponse response;
  const grpc::Status status =
      IngestReport(ReportRequest("r-dan-van"), &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.report_id(), "r-dan-van");
  EXPECT_EQ(response.extraction().title(), kTitle);
  EXPECT_EQ(response.result().report_id(), "r-dan-van");
  EXPECT_FALSE(response.result().replaced());

  v1::Entity report;
  ASSERT_TRUE(GetEntity("r-dan-van", &report).ok());
  EXPECT_EQ(report.kind(), v1::REPORT);
  EXPECT_EQ(report.report().title(), kTitle);
  EXPECT_EQ(report.report().published_date(), "2024-03-15");
  EXPECT_EQ(report.report().source_url(), "https://example.vn/tin/dan-van");
  EXPECT_EQ(Stats().reports(), 1);
}

TEST_F(ReportServiceTest, IngestReportAgainChangesNothingAndSaysSo) {
  ASSERT_TRUE(IngestReport(ReportRequest("r-dan-van")).ok());
  const v1::GetStatsResponse before = Stats();
  v1::IngestReportResponse response;
  ASSERT_TRUE(IngestReport(ReportRequest("r-dan-van"), &response).ok());
  EXPECT_TRUE(response.result().unchanged());
  EXPECT_FALSE(response.result().replaced());
  EXPECT_EQ(Stats().DebugString(), before.DebugString());

  // A corrected text under the same id replaces what it said.
  v1::IngestReportRequest corrected = ReportRequest("r-dan-van");
  corrected.mutable_report()->set_source_url("https://example.vn/tin/sua");
  ASSERT_TRUE(IngestReport(corrected, &response).ok());
  EXPECT_FALSE(response.result().unchanged());
  EXPECT_TRUE(response.result().replaced());
  EXPECT_EQ(Stats().entities(), before.entities());
  EXPECT_EQ(Stats().relations(), before.relations());
  EXPECT_EQ(Stats().reports(), 1);
}

TEST_F(ReportServiceTest, IngestReportWithoutReportIdIsNamedByItsText) {
  v1::IngestReportResponse first, second;
  ASSERT_TRUE(IngestReport(ReportRequest(""), &first).ok());
  EXPECT_THAT(first.report_id(), MatchesRegex("report:[0-9a-f]{32}"));
  EXPECT_EQ(first.result().report_id(), first.report_id());
  EXPECT_TRUE(GetEntity(first.report_id()).ok());
  ASSERT_TRUE(IngestReport(ReportRequest(""), &second).ok());
  EXPECT_EQ(second.report_id(), first.report_id());
  EXPECT_TRUE(second.result().unchanged());
  EXPECT_EQ(Stats().reports(), 1);
}

TEST_F(ReportServiceTest, IngestReportBadTextIsInvalidArgument) {
  const v1::GetStatsResponse before = Stats();
  for (const v1::ReportText& report : BadReports()) {
    v1::IngestReportRequest request;
    request.set_report_id("r-bad");
    *request.mutable_report() = report;
    EXPECT_EQ(IngestReport(request).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT)
        << report.published_date() << " " << report.text().substr(0, 20);
  }
  ExpectNothingWritten(before, {"r-bad"});
}

TEST_F(ReportServiceTest, IngestReportInvalidUtf8IsInvalidArgument) {
  v1::IngestReportRequest request = ReportRequest("r-bad");
  request.mutable_report()->set_text("Nguy\xC3\x28n Phước Lộc chủ trì");
  std::string bytes;
  ASSERT_TRUE(request.SerializePartialToString(&bytes));
  const v1::GetStatsResponse before = Stats();
  const RawReply reply = CallRaw(kIngestReport, bytes);
  EXPECT_EQ(reply.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
      << reply.status.error_message();
  ExpectNothingWritten(before, {"r-bad"});
}

TEST_F(ReportServiceTest, IngestReportKindConflictIsFailedPrecondition) {
  // "r-taken" already names a person.
  ASSERT_TRUE(Ingest(OnePersonReport("r-other", "r-taken")).ok());
  const v1::GetStatsResponse before = Stats();
  const grpc::Status status = IngestReport(ReportRequest("r-taken"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << status.error_message();
  ExpectNothingWritten(before, {});
  v1::Entity person;
  ASSERT_TRUE(GetEntity("r-taken", &person).ok());
  EXPECT_EQ(person.kind(), v1::PERSON);
}

// --- IngestReports -----------------------------------------------------

TEST_F(ReportServiceTest, IngestReportsAcknowledgesEachInOrder) {
  grpc::Status status;
  const std::vector<v1::IngestReportsResponse> acks = IngestReports(
      {ReportRequest("r-1"), ReportRequest("r-2", ""), ReportRequest("r-3")},
      &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(Ids(acks), ElementsAre("r-1", "r-2", "r-3"));
  EXPECT_THAT(Codes(acks),
              ElementsAre(0, grpc::StatusCode::INVALID_ARGUMENT, 0));
  EXPECT_THAT(acks[1].message(), HasSubstr("empty"));
  EXPECT_FALSE(acks[1].has_report());
  EXPECT_EQ(acks[0].report().extraction().title(), kTitle);
  EXPECT_EQ(acks[2].report().result().report_id(), "r-3");
  EXPECT_TRUE(acks[0].message().empty());
  EXPECT_EQ(Stats().reports(), 2);
  EXPECT_TRUE(GetEntity("r-1").ok());
  EXPECT_EQ(GetEntity("r-2").error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_TRUE(GetEntity("r-3").ok());
}

TEST_F(ReportServiceTest, IngestReportsReportsEachErrorAndGoesOn) {
  v1::IngestReportRequest bad_id = ReportRequest("r\n1");
  v1::IngestReportRequest oversized =
      ReportRequest("r-big", std::string(kTestMaxTextBytes + 1, 'a'));
  v1::IngestReportRequest bad_date = ReportRequest("r-date");
  bad_date.mutable_report()->set_published_date("2024-02-30");
  grpc::Status status;
  const std::vector<v1::IngestReportsResponse> acks = IngestReports(
      {bad_id, oversized, bad_date, ReportRequest("r-ok")}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_THAT(Codes(acks), ElementsAre(grpc::StatusCode::INVALID_ARGUMENT,
                                       grpc::StatusCode::INVALID_ARGUMENT,
                                       grpc::StatusCode::INVALID_ARGUMENT, 0));
  EXPECT_THAT(acks[1].message(), HasSubstr(absl::StrCat(kTestMaxTextBytes)));
  EXPECT_THAT(acks[2].message(), HasSubstr("2024-02-30"));
  EXPECT_EQ(Stats().reports(), 1);
}

TEST_F(ReportServiceTest, IngestReportsAcknowledgesBeforeTheNextReport) {
  grpc::ClientContext context;
  context.set_deadline(Deadline());
  auto stream = stub_->IngestReports(&context);
  for (const char* id : {"r-1", "r-2"}) {
    ASSERT_TRUE(stream->Write(ReportRequest(id)));
    v1::IngestReportsResponse ack;
    ASSERT_TRUE(stream->Read(&ack));  // Before the stream is half-closed.
    EXPECT_EQ(ack.report_id(), id);
    EXPECT_EQ(ack.code(), 0) << ack.message();
    EXPECT_TRUE(GetEntity(id).ok());  // Durable once acknowledged.
  }
  ASSERT_TRUE(stream->WritesDone());
  v1::IngestReportsResponse extra;
  EXPECT_FALSE(stream->Read(&extra));
  EXPECT_TRUE(stream->Finish().ok());
}

// Reports of a stream are worked on several at once; acknowledgements
// keep request order, and a report sent again replaces the earlier one.
TEST_F(ReportServiceTest, IngestReportsLaterVersionOfAReportWins) {
  std::vector<v1::IngestReportRequest> requests;
  std::vector<std::string> expected;
  for (int i = 0; i < 12; ++i) {
    const std::string version = absl::StrCat("Bản tin số ", i);
    requests.push_back(
        ReportRequest("r-same", absl::StrCat(version, "\n", kText)));
    requests.push_back(ReportRequest(absl::StrCat("r-", i)));
    expected.push_back("r-same");
    expected.push_back(absl::StrCat("r-", i));
  }
  grpc::Status status;
  const std::vector<v1::IngestReportsResponse> acks =
      IngestReports(requests, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Ids(acks), expected);
  for (const v1::IngestReportsResponse& ack : acks) {
    EXPECT_EQ(ack.code(), 0) << ack.message();
  }
  v1::Entity report;
  ASSERT_TRUE(GetEntity("r-same", &report).ok());
  EXPECT_EQ(report.display_name(), "Bản tin số 11");
  EXPECT_EQ(Stats().reports(), 13);
}

TEST_F(ReportServiceTest, IngestReportsEmptyStreamIsOk) {
  grpc::Status status;
  EXPECT_THAT(IngestReports({}, &status), IsEmpty());
  EXPECT_TRUE(status.ok()) << status.error_message();
}

}  // namespace
}  // namespace govgraph::service::testing
