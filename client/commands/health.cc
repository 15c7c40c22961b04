// health: the standard gRPC health check, for scripts and probes.
#include <iostream>
#include <string>
#include <vector>

#include "client/commands/command.h"
#include "client/commands/output.h"
#include "client/commands/rpc.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace govgraph::client {

using grpc::health::v1::Health;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

int RunHealth(const CommandContext& context,
              const std::vector<std::string>& /*args*/) {
  HealthCheckRequest request;  // service "": the server as a whole.
  HealthCheckResponse response;
  grpc::ClientContext rpc;
  SetTimeout(context.timeout, &rpc);
  const grpc::Status status =
      Health::NewStub(context.channel)->Check(&rpc, request, &response);
  if (!status.ok()) return ReportRpcError(status);
  if (context.json) {
    const int code = PrintJson(response);
    if (code != kExitOk) return code;
  } else {
    std::cout << HealthCheckResponse::ServingStatus_Name(response.status())
              << "\n";
  }
  return response.status() == HealthCheckResponse::SERVING ? kExitOk
                                                           : kExitRpcError;
}

}  // namespace govgraph::client
