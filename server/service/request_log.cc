#include "server/service/request_log.h"

#include <random>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "server/common/logging.h"

namespace govgraph::service {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Longest client-chosen request id kept; longer ones are replaced.
constexpr size_t kMaxClientIdBytes = 128;

// 16 random hex digits.
std::string NewRequestId() {
  static absl::Mutex mu(absl::kConstInit);
  static std::mt19937_64* engine ABSL_GUARDED_BY(mu) =
      new std::mt19937_64(std::random_device{}());
  absl::MutexLock lock(&mu);
  return absl::StrFormat("%016x", (*engine)());
}

// The client's id if it is short printable ASCII, else a new one.
std::string RequestIdFrom(
    const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  auto it = metadata.find(kRequestIdKey);
  if (it != metadata.end() && !it->second.empty() &&
      it->second.size() <= kMaxClientIdBytes) {
    std::string id(it->second.data(), it->second.size());
    bool printable = true;
    for (char c : id) printable = printable && c > 0x20 && c < 0x7f;
    if (printable) return id;
  }
  return NewRequestId();
}

class RequestLogInterceptor : public grpc::experimental::Interceptor {
 public:
  RequestLogInterceptor(const RequestLogOptions& options, std::string method)
      : options_(options), method_(std::move(method)), start_(absl::Now()) {}

  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      id_ = RequestIdFrom(*methods->GetRecvInitialMetadata());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace(kRequestIdKey, Id());
    }
    if (methods->QueryInterceptionHookPoint(
            InterceptionHookPoints::PRE_SEND_STATUS)) {
      Finished(methods->GetSendStatus());
    }
    methods->Proceed();
  }

 private:
  const std::string& Id() {
    if (id_.empty()) id_ = NewRequestId();
    return id_;
  }

  void Finished(const grpc::Status& status) {
    const absl::Duration elapsed = absl::Now() - start_;
    const bool slow = elapsed > options_.slow_threshold;
    if (!slow && !options_.log_every_call) return;
    std::vector<LogField> fields = {
        {"request_id", Id()},
        {"method", method_},
        {"code", absl::StatusCodeToString(
                     static_cast<absl::StatusCode>(status.error_code()))},
        {"ms", absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(elapsed))}};
    if (!status.ok()) fields.emplace_back("error", status.error_message());
    Log(slow ? LogLevel::kWarning : LogLevel::kInfo,
        slow ? "slow call" : "call", fields);
  }

  const RequestLogOptions options_;
  const std::string method_;
  const absl::Time start_;
  std::string id_;
};

class RequestLogFactory
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RequestLogFactory(const RequestLogOptions& options)
      : options_(options) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RequestLogInterceptor(options_, info->method());
  }

 private:
  const RequestLogOptions options_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
RequestLogInterceptorFactory(const RequestLogOptions& options) {
  return std::make_unique<RequestLogFactory>(options);
}

}  // namespace govgraph::service
