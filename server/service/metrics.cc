#include "server/service/metrics.h"

#include <exception>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/metric_family.h"

namespace govgraph::service {
namespace {

using grpc::experimental::InterceptionHookPoints;

// 100 µs to ~26 s, by factors of 4.
const prometheus::Histogram::BucketBoundaries& LatencyBuckets() {
  static const auto* const kBuckets =
      new prometheus::Histogram::BucketBoundaries{
          0.0001, 0.0004, 0.0016, 0.0064, 0.0256,
          0.1024, 0.4096, 1.6384, 6.5536, 26.2144};
  return *kBuckets;
}

// VmRSS of this process from /proc/self/status, in bytes; 0 if unknown.
double ResidentBytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "VmRSS:")) continue;
    const std::vector<absl::string_view> fields =
        absl::StrSplit(rest, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    int64_t kib = 0;
    if (!fields.empty() && absl::SimpleAtoi(fields[0], &kib)) {
      return static_cast<double>(kib) * 1024;
    }
  }
  return 0;
}

prometheus::MetricFamily OneValue(std::string name, std::string help,
                                  prometheus::MetricType type, double value) {
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  return {std::move(name), std::move(help), type, {metric}};
}

// Records one call: its method, and at PRE_SEND_STATUS its code and time.
class CallInterceptor : public grpc::experimental::Interceptor {
 public:
  CallInterceptor(ServerMetrics* metrics, std::string method)
      : metrics_(metrics), method_(std::move(method)), start_(absl::Now()) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      metrics_->RecordCall(method_, methods->GetSendStatus().error_code(),
                           absl::Now() - start_);
    }
    methods->Proceed();
  }

 private:
  ServerMetrics* const metrics_;
  const std::string method_;
  const absl::Time start_;
};

class CallInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallInterceptorFactory(ServerMetrics* metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new CallInterceptor(metrics_, info->method());
  }

 private:
  ServerMetrics* const metrics_;
};

}  // namespace

// The engine's figures and the process RSS, read at scrape time.
class ServerMetrics::EngineCollectable : public prometheus::Collectable {
 public:
  explicit EngineCollectable(std::function<storage::EngineFigures()> figures)
      : figures_(std::move(figures)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    using prometheus::MetricType;
    std::vector<prometheus::MetricFamily> families;
    families.push_back(OneValue("govgraph_process_resident_memory_bytes",
                                "Resident set size of the server process.",
                                MetricType::Gauge, ResidentBytes()));
    if (!figures_) return families;
    const storage::EngineFigures f = figures_();
    const auto gauge = [&](const char* name, const char* help, double value) {
      families.push_back(OneValue(absl::StrCat("govgraph_rocksdb_", name), help,
                                  MetricType::Gauge, value));
    };
    const auto counter = [&](const char* name, const char* help, double value) {
      families.push_back(OneValue(absl::StrCat("govgraph_rocksdb_", name), help,
                                  MetricType::Counter, value));
    };
    gauge("sst_bytes", "Size of the table files.", f.sst_bytes);
    gauge("memtable_bytes", "Size of the unflushed memtables.",
          f.memtable_bytes);
    gauge("block_cache_usage_bytes", "Bytes held by the block cache.",
          f.block_cache_usage_bytes);
    gauge("block_cache_capacity_bytes", "Capacity of the block cache.",
          f.block_cache_capacity_bytes);
    counter("block_cache_hits_total", "Block cache hits since start.",
            static_cast<double>(f.block_cache_hits_total));
    counter("block_cache_misses_total", "Block cache misses since start.",
            static_cast<double>(f.block_cache_misses_total));
    gauge("pending_compaction_bytes",
          "Bytes compaction must still rewrite (estimate).",
          f.pending_compaction_bytes);
    counter("write_stall_seconds_total",
            "Time writes were delayed or stopped for compaction.",
            static_cast<double>(f.write_stall_micros_total) / 1e6);
    gauge("writes_stopped", "1 while writes are stopped for compaction.",
          f.writes_stopped ? 1 : 0);
    gauge("writes_failed",
          "1 while writes are refused after a disk error, until they resume.",
          f.writes_failed ? 1 : 0);
    gauge("writes_need_restart",
          "1 once a disk error stopped writes until the server restarts.",
          f.writes_need_restart ? 1 : 0);
    return families;
  }

 private:
  const std::function<storage::EngineFigures()> figures_;
};

ServerMetrics::ServerMetrics(std::function<storage::EngineFigures()> figures)
    : registry_(std::make_shared<prometheus::Registry>()),
      engine_(std::make_shared<EngineCollectable>(std::move(figures))),
      requests_(prometheus::BuildCounter()
                    .Name("govgraph_rpc_requests_total")
                    .Help("Calls handled, by method and status code.")
                    .Register(*registry_)),
      durations_(prometheus::BuildHistogram()
                     .Name("govgraph_rpc_duration_seconds")
                     .Help("Time from a call's start to its status.")
                     .Register(*registry_)),
      reports_(prometheus::BuildCounter()
                   .Name("govgraph_ingest_reports_total")
                   .Help("Reports ingested, by outcome.")
                   .Register(*registry_)),
      refused_(prometheus::BuildCounter()
                   .Name("govgraph_auth_refused_total")
                   .Help("Calls the token check refused, by status code.")
                   .Register(*registry_)),
      written_(reports_.Add({{"outcome", "written"}})),
      unchanged_(reports_.Add({{"outcome", "unchanged"}})),
      failed_(reports_.Add({{"outcome", "failed"}})),
      entities_(prometheus::BuildCounter()
                    .Name("govgraph_ingest_entities_total")
                    .Help("Entity statements written by ingested reports.")
                    .Register(*registry_)
                    .Add({})),
      relations_(prometheus::BuildCounter()
                     .Name("govgraph_ingest_relations_total")
                     .Help("Relation statements written by ingested reports.")
                     .Register(*registry_)
                     .Add({})) {}

ServerMetrics::~ServerMetrics() = default;

void ServerMetrics::RecordCall(absl::string_view method, grpc::StatusCode code,
                               absl::Duration elapsed) {
  const std::string name(method);
  requests_
      .Add({{"method", name},
            {"code",
             absl::StatusCodeToString(static_cast<absl::StatusCode>(code))}})
      .Increment();
  durations_.Add({{"method", name}}, LatencyBuckets())
      .Observe(absl::ToDoubleSeconds(elapsed));
}

void ServerMetrics::RecordIngest(
    const absl::StatusOr<storage::ApplyResult>& applied) {
  if (!applied.ok()) {
    failed_.Increment();
    return;
  }
  if (applied->unchanged) {
    unchanged_.Increment();
    return;
  }
  written_.Increment();
  entities_.Increment(static_cast<double>(applied->entities_written));
  relations_.Increment(static_cast<double>(applied->relations_written));
}

void ServerMetrics::RecordRefused(absl::StatusCode code) {
  refused_.Add({{"code", absl::StatusCodeToString(code)}}).Increment();
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
ServerMetrics::InterceptorFactory() {
  return std::make_unique<CallInterceptorFactory>(this);
}

absl::Status ServerMetrics::Serve(const std::string& address) {
  if (exposer_ != nullptr) {
    return absl::FailedPreconditionError("metrics are already served");
  }
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(address, 1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", address, ": ", e.what()));
  }
  const std::vector<int> ports = exposer_->GetListeningPorts();
  port_ = ports.empty() ? 0 : ports.front();
  exposer_->RegisterCollectable(registry_);
  exposer_->RegisterCollectable(engine_);
  return absl::OkStatus();
}

}  // namespace govgraph::service
