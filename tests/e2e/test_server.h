// A govgraph-server child process for end-to-end tests. It listens on a
// free loopback port (--listen=127.0.0.1:0) and is found through the port
// number it writes, once serving, to --port_file.
#ifndef GOVGRAPH_TESTS_E2E_TEST_SERVER_H_
#define GOVGRAPH_TESTS_E2E_TEST_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/e2e/process.h"

namespace govgraph::e2e {

struct TestServerOptions {
  // Path of the govgraph-server binary.
  std::string binary;
  // --data_dir; created by the server if missing.
  std::string data_dir;
  // Holds the port file and the server's stdout/stderr, named after `name`
  // so that several servers can share one directory. Must exist.
  std::string work_dir;
  std::string name = "server";
  // More flags, after the defaults (a flag given twice: the later wins).
  std::vector<std::string> extra_flags;
};

// Owns the server process; the destructor SIGKILLs it if still running.
// Not thread-safe.
class TestServer {
 public:
  // Starts the server without waiting for it to serve (for servers expected
  // to fail). kInternal if it cannot be spawned.
  static absl::StatusOr<std::unique_ptr<TestServer>> Spawn(
      const TestServerOptions& options);

  // Starts the server and waits up to `timeout` for its port file. Returns
  // kDeadlineExceeded if no port appears in time, kFailedPrecondition
  // (quoting its stderr) if the server exits first.
  static absl::StatusOr<std::unique_ptr<TestServer>> Start(
      const TestServerOptions& options,
      absl::Duration timeout = absl::Seconds(20));

  // "127.0.0.1:PORT"; empty until the port file has been read.
  const std::string& addr() const { return addr_; }

  // The server's process id (for /proc), valid while it runs.
  pid_t pid() const { return process_->pid(); }

  // Everything the server wrote to stderr so far.
  std::string stderr_text() const { return ReadFileOrEmpty(stderr_path_); }

  // Sends SIGTERM and waits up to `timeout`; returns the exit code, or
  // kDeadlineExceeded (the server is then left to the destructor).
  absl::StatusOr<int> Terminate(absl::Duration timeout = absl::Seconds(20));

  // Sends SIGKILL (no shutdown, no flush) and waits for the process to end.
  absl::Status Kill();

  // Waits up to `timeout` for the server to exit on its own.
  absl::StatusOr<int> Wait(absl::Duration timeout) {
    return process_->Wait(timeout);
  }

 private:
  TestServer(std::unique_ptr<Process> process, std::string port_path,
             std::string stderr_path);

  // Polls the port file until it holds "PORT\n"; see Start().
  absl::Status AwaitPort(absl::Duration timeout);

  std::unique_ptr<Process> process_;
  std::string port_path_;
  std::string stderr_path_;
  std::string addr_;
};

}  // namespace govgraph::e2e

#endif  // GOVGRAPH_TESTS_E2E_TEST_SERVER_H_
