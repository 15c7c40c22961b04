// Channel and per-call helpers shared by the subcommands.
#ifndef GOVGRAPH_CLIENT_COMMANDS_RPC_H_
#define GOVGRAPH_CLIENT_COMMANDS_RPC_H_

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace govgraph::client {

// Largest response the CLI accepts.
inline constexpr int kMaxReceiveMessageBytes = 64 << 20;

// Returns an insecure channel to `addr` (host:port or any gRPC target) that
// accepts responses up to kMaxReceiveMessageBytes. Connects lazily.
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& addr);

// Sets `context`'s deadline to now + `timeout`.
void SetTimeout(absl::Duration timeout, grpc::ClientContext* context);

// Prints "error: <GRPC_CODE_NAME>: <message>" on stderr; returns
// kExitRpcError. `status` must not be OK.
int ReportRpcError(const grpc::Status& status);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_RPC_H_
