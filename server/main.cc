// govgraph-server: opens the RocksDB store, serves the KnowledgeGraph API
// with health checking and reflection, and shuts down cleanly on SIGTERM or
// SIGINT (in-flight calls finish, then the store is closed).
#include <signal.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "server/common/logging.h"
#include "server/extract/extractor.h"
#include "server/extract/lexicon.h"
#include "server/ingest/ingest_pipeline.h"
#include "server/query/graph_query.h"
#include "server/service/knowledge_graph_service.h"
#include "server/service/server_setup.h"
#include "server/storage/rocksdb_graph_store.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve on; port 0 picks a free one. Env: "
          "GOVGRAPH_LISTEN");
ABSL_FLAG(std::string, data_dir, "./data",
          "RocksDB directory (created if missing). Env: GOVGRAPH_DATA_DIR");
ABSL_FLAG(std::string, port_file, "",
          "If set, the bound port is written here once serving. Env: "
          "GOVGRAPH_PORT_FILE");
ABSL_FLAG(int32_t, max_message_bytes, 16 << 20,
          "Largest gRPC message received or sent. Env: "
          "GOVGRAPH_MAX_MESSAGE_BYTES");
ABSL_FLAG(int64_t, max_report_bytes, 8 << 20,
          "Largest IngestFacts request, serialized. Env: "
          "GOVGRAPH_MAX_REPORT_BYTES");
ABSL_FLAG(int64_t, max_text_bytes, 1 << 20,
          "Largest report text Extract, IngestReport and IngestReports "
          "accept; longer ones are INVALID_ARGUMENT. Env: "
          "GOVGRAPH_MAX_TEXT_BYTES");
ABSL_FLAG(std::string, lexicon_dir, "",
          "If set, the extractor's lexicon files found here replace the "
          "built-in ones of the same name. Env: GOVGRAPH_LEXICON_DIR");
ABSL_FLAG(bool, sync_writes, true,
          "fsync every ingest before acknowledging it. Env: "
          "GOVGRAPH_SYNC_WRITES");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain of the server: serve TLS (with --tls_key). "
          "Re-read when it changes. Env: GOVGRAPH_TLS_CERT");
ABSL_FLAG(std::string, tls_key, "",
          "PEM private key of --tls_cert. Env: GOVGRAPH_TLS_KEY");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA certificates: with TLS, require client certificates signed "
          "by one of them (mutual TLS). Env: GOVGRAPH_TLS_CLIENT_CA");
ABSL_FLAG(int32_t, tls_refresh_seconds, 60,
          "How often the TLS files are checked for changes. Env: "
          "GOVGRAPH_TLS_REFRESH_SECONDS");
ABSL_FLAG(std::string, token_file, "",
          "Bearer tokens, one per line as \"<sha256-hex> <role> [label]\" "
          "(role: reader, writer, admin; `govgraph hash-token` prints the "
          "hash). Without it the server serves loopback only. Re-read when "
          "it changes. Env: GOVGRAPH_TOKEN_FILE");
ABSL_FLAG(std::string, restore_from, "",
          "Before serving, restore the latest backup in this directory into "
          "--data_dir, which must be new or empty; the backup's checksums are "
          "verified first. Env: GOVGRAPH_RESTORE_FROM");
ABSL_FLAG(double, rate_limit_per_token, 0,
          "Calls a second each bearer token may make on average; beyond it, "
          "RESOURCE_EXHAUSTED. 0: no limit. Env: "
          "GOVGRAPH_RATE_LIMIT_PER_TOKEN");
ABSL_FLAG(double, rate_limit_burst, 0,
          "Calls a token may make at once; 0: --rate_limit_per_token. Env: "
          "GOVGRAPH_RATE_LIMIT_BURST");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus metrics on, at /metrics (port 0 "
          "picks a free one); empty: none. Env: GOVGRAPH_METRICS_LISTEN");
ABSL_FLAG(std::string, health_listen, "",
          "host:port of a plaintext port serving only the health service "
          "(and reflection), without tokens, for probes that cannot use TLS "
          "(Kubernetes gRPC probes); empty: none. Env: "
          "GOVGRAPH_HEALTH_LISTEN");
ABSL_FLAG(std::string, log_format, "json",
          "json: one JSON object per line; text: for people. Env: "
          "GOVGRAPH_LOG_FORMAT");
ABSL_FLAG(std::string, log_level, "info",
          "info, warning or error: lines below it are dropped. Env: "
          "GOVGRAPH_LOG_LEVEL");
