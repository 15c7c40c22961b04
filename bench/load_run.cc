#include "bench/load_run.h"

#include <algorithm>
#include <memory>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/bench_queries.h"
#include "bench/bench_report.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace govgraph::bench {
namespace {

using google::protobuf::Struct;

struct Call {
  const std::string* type;
  const Struct* instance;  // Null for "health".
};

// What one client saw: latencies (ms) and errors by type.
struct ClientLog {
  std::map<std::string, std::vector<double>> ms;
  std::map<std::string, int64_t> errors;
};

// The calls of every type, interleaved (one of each type in turn) so that
// every stretch of calls mixes them.
absl::StatusOr<std::vector<Call>> Calls(const LoadOptions& options,
                                        const Struct& queries) {
  std::vector<std::vector<Call>> by_type;
  for (const std::string& type : options.types) {
    by_type.emplace_back();
    if (type == "health") {
      by_type.back().push_back(Call{&type, nullptr});
      continue;
    }
    auto spec = queries.fields().find(type);
    if (spec == queries.fields().end()) {
      return absl::InvalidArgumentError(absl::StrCat("unknown type ", type));
    }
    const auto& measure =
        spec->second.struct_value().fields().at("measure").list_value();
    for (const auto& v : measure.values()) {
      by_type.back().push_back(Call{&type, &v.struct_value()});
    }
  }
  size_t longest = 0;
  for (const auto& calls : by_type) longest = std::max(longest, calls.size());
  std::vector<Call> calls;
  for (size_t i = 0; i < longest; ++i) {
    for (const auto& of_type : by_type) {
      if (!of_type.empty()) calls.push_back(of_type[i % of_type.size()]);
    }
  }
  return calls;
}

// One client: its own connection (a channel argument no other client has).
void RunClient(const LoadOptions& options, const std::vector<Call>& calls,
               int client, absl::Time end, ClientLog* log) {
  grpc::ChannelArguments args;
  args.SetInt("govgraph.bench.client", client);
  std::shared_ptr<grpc::Channel> channel = grpc::CreateCustomChannel(
      options.addr, grpc::InsecureChannelCredentials(), args);
  QueryRunner runner(channel, options.timeout);
  auto health = grpc::health::v1::Health::NewStub(channel);
  size_t next = calls.size() * client / options.clients;
  while (absl::Now() < end) {
    const Call& call = calls[next++ % calls.size()];
    const absl::Time start = absl::Now();
    bool ok = true;
    if (call.instance == nullptr) {
      grpc::ClientContext rpc;
      grpc::health::v1::HealthCheckResponse response;
      ok = health->Check(&rpc, {}, &response).ok();
    } else {
      ok = runner.Run(*call.type, *call.instance).ok();
    }
    log->ms[*call.type].push_back(
        absl::ToDoubleMilliseconds(absl::Now() - start));
    if (!ok) ++log->errors[*call.type];
  }
}

}  // namespace

absl::StatusOr<LoadResult> RunLoad(const LoadOptions& options,
                                   const Struct& queries) {
  if (options.clients < 1) {
    return absl::InvalidArgumentError("at least one client is needed");
  }
  absl::StatusOr<std::vector<Call>> calls = Calls(options, queries);
  if (!calls.ok()) return calls.status();
  if (calls->empty()) return absl::InvalidArgumentError("no calls to make");
  std::vector<ClientLog> logs(options.clients);
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now();
  const absl::Time end = start + options.duration;
  for (int i = 0; i < options.clients; ++i) {
    threads.emplace_back(RunClient, std::cref(options), std::cref(*calls), i,
                         end, &logs[i]);
  }
  for (std::thread& thread : threads) thread.join();
  LoadResult result;
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::map<std::string, std::vector<double>> all;
  for (const ClientLog& log : logs) {
    for (const auto& [type, ms] : log.ms) {
      all[type].insert(all[type].end(), ms.begin(), ms.end());
    }
    for (const auto& [type, n] : log.errors) result.types[type].errors += n;
  }
  for (auto& [type, ms] : all) {
    std::sort(ms.begin(), ms.end());
    LoadTypeStats& stats = result.types[type];
    stats.calls = static_cast<int64_t>(ms.size());
    stats.p50_ms = Percentile(ms, 50);
    stats.p99_ms = Percentile(ms, 99);
    result.calls += stats.calls;
  }
  result.calls_per_second = result.calls / result.seconds;
  return result;
}

}  // namespace govgraph::bench
