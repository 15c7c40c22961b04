#include "server/service/auth_processor.h"

#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/common/logging.h"
#include "server/service/status_mapping.h"

namespace govgraph::service {
namespace {

constexpr absl::Duration kReloadCheckInterval = absl::Seconds(1);

// The modification time of `path`; the epoch if it cannot be read (then a
// reload is attempted, and its error logged, once the file is back).
std::filesystem::file_time_type ModifiedTime(const std::string& path) {
  std::error_code error;
  const std::filesystem::file_time_type time =
      std::filesystem::last_write_time(path, error);
  return error ? std::filesystem::file_time_type() : time;
}

absl::string_view ValueOf(
    const grpc::AuthMetadataProcessor::InputMetadata& metadata,
    absl::string_view key) {
  auto it = metadata.find(grpc::string_ref(key.data(), key.size()));
  if (it == metadata.end()) return {};
  return absl::string_view(it->second.data(), it->second.size());
}

// Whether calls to `method` carry a token (and so count against its limit).
bool NeedsRole(absl::string_view method) {
  absl::StatusOr<std::optional<auth::Role>> role = auth::RequiredRole(method);
  return role.ok() && role->has_value();
}

}  // namespace

absl::StatusOr<std::shared_ptr<TokenAuthProcessor>> TokenAuthProcessor::Create(
    std::string token_file, double per_second, double burst,
    std::function<void(absl::StatusCode)> on_refused) {
  const std::filesystem::file_time_type time = ModifiedTime(token_file);
  absl::StatusOr<auth::TokenTable> tokens = auth::TokenTable::Load(token_file);
  if (!tokens.ok()) return tokens.status();
  return std::shared_ptr<TokenAuthProcessor>(
      new TokenAuthProcessor(std::move(token_file), time, *std::move(tokens),
                             per_second, burst, std::move(on_refused)));
}

TokenAuthProcessor::TokenAuthProcessor(
    std::string token_file, std::filesystem::file_time_type loaded_time,
    auth::TokenTable tokens, double per_second, double burst,
    std::function<void(absl::StatusCode)> on_refused)
    : token_file_(std::move(token_file)),
      limiter_(per_second, burst > 0 ? burst : per_second),
      on_refused_(std::move(on_refused)),
      tokens_(std::make_shared<const auth::TokenTable>(std::move(tokens))),
      loaded_time_(loaded_time),
      last_check_(absl::Now()) {}

std::shared_ptr<const auth::TokenTable> TokenAuthProcessor::Tokens() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = absl::Now();
  if (now - last_check_ < kReloadCheckInterval) return tokens_;
  last_check_ = now;
  const std::filesystem::file_time_type time = ModifiedTime(token_file_);
  if (time == loaded_time_) return tokens_;
  loaded_time_ = time;
  absl::StatusOr<auth::TokenTable> tokens = auth::TokenTable::Load(token_file_);
  if (!tokens.ok()) {
    LogError("token file not reloaded, the previous tokens stay: ",
             tokens.status().ToString());
    return tokens_;
  }
  LogInfo("token file reloaded: ", tokens->size(), " tokens");
  tokens_ = std::make_shared<const auth::TokenTable>(*std::move(tokens));
  return tokens_;
}

grpc::Status TokenAuthProcessor::Process(const InputMetadata& auth_metadata,
                                         grpc::AuthContext*,
                                         OutputMetadata* consumed_auth_metadata,
                                         OutputMetadata*) {
  const absl::string_view authorization =
      ValueOf(auth_metadata, "authorization");
  const absl::string_view method = ValueOf(auth_metadata, ":path");
  absl::Status status = auth::Authorize(*Tokens(), method, authorization);
  if (!authorization.empty()) {
    consumed_auth_metadata->emplace("authorization",
                                    std::string(authorization));
  }
  if (status.ok() && limiter_.limited() && NeedsRole(method) &&
      !limiter_.Allow(authorization, absl::Now())) {
    status = absl::ResourceExhaustedError(absl::StrCat(
        "rate limit: ", limiter_.per_second(),
        " calls a second per token (--rate_limit_per_token); retry later"));
  }
  if (!status.ok() && on_refused_) on_refused_(status.code());
  return ToGrpcStatus(status);
}

}  // namespace govgraph::service
