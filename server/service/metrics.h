// Prometheus metrics of a server: calls per method and status code, their
// latency, ingest counters, the storage engine's figures and the process
// RSS, served over HTTP in the Prometheus text format (prometheus-cpp).
//
//   govgraph_rpc_requests_total{method,code}      counter
//   govgraph_rpc_duration_seconds{method}         histogram
//   govgraph_ingest_reports_total{outcome}        counter: written,
//                                                 unchanged, failed
//   govgraph_ingest_entities_total                counter
//   govgraph_ingest_relations_total               counter
//   govgraph_auth_refused_total{code}             counter: calls the token
//                                                 check refused
//   govgraph_rocksdb_*                            see EngineFigures
//   govgraph_process_resident_memory_bytes        gauge
//
// Calls the token check refuses (see auth_processor.h) reach no handler:
// they count in govgraph_auth_refused_total only.
#ifndef GOVGRAPH_SERVER_SERVICE_METRICS_H_
#define GOVGRAPH_SERVER_SERVICE_METRICS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/support/server_interceptor.h"
#include "grpcpp/support/status.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "server/storage/graph_store.h"
#include "server/storage/rocksdb_graph_store.h"

namespace prometheus {
class Exposer;
}  // namespace prometheus

namespace govgraph::service {

// Thread-safe.
class ServerMetrics {
 public:
  // `figures` is called on every scrape; may be empty (no engine figures).
  explicit ServerMetrics(std::function<storage::EngineFigures()> figures);
  ~ServerMetrics();

  void RecordCall(absl::string_view method, grpc::StatusCode code,
                  absl::Duration elapsed);
  // One report's outcome: `applied` if it was written (or found unchanged),
  // else the error it failed with.
  void RecordIngest(const absl::StatusOr<storage::ApplyResult>& applied);

  // A call the token check refused with `code` (see auth_processor.h).
  void RecordRefused(absl::StatusCode code);

  // A server interceptor factory feeding RecordCall for every call.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
  InterceptorFactory();

  // Serves the metrics at http://`address`/metrics (port 0 picks a free
  // one) until this object is destroyed. kUnavailable if the address cannot
  // be bound, kFailedPrecondition if already serving.
  absl::Status Serve(const std::string& address);
  // The bound HTTP port; 0 before Serve.
  int port() const { return port_; }

 private:
  class EngineCollectable;

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<EngineCollectable> engine_;
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
  prometheus::Family<prometheus::Counter>& reports_;
  prometheus::Family<prometheus::Counter>& refused_;
  prometheus::Counter& written_;
  prometheus::Counter& unchanged_;
  prometheus::Counter& failed_;
  prometheus::Counter& entities_;
  prometheus::Counter& relations_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
};

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_METRICS_H_
