// Builds and runs the gRPC server: the KnowledgeGraph service plus the
// standard health service (grpc.health.v1) and server reflection, with
// message size limits and a status fix-up for unparseable requests.
#ifndef GOVGRAPH_SERVER_SERVICE_SERVER_SETUP_H_
#define GOVGRAPH_SERVER_SERVICE_SERVER_SETUP_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/server.h"
#include "server/service/metrics.h"
#include "server/service/request_log.h"
#include "server/service/server_credentials.h"

namespace govgraph::service {

struct ServerOptions {
  // host:port; port 0 picks a free port (see GrpcServer::port()).
  // Default: 127.0.0.1:50051.
  std::string listen_address = "127.0.0.1:50051";
  // Largest message received or sent. Default: 16 MiB.
  int max_message_bytes = 16 << 20;
  // TLS and bearer tokens (see server_credentials.h). Default: neither,
  // so loopback only.
  SecurityOptions security;
  // Counts every call (see metrics.h); not owned, may be null.
  ServerMetrics* metrics = nullptr;
  // Request ids and the call log (see request_log.h).
  RequestLogOptions request_log;
  // host:port of a second, plaintext port that serves only the health
  // service (and reflection, which gRPC adds to every server: the API's
  // schema, no data), without tokens, for probes that cannot speak TLS
  // (Kubernetes' gRPC probes). Its status follows the main port's. Empty:
  // none.
  std::string health_listen_address;
};

// Thread-safe.
class GrpcServer {
 public:
  // Starts serving `service` (not owned; must outlive the server) and marks
  // it SERVING in the health service. kUnavailable if the address cannot
  // be bound; kInvalidArgument for a bad message limit; the errors of
  // MakeServerCredentials for the security options.
  static absl::StatusOr<std::unique_ptr<GrpcServer>> Start(
      const ServerOptions& options, grpc::Service* service);

  // The bound port.
  int port() const { return port_; }
  // The health port's bound port; 0 without one.
  int health_port() const { return health_port_; }

  // Marks the service NOT_SERVING in the health service (both ports) while
  // it goes on answering calls: for a server an orchestrator should restart.
  void MarkNotServing();

  // Marks the service NOT_SERVING, stops accepting calls and waits up to
  // `grace` for in-flight calls, then cancels those left. Idempotent.
  void Shutdown(absl::Duration grace);

  // Blocks until Shutdown has completed.
  void Wait() { server_->Wait(); }

  // A channel to this server without a socket, for tests. Make no call on
  // it after Shutdown: gRPC 1.51 crashes creating a call on the in-process
  // channel of a shut-down server.
  std::shared_ptr<grpc::Channel> InProcessChannel();

 private:
  GrpcServer(std::unique_ptr<grpc::Server> server, int port,
             std::unique_ptr<grpc::Server> health_server, int health_port)
      : server_(std::move(server)),
        port_(port),
        health_server_(std::move(health_server)),
        health_port_(health_port) {}

  std::unique_ptr<grpc::Server> server_;
  const int port_;
  std::unique_ptr<grpc::Server> health_server_;  // May be null.
  const int health_port_;
};

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_SERVER_SETUP_H_
