#include "runtime/breaker.h"

namespace piiscan::runtime {

const char* BreakerStateName(BreakerState state) {
  switch (state) {
    case BreakerState::kClosed:
      return "closed";
    case BreakerState::kOpen:
      return "open";
    case BreakerState::kHalfOpen:
      return "half_open";
  }
  return "closed";
}

BreakerState NextBreakerState(BreakerState state, const BreakerInput& input,
                              Clock::time_point opened_at, const BreakerConfig& config) {
  if (input.trip) return BreakerState::kOpen;
  const bool high = input.usage_bytes >= config.high_water_bytes;
  switch (state) {
    case BreakerState::kClosed:
      return high ? BreakerState::kOpen : BreakerState::kClosed;
    case BreakerState::kOpen:
      return input.now - opened_at >= config.cooldown ? BreakerState::kHalfOpen
                                                      : BreakerState::kOpen;
    case BreakerState::kHalfOpen:
      if (high) return BreakerState::kOpen;
      return input.usage_bytes < config.low_water_bytes ? BreakerState::kClosed
                                                        : BreakerState::kHalfOpen;
  }
  return state;
}

CircuitBreaker::CircuitBreaker(BreakerConfig config, OnTransition on_transition)
    : config_(config), on_transition_(std::move(on_transition)) {}

BreakerState CircuitBreaker::Step(const BreakerInput& input) {
  std::lock_guard<std::mutex> lock(mu_);
  const BreakerState from = state_;
  const BreakerState to = NextBreakerState(from, input, opened_at_, config_);
  // A forced trip of an open breaker restarts its cooldown.
  if (to == BreakerState::kOpen && (from != BreakerState::kOpen || input.trip)) {
    opened_at_ = input.now;
    ++trips_;
  }
  state_ = to;
  if (from != to && on_transition_) on_transition_(from, to, input.usage_bytes);
  return to;
}

BreakerState CircuitBreaker::Observe(uint64_t usage_bytes, Clock::time_point now) {
  return Step({usage_bytes, now, false});
}

void CircuitBreaker::Trip(uint64_t usage_bytes, Clock::time_point now) {
  Step({usage_bytes, now, true});
}

BreakerState CircuitBreaker::state() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

std::chrono::milliseconds CircuitBreaker::RetryAfter(Clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (state_ == BreakerState::kClosed) return std::chrono::milliseconds(0);
  auto left =
      config_.cooldown - std::chrono::duration_cast<std::chrono::milliseconds>(now - opened_at_);
  // Half-open: the cooldown is over; usage must fall, so ask for a short wait.
  return left.count() > 1000 ? left : std::chrono::milliseconds(1000);
}

uint64_t CircuitBreaker::trips() const {
  std::lock_guard<std::mutex> lock(mu_);
  return trips_;
}

}  // namespace piiscan::runtime
