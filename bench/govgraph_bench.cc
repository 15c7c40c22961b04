// govgraph-bench: the shared benchmark (../shared/bench) through the gRPC
// API. Imports the generated graph (timed as the load), runs queries.json
// with the harness's rules (one client, sequential; warm-up instances first,
// capped at a quarter of the budget; then each measured instance once, in
// file order, until the type's budget runs out) and writes the harness's
// external-client result file, with a digest per instance.
//
//   govgraph-bench --addr=HOST:PORT --data=DIR [--queries=FILE]
//       [--out=FILE.json] [--skip-import] [--reference=memory.json]
//       [--types=Q1,Q4] [--sample=N] [--budget_s=60] [--timeout_ms=20000]
//       [--clients=8 --duration_s=10]
//   govgraph-bench --soak --addr=HOST:PORT --soak_texts=DIR[,DIR...]
//       [--clients=16] [--duration_s=300] [--server_pid=PID]
//       [--metrics_addr=HOST:PORT]
//
// With --reference, every digest is compared with that result file's and
// the exit code is 1 on any difference. With --clients, the run is a load
// test instead (load_run.h): exit 1 if any call failed. With --soak, a
// soak of ingest and every query (soak_run.h) on the report texts of
// --soak_texts: exit 1 on any error, memory growth (with --server_pid, of a
// server on this machine) or an inconsistent graph at the end.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/bench_queries.h"
#include "bench/bench_report.h"
#include "bench/load_run.h"
#include "bench/queries_file.h"
#include "bench/soak_run.h"
#include "client/commands/import_files.h"
#include "google/protobuf/struct.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

ABSL_FLAG(std::string, addr, "127.0.0.1:50051", "govgraph-server address");
ABSL_FLAG(std::string, data, "", "directory with nodes.csv, edges.csv");
ABSL_FLAG(std::string, queries, "", "queries.json; default DATA/queries.json");
ABSL_FLAG(std::string, out, "", "result file to write (JSON)");
ABSL_FLAG(bool, skip_import, false, "the graph is loaded already");
ABSL_FLAG(std::string, reference, "",
          "a harness result file whose digests every answer must equal");
ABSL_FLAG(std::string, types, "Q1,Q2,Q3,Q4,Q5,Q6", "query types to run");
ABSL_FLAG(int, sample, 0, "run only the first N measured instances (0: all)");
ABSL_FLAG(double, budget_s, 60, "time budget of each query type");
ABSL_FLAG(int, timeout_ms, 20000, "deadline of each query");
ABSL_FLAG(int, clients, 0,
          "N > 0: instead of the harness's run, N clients at once on --types "
          "(\"health\" too) for --duration_s; prints calls/s and latencies");
ABSL_FLAG(double, duration_s, 10, "how long --clients or --soak runs");
ABSL_FLAG(bool, soak, false,
          "soak the server: --clients (default 16) mixing ingest and every "
          "query for --duration_s; --data and --queries are not used");
ABSL_FLAG(std::string, soak_texts, "",
          "--soak: directories of report texts (*.txt), comma-separated");
ABSL_FLAG(int, server_pid, 0,
          "--soak: the server's process id, to sample its VmRSS");
ABSL_FLAG(std::string, metrics_addr, "",
          "--soak: the server's --metrics_listen address, to subtract its "
          "memtables and block cache from VmRSS");

namespace govgraph::bench {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

absl::Status Import(const std::string& addr, BenchResult* result) {
  v1::KnowledgeGraph::Stub stub(
      grpc::CreateChannel(addr, grpc::InsecureChannelCredentials()));
  client::ImportFiles files{result->data_dir + "/nodes.csv",
                            result->data_dir + "/edges.csv", "bench"};
  grpc::ClientContext rpc;
  rpc.set_deadline(absl::ToChronoTime(absl::Now() + absl::Hours(2)));
  v1::ImportGraphResponse response;
  absl::Status file_error;
  const absl::Time start = absl::Now();
  const grpc::Status status =
      client::ImportCsvFiles(stub, files, &rpc, &response, &file_error);
  if (!file_error.ok()) return file_error;
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        status.error_message());
  }
  result->load_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  result->nodes = response.nodes();
  result->edges = response.edges();
  grpc::ClientContext stats_rpc;
  v1::GetStatsResponse stats;
  if (stub.GetStats(&stats_rpc, v1::GetStatsRequest(), &stats).ok()) {
    result->size_mb = stats.disk_bytes() / 1e6;
  }
  return absl::OkStatus();
}

