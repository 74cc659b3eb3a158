#pragma once

// The memory governor: knows the process' memory limit and usage, drives
// the circuit breaker, and hands out reservations for work about to
// allocate.
//
//   MemoryGovernor governor(config, metrics);
//   auto r = governor.Reserve(text.size() * 4);   // before the work
//   if (!r) return r.error();                      // kUnavailable: 503
//   ... work ...                                   // released by ~Reservation
//
// Usage is the resident set size (/proc/self/statm); the breaker acts on
// it. A reservation is admitted only while usage plus every outstanding
// reservation stays under the high-water mark, so a burst of admitted work
// counts before it has allocated. When jemalloc is linked, its statistics (allocated,
// active, resident) are read too and exported; the breaker still acts on
// RSS, which is what the kernel's OOM killer looks at.
//
// Thread safety: every method may be called from any thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "piiscan/status.h"
#include "runtime/breaker.h"
#include "runtime/metrics.h"

namespace piiscan::runtime {

inline constexpr uint64_t kDefaultMemoryLimit = 1'400'000'000;  // 1.4 GB

struct GovernorConfig {
  // Memory limit in bytes; 0: the cgroup's memory.max, else 1.4 GB.
  uint64_t limit_bytes = 0;
  // Fractions of the limit: the breaker opens at or above `high_water` and
  // a half-open breaker closes under `low_water`.
  double high_water = 0.85;
  double low_water = 0.70;
  // Time an open breaker waits before it turns half-open.
  std::chrono::milliseconds cooldown{60'000};
  // Where to look for cgroup v2's memory.max (tests point it elsewhere).
  std::string cgroup_memory_max = "/sys/fs/cgroup/memory.max";
};

// The limit `config` implies: its own, else the cgroup's, else 1.4 GB.
uint64_t ResolveMemoryLimit(const GovernorConfig& config);

// Resident set size of this process, from /proc/self/statm; 0 if unknown.
uint64_t ReadRssBytes();

// jemalloc's statistics; nullopt when jemalloc is not the allocator.
struct AllocatorStats {
  uint64_t allocated = 0;  // bytes handed to the program
  uint64_t active = 0;     // bytes in pages holding them
  uint64_t resident = 0;   // bytes the allocator keeps resident
};
std::optional<AllocatorStats> ReadAllocatorStats();

class MemoryGovernor;

// Bytes promised to one piece of work; released on destruction. Movable.
class Reservation {
 public:
  Reservation() = default;
  Reservation(Reservation&& other) noexcept;
  Reservation& operator=(Reservation&& other) noexcept;
  Reservation(const Reservation&) = delete;
  Reservation& operator=(const Reservation&) = delete;
  ~Reservation();

  uint64_t bytes() const { return bytes_; }

 private:
  friend class MemoryGovernor;
  Reservation(MemoryGovernor* governor, uint64_t bytes) : governor_(governor), bytes_(bytes) {}
  void Release();

  MemoryGovernor* governor_ = nullptr;
  uint64_t bytes_ = 0;
};

class MemoryGovernor {
 public:
  // `metrics` may be null. Registers the memory and breaker metrics.
  MemoryGovernor(const GovernorConfig& config, MetricsRegistry* metrics);

  // Samples usage, feeds the breaker and returns its state.
  BreakerState Check();

  // Admits work that will use about `bytes`: kUnavailable when the breaker
  // is not closed or when the reservation would cross the high-water mark.
  // REQUIRES: the governor outlives the reservation.
  Result<Reservation> Reserve(uint64_t bytes);

  // Adds `bytes` to an existing reservation (an empty one included), on
  // the same terms as Reserve(). On error `r` is unchanged.
  Status Grow(Reservation* r, uint64_t bytes);

  // Bytes left under the high-water mark after usage and reservations.
  uint64_t HeadroomBytes() const;

  // RSS (plus the injected ballast), read at most every 5 ms;
  // reservations are not included.
  uint64_t UsageBytes() const;
  uint64_t limit_bytes() const { return limit_; }
  uint64_t reserved_bytes() const { return reserved_.load(); }
  CircuitBreaker& breaker() { return breaker_; }

  // Called when the breaker opens, before freed heap memory is handed
  // back to the kernel: drop caches, unload idle models. Runs under the
  // breaker's lock: it must not call the governor.
  // REQUIRES: set before the governor is shared between threads.
  void set_on_pressure(std::function<void()> fn) { on_pressure_ = std::move(fn); }

  // Usage above RSS that tests and fault injection add ("ballast").
  void set_extra_usage(uint64_t bytes) { extra_.store(bytes); }

 private:
  friend class Reservation;
  void Unreserve(uint64_t bytes) { reserved_.fetch_sub(bytes); }
  void RegisterMetrics(MetricsRegistry* metrics);
  void RelievePressure();
  void ReleaseFreedMemory();

  const uint64_t limit_;
  CircuitBreaker breaker_;
  std::atomic<uint64_t> reserved_{0};
  std::atomic<uint64_t> extra_{0};
  Counter* transitions_[3] = {nullptr, nullptr, nullptr};  // by target state
  Counter* trips_ = nullptr;
  std::function<void()> on_pressure_;
  std::atomic<int64_t> last_trim_{0};
  mutable std::atomic<uint64_t> rss_{0};    // last RSS reading
  mutable std::atomic<int64_t> rss_at_{0};  // when it was taken
};

}  // namespace piiscan::runtime
