#pragma once

// The memory circuit breaker: an explicit state machine.
//
//   kClosed   --usage >= high water-->            kOpen
//   kOpen     --cooldown elapsed-->               kHalfOpen
//   kHalfOpen --usage < low water-->              kClosed
//   kHalfOpen --usage >= high water-->            kOpen (a new cooldown)
//   kOpen     --Trip() (an allocation failed)-->  kOpen (cooldown restarts)
//   kClosed/kHalfOpen --Trip()-->                 kOpen
// Every other (state, input) pair keeps the state.
//
// Work is admitted only when the breaker is closed. While open, usage is
// not looked at: the cooldown keeps the breaker from flapping around the
// high-water mark. Half-open waits for usage to fall under the low-water
// mark, which sits well below the high-water one (hysteresis).

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace piiscan::runtime {

enum class BreakerState { kClosed = 0, kOpen = 1, kHalfOpen = 2 };

// "closed", "open", "half_open".
const char* BreakerStateName(BreakerState state);

using Clock = std::chrono::steady_clock;

struct BreakerConfig {
  // Usage (bytes) at or above which the breaker opens.
  uint64_t high_water_bytes = 0;
  // Usage (bytes) under which a half-open breaker closes.
  uint64_t low_water_bytes = 0;
  // Time an open breaker waits before it turns half-open.
  std::chrono::milliseconds cooldown{60'000};
};

// What the transition function looks at.
struct BreakerInput {
  uint64_t usage_bytes = 0;
  Clock::time_point now;
  bool trip = false;  // a forced trip (an allocation failed)
};

// The transition function: pure, so each edge can be tested alone.
// `opened_at` is when the breaker last opened.
BreakerState NextBreakerState(BreakerState state, const BreakerInput& input,
                              Clock::time_point opened_at, const BreakerConfig& config);

// The stateful breaker. Thread safety: all methods may be called from any
// thread; the transition callback runs under the breaker's lock and must
// not call back into the breaker.
class CircuitBreaker {
 public:
  using OnTransition = std::function<void(BreakerState from, BreakerState to, uint64_t usage)>;

  explicit CircuitBreaker(BreakerConfig config, OnTransition on_transition = nullptr);

  // Feeds one usage reading; returns the state after it.
  BreakerState Observe(uint64_t usage_bytes, Clock::time_point now = Clock::now());
  // Opens the breaker whatever the usage (an allocation failed).
  void Trip(uint64_t usage_bytes, Clock::time_point now = Clock::now());

  BreakerState state() const;
  // How long until an open breaker turns half-open (0 when not open).
  std::chrono::milliseconds RetryAfter(Clock::time_point now = Clock::now()) const;
  uint64_t trips() const;
  const BreakerConfig& config() const { return config_; }

 private:
  BreakerState Step(const BreakerInput& input);

  const BreakerConfig config_;
  const OnTransition on_transition_;
  mutable std::mutex mu_;
  BreakerState state_ = BreakerState::kClosed;
  Clock::time_point opened_at_{};
  uint64_t trips_ = 0;
};

}  // namespace piiscan::runtime