InstanceResult RunInstance(QueryRunner& runner, const std::string& type,
                           const Struct& instance, int index) {
  InstanceResult r;
  r.index = index;
  const absl::Time start = absl::Now();
  absl::StatusOr<std::vector<Row>> rows = runner.Run(type, instance);
  r.ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  if (!rows.ok()) {
    (rows.status().code() == absl::StatusCode::kDeadlineExceeded ? r.timeout
                                                                 : r.error) =
        rows.status().ToString();
    return r;
  }
  r.rows = rows->size();
  r.digest = Digest(*rows);
  if (!rows->empty()) r.first = RowsJson({rows->front()}).substr(1);
  if (!r.first.empty()) r.first.pop_back();
  return r;
}

QueryTypeResult RunType(QueryRunner& runner, const std::string& type,
                        const Struct& spec) {
  const absl::Duration budget = absl::Seconds(absl::GetFlag(FLAGS_budget_s));
  const auto& fields = spec.fields();
  QueryTypeResult result;
  const absl::Time warm_start = absl::Now();
  for (const Value& v : fields.at("warmup").list_value().values()) {
    if (absl::Now() - warm_start > budget / 4) break;
    (void)runner.Run(type, v.struct_value());
  }
  result.warmup_s = absl::ToDoubleSeconds(absl::Now() - warm_start);
  const auto& measure = fields.at("measure").list_value().values();
  const int sample = absl::GetFlag(FLAGS_sample);
  result.planned =
      sample > 0 ? std::min(sample, measure.size()) : measure.size();
  const absl::Time start = absl::Now();
  for (int i = 0; i < result.planned; ++i) {
    if (absl::Now() - start > budget) {
      result.truncated = true;
      break;
    }
    result.instances.push_back(
        RunInstance(runner, type, measure[i].struct_value(), i));
  }
  return result;
}

int Load(const std::string& addr, const Struct& specs) {
  LoadOptions options;
  options.addr = addr;
  options.types = absl::StrSplit(absl::GetFlag(FLAGS_types), ',');
  options.clients = absl::GetFlag(FLAGS_clients);
  options.duration = absl::Seconds(absl::GetFlag(FLAGS_duration_s));
  options.timeout = absl::Milliseconds(absl::GetFlag(FLAGS_timeout_ms));
  absl::StatusOr<LoadResult> result = RunLoad(options, specs);
  if (!result.ok()) {
    std::cerr << "error: " << result.status().message() << "\n";
    return 2;
  }
  int64_t errors = 0;
  std::cout << options.clients << " clients, " << result->seconds
            << " s: " << result->calls << " calls, " << result->calls_per_second
            << " calls/s\n";
  for (const auto& [type, stats] : result->types) {
    std::cout << type << ": " << stats.calls << " calls, " << stats.errors
              << " errors, p50 " << stats.p50_ms << " ms, p99 " << stats.p99_ms
              << " ms\n";
    errors += stats.errors;
  }
  return errors == 0 ? 0 : 1;
}

