#include "client/commands/rpc.h"

#include <chrono>
#include <iostream>

#include "absl/status/status.h"
#include "client/commands/command.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace govgraph::client {

// grpc::StatusCode and absl::StatusCode share their numbering, so absl
// names the gRPC codes ("NOT_FOUND").
static_assert(static_cast<int>(absl::StatusCode::kNotFound) ==
              grpc::StatusCode::NOT_FOUND);
static_assert(static_cast<int>(absl::StatusCode::kUnauthenticated) ==
              grpc::StatusCode::UNAUTHENTICATED);

std::shared_ptr<grpc::Channel> MakeChannel(const std::string& addr) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  return grpc::CreateCustomChannel(addr, grpc::InsecureChannelCredentials(),
                                   args);
}

void SetTimeout(absl::Duration timeout, grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoNanoseconds(timeout));
}

int ReportRpcError(const grpc::Status& status) {
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  std::cerr << "error: " << absl::StatusCodeToString(code) << ": "
            << status.error_message() << "\n";
  return kExitRpcError;
}

}  // namespace govgraph::client
