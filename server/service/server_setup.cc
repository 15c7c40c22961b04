#include "server/service/server_setup.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "govgraph/v1/knowledge_graph.grpc.pb.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/server_interceptor.h"

namespace govgraph::service {
namespace {

using grpc::experimental::InterceptionHookPoints;

// gRPC answers a request that fails to parse (malformed bytes, or a string
// field holding invalid UTF-8, which protobuf rejects while parsing) with
// INTERNAL. That is the client's error, so report it as INVALID_ARGUMENT.
// Only for methods with one request message: there a null received message
// means a parse failure, while in a client stream it also marks the end of
// the stream (server reflection is such a stream).
class UnparseableRequestInterceptor : public grpc::experimental::Interceptor {
 public:
  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_MESSAGE) &&
        methods->GetRecvMessage() == nullptr) {
      unparseable_ = true;
    }
    if (unparseable_ && methods->QueryInterceptionHookPoint(
                            InterceptionHookPoints::PRE_SEND_STATUS)) {
      methods->ModifySendStatus(grpc::Status(
          grpc::StatusCode::INVALID_ARGUMENT,
          "request could not be parsed: malformed protobuf, or a string "
          "field holds invalid UTF-8"));
    }
    methods->Proceed();
  }

 private:
  bool unparseable_ = false;
};

class UnparseableRequestInterceptorFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    using Type = grpc::experimental::ServerRpcInfo::Type;
    if (info->type() != Type::UNARY && info->type() != Type::SERVER_STREAMING) {
      return nullptr;  // No interceptor for this call.
    }
    return new UnparseableRequestInterceptor();
  }
};

// options.security, with refused calls counted in options.metrics.
SecurityOptions Counted(const ServerOptions& options) {
  SecurityOptions security = options.security;
  if (options.metrics != nullptr) {
    ServerMetrics* metrics = options.metrics;
    security.on_refused = [metrics](absl::StatusCode code) {
      metrics->RecordRefused(code);
    };
  }
  return security;
}

void SetServing(grpc::Server* server, bool serving) {
  grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService();
  if (health == nullptr) return;
  health->SetServingStatus(v1::KnowledgeGraph::service_full_name(), serving);
  health->SetServingStatus(serving);
}

// Starts the plaintext health-only server on `address`; sets *port.
absl::StatusOr<std::unique_ptr<grpc::Server>> StartHealthServer(
    const std::string& address, int* port) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort(address, grpc::InsecureServerCredentials(), port);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || *port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", address, " (health)"));
  }
  return server;
}

}  // namespace

absl::StatusOr<std::unique_ptr<GrpcServer>> GrpcServer::Start(
    const ServerOptions& options, grpc::Service* service) {
  if (options.max_message_bytes <= 0) {
    return absl::InvalidArgumentError("max message size must be positive");
  }
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials =
      MakeServerCredentials(options.listen_address, Counted(options));
  if (!credentials.ok()) return credentials.status();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(options.listen_address, *credentials, &port);
  // Without this, Linux lets a second server bind the same port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.SetMaxReceiveMessageSize(options.max_message_bytes);
  builder.SetMaxSendMessageSize(options.max_message_bytes);
  builder.RegisterService(service);
  std::vector<
      std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(
      std::make_unique<UnparseableRequestInterceptorFactory>());
  // After it, so that they see the status the call ends with.
  if (options.metrics != nullptr) {
    interceptors.push_back(options.metrics->InterceptorFactory());
  }
  interceptors.push_back(RequestLogInterceptorFactory(options.request_log));
  builder.experimental().SetInterceptorCreators(std::move(interceptors));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen_address));
  }
  std::unique_ptr<grpc::Server> health_server;
  int health_port = 0;
  if (!options.health_listen_address.empty()) {
    absl::StatusOr<std::unique_ptr<grpc::Server>> started =
        StartHealthServer(options.health_listen_address, &health_port);
    if (!started.ok()) {
      server->Shutdown();
      return started.status();
    }
    health_server = *std::move(started);
    SetServing(health_server.get(), true);
  }
  SetServing(server.get(), true);
  return std::unique_ptr<GrpcServer>(new GrpcServer(
      std::move(server), port, std::move(health_server), health_port));
}

void GrpcServer::MarkNotServing() {
  if (health_server_ != nullptr) SetServing(health_server_.get(), false);
  SetServing(server_.get(), false);
}

void GrpcServer::Shutdown(absl::Duration grace) {
  MarkNotServing();  // Probes see it while in-flight calls drain.
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  if (health_server_ != nullptr) health_server_->Shutdown();
}

std::shared_ptr<grpc::Channel> GrpcServer::InProcessChannel() {
  return server_->InProcessChannel(grpc::ChannelArguments());
}

}  // namespace govgraph::service
