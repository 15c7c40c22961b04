// ingest: report files streamed through IngestReports, one report per file,
// with a progress line (on a terminal) and a summary.

#include <algorithm>
#include <cstdint>
#include <deque>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/flags/flag.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/commands/command.h"
#include "client/commands/json_writer.h"
#include "client/commands/output.h"
#include "client/commands/progress.h"
#include "client/commands/report_files.h"
#include "client/commands/rpc.h"
#include "client/commands/table.h"
#include "client/flags.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"

namespace govgraph::client {
namespace {

using Stream = grpc::ClientReaderWriter<v1::IngestReportRequest,
                                        v1::IngestReportsResponse>;

// Counts over one run.
struct Tally {
  int64_t ok = 0;  // written + unchanged.
  int64_t written = 0;
  // Already stored with the same text, metadata and facts: nothing written.
  int64_t unchanged = 0;
  int64_t failed = 0;
  int64_t persons = 0;
  int64_t organizations = 0;
  int64_t meetings = 0;
  int64_t directives = 0;
};

using Counts = std::vector<std::pair<std::string, int64_t>>;

// The summary as one JSON object: the counts, elapsed_seconds and
// reports_per_second.
std::string SummaryJson(const Counts& counts, double seconds, double rate) {
  JsonWriter json;
  json.BeginObject();
  for (const auto& [key, value] : counts) {
    json.Key(key);
    json.Int(value);
  }
  json.Key("elapsed_seconds");
  json.Double(seconds);
  json.Key("reports_per_second");
  json.Double(rate);
  json.EndObject();
  return json.str();
}

// One `govgraph ingest`: a writer thread reads the files and sends them;
// the calling thread reads the acknowledgements, which come in request
// order. Thread-safe as used by Run.
class IngestRun {
 public:
  IngestRun(const CommandContext& context, std::vector<std::string> files)
      : context_(context),
        files_(std::move(files)),
        prefix_(absl::GetFlag(FLAGS_id_prefix)),
        published_(absl::GetFlag(FLAGS_published)),
        progress_("ingest", "reports", static_cast<int64_t>(files_.size())) {}

  // Sends every file; returns the exit code.
  int Run();

 private:
  // The writer thread: reads and sends each file, then half-closes.
  void WriteAll(Stream* stream);
  void Acknowledge(const v1::IngestReportsResponse& ack);
  // Fails the files sent but not acknowledged, and those never sent.
  void FailUnacknowledged(const grpc::Status& status);
  void Fail(const std::string& file, absl::string_view code,
            absl::string_view message) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void PrintSummary(absl::Duration elapsed);

  const CommandContext& context_;
  const std::vector<std::string> files_;
  const std::string prefix_;
  const std::string published_;
  Progress progress_;

