// What guards the gRPC port: TLS (optionally mutual) from certificate
// files, bearer tokens from a token file (see auth/tokens.h), and which
// addresses may be served without them.
#ifndef GOVGRAPH_SERVER_SERVICE_SERVER_CREDENTIALS_H_
#define GOVGRAPH_SERVER_SERVICE_SERVER_CREDENTIALS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/security/server_credentials.h"

namespace govgraph::service {

struct SecurityOptions {
  // PEM files of the server's certificate chain and private key: TLS when
  // both are set. They are re-read when they change (replace them
  // atomically, e.g. by renaming a directory or a symlink).
  std::string tls_cert_file;
  std::string tls_key_file;
  // PEM file of the CAs that sign client certificates: with TLS, every
  // client must present a certificate signed by one of them (mutual TLS).
  std::string tls_client_ca_file;
  // How often the TLS files are looked at for changes.
  int tls_refresh_seconds = 60;
  // Bearer tokens and their roles. Without a token file every call is
  // allowed, so the server serves loopback addresses only.
  std::string token_file;
  // Calls a second each token may make on average, and in a burst; beyond
  // them, RESOURCE_EXHAUSTED. 0: no limit; a burst of 0 is the rate.
  double rate_limit_per_token = 0;
  double rate_limit_burst = 0;
  // Called with the code of every call the token check refuses (such calls
  // reach no handler or interceptor); may be empty.
  std::function<void(absl::StatusCode)> on_refused;
};

// Whether `address` (a gRPC listen address) is on this machine only: a
// loopback host (127.0.0.0/8, ::1, localhost) or a unix socket.
bool IsLoopbackAddress(absl::string_view address);

// The credentials for listening on `address` under `options`, or
// kInvalidArgument for an incomplete TLS setting, kNotFound for a file that
// cannot be read, kFailedPrecondition for an address other than loopback
// without a token file, or without TLS (tokens would cross the network in
// the clear).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    absl::string_view address, const SecurityOptions& options);

// One line for the server log: TLS or not, mutual or not, tokens or not.
std::string DescribeSecurity(const SecurityOptions& options);

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_SERVER_CREDENTIALS_H_
