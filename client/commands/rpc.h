// Channel and per-call helpers shared by the subcommands.
#ifndef GOVGRAPH_CLIENT_COMMANDS_RPC_H_
#define GOVGRAPH_CLIENT_COMMANDS_RPC_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace govgraph::client {

// Largest response the CLI accepts.
inline constexpr int kMaxReceiveMessageBytes = 64 << 20;

// How the CLI proves who it is and checks whom it talks to.
struct ChannelSecurity {
  // PEM files. TLS when tls_ca_file is set (the CAs the server's
  // certificate must be signed by); tls_cert_file and tls_key_file are the
  // client's certificate and key, for servers that require one (mutual
  // TLS).
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  // Sent as "authorization: Bearer <token>" on every call when not empty.
  std::string token;
};

// Returns a channel to `addr` (host:port or any gRPC target) that accepts
// responses up to kMaxReceiveMessageBytes, secured as `security` says;
// kInvalidArgument for an incomplete setting, kNotFound for a file that
// cannot be read. Connects lazily.
absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const std::string& addr, const ChannelSecurity& security);

// Sets `context`'s deadline to now + `timeout`.
void SetTimeout(absl::Duration timeout, grpc::ClientContext* context);

// Prints "error: <GRPC_CODE_NAME>: <message>" on stderr; returns
// kExitRpcError. `status` must not be OK.
int ReportRpcError(const grpc::Status& status);

}  // namespace govgraph::client

#endif  // GOVGRAPH_CLIENT_COMMANDS_RPC_H_