int Soak(const std::string& addr) {
  SoakOptions options;
  options.addr = addr;
  absl::StatusOr<std::vector<SoakText>> texts = ReadSoakTexts(
      absl::StrSplit(absl::GetFlag(FLAGS_soak_texts), ',', absl::SkipEmpty()));
  if (!texts.ok()) {
    std::cerr << "error: --soak_texts: " << texts.status().message() << "\n";
    return 2;
  }
  options.texts = *std::move(texts);
  if (absl::GetFlag(FLAGS_clients) > 0) {
    options.clients = absl::GetFlag(FLAGS_clients);
  }
  options.duration = absl::Seconds(absl::GetFlag(FLAGS_duration_s));
  options.timeout = absl::Milliseconds(absl::GetFlag(FLAGS_timeout_ms));
  options.server_pid = absl::GetFlag(FLAGS_server_pid);
  options.metrics_addr = absl::GetFlag(FLAGS_metrics_addr);
  absl::StatusOr<SoakResult> result = RunSoak(options);
  if (!result.ok()) {
    std::cerr << "error: " << result.status() << "\n";
    return 2;
  }
  std::cout << SoakReport(*result, options.clients);
  return result->passed() ? 0 : 1;
}

int Main() {
  if (absl::GetFlag(FLAGS_soak)) return Soak(absl::GetFlag(FLAGS_addr));
  BenchResult result;
  result.version = "govgraph-bench/1";
  result.data_dir = absl::GetFlag(FLAGS_data);
  std::string queries_path = absl::GetFlag(FLAGS_queries);
  if (queries_path.empty()) queries_path = result.data_dir + "/queries.json";
  absl::StatusOr<Struct> queries = ReadJsonFile(queries_path);
  if (!queries.ok()) {
    std::cerr << "error: " << queries.status().message() << "\n";
    return 2;
  }
  const auto& meta = queries->fields().at("meta").struct_value().fields();
  if (meta.count("scale")) result.scale = meta.at("scale").number_value();
  const std::string addr = absl::GetFlag(FLAGS_addr);
  if (!absl::GetFlag(FLAGS_skip_import)) {
    absl::Status imported = Import(addr, &result);
    if (!imported.ok()) {
      std::cerr << "error: import: " << imported << "\n";
      return 1;
    }
    std::cout << "load " << result.load_seconds << " s: " << result.nodes
              << " nodes, " << result.edges << " edges\n";
  }
  const auto& specs = queries->fields().at("queries").struct_value();
  if (absl::GetFlag(FLAGS_clients) > 0) return Load(addr, specs);
  QueryRunner runner(
      grpc::CreateChannel(addr, grpc::InsecureChannelCredentials()),
      absl::Milliseconds(absl::GetFlag(FLAGS_timeout_ms)));
  for (absl::string_view type :
       absl::StrSplit(absl::GetFlag(FLAGS_types), ',')) {
    const auto spec = specs.fields().find(std::string(type));
    if (spec == specs.fields().end()) continue;
    QueryTypeResult q =
        RunType(runner, spec->first, spec->second.struct_value());
    std::vector<double> ms;
    for (const InstanceResult& r : q.instances) ms.push_back(r.ms);
    std::sort(ms.begin(), ms.end());
    std::cout << type << ": n=" << ms.size() << "/" << q.planned << " p50 "
              << Percentile(ms, 50) << " ms, p99 " << Percentile(ms, 99)
              << " ms\n";
    result.queries[spec->first] = std::move(q);
  }
  const std::string out = absl::GetFlag(FLAGS_out);
  if (!out.empty()) std::ofstream(out) << ResultJson(result) << "\n";
  const std::string reference = absl::GetFlag(FLAGS_reference);
  if (reference.empty()) return 0;
  absl::StatusOr<std::vector<std::string>> mismatches =
      CheckDigests(result, reference);
  if (!mismatches.ok()) {
    std::cerr << "error: " << mismatches.status().message() << "\n";
    return 2;
  }
  for (const std::string& line : *mismatches)
    std::cout << "MISMATCH " << line << "\n";
  std::cout << mismatches->size() << " digests differ from " << reference
            << "\n";
  return mismatches->empty() ? 0 : 1;
}

}  // namespace
}  // namespace govgraph::bench

int main(int argc, char** argv) {
  // The harness spells it --skip-import.
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--skip-import")
      argv[i] = const_cast<char*>("--skip_import");
  }
  absl::ParseCommandLine(argc, argv);
  return govgraph::bench::Main();
}