ABSL_FLAG(bool, log_calls, false,
          "Log every call (method, code, time, request id) at info. Env: "
          "GOVGRAPH_LOG_CALLS");
ABSL_FLAG(int32_t, slow_call_ms, 1000,
          "Calls slower than this are logged as warnings. Env: "
          "GOVGRAPH_SLOW_CALL_MS");
ABSL_FLAG(int32_t, shutdown_grace_seconds, 10,
          "How long in-flight calls may run after SIGTERM. Env: "
          "GOVGRAPH_SHUTDOWN_GRACE_SECONDS");

namespace govgraph {
namespace {

// Sets each flag from GOVGRAPH_<FLAG> when that variable is set; the
// command line, parsed afterwards, overrides it.
bool ApplyEnvironment() {
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    // Only the flags of this file (absl may drop a leading "/").
    if (!absl::EndsWith(__FILE__, flag->Filename())) continue;
    const std::string var =
        absl::AsciiStrToUpper(absl::StrCat("GOVGRAPH_", name));
    const char* value = std::getenv(var.c_str());
    if (value == nullptr) continue;
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      LogError("bad value in ", var, ": ", error);
      return false;
    }
  }
  return true;
}

// Applies --log_format and --log_level; false (logged) if one is bad.
bool ConfigureLogging() {
  LogFormat format = LogFormat::kJson;
  LogLevel level = LogLevel::kInfo;
  if (!ParseLogFormat(absl::GetFlag(FLAGS_log_format), &format)) {
    LogError("--log_format must be json or text");
    return false;
  }
  if (!ParseLogLevel(absl::GetFlag(FLAGS_log_level), &level)) {
    LogError("--log_level must be info, warning or error");
    return false;
  }
  SetLogFormat(format);
  SetMinLogLevel(level);
  return true;
}

// Writes `port` to `path` atomically (write a temporary file, rename).
bool WritePortFile(const std::string& path, int port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << port << "\n";
    if (!out.good()) return false;
  }
  return std::rename(tmp.c_str(), path.c_str()) == 0;
}

// Blocks SIGTERM and SIGINT in this thread and every thread started after
// it, so that only WaitForSignal receives them.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// The extractor: the built-in lexicon, or --lexicon_dir's files over it.
absl::StatusOr<std::unique_ptr<extract::Extractor>> MakeExtractor() {
  const std::string dir = absl::GetFlag(FLAGS_lexicon_dir);
  absl::StatusOr<std::shared_ptr<const extract::Lexicon>> lexicon =
      dir.empty() ? extract::Lexicon::BuiltIn()
                  : extract::Lexicon::FromDirectory(dir);
  if (!lexicon.ok()) return lexicon.status();
  const int64_t max_text_bytes = absl::GetFlag(FLAGS_max_text_bytes);
  if (max_text_bytes <= 0) {
    return absl::InvalidArgumentError("--max_text_bytes must be positive");
  }
  extract::ExtractorOptions options;
  options.max_text_bytes = static_cast<size_t>(max_text_bytes);
  return std::make_unique<extract::Extractor>(*std::move(lexicon), options);
}

// With --restore_from, restores its latest backup into `data_dir`; false
// (logged) if that fails.
bool Restore(const std::string& data_dir) {
  const std::string backup_dir = absl::GetFlag(FLAGS_restore_from);
  if (backup_dir.empty()) return true;
  absl::StatusOr<storage::BackupInfo> restored =
      storage::RocksDbGraphStore::RestoreLatestBackup(backup_dir, data_dir);
  if (!restored.ok()) {
    LogError("cannot restore: ", restored.status().ToString());
    return false;
  }
  LogInfo("restored backup #", restored->id, " of ", backup_dir, " (",
          restored->files, " files, ", restored->size_bytes,
          " bytes, checksums verified) into ", data_dir);
  return true;
}

// With --metrics_listen, the metrics of `store` and of the calls, served
// over HTTP; else null.
absl::StatusOr<std::unique_ptr<service::ServerMetrics>> ServeMetrics(
    const storage::RocksDbGraphStore* store) {
  const std::string address = absl::GetFlag(FLAGS_metrics_listen);
  if (address.empty()) return nullptr;
  auto metrics = std::make_unique<service::ServerMetrics>(
      [store] { return store->Figures(); });
  absl::Status serving = metrics->Serve(address);
  if (!serving.ok()) return serving;
  LogInfo("metrics at http://", address, "/metrics (port ", metrics->port(),
          ")");
  return metrics;
}

