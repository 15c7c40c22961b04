// govgraph-corpus-sweep: runs every article of a corpus directory through the
// extractor, one at a time on one thread, and prints throughput, the slowest
// file, the files that returned an error (by code) and precision signals: how
// many files yield a person, organisation, meeting or directive, and the most
// frequent person and organisation names (garbage such as "Hà Nội" as a
// person shows up at the top). It is the robustness check: a crash names the
// file on stderr, and a file running past --file_timeout_seconds aborts the
// sweep naming the file.
//
//   govgraph-corpus-sweep [--dir=DIR] [--limit=N] [--top=N]
//                         [--file_timeout_seconds=S] [--json]
//
//   --dir   the corpus directory. Default: $GOVGRAPH_CORPUS_DIR, else
//           /tmp/vn-news-2017.
//   --limit only the first N files in name order. Default: 0 (all).
//   --top   how many frequent names to list. Default: 20.
//   --file_timeout_seconds  the longest one file may take. Default: 30.
//   --json  print the summary as one JSON object instead of text.
//
// Exit codes: 0 every file extracted; 1 some file returned an error (the
// summary lists them); 2 bad flags; 3 a file hung; 77 the corpus directory
// is missing (ctest's SKIP_RETURN_CODE).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "bench/corpus_files.h"
#include "bench/sweep_stats.h"
#include "server/extract/extraction.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"

namespace govgraph::bench {
namespace {

using extract::Extraction;
using extract::Extractor;
using extract::ReportInput;
using Clock = std::chrono::steady_clock;

constexpr int kExitFileErrors = 1;
constexpr int kExitUsage = 2;
constexpr int kExitHang = 3;
constexpr int kExitNoCorpus = 77;

struct Flags {
  std::string dir = CorpusDirFromEnv();
  size_t limit = 0;
  size_t top = 20;
  int file_timeout_seconds = 30;
  bool json = false;
  bool help = false;
};

// Parses "--name=value" and "--name value". kInvalidArgument names a bad
// or unknown flag.
absl::Status ParseFlags(int argc, char** argv, Flags* flags) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--json") {
      flags->json = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      flags->help = true;
      continue;
    }
    const size_t eq = arg.find('=');
    const absl::string_view name = arg.substr(0, eq);
    std::string value;
    if (eq != absl::string_view::npos) {
      value.assign(arg.begin() + eq + 1, arg.end());
    } else if (i + 1 < argc) {
      value = argv[++i];
    }
    bool ok = !value.empty();
    if (name == "--dir") {
      flags->dir = value;
    } else if (name == "--limit") {
      ok = ok && absl::SimpleAtoi(value, &flags->limit);
    } else if (name == "--top") {
      ok = ok && absl::SimpleAtoi(value, &flags->top);
    } else if (name == "--file_timeout_seconds") {
      ok = ok && absl::SimpleAtoi(value, &flags->file_timeout_seconds) &&
           flags->file_timeout_seconds > 0;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag ", arg));
    }
    if (!ok) return absl::InvalidArgumentError(absl::StrCat("bad ", arg));
  }
  return absl::OkStatus();
}

// The file being extracted, for the fatal-signal handler, which may only
// make async-signal-safe calls.
char g_current_file[4096];
size_t g_current_file_size = 0;

void SetCurrentFile(const std::string& path) {
  g_current_file_size = std::min(path.size(), sizeof g_current_file);
  std::memcpy(g_current_file, path.data(), g_current_file_size);
}

// Writes all `n` bytes of `s` to stderr, as far as it can; signal-safe.
void WriteStderr(const char* s, size_t n) {
  while (n > 0) {
    const ssize_t written = write(STDERR_FILENO, s, n);
    if (written <= 0) return;
    s += written;
    n -= static_cast<size_t>(written);
  }
}

void OnFatalSignal(int sig) {
  constexpr char kPrefix[] = "corpus sweep: fatal signal while extracting ";
  constexpr char kNoFile[] =
      "corpus sweep: fatal signal before the first file (building the "
      "extractor)\n";
  if (g_current_file_size == 0) {
    WriteStderr(kNoFile, sizeof kNoFile - 1);
  } else {
    WriteStderr(kPrefix, sizeof kPrefix - 1);
    WriteStderr(g_current_file, g_current_file_size);
    WriteStderr("\n", 1);
  }
  raise(sig);  // SA_RESETHAND restored the default action.
}

void InstallCrashHandler() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = OnFatalSignal;
  action.sa_flags = SA_RESETHAND;
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
    sigaction(sig, &action, nullptr);
  }
}

