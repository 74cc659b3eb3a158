#include "runtime/breaker.h"

#include <gtest/gtest.h>

#include <vector>

namespace piiscan::runtime {
namespace {

using std::chrono::milliseconds;

const BreakerConfig kConfig = {
    .high_water_bytes = 900, .low_water_bytes = 700, .cooldown = milliseconds(1000)};
const Clock::time_point kT0 = Clock::time_point() + std::chrono::hours(1);

BreakerState Next(BreakerState s, uint64_t usage, milliseconds since_open, bool trip = false) {
  return NextBreakerState(s, {usage, kT0 + since_open, trip}, kT0, kConfig);
}

// One test per edge of the state machine (see breaker.h).
TEST(BreakerEdges, ClosedStaysClosedUnderHighWater) {
  EXPECT_EQ(Next(BreakerState::kClosed, 899, milliseconds(0)), BreakerState::kClosed);
}

TEST(BreakerEdges, ClosedOpensAtHighWater) {
  EXPECT_EQ(Next(BreakerState::kClosed, 900, milliseconds(0)), BreakerState::kOpen);
}

TEST(BreakerEdges, OpenStaysOpenDuringCooldownEvenWhenUsageFalls) {
  EXPECT_EQ(Next(BreakerState::kOpen, 0, milliseconds(999)), BreakerState::kOpen);
}

TEST(BreakerEdges, OpenTurnsHalfOpenAfterCooldown) {
  EXPECT_EQ(Next(BreakerState::kOpen, 950, milliseconds(1000)), BreakerState::kHalfOpen);
}

TEST(BreakerEdges, HalfOpenClosesUnderLowWater) {
  EXPECT_EQ(Next(BreakerState::kHalfOpen, 699, milliseconds(5000)), BreakerState::kClosed);
}

TEST(BreakerEdges, HalfOpenStaysBetweenTheMarks) {
  EXPECT_EQ(Next(BreakerState::kHalfOpen, 700, milliseconds(5000)), BreakerState::kHalfOpen);
  EXPECT_EQ(Next(BreakerState::kHalfOpen, 899, milliseconds(5000)), BreakerState::kHalfOpen);
}

TEST(BreakerEdges, HalfOpenReopensAtHighWater) {
  EXPECT_EQ(Next(BreakerState::kHalfOpen, 900, milliseconds(5000)), BreakerState::kOpen);
}

TEST(BreakerEdges, TripOpensFromEveryState) {
  for (BreakerState s : {BreakerState::kClosed, BreakerState::kOpen, BreakerState::kHalfOpen}) {
    EXPECT_EQ(Next(s, 0, milliseconds(5000), true), BreakerState::kOpen) << BreakerStateName(s);
  }
}

TEST(CircuitBreaker, FullCycleReportsEachTransitionAndCountsTrips) {
  std::vector<std::pair<BreakerState, BreakerState>> seen;
  CircuitBreaker b(kConfig,
                   [&](BreakerState f, BreakerState t, uint64_t) { seen.emplace_back(f, t); });
  EXPECT_EQ(b.Observe(100, kT0), BreakerState::kClosed);
  EXPECT_EQ(b.Observe(950, kT0), BreakerState::kOpen);
  EXPECT_GE(b.RetryAfter(kT0).count(), 999);
  EXPECT_EQ(b.Observe(100, kT0 + milliseconds(500)), BreakerState::kOpen);
  EXPECT_EQ(b.Observe(800, kT0 + milliseconds(1000)), BreakerState::kHalfOpen);
  EXPECT_EQ(b.Observe(800, kT0 + milliseconds(1100)), BreakerState::kHalfOpen);
  EXPECT_EQ(b.Observe(100, kT0 + milliseconds(1200)), BreakerState::kClosed);
  EXPECT_EQ(b.RetryAfter(kT0 + milliseconds(1200)).count(), 0);
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], std::make_pair(BreakerState::kClosed, BreakerState::kOpen));
  EXPECT_EQ(seen[1], std::make_pair(BreakerState::kOpen, BreakerState::kHalfOpen));
  EXPECT_EQ(seen[2], std::make_pair(BreakerState::kHalfOpen, BreakerState::kClosed));
  EXPECT_EQ(b.trips(), 1u);
}

TEST(CircuitBreaker, TripWhileOpenRestartsTheCooldown) {
  CircuitBreaker b(kConfig);
  b.Trip(0, kT0);
  b.Trip(0, kT0 + milliseconds(900));
  EXPECT_EQ(b.Observe(0, kT0 + milliseconds(1500)), BreakerState::kOpen);
  EXPECT_EQ(b.Observe(0, kT0 + milliseconds(1900)), BreakerState::kHalfOpen);
  EXPECT_EQ(b.trips(), 2u);
}

}  // namespace
}  // namespace piiscan::runtime
