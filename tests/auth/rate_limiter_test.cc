#include "server/auth/rate_limiter.h"

#include "gtest/gtest.h"

namespace govgraph::auth {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1800000000);

TEST(RateLimiterTest, BurstThenSteadyRate) {
  RateLimiter limiter(/*per_second=*/2, /*burst=*/3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a", kStart)) << i;
  EXPECT_FALSE(limiter.Allow("a", kStart));
  EXPECT_FALSE(limiter.Allow("a", kStart + absl::Milliseconds(400)));
  // 0.5 s refills one call.
  EXPECT_TRUE(limiter.Allow("a", kStart + absl::Milliseconds(500)));
  EXPECT_FALSE(limiter.Allow("a", kStart + absl::Milliseconds(500)));
  // Never more than the burst, however long the pause.
  const absl::Time later = kStart + absl::Hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(limiter.Allow("a", later)) << i;
  EXPECT_FALSE(limiter.Allow("a", later));
}

TEST(RateLimiterTest, ClientsHaveTheirOwnBudgets) {
  RateLimiter limiter(1, 1);
  EXPECT_TRUE(limiter.Allow("a", kStart));
  EXPECT_FALSE(limiter.Allow("a", kStart));
  EXPECT_TRUE(limiter.Allow("b", kStart));
}

TEST(RateLimiterTest, TimeGoingBackAddsNothing) {
  RateLimiter limiter(1, 1);
  EXPECT_TRUE(limiter.Allow("a", kStart));
  EXPECT_FALSE(limiter.Allow("a", kStart - absl::Hours(1)));
  EXPECT_FALSE(limiter.Allow("a", kStart + absl::Milliseconds(500)));
  EXPECT_TRUE(limiter.Allow("a", kStart + absl::Seconds(1)));
}

TEST(RateLimiterTest, ZeroRateMeansNoLimit) {
  RateLimiter limiter(0, 0);
  EXPECT_FALSE(limiter.limited());
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Allow("a", kStart));
}

}  // namespace
}  // namespace govgraph::auth
