#include "runtime/retry.h"

#include <algorithm>
#include <cmath>

namespace piiscan::runtime {

bool IsTransient(ErrorCode code) {
  return code == ErrorCode::kUnavailable || code == ErrorCode::kIo;
}

std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, double unit) {
  const double base = static_cast<double>(policy.min_delay.count()) *
                      std::pow(policy.multiplier, std::max(0, attempt - 1));
  const double jittered = base * (1.0 - policy.jitter + 2.0 * policy.jitter * unit);
  const double lo = static_cast<double>(policy.min_delay.count());
  const double hi = std::max(lo, static_cast<double>(policy.max_delay.count()));
  const double clamped = std::max(lo, std::min(hi, jittered));
  return std::chrono::milliseconds(static_cast<int64_t>(clamped));
}

}  // namespace piiscan::runtime
