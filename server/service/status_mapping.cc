#include "server/service/status_mapping.h"

#include <string>

namespace govgraph::service {
namespace {

constexpr size_t kMaxMessageBytes = 1024;

#define GOVGRAPH_SAME_CODE(absl_code, grpc_code)                   \
  static_assert(static_cast<int>(absl::StatusCode::absl_code) ==   \
                    static_cast<int>(grpc::StatusCode::grpc_code), \
                #absl_code " differs from " #grpc_code)
GOVGRAPH_SAME_CODE(kCancelled, CANCELLED);
GOVGRAPH_SAME_CODE(kUnknown, UNKNOWN);
GOVGRAPH_SAME_CODE(kInvalidArgument, INVALID_ARGUMENT);
GOVGRAPH_SAME_CODE(kDeadlineExceeded, DEADLINE_EXCEEDED);
GOVGRAPH_SAME_CODE(kNotFound, NOT_FOUND);
GOVGRAPH_SAME_CODE(kAlreadyExists, ALREADY_EXISTS);
GOVGRAPH_SAME_CODE(kPermissionDenied, PERMISSION_DENIED);
GOVGRAPH_SAME_CODE(kResourceExhausted, RESOURCE_EXHAUSTED);
GOVGRAPH_SAME_CODE(kFailedPrecondition, FAILED_PRECONDITION);
GOVGRAPH_SAME_CODE(kAborted, ABORTED);
GOVGRAPH_SAME_CODE(kOutOfRange, OUT_OF_RANGE);
GOVGRAPH_SAME_CODE(kUnimplemented, UNIMPLEMENTED);
GOVGRAPH_SAME_CODE(kInternal, INTERNAL);
GOVGRAPH_SAME_CODE(kUnavailable, UNAVAILABLE);
GOVGRAPH_SAME_CODE(kDataLoss, DATA_LOSS);
GOVGRAPH_SAME_CODE(kUnauthenticated, UNAUTHENTICATED);
#undef GOVGRAPH_SAME_CODE

// Cuts `message` to at most `limit` bytes without splitting a UTF-8
// sequence.
std::string Truncate(absl::string_view message, size_t limit) {
  if (message.size() <= limit) return std::string(message);
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(message[end]) & 0xC0) == 0x80) {
    --end;
  }
  return std::string(message.substr(0, end));
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()),
                      Truncate(status.message(), kMaxMessageBytes));
}

}  // namespace govgraph::service