  absl::Mutex mu_;
  // Files sent and not yet acknowledged, in order.
  std::deque<std::string> pending_ ABSL_GUARDED_BY(mu_);
  // Files the writer has taken (sent or failed locally): files_[0, taken_).
  size_t taken_ ABSL_GUARDED_BY(mu_) = 0;
  Tally tally_ ABSL_GUARDED_BY(mu_);
};

int IngestRun::Run() {
  const absl::Time start = absl::Now();
  grpc::ClientContext rpc;
  // Each report gets --timeout on average.
  SetTimeout(context_.timeout * static_cast<int64_t>(files_.size()), &rpc);
  const std::unique_ptr<v1::KnowledgeGraph::Stub> stub =
      v1::KnowledgeGraph::NewStub(context_.channel);
  const std::unique_ptr<Stream> stream = stub->IngestReports(&rpc);
  std::thread writer([&] { WriteAll(stream.get()); });
  v1::IngestReportsResponse ack;
  while (stream->Read(&ack)) Acknowledge(ack);
  writer.join();
  FailUnacknowledged(stream->Finish());
  PrintSummary(absl::Now() - start);
  absl::MutexLock lock(&mu_);
  return tally_.failed == 0 ? kExitOk : kExitRpcError;
}

void IngestRun::WriteAll(Stream* stream) {
  SourcesIndex sources;
  for (const std::string& file : files_) {
    absl::StatusOr<v1::ReportText> report =
        ReadReport(file, published_, &sources);
    {
      absl::MutexLock lock(&mu_);
      ++taken_;
      if (!report.ok()) {
        Fail(file, absl::StatusCodeToString(report.status().code()),
             report.status().message());
        continue;
      }
      pending_.push_back(file);  // Before Write: its ack may come at once.
    }
    v1::IngestReportRequest request;
    request.set_report_id(ReportIdFor(file, prefix_));
    *request.mutable_report() = *std::move(report);
    if (!stream->Write(request)) break;  // The call ended; Finish says why.
  }
  stream->WritesDone();
}

void IngestRun::Acknowledge(const v1::IngestReportsResponse& ack) {
  absl::MutexLock lock(&mu_);
  if (pending_.empty()) return;  // Not ours: the server misbehaves.
  const std::string file = std::move(pending_.front());
  pending_.pop_front();
  if (ack.code() != 0) {
    Fail(file,
         absl::StatusCodeToString(static_cast<absl::StatusCode>(ack.code())),
         ack.message());
    return;
  }
  const v1::Extraction& x = ack.report().extraction();
  ++tally_.ok;
  if (ack.report().result().unchanged()) {
    ++tally_.unchanged;
  } else {
    ++tally_.written;
  }
  tally_.persons += x.persons_size();
  tally_.organizations += x.organizations_size();
  tally_.meetings += x.meetings_size();
  tally_.directives += x.directives_size();
  progress_.Advance(1);
}

void IngestRun::FailUnacknowledged(const grpc::Status& status) {
  const std::string code =
      status.ok() ? "UNKNOWN"
                  : absl::StatusCodeToString(
                        static_cast<absl::StatusCode>(status.error_code()));
  const std::string message =
      status.ok() ? "the server ended the stream without acknowledging it"
                  : absl::StrCat("not acknowledged: ", status.error_message());
  absl::MutexLock lock(&mu_);
  for (const std::string& file : pending_) Fail(file, code, message);
  pending_.clear();
  for (; taken_ < files_.size(); ++taken_) {
    Fail(files_[taken_], code, message);
  }
}

void IngestRun::Fail(const std::string& file, absl::string_view code,
                     absl::string_view message) {
  ++tally_.failed;
  progress_.Clear();
  std::cerr << file << ": " << code << ": " << message << "\n";
  progress_.Advance(1);
}

void IngestRun::PrintSummary(absl::Duration elapsed) {
  progress_.Clear();
  absl::MutexLock lock(&mu_);
  const double seconds = absl::ToDoubleSeconds(elapsed);
  const double rate =
      seconds > 0 ? static_cast<double>(tally_.ok + tally_.failed) / seconds
                  : 0;
  const Counts counts = {{"reports_ok", tally_.ok},
                         {"reports_written", tally_.written},
                         {"reports_unchanged", tally_.unchanged},
                         {"reports_failed", tally_.failed},
                         {"persons", tally_.persons},
                         {"organizations", tally_.organizations},
                         {"meetings", tally_.meetings},
                         {"directives", tally_.directives}};
  if (context_.json) {
    std::cout << SummaryJson(counts, seconds, rate) << std::endl;
    return;
  }
  Table table({});
  for (const auto& [key, value] : counts) {
    table.AddRow({absl::AsciiStrToUpper(key), absl::StrCat(value)});
  }
  table.AddRow({"ELAPSED", absl::StrFormat("%.2f s", seconds)});
  table.AddRow({"REPORTS_PER_SECOND", absl::StrFormat("%.1f", rate)});
  table.Print(std::cout);
}

// kInvalidArgument if two files give the same report id (the second would
// silently replace the first).
absl::Status CheckDistinctIds(const std::vector<std::string>& files,
                              const std::string& prefix) {
  std::map<std::string, const std::string*> file_by_id;
  for (const std::string& file : files) {
    const auto [it, inserted] =
        file_by_id.emplace(ReportIdFor(file, prefix), &file);
    if (inserted) continue;
    return absl::InvalidArgumentError(absl::StrCat(
        *it->second, " and ", file, " both give report id \"", it->first,
        "\"; ingest them separately, each with its own --id_prefix"));
  }
  return absl::OkStatus();
}

}  // namespace

int RunIngest(const CommandContext& context,
              const std::vector<std::string>& args) {
  absl::StatusOr<std::vector<std::string>> files =
      CollectReportFiles(args, /*allow_stdin=*/false);
  if (!files.ok()) return UsageError(files.status().message());
  absl::Status distinct =
      CheckDistinctIds(*files, absl::GetFlag(FLAGS_id_prefix));
  if (!distinct.ok()) return UsageError(distinct.message());
  IngestRun run(context, *std::move(files));
  return run.Run();
}

}  // namespace govgraph::client
