#include "server/auth/rate_limiter.h"

#include <algorithm>

namespace govgraph::auth {

RateLimiter::RateLimiter(double per_second, double burst)
    : per_second_(per_second), burst_(std::max(burst, 1.0)) {}

bool RateLimiter::Allow(absl::string_view client, absl::Time now) {
  if (!limited()) return true;
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = buckets_.try_emplace(client);
  Bucket& bucket = it->second;
  if (inserted) {
    bucket.calls = burst_;
  } else if (now > bucket.filled) {
    bucket.calls = std::min(
        burst_, bucket.calls +
                    absl::ToDoubleSeconds(now - bucket.filled) * per_second_);
  }
  bucket.filled = std::max(bucket.filled, now);
  if (bucket.calls < 1) return false;
  bucket.calls -= 1;
  return true;
}

}  // namespace govgraph::auth
