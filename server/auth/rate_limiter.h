// Per-client call rate limits: a token bucket per client key (a bearer
// token), refilled at a steady rate up to a burst.
#ifndef GOVGRAPH_SERVER_AUTH_RATE_LIMITER_H_
#define GOVGRAPH_SERVER_AUTH_RATE_LIMITER_H_

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace govgraph::auth {

// Thread-safe.
class RateLimiter {
 public:
  // Each client may make `per_second` calls a second on average, and up to
  // `burst` at once. per_second <= 0: no limit.
  RateLimiter(double per_second, double burst);

  // Whether `client` may make a call at `now` (a later call than any
  // before); if so, counts it.
  bool Allow(absl::string_view client, absl::Time now) ABSL_LOCKS_EXCLUDED(mu_);

  bool limited() const { return per_second_ > 0; }
  double per_second() const { return per_second_; }

 private:
  struct Bucket {
    double calls = 0;  // Calls that may be made now.
    absl::Time filled;
  };

  const double per_second_;
  const double burst_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace govgraph::auth

#endif  // GOVGRAPH_SERVER_AUTH_RATE_LIMITER_H_
