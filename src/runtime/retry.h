#pragma once

// Retrying transient failures with exponential backoff and jitter.
//
//   RetryPolicy policy;                      // 3 attempts, 4-10 s apart
//   auto model = Retry(policy, [&] { return LoadModel(path); }, &retries);
//
// Transient errors (kUnavailable, kIo: a file briefly unreadable, a full
// temporary folder) are tried again; every other code is permanent and
// returned at once. The wait before attempt n+1 is
// min_delay * multiplier^(n-1), scaled by a random factor in
// [1 - jitter, 1 + jitter], then clamped to [min_delay, max_delay].

#include <chrono>
#include <functional>
#include <random>
#include <thread>

#include "piiscan/status.h"
#include "runtime/metrics.h"

namespace piiscan::runtime {

struct RetryPolicy {
  int attempts = 3;  // total tries, the first included
  std::chrono::milliseconds min_delay{4'000};
  std::chrono::milliseconds max_delay{10'000};
  double multiplier = 2.0;
  double jitter = 0.25;  // fraction of the delay
};

// True for codes worth another try.
bool IsTransient(ErrorCode code);

// The wait before attempt `attempt` + 1 (attempt counts from 1). `unit`
// in [0, 1) picks the jitter.
std::chrono::milliseconds BackoffDelay(const RetryPolicy& policy, int attempt, double unit);

using Sleeper = std::function<void(std::chrono::milliseconds)>;

// Sleeps for real; tests pass a sleeper that records instead.
inline void SleepFor(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }

// Runs `fn` until it succeeds, fails permanently or runs out of attempts;
// returns its last result. `retries` (may be null) counts the re-tries.
template <typename Fn>
auto Retry(const RetryPolicy& policy, Fn&& fn, Counter* retries = nullptr,
           const Sleeper& sleep = SleepFor) -> decltype(fn()) {
  thread_local std::minstd_rand rng(std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int attempt = 1;; ++attempt) {
    auto result = fn();
    if (result || !IsTransient(result.error().code) || attempt >= policy.attempts) return result;
    if (retries != nullptr) retries->Add();
    sleep(BackoffDelay(policy, attempt, unit(rng)));
  }
}

}  // namespace piiscan::runtime
