#include "tests/e2e/test_server.h"

#include <signal.h>

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace govgraph::e2e {
namespace {

constexpr absl::Duration kPollInterval = absl::Milliseconds(20);

// The port in a complete port file ("PORT\n"), or 0.
int ParsePortFile(const std::string& contents) {
  int port = 0;
  if (!absl::EndsWith(contents, "\n") ||
      !absl::SimpleAtoi(absl::StripAsciiWhitespace(contents), &port) ||
      port <= 0 || port > 65535) {
    return 0;
  }
  return port;
}

}  // namespace

TestServer::TestServer(std::unique_ptr<Process> process, std::string port_path,
                       std::string stderr_path)
    : process_(std::move(process)),
      port_path_(std::move(port_path)),
      stderr_path_(std::move(stderr_path)) {}

absl::StatusOr<std::unique_ptr<TestServer>> TestServer::Spawn(
    const TestServerOptions& options) {
  const std::string base = absl::StrCat(options.work_dir, "/", options.name);
  const std::string port_path = base + ".port";
  std::vector<std::string> argv = {
      options.binary, "--listen=127.0.0.1:0",
      absl::StrCat("--data_dir=", options.data_dir),
      absl::StrCat("--port_file=", port_path)};
  argv.insert(argv.end(), options.extra_flags.begin(),
              options.extra_flags.end());
  const Redirects redirects{"", base + ".stdout", base + ".stderr"};
  absl::StatusOr<std::unique_ptr<Process>> process =
      Process::Start(argv, redirects);
  if (!process.ok()) return process.status();
  return std::unique_ptr<TestServer>(
      new TestServer(*std::move(process), port_path, redirects.stderr_path));
}

absl::StatusOr<std::unique_ptr<TestServer>> TestServer::Start(
    const TestServerOptions& options, absl::Duration timeout) {
  absl::StatusOr<std::unique_ptr<TestServer>> server = Spawn(options);
  if (!server.ok()) return server.status();
  absl::Status ready = (*server)->AwaitPort(timeout);
  if (!ready.ok()) return ready;
  return server;
}

absl::Status TestServer::AwaitPort(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    const int port = ParsePortFile(ReadFileOrEmpty(port_path_));
    if (port != 0) {
      addr_ = absl::StrCat("127.0.0.1:", port);
      return absl::OkStatus();
    }
    std::optional<int> exit_code = process_->Poll();
    if (exit_code.has_value()) {
      return absl::FailedPreconditionError(
          absl::StrCat("server exited with code ", *exit_code,
                       " before serving; stderr:\n", stderr_text()));
    }
    absl::SleepFor(kPollInterval);
  }
  return absl::DeadlineExceededError(absl::StrCat(
      "no port in ", port_path_, " after ", absl::FormatDuration(timeout),
      "; stderr:\n", stderr_text()));
}

absl::StatusOr<int> TestServer::Terminate(absl::Duration timeout) {
  absl::Status sent = process_->Signal(SIGTERM);
  if (!sent.ok()) return sent;
  return process_->Wait(timeout);
}

absl::Status TestServer::Kill() {
  absl::Status sent = process_->Signal(SIGKILL);
  if (!sent.ok()) return sent;
  return process_->Wait(absl::Seconds(20)).status();
}

}  // namespace govgraph::e2e
