// Crash safety: the real server is killed with SIGKILL at random moments
// while a client writes reports into it and records every acknowledgement.
// After each restart: the store opens, every acknowledged report is there
// with all its facts, no report is half there, and the counts equal what
// the surviving reports add up to. GOVGRAPH_CRASH_KILLS sets the number of
// kills (default 20, bounded to a few seconds each).
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/e2e/cli_test_fixture.h"
#include "tests/e2e/test_server.h"

namespace govgraph::e2e {
namespace {

constexpr char kOrg[] = "crash-org";

std::string ReportId(int i) { return absl::StrCat("crash-r", i); }
std::string PersonId(int i) { return absl::StrCat("crash-p", i); }

// Report i: its own person, who holds a post in the shared organisation
// and is mentioned in the report (2 entities of its own, 2 relations).
v1::IngestFactsRequest Report(int i) {
  v1::IngestFactsRequest request;
  request.set_report_id(ReportId(i));
  request.mutable_report()->set_title(absl::StrCat("Tin số ", i));
  v1::Entity* person = request.add_entities();
  person->set_id(PersonId(i));
  person->set_kind(v1::PERSON);
  person->set_display_name(absl::StrCat("Nguyễn Văn ", i));
  v1::Entity* org = request.add_entities();
  org->set_id(kOrg);
  org->set_kind(v1::ORGANIZATION);
  org->set_display_name("Sở Nội vụ");
  v1::Relation* holds = request.add_relations();
  holds->set_type(v1::HOLDS_POSITION);
  holds->set_source_id(PersonId(i));
  holds->set_target_id(kOrg);
  holds->set_role("Chuyên viên");
  v1::Relation* mentioned = request.add_relations();
  mentioned->set_type(v1::MENTIONED_IN);
  mentioned->set_source_id(PersonId(i));
  mentioned->set_target_id(ReportId(i));
  return request;
}

int Kills() {
  int kills = 20;
  const char* env = std::getenv("GOVGRAPH_CRASH_KILLS");
  if (env != nullptr && !absl::SimpleAtoi(env, &kills)) kills = 20;
  return kills;
}

class CrashE2eTest : public CliTest {
 protected:
  // Starts server number `run` on the one data dir (each run its own port
  // file and logs).
  std::unique_ptr<TestServer> Start(int run) {
    absl::StatusOr<std::unique_ptr<TestServer>> server =
        TestServer::Start({kServerBinary,
                           dir_ + "/data",
                           dir_,
                           absl::StrCat("server-", run),
                           {}});
    EXPECT_TRUE(server.ok()) << server.status();
    if (!server.ok()) return nullptr;
    stub_ = v1::KnowledgeGraph::NewStub(grpc::CreateChannel(
        (*server)->addr(), grpc::InsecureChannelCredentials()));
    return *std::move(server);
  }

  // Writes reports next_, next_ + 1 ... until a write fails; records the
  // acknowledged ones and the one in flight when it failed.
  void WriteUntilKilled() {
    for (;; ++next_) {
      grpc::ClientContext context;
      context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
      v1::IngestFactsResponse response;
      if (!stub_->IngestFacts(&context, Report(next_), &response).ok()) return;
      absl::MutexLock lock(&mu_);
      acknowledged_.push_back(next_);
    }
  }

  bool Present(const std::string& id) {
    grpc::ClientContext context;
    v1::GetEntityRequest request;
    request.set_id(id);
    v1::Entity entity;
    const grpc::Status status = stub_->GetEntity(&context, request, &entity);
    EXPECT_TRUE(status.ok() || status.error_code() == grpc::NOT_FOUND)
        << id << ": " << status.error_message();
    return status.ok();
  }

  // Checks the store after a restart; returns the reports present.
  int CheckStore(int cycle) {
    int present = 0;
    for (int i = 0; i < next_ + 1; ++i) {
      const bool report = Present(ReportId(i));
      EXPECT_EQ(Present(PersonId(i)), report)
          << "report " << i << " is half there after kill " << cycle;
      present += report ? 1 : 0;
    }
    absl::MutexLock lock(&mu_);
    for (int i : acknowledged_) {
      EXPECT_TRUE(Present(ReportId(i)))
          << "acknowledged report " << i << " lost at kill " << cycle;
    }
    grpc::ClientContext context;
    v1::GetStatsResponse stats;
    EXPECT_TRUE(stub_->GetStats(&context, {}, &stats).ok());
    EXPECT_EQ(stats.reports(), present) << "kill " << cycle;
    EXPECT_EQ(stats.entities(), 2 * present + (present > 0 ? 1 : 0))
        << "kill " << cycle;
    EXPECT_EQ(stats.relations(), 2 * present) << "kill " << cycle;
    return present;
  }

  std::unique_ptr<v1::KnowledgeGraph::Stub> stub_;
  int next_ = 0;  // The next report to write.
  absl::Mutex mu_;
  std::vector<int> acknowledged_ ABSL_GUARDED_BY(mu_);
};

TEST_F(CrashE2eTest, NoAcknowledgedReportIsLostAcrossKills) {
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> delay_ms(20, 300);
  const int kills = Kills();
  for (int cycle = 0; cycle < kills; ++cycle) {
    std::unique_ptr<TestServer> server = Start(cycle);
    ASSERT_NE(server, nullptr) << "no restart after kill " << cycle;
    CheckStore(cycle);
    std::thread writer([this] { WriteUntilKilled(); });
    absl::SleepFor(absl::Milliseconds(delay_ms(random)));
    ASSERT_TRUE(server->Kill().ok());
    writer.join();
    ++next_;  // The one in flight may or may not have landed; skip it.
  }
  std::unique_ptr<TestServer> server = Start(kills);
  ASSERT_NE(server, nullptr);
  const int present = CheckStore(kills);
  absl::MutexLock lock(&mu_);
  EXPECT_GE(present, static_cast<int>(acknowledged_.size()));
  EXPECT_GT(acknowledged_.size(), 0u);
  std::cout << "crash test: " << kills << " kills, " << acknowledged_.size()
            << " reports acknowledged, " << present << " present, 0 lost\n";
}

}  // namespace
}  // namespace govgraph::e2e
