// The gRPC edge of auth/tokens.h: an AuthMetadataProcessor that runs
// auth::Authorize on every call that reaches a secure port (TLS, or local
// credentials on loopback), before any handler sees the call. The
// `authorization` value is consumed there: handlers and logs never see it.
#ifndef GOVGRAPH_SERVER_SERVICE_AUTH_PROCESSOR_H_
#define GOVGRAPH_SERVER_SERVICE_AUTH_PROCESSOR_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/security/auth_metadata_processor.h"
#include "server/auth/rate_limiter.h"
#include "server/auth/tokens.h"

namespace govgraph::service {

// Thread-safe.
class TokenAuthProcessor : public grpc::AuthMetadataProcessor {
 public:
  // Reads `token_file` now (kNotFound, kInvalidArgument: see
  // auth::TokenTable::Load), and again once its modification time changes
  // (looked at no more than once a second); a reload that fails keeps the
  // tokens already loaded and is logged. Calls with a token beyond
  // `per_second` a second on average (bursts of `burst`) are refused with
  // RESOURCE_EXHAUSTED; per_second <= 0: no limit. `on_refused` (may be
  // empty) is called with the code of each refused call.
  static absl::StatusOr<std::shared_ptr<TokenAuthProcessor>> Create(
      std::string token_file, double per_second = 0, double burst = 0,
      std::function<void(absl::StatusCode)> on_refused = nullptr);

  // Cheap: an in-memory lookup, and at most one stat() a second.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& auth_metadata,
                       grpc::AuthContext* context,
                       OutputMetadata* consumed_auth_metadata,
                       OutputMetadata* response_metadata) override;

 private:
  TokenAuthProcessor(std::string token_file,
                     std::filesystem::file_time_type loaded_time,
                     auth::TokenTable tokens, double per_second, double burst,
                     std::function<void(absl::StatusCode)> on_refused);

  // The tokens, reloaded first if the file changed.
  std::shared_ptr<const auth::TokenTable> Tokens() ABSL_LOCKS_EXCLUDED(mu_);

  const std::string token_file_;
  auth::RateLimiter limiter_;
  const std::function<void(absl::StatusCode)> on_refused_;
  absl::Mutex mu_;
  std::shared_ptr<const auth::TokenTable> tokens_ ABSL_GUARDED_BY(mu_);
  std::filesystem::file_time_type loaded_time_ ABSL_GUARDED_BY(mu_);
  absl::Time last_check_ ABSL_GUARDED_BY(mu_);
};

}  // namespace govgraph::service

#endif  // GOVGRAPH_SERVER_SERVICE_AUTH_PROCESSOR_H_
