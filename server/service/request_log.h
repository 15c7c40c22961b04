// Per-call request ids and the call log. Every call gets a request id:
// the client's "x-request-id" if it sent one, else a new random one. It is
// returned to the client in the "x-request-id" initial metadata and named
// in every log line about the call. A call slower than the threshold is
// logged as a warning (the slow-call log); with `log_every_call`, every
// call is logged at info.
#ifndef GOVGRAPH_SERVER_SERVICE_REQUEST_LOG_H_
#define GOVGRAPH_SERVER_SERVICE_REQUEST_LOG_H_

#include <memory>

#include "absl/time/time.h"
#include "grpcpp/support/server_interceptor.h"

namespace govgraph::service {

inline constexpr char kRequestIdKey[] = "x-request-id";

struct RequestLogOptions {
  bool log_every_call = false;
  // Calls that take longer (from start to status) are logged as slow.
  absl::Duration slow_threshold = absl::Seconds(1);
};

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
RequestLogInterceptorFactory(const RequestLogOptions& options);

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_REQUEST_LOG_H_
