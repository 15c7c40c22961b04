#include "tests/e2e/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

extern char** environ;

namespace govgraph::e2e {
namespace {

constexpr absl::Duration kPollInterval = absl::Milliseconds(10);

absl::Status ErrnoError(absl::string_view what, int error) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(error)));
}

int DecodeWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Adds the three redirections to `actions`; returns posix_spawn's error.
int AddRedirects(const Redirects& redirects,
                 posix_spawn_file_actions_t* actions) {
  const char* in =
      redirects.stdin_path.empty() ? "/dev/null" : redirects.stdin_path.c_str();
  const int out_flags = O_WRONLY | O_CREAT | O_TRUNC;
  int error =
      posix_spawn_file_actions_addopen(actions, STDIN_FILENO, in, O_RDONLY, 0);
  if (error == 0) {
    error = posix_spawn_file_actions_addopen(
        actions, STDOUT_FILENO, redirects.stdout_path.c_str(), out_flags, 0644);
  }
  if (error == 0) {
    error = posix_spawn_file_actions_addopen(
        actions, STDERR_FILENO, redirects.stderr_path.c_str(), out_flags, 0644);
  }
  return error;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Process>> Process::Start(
    const std::vector<std::string>& argv, const Redirects& redirects) {
  if (argv.empty()) return absl::InvalidArgumentError("empty argv");
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  int error = AddRedirects(redirects, &actions);
  pid_t pid = -1;
  if (error == 0) {
    error = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  }
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) return ErrnoError(absl::StrCat("spawn ", argv[0]), error);
  return std::unique_ptr<Process>(new Process(pid));
}

Process::~Process() {
  if (exit_code_.has_value()) return;
  kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

absl::Status Process::Signal(int signal) {
  if (exit_code_.has_value()) return absl::OkStatus();
  if (kill(pid_, signal) != 0) return ErrnoError("kill", errno);
  return absl::OkStatus();
}

std::optional<int> Process::Poll() {
  if (exit_code_.has_value()) return exit_code_;
  int status = 0;
  const pid_t done = waitpid(pid_, &status, WNOHANG);
  if (done == pid_) exit_code_ = DecodeWaitStatus(status);
  return exit_code_;
}

absl::StatusOr<int> Process::Wait(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    std::optional<int> code = Poll();
    if (code.has_value()) return *code;
    if (absl::Now() >= deadline) break;
    absl::SleepFor(kPollInterval);
  }
  return absl::DeadlineExceededError(absl::StrCat(
      "pid ", pid_, " still running after ", absl::FormatDuration(timeout)));
}

absl::StatusOr<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                         const std::string& scratch_dir,
                                         absl::Duration timeout,
                                         const std::string& stdin_path) {
  static int run_count = 0;
  const std::string base = absl::StrCat(scratch_dir, "/run", ++run_count);
  const Redirects redirects{stdin_path, base + ".out", base + ".err"};
  absl::StatusOr<std::unique_ptr<Process>> process =
      Process::Start(argv, redirects);
  if (!process.ok()) return process.status();
  absl::StatusOr<int> code = (*process)->Wait(timeout);
  if (!code.ok()) return code.status();  // ~Process kills it.
  return ProcessResult{*code, ReadFileOrEmpty(redirects.stdout_path),
                       ReadFileOrEmpty(redirects.stderr_path)};
}

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

absl::Status WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
  file.close();
  if (!file) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace govgraph::e2e
