// RunIngestStream alone, behind a bare gRPC service: the order of writes,
// syncs and acknowledgements, and what a failed sync does to the
// acknowledgements.
#include "server/service/ingest_stream.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace govgraph::service {
namespace {

using ::testing::ElementsAre;

constexpr int kWindow = 4;

// What the stream did, in the order it did it: "F<id>" when a report was
// written (its FinishFn ran), "S" for each sync.
class EventLog {
 public:
  void Add(std::string event) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    events_.push_back(std::move(event));
  }
  std::vector<std::string> events() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    return events_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> events_ ABSL_GUARDED_BY(mu_);
};

// IngestReports only. A report whose id starts with "slow" takes 300 ms to
// prepare; one starting with "bad" fails with INVALID_ARGUMENT.
class StreamService : public v1::KnowledgeGraph::Service {
 public:
  StreamService(EventLog* log, absl::Status sync_status)
      : log_(log), sync_status_(std::move(sync_status)) {}

  grpc::Status IngestReports(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::IngestReportsResponse,
                               v1::IngestReportRequest>* stream) override {
    return RunIngestStream(
        context, stream, kWindow,
        [this](const v1::IngestReportRequest& request) {
          return Prepare(request);
        },
        [this] {
          log_->Add("S");
          return sync_status_;
        });
  }

 private:
  FinishFn Prepare(const v1::IngestReportRequest& request) {
    const std::string id = request.report_id();
    if (absl::StartsWith(id, "slow")) absl::SleepFor(absl::Milliseconds(300));
    return [this, id] {
      v1::IngestReportsResponse ack;
      ack.set_report_id(id);
      if (absl::StartsWith(id, "bad")) {
        ack.set_code(grpc::StatusCode::INVALID_ARGUMENT);
        ack.set_message("bad report");
        return ack;
      }
      log_->Add(absl::StrCat("F", id));
      ack.mutable_report()->set_report_id(id);
      return ack;
    };
  }

  EventLog* const log_;
  const absl::Status sync_status_;
};

class IngestStreamTest : public ::testing::Test {
 protected:
  void Start(absl::Status sync_status) {
    service_ = std::make_unique<StreamService>(&log_, std::move(sync_status));
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::KnowledgeGraph::NewStub(
        server_->InProcessChannel(grpc::ChannelArguments()));
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  // Sends one report per id, half-closes, and returns the acknowledgements.
  std::vector<v1::IngestReportsResponse> Send(
      const std::vector<std::string>& ids) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    auto stream = stub_->IngestReports(&context);
    std::thread writer([&] {
      for (const std::string& id : ids) {
        v1::IngestReportRequest request;
        request.set_report_id(id);
        if (!stream->Write(request)) break;
      }
      stream->WritesDone();
    });
    std::vector<v1::IngestReportsResponse> acks;
    v1::IngestReportsResponse ack;
    while (stream->Read(&ack)) acks.push_back(ack);
    writer.join();
    const grpc::Status status = stream->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    return acks;
  }

  EventLog log_;
  std::unique_ptr<StreamService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::KnowledgeGraph::Stub> stub_;
};

std::vector<std::string> Ids(const std::vector<v1::IngestReportsResponse>& a) {
  std::vector<std::string> ids;
  for (const v1::IngestReportsResponse& ack : a) ids.push_back(ack.report_id());
  return ids;
}

// While the slow first report is extracted, the next three are too: the
// four are written in order and share one sync.
TEST_F(IngestStreamTest, ReportsExtractedMeanwhileShareOneSync) {
  Start(absl::OkStatus());
  const std::vector<v1::IngestReportsResponse> acks =
      Send({"slow-0", "r-1", "r-2", "r-3"});
  EXPECT_THAT(Ids(acks), ElementsAre("slow-0", "r-1", "r-2", "r-3"));
  for (const v1::IngestReportsResponse& ack : acks) {
    EXPECT_EQ(ack.code(), grpc::StatusCode::OK) << ack.message();
  }
  EXPECT_THAT(log_.events(),
              ElementsAre("Fslow-0", "Fr-1", "Fr-2", "Fr-3", "S"));
}

// Every write is followed by a sync before the stream ends, whatever the
// grouping; writes keep request order.
TEST_F(IngestStreamTest, EveryWriteIsSyncedInRequestOrder) {
  Start(absl::OkStatus());
  std::vector<std::string> ids;
  for (int i = 0; i < 30; ++i) ids.push_back(absl::StrCat("r-", i));
  EXPECT_EQ(Ids(Send(ids)), ids);
  const std::vector<std::string> events = log_.events();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), "S");
  std::vector<std::string> written;
  for (const std::string& event : events) {
    if (event != "S") written.push_back(event.substr(1));
  }
  EXPECT_EQ(written, ids);
}

// A failed sync: the reports it should have made durable are acknowledged
// with its error, not OK; a report that failed on its own keeps its error.
TEST_F(IngestStreamTest, FailedSyncTurnsOkAcknowledgementsIntoItsError) {
  Start(absl::UnavailableError("disk gone"));
  const std::vector<v1::IngestReportsResponse> acks =
      Send({"slow-0", "bad-1", "r-2"});
  ASSERT_THAT(Ids(acks), ElementsAre("slow-0", "bad-1", "r-2"));
  EXPECT_EQ(acks[0].code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(acks[0].message(), "disk gone");
  EXPECT_FALSE(acks[0].has_report());
  EXPECT_EQ(acks[1].code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(acks[1].message(), "bad report");
  EXPECT_EQ(acks[2].code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_FALSE(acks[2].has_report());
}

}  // namespace
}  // namespace govgraph::service