// Ends the process (exit code kExitHang) when one extraction runs longer than
// `limit`: a hang would otherwise stall the sweep with no sign of where.
// Thread-safe.
class Watchdog {
 public:
  explicit Watchdog(Clock::duration limit)
      : limit_(limit), thread_([this] { Run(); }) {}
  ~Watchdog() {
    {
      absl::MutexLock lock(&mu_);
      done_ = true;
    }
    thread_.join();
  }

  // Starts timing the extraction of `file`, which must stay alive until
  // Stop().
  void Start(const std::string* file) {
    absl::MutexLock lock(&mu_);
    file_ = file;
    started_ = Clock::now();
  }
  void Stop() {
    absl::MutexLock lock(&mu_);
    file_ = nullptr;
  }

 private:
  void Run() {
    absl::MutexLock lock(&mu_);
    while (!mu_.AwaitWithTimeout(absl::Condition(&done_),
                                 absl::Milliseconds(200))) {
      if (file_ != nullptr && Clock::now() - started_ > limit_) {
        std::fprintf(
            stderr, "corpus sweep: %s still running after %lld s\n",
            file_->c_str(),
            static_cast<long long>(
                std::chrono::duration_cast<std::chrono::seconds>(limit_)
                    .count()));
        std::_Exit(kExitHang);
      }
    }
  }

  const Clock::duration limit_;
  absl::Mutex mu_;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  const std::string* file_ ABSL_GUARDED_BY(mu_) = nullptr;
  Clock::time_point started_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;  // Last: starts after the members above exist.
};

// Extracts one file into `stats`; the time spent in Extract is returned.
double SweepFile(const Extractor& extractor, const std::string& path,
                 Watchdog* watchdog, SweepStats* stats) {
  absl::StatusOr<std::string> text = ReadCorpusFile(path);
  if (!text.ok()) {
    RecordError(path, text.status(), stats);
    return 0;
  }
  stats->bytes += text->size();
  ReportInput input;
  input.text = *std::move(text);
  SetCurrentFile(path);
  watchdog->Start(&path);
  const Clock::time_point start = Clock::now();
  absl::StatusOr<Extraction> extraction = extractor.Extract(input);
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  watchdog->Stop();
  if (extraction.ok()) {
    RecordExtraction(*extraction, stats);
  } else {
    RecordError(path, extraction.status(), stats);
  }
  return seconds;
}

void Sweep(const Extractor& extractor, const std::vector<std::string>& paths,
           int file_timeout_seconds, SweepStats* stats) {
  Watchdog watchdog{std::chrono::seconds(file_timeout_seconds)};
  const Clock::time_point start = Clock::now();
  for (const std::string& path : paths) {
    const double seconds = SweepFile(extractor, path, &watchdog, stats);
    ++stats->files;
    stats->extract_seconds += seconds;
    if (seconds > stats->slowest_seconds || stats->slowest_file.empty()) {
      stats->slowest_seconds = seconds;
      stats->slowest_file = path;
    }
  }
  stats->wall_seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
}

int Run(int argc, char** argv) {
  Flags flags;
  if (absl::Status parsed = ParseFlags(argc, argv, &flags);
      !parsed.ok() || flags.help) {
    if (!parsed.ok()) std::fprintf(stderr, "%s\n", parsed.ToString().c_str());
    std::fprintf(parsed.ok() ? stdout : stderr,
                 "usage: %s [--dir=DIR] [--limit=N] [--top=N] "
                 "[--file_timeout_seconds=S] [--json]\n",
                 argv[0]);
    return parsed.ok() ? 0 : kExitUsage;
  }
  absl::StatusOr<std::vector<std::string>> paths =
      ListCorpusFiles(flags.dir, flags.limit);
  if (!paths.ok()) {
    std::fprintf(stderr,
                 "corpus sweep: %s (unpack it with: tar -xJf "
                 "shared/corpus/vn-news-2017.tar.xz -C /tmp)\n",
                 paths.status().ToString().c_str());
    return absl::IsNotFound(paths.status()) ? kExitNoCorpus : kExitUsage;
  }
  absl::StatusOr<std::shared_ptr<const extract::Lexicon>> lexicon =
      extract::Lexicon::BuiltIn();
  if (!lexicon.ok()) {
    std::fprintf(stderr, "corpus sweep: built-in lexicon: %s\n",
                 lexicon.status().ToString().c_str());
    return kExitFileErrors;
  }
  InstallCrashHandler();
  SweepStats stats;
  Sweep(Extractor(*lexicon), *paths, flags.file_timeout_seconds, &stats);
  if (flags.json) {
    PrintSweepJson(flags.dir, flags.top, stats);
  } else {
    PrintSweepText(flags.dir, flags.top, stats);
  }
  return stats.errors.empty() ? 0 : kExitFileErrors;
}

}  // namespace
}  // namespace govgraph::bench

int main(int argc, char** argv) { return govgraph::bench::Run(argc, argv); }