// Serves `service` until SIGTERM or SIGINT (blocked in `signals`); returns
// the exit code.
int RunServer(const sigset_t& signals, grpc::Service* service,
              service::ServerMetrics* metrics,
              const storage::RocksDbGraphStore& store) {
  service::ServerOptions server_options;
  server_options.metrics = metrics;
  server_options.request_log.log_every_call = absl::GetFlag(FLAGS_log_calls);
  server_options.request_log.slow_threshold =
      absl::Milliseconds(absl::GetFlag(FLAGS_slow_call_ms));
  server_options.listen_address = absl::GetFlag(FLAGS_listen);
  server_options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  server_options.health_listen_address = absl::GetFlag(FLAGS_health_listen);
  service::SecurityOptions& security = server_options.security;
  security.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  security.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  security.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  security.tls_refresh_seconds = absl::GetFlag(FLAGS_tls_refresh_seconds);
  security.token_file = absl::GetFlag(FLAGS_token_file);
  security.rate_limit_per_token = absl::GetFlag(FLAGS_rate_limit_per_token);
  security.rate_limit_burst = absl::GetFlag(FLAGS_rate_limit_burst);
  absl::StatusOr<std::unique_ptr<service::GrpcServer>> server =
      service::GrpcServer::Start(server_options, service);
  if (!server.ok()) {
    LogError(server.status().ToString());
    return 1;
  }
  LogInfo("govgraph-server serving on port ", (*server)->port(), " (",
          server_options.listen_address, "), data dir ",
          absl::GetFlag(FLAGS_data_dir), "; ",
          service::DescribeSecurity(security));
  if ((*server)->health_port() != 0) {
    LogInfo("health checks in plaintext on port ", (*server)->health_port(),
            " (", server_options.health_listen_address, ")");
  }
  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty() && !WritePortFile(port_file, (*server)->port())) {
    LogError("cannot write the port file ", port_file);
    (*server)->Shutdown(absl::ZeroDuration());
    return 1;
  }
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    LogInfo("received signal ", signal, "; shutting down");
    (*server)->Shutdown(
        absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  });
  // Writes that only a restart brings back make the server NOT_SERVING, so
  // that an orchestrator restarts it; it answers reads meanwhile.
  absl::Notification stopped;
  std::thread watcher([&] {
    while (!stopped.WaitForNotificationWithTimeout(absl::Seconds(1))) {
      if (store.writes_need_restart()) {
        LogError("writes stopped until a restart; health is NOT_SERVING");
        (*server)->MarkNotServing();
        return;
      }
    }
  });
  (*server)->Wait();
  stopped.Notify();
  watcher.join();
  waiter.join();
  return 0;
}

int Serve() {
  const sigset_t signals = BlockShutdownSignals();
  absl::StatusOr<std::unique_ptr<extract::Extractor>> extractor =
      MakeExtractor();
  if (!extractor.ok()) {
    LogError("cannot build the extractor: ", extractor.status().ToString());
    return 1;
  }
  storage::RocksDbOptions store_options;
  store_options.path = absl::GetFlag(FLAGS_data_dir);
  if (!Restore(store_options.path)) return 1;
  store_options.sync_writes = absl::GetFlag(FLAGS_sync_writes);
  absl::StatusOr<std::unique_ptr<storage::RocksDbGraphStore>> store =
      storage::RocksDbGraphStore::Open(store_options);
  if (!store.ok()) {
    LogError("cannot open the store: ", store.status().ToString());
    return 1;
  }
  query::GraphQuery query(store->get());
  ingest::IngestPipeline ingest(store->get(), extractor->get(),
                                ingest::IngestLimits());
  absl::StatusOr<std::unique_ptr<service::ServerMetrics>> metrics =
      ServeMetrics(store->get());
  if (!metrics.ok()) {
    LogError(metrics.status().ToString());
    return 1;
  }
  service::ServiceOptions service_options;
  service_options.max_report_bytes = absl::GetFlag(FLAGS_max_report_bytes);
  service_options.metrics = metrics->get();
  service::KnowledgeGraphService service(&query, &ingest, extractor->get(),
                                         service_options);
  const int code = RunServer(signals, &service, metrics->get(), **store);
  store->reset();
  if (code == 0) LogInfo("stopped; store closed");
  return code;
}

}  // namespace
}  // namespace govgraph

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "govgraph-server --listen=HOST:PORT --data_dir=DIR: serves the "
      "govgraph knowledge graph over gRPC");
  if (!govgraph::ApplyEnvironment()) return 2;
  absl::ParseCommandLine(argc, argv);
  if (!govgraph::ConfigureLogging()) return 2;
  return govgraph::Serve();
}
