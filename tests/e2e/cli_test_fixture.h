// The fixtures of the end-to-end tests: a fresh temporary directory per
// test, the real govgraph CLI run as a child process, and (CliE2eTest) a
// real govgraph-server on a free loopback port with its data there.
#ifndef GOVGRAPH_TESTS_E2E_CLI_TEST_FIXTURE_H_
#define GOVGRAPH_TESTS_E2E_CLI_TEST_FIXTURE_H_

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "google/protobuf/util/json_util.h"
#include "govgraph/v1/knowledge_graph.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/process.h"
#include "tests/e2e/test_server.h"

namespace govgraph::e2e {

inline constexpr char kCliBinary[] = GOVGRAPH_CLI_BIN;
inline constexpr char kServerBinary[] = GOVGRAPH_SERVER_BIN;
inline constexpr char kFactsJson[] = GOVGRAPH_FACTS_JSON;
inline constexpr absl::Duration kCliTimeout = absl::Seconds(30);

// The non-empty lines of `text`.
inline std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// Parses one proto3 JSON object; the test fails if it does not parse.
template <typename Message>
Message ParseJson(const std::string& json) {
  Message message;
  const auto status =
      google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(status.ok()) << status.ToString() << " parsing: " << json;
  return message;
}

// A fresh temporary directory per test, and a way to run the CLI.
class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = ::testing::TempDir() + "govgraph_e2e_XXXXXX";
    ASSERT_NE(mkdtemp(dir.data()), nullptr) << dir;
    dir_ = dir;
  }

  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Runs `govgraph args...`. Records a failure and returns exit code -1 if
  // it cannot be run or hangs.
  ProcessResult Cli(std::vector<std::string> args,
                    const std::string& stdin_path = "") {
    args.insert(args.begin(), kCliBinary);
    absl::StatusOr<ProcessResult> result =
        RunProcess(args, dir_, kCliTimeout, stdin_path);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : ProcessResult{};
  }

  std::string WriteInput(const std::string& name, const std::string& text) {
    std::string path = absl::StrCat(dir_, "/", name);
    EXPECT_TRUE(WriteFile(path, text).ok()) << path;
    return path;
  }

  std::string dir_;
};

// CliTest with a running server on dir_/data.
class CliE2eTest : public CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    if (HasFatalFailure()) return;
    server_ = StartServer("server");
  }

  void TearDown() override {
    server_.reset();  // SIGKILLs it if a test left it running.
    CliTest::TearDown();
  }

  std::unique_ptr<TestServer> StartServer(const std::string& name) {
    absl::StatusOr<std::unique_ptr<TestServer>> server =
        TestServer::Start({kServerBinary, data_dir(), dir_, name, {}});
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? *std::move(server) : nullptr;
  }

  std::string data_dir() const { return dir_ + "/data"; }

  // Runs the CLI against server_.
  ProcessResult Run(std::vector<std::string> args) {
    if (server_ == nullptr) {
      ADD_FAILURE() << "no server";
      return {};
    }
    args.push_back("--addr=" + server_->addr());
    return Cli(std::move(args));
  }

  // Ingests the test report; returns the IngestFactsResponse.
  v1::IngestFactsResponse Ingest() {
    const ProcessResult result = Run({"ingest-facts", kFactsJson, "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return ParseJson<v1::IngestFactsResponse>(result.out);
  }

  v1::GetStatsResponse Stats() {
    const ProcessResult result = Run({"stats", "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return ParseJson<v1::GetStatsResponse>(result.out);
  }

  std::vector<v1::RelationView> Relations(std::vector<std::string> args) {
    args.insert(args.begin(), "relations");
    args.push_back("--json");
    const ProcessResult result = Run(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<v1::RelationView> views;
    for (const std::string& line : Lines(result.out)) {
      const auto page = ParseJson<v1::ListRelationsResponse>(line);
      views.insert(views.end(), page.relations().begin(),
                   page.relations().end());
    }
    return views;
  }

  std::unique_ptr<TestServer> server_;
};

}  // namespace govgraph::e2e

#endif  // GOVGRAPH_TESTS_E2E_CLI_TEST_FIXTURE_H_
