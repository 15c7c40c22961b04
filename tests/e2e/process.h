// Child processes for end-to-end tests: run a command to completion with its
// output captured, or keep a long-running one (a server) under control.
// POSIX only. Waits are bounded: nothing here blocks forever.
#ifndef GOVGRAPH_TESTS_E2E_PROCESS_H_
#define GOVGRAPH_TESTS_E2E_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace govgraph::e2e {

// How a finished process ended and what it printed.
struct ProcessResult {
  // The exit status, or 128 + N if signal N killed it (as shells report).
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Paths of the three standard streams of a child. An empty `stdin_path`
// means /dev/null; stdout and stderr files are created or truncated.
struct Redirects {
  std::string stdin_path;
  std::string stdout_path;
  std::string stderr_path;
};

// A child process running in the background, with the environment of this
// process. The destructor SIGKILLs and reaps it if it is still running.
// Not thread-safe.
class Process {
 public:
  // Starts `argv` (argv[0] is a path, not searched in $PATH). Returns
  // kInvalidArgument for an empty argv, kInternal if posix_spawn fails.
  static absl::StatusOr<std::unique_ptr<Process>> Start(
      const std::vector<std::string>& argv, const Redirects& redirects);

  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process();

  pid_t pid() const { return pid_; }

  // Sends `signal` unless the process has been reaped. kInternal on error.
  absl::Status Signal(int signal);

  // Returns the exit code (see ProcessResult) if the process has ended,
  // reaping it; std::nullopt while it runs.
  std::optional<int> Poll();

  // Waits up to `timeout` for the process to end; returns its exit code,
  // or kDeadlineExceeded if it is still running (it is left running).
  absl::StatusOr<int> Wait(absl::Duration timeout);

 private:
  explicit Process(pid_t pid) : pid_(pid) {}

  pid_t pid_;
  std::optional<int> exit_code_;
};

// Runs `argv` to completion, capturing stdout and stderr in files under
// `scratch_dir` (which must exist). If it runs longer than `timeout` it is
// killed and kDeadlineExceeded returned. `stdin_path` as in Redirects.
absl::StatusOr<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                         const std::string& scratch_dir,
                                         absl::Duration timeout,
                                         const std::string& stdin_path = "");

// Returns the contents of `path`, or "" if it cannot be read.
std::string ReadFileOrEmpty(const std::string& path);

// Writes `contents` to `path`, replacing it. kInternal on failure.
absl::Status WriteFile(const std::string& path, const std::string& contents);

}  // namespace govgraph::e2e

#endif  // GOVGRAPH_TESTS_E2E_PROCESS_H_
