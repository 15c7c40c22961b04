// The one place an absl::Status becomes a grpc::Status.
#ifndef GOVGRAPH_SERVER_SERVICE_STATUS_MAPPING_H_
#define GOVGRAPH_SERVER_SERVICE_STATUS_MAPPING_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace govgraph::service {

// Same code (absl's canonical codes are gRPC's), message capped at 1 KiB.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_STATUS_MAPPING_H_
