// Request ids and the call log, through the in-process server.
#include "server/service/request_log.h"

#include <chrono>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/common/logging.h"
#include "tests/service/service_test_base.h"

namespace govgraph::service::testing {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

// Log lines are captured instead of printed. Every call counts as slow
// unless a subclass says otherwise.
class RequestLogTest : public ServiceTest {
 protected:
  virtual RequestLogOptions LogOptions() const {
    RequestLogOptions options;
    options.slow_threshold = absl::ZeroDuration();
    return options;
  }

  void SetUp() override {
    request_log_ = LogOptions();
    SetLogSink([this](absl::string_view line) {
      absl::MutexLock lock(&mu_);
      lines_.emplace_back(line);
    });
    ServiceTest::SetUp();
  }
  void TearDown() override {
    ServiceTest::TearDown();
    SetLogSink(nullptr);
  }

  // Calls GetEntity(`id`), sending `request_id` if not empty; returns the
  // request id the server sent back ("" if none).
  std::string CallGetEntity(const std::string& id,
                            const std::string& request_id = "") {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(10));
    if (!request_id.empty()) context.AddMetadata(kRequestIdKey, request_id);
    v1::GetEntityRequest request;
    request.set_id(id);
    v1::Entity entity;
    stub_->GetEntity(&context, request, &entity).IgnoreError();
    const auto& metadata = context.GetServerInitialMetadata();
    auto it = metadata.find(kRequestIdKey);
    return it == metadata.end()
               ? ""
               : std::string(it->second.data(), it->second.size());
  }

  std::vector<std::string> lines() {
    absl::MutexLock lock(&mu_);
    return lines_;
  }

  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

TEST_F(RequestLogTest, EveryCallGetsItsOwnRequestIdBack) {
  const std::string first = CallGetEntity("no-such-entity");
  const std::string second = CallGetEntity("no-such-entity");
  EXPECT_THAT(first, MatchesRegex("[0-9a-f]{16}"));
  EXPECT_THAT(second, MatchesRegex("[0-9a-f]{16}"));
  EXPECT_NE(first, second);
}

TEST_F(RequestLogTest, ClientRequestIdIsKeptUnlessUnusable) {
  EXPECT_EQ(CallGetEntity("x", "trace-42"), "trace-42");
  EXPECT_THAT(CallGetEntity("x", std::string(200, 'a')),
              MatchesRegex("[0-9a-f]{16}"));
}

// A slow call is one JSON line naming its request id, method, code, time
// and error.
TEST_F(RequestLogTest, SlowCallIsLoggedWithItsRequestId) {
  const std::string id = CallGetEntity("no-such-entity");
  EXPECT_THAT(
      lines(),
      Contains(AllOf(
          HasSubstr("\"level\":\"warning\",\"msg\":\"slow call\""),
          HasSubstr("\"request_id\":\"" + id + "\""),
          HasSubstr("\"method\":\"/govgraph.v1.KnowledgeGraph/GetEntity\""),
          HasSubstr("\"code\":\"NOT_FOUND\""), HasSubstr("\"ms\":\""),
          HasSubstr("\"error\":\"entity \\\"no-such-entity\\\" not found\""))));
}

class FastCallLogTest : public RequestLogTest {
 protected:
  RequestLogOptions LogOptions() const override { return {}; }
};

// Below the threshold nothing is logged.
TEST_F(FastCallLogTest, FastCallsAreNotLogged) {
  CallGetEntity("no-such-entity");
  EXPECT_THAT(lines(), Not(Contains(HasSubstr("\"request_id\""))));
}

class EveryCallLogTest : public RequestLogTest {
 protected:
  RequestLogOptions LogOptions() const override {
    RequestLogOptions options;
    options.log_every_call = true;
    return options;
  }
};

TEST_F(EveryCallLogTest, EveryCallIsLoggedAtInfo) {
  const std::string id = CallGetEntity("no-such-entity");
  EXPECT_THAT(lines(),
              Contains(AllOf(HasSubstr("\"level\":\"info\",\"msg\":\"call\""),
                             HasSubstr("\"request_id\":\"" + id + "\""))));
}

}  // namespace
}  // namespace govgraph::service::testing
