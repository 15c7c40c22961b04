#include "client/commands/rpc.h"

#include <chrono>
#include <iostream>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "client/commands/command.h"
#include "client/commands/report_files.h"
#include "client/commands/style.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "grpcpp/support/client_interceptor.h"

namespace govgraph::client {
namespace {

// Adds "authorization: Bearer <token>" to every call's metadata.
class BearerToken : public grpc::experimental::Interceptor {
 public:
  explicit BearerToken(const std::string* value) : value_(value) {}
  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::
                PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", *value_);
    }
    methods->Proceed();
  }

 private:
  const std::string* const value_;  // Owned by the factory.
};

class BearerTokenFactory
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerTokenFactory(absl::string_view token)
      : value_(absl::StrCat("Bearer ", token)) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new BearerToken(&value_);
  }

 private:
  const std::string value_;
};

// ReadInput of `path`, its error naming `flag`.
absl::StatusOr<std::string> ReadPem(absl::string_view flag,
                                    const std::string& path) {
  absl::StatusOr<std::string> text = ReadInput(path);
  if (!text.ok()) {
    return absl::Status(
        text.status().code(),
        absl::StrCat("--", flag, ": ", text.status().message()));
  }
  return text;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> Credentials(
    const ChannelSecurity& security) {
  const bool cert = !security.tls_cert_file.empty();
  if (cert != !security.tls_key_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_cert and --tls_key go together: give both or neither");
  }
  if (security.tls_ca_file.empty()) {
    if (cert) {
      return absl::InvalidArgumentError(
          "--tls_cert needs TLS: give --tls_ca, the CA of the server");
    }
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions tls;
  absl::StatusOr<std::string> ca = ReadPem("tls_ca", security.tls_ca_file);
  if (!ca.ok()) return ca.status();
  tls.pem_root_certs = *std::move(ca);
  if (cert) {
    absl::StatusOr<std::string> chain =
        ReadPem("tls_cert", security.tls_cert_file);
    if (!chain.ok()) return chain.status();
    absl::StatusOr<std::string> key = ReadPem("tls_key", security.tls_key_file);
    if (!key.ok()) return key.status();
    tls.pem_cert_chain = *std::move(chain);
    tls.pem_private_key = *std::move(key);
  }
  return grpc::SslCredentials(tls);
}

}  // namespace

// grpc::StatusCode and absl::StatusCode share their numbering, so absl
// names the gRPC codes ("NOT_FOUND").
static_assert(static_cast<int>(absl::StatusCode::kNotFound) ==
              grpc::StatusCode::NOT_FOUND);
static_assert(static_cast<int>(absl::StatusCode::kUnauthenticated) ==
              grpc::StatusCode::UNAUTHENTICATED);

absl::StatusOr<std::shared_ptr<grpc::Channel>> MakeChannel(
    const std::string& addr, const ChannelSecurity& security) {
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> creds =
      Credentials(security);
  if (!creds.ok()) return creds.status();
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  std::vector<
      std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
      interceptors;
  if (!security.token.empty()) {
    interceptors.push_back(
        std::make_unique<BearerTokenFactory>(security.token));
  }
  return grpc::experimental::CreateCustomChannelWithInterceptors(
      addr, *creds, args, std::move(interceptors));
}

void SetTimeout(absl::Duration timeout, grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoNanoseconds(timeout));
}

int ReportRpcError(const grpc::Status& status) {
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  std::cerr << ErrorPrefix() << absl::StatusCodeToString(code) << ": "
            << status.error_message() << "\n";
  return kExitRpcError;
}

}  // namespace govgraph::client
