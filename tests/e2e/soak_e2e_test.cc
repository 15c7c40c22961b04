// Load and soak: the real server under 16 clients mixing ingest and every
// query (bench/soak_run.h) for GOVGRAPH_SOAK_SECONDS (default 60; set it
// higher for a longer local run). Fails on any error other than the
// deliberate deadline expiries, on memory growth after warm-up (the
// criterion is SoakOptions' and MemoryVerdict's), or on an inconsistent
// graph at the end, and prints the figures. GOVGRAPH_SOAK_CLIENTS sets the
// number of clients.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "bench/soak_run.h"
#include "gtest/gtest.h"
#include "tests/e2e/test_server.h"

namespace govgraph::e2e {
namespace {

constexpr char kServerBinary[] = GOVGRAPH_SERVER_BIN;

int EnvInt(const char* name, int fallback) {
  int value = fallback;
  const char* env = std::getenv(name);
  if (env == nullptr || !absl::SimpleAtoi(env, &value) || value < 1) {
    return fallback;
  }
  return value;
}

// The port of the server's metrics endpoint, from its log line "metrics at
// http://ADDR/metrics (port N)"; 0 if not found.
int MetricsPort(const std::string& log) {
  const std::string marker = "/metrics (port ";
  const size_t at = log.find(marker);
  if (at == std::string::npos) return 0;
  const size_t start = at + marker.size();
  int port = 0;
  const size_t end = log.find(')', start);
  if (end == std::string::npos ||
      !absl::SimpleAtoi(log.substr(start, end - start), &port)) {
    return 0;
  }
  return port;
}

class SoakE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = ::testing::TempDir() + "govgraph_soak_XXXXXX";
    ASSERT_NE(mkdtemp(dir.data()), nullptr) << dir;
    dir_ = dir;
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  std::string dir_;
};

TEST_F(SoakE2eTest, ServerStaysCorrectAndFlatUnderMixedLoad) {
  absl::StatusOr<std::unique_ptr<TestServer>> server =
      TestServer::Start({kServerBinary,
                         dir_ + "/data",
                         dir_,
                         "server",
                         {"--metrics_listen=127.0.0.1:0"}});
  ASSERT_TRUE(server.ok()) << server.status();
  bench::SoakOptions options;
  options.addr = (*server)->addr();
  options.clients = EnvInt("GOVGRAPH_SOAK_CLIENTS", 16);
  options.duration = absl::Seconds(EnvInt("GOVGRAPH_SOAK_SECONDS", 60));
  options.server_pid = (*server)->pid();
  const int metrics_port = MetricsPort((*server)->stderr_text());
  if (metrics_port > 0) {
    options.metrics_addr = absl::StrCat("127.0.0.1:", metrics_port);
  }
  absl::StatusOr<std::vector<bench::SoakText>> texts =
      bench::ReadSoakTexts({GOVGRAPH_REPORTS_DIR, GOVGRAPH_E2E_IDENTITY_DIR,
                            GOVGRAPH_E2E_MANDATES_DIR});
  ASSERT_TRUE(texts.ok()) << texts.status();
  options.texts = *std::move(texts);

  absl::StatusOr<bench::SoakResult> result = bench::RunSoak(options);
  ASSERT_TRUE(result.ok()) << result.status();
  std::cout << bench::SoakReport(*result, options.clients);
  EXPECT_EQ(result->errors, 0);
  EXPECT_GT(result->calls, 0);
  EXPECT_TRUE(result->memory_verdict.sampled);
  EXPECT_TRUE(result->memory_verdict.flat) << result->memory_verdict.summary;
  EXPECT_TRUE(result->inconsistencies.empty());
  absl::StatusOr<int> exit_code = (*server)->Terminate();
  ASSERT_TRUE(exit_code.ok()) << exit_code.status();
  EXPECT_EQ(*exit_code, 0) << (*server)->stderr_text();
}

}  // namespace
}  // namespace govgraph::e2e
