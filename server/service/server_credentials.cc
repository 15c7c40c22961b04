#include "server/service/server_credentials.h"

#include <arpa/inet.h>

#include <fstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "grpcpp/security/tls_certificate_provider.h"
#include "grpcpp/security/tls_credentials_options.h"
#include "server/common/status_macros.h"
#include "server/service/auth_processor.h"

namespace govgraph::service {
namespace {

// Whether `host` is an IPv4 address in 127.0.0.0/8. Not a name that merely
// starts with "127." (such as 127.example.com), which may resolve anywhere.
bool IsIpv4LoopbackHost(absl::string_view host) {
  in_addr address;
  return inet_pton(AF_INET, std::string(host).c_str(), &address) == 1 &&
         ntohl(address.s_addr) >> 24 == 127;
}

bool IsUnixAddress(absl::string_view address) {
  return absl::StartsWith(address, "unix:") ||
         absl::StartsWith(address, "unix-abstract:");
}

// OK if `path` can be read and holds a PEM block.
absl::Status CheckPemFile(absl::string_view flag, const std::string& path) {
  std::ifstream in(path);
  std::string first_line;
  if (!in.is_open() || !std::getline(in, first_line)) {
    return absl::NotFoundError(
        absl::StrCat("--", flag, ": cannot read ", path));
  }
  if (!absl::StartsWith(first_line, "-----BEGIN ")) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", flag, ": ", path, " is not a PEM file"));
  }
  return absl::OkStatus();
}

absl::Status CheckTlsFiles(const SecurityOptions& options) {
  const bool cert = !options.tls_cert_file.empty();
  const bool key = !options.tls_key_file.empty();
  if (cert != key) {
    return absl::InvalidArgumentError(
        "--tls_cert and --tls_key go together: give both or neither");
  }
  if (!cert && !options.tls_client_ca_file.empty()) {
    return absl::InvalidArgumentError(
        "--tls_client_ca needs TLS: give --tls_cert and --tls_key too");
  }
  if (options.tls_refresh_seconds <= 0) {
    return absl::InvalidArgumentError("--tls_refresh_seconds must be positive");
  }
  if (!cert) return absl::OkStatus();
  GOVGRAPH_RETURN_IF_ERROR(CheckPemFile("tls_cert", options.tls_cert_file));
  GOVGRAPH_RETURN_IF_ERROR(CheckPemFile("tls_key", options.tls_key_file));
  if (options.tls_client_ca_file.empty()) return absl::OkStatus();
  return CheckPemFile("tls_client_ca", options.tls_client_ca_file);
}

std::shared_ptr<grpc::ServerCredentials> TlsCredentials(
    const SecurityOptions& options) {
  auto provider =
      std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
          options.tls_key_file, options.tls_cert_file,
          options.tls_client_ca_file, options.tls_refresh_seconds);
  grpc::experimental::TlsServerCredentialsOptions tls(std::move(provider));
  tls.watch_identity_key_cert_pairs();
  if (options.tls_client_ca_file.empty()) {
    tls.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  } else {
    tls.watch_root_certs();
    tls.set_cert_request_type(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  }
  return grpc::experimental::TlsServerCredentials(tls);
}

}  // namespace

bool IsLoopbackAddress(absl::string_view address) {
  if (IsUnixAddress(address)) return true;
  const size_t colon = address.rfind(':');
  absl::string_view host =
      colon == absl::string_view::npos ? address : address.substr(0, colon);
  if (absl::ConsumePrefix(&host, "[")) absl::ConsumeSuffix(&host, "]");
  return host == "localhost" || host == "::1" || IsIpv4LoopbackHost(host);
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    absl::string_view address, const SecurityOptions& options) {
  GOVGRAPH_RETURN_IF_ERROR(CheckTlsFiles(options));
  const bool tls = !options.tls_cert_file.empty();
  const bool tokens = !options.token_file.empty();
  if (!IsLoopbackAddress(address)) {
    if (!tokens) {
      return absl::FailedPreconditionError(absl::StrCat(
          "without --token_file every caller may do everything, so the "
          "server serves loopback only; ",
          address, " is not loopback"));
    }
    if (!tls) {
      return absl::FailedPreconditionError(absl::StrCat(
          "bearer tokens would cross the network in the clear: serve ", address,
          " with --tls_cert and --tls_key, or serve loopback"));
    }
  }
  std::shared_ptr<grpc::ServerCredentials> credentials;
  if (tls) {
    credentials = TlsCredentials(options);
  } else if (tokens) {
    // Token checks need a secure port; local credentials are one without
    // encryption, for loopback and unix sockets only.
    credentials = grpc::experimental::LocalServerCredentials(
        IsUnixAddress(address) ? UDS : LOCAL_TCP);
  } else {
    return grpc::InsecureServerCredentials();
  }
  if (tokens) {
    GOVGRAPH_ASSIGN_OR_RETURN(
        std::shared_ptr<TokenAuthProcessor> processor,
        TokenAuthProcessor::Create(
            options.token_file, options.rate_limit_per_token,
            options.rate_limit_burst, options.on_refused));
    credentials->SetAuthMetadataProcessor(std::move(processor));
  }
  return credentials;
}

std::string DescribeSecurity(const SecurityOptions& options) {
  std::string transport = "plaintext";
  if (!options.tls_client_ca_file.empty()) {
    transport = "mutual TLS";
  } else if (!options.tls_cert_file.empty()) {
    transport = "TLS";
  }
  const std::string tokens =
      options.token_file.empty()
          ? "no token file: every caller may do everything, loopback only"
          : absl::StrCat("bearer tokens from ", options.token_file);
  return absl::StrCat(transport, "; ", tokens);
}

}  // namespace govgraph::service
