#include "runtime/governor.h"

#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

// jemalloc's control interface, resolved at link time only when jemalloc
// is linked in; otherwise the weak symbol stays null.
extern "C" int mallctl(const char* name, void* oldp, size_t* oldlenp, void* newp, size_t newlen)
    __attribute__((weak));

namespace piiscan::runtime {
namespace {

BreakerConfig BreakerFor(uint64_t limit, const GovernorConfig& config) {
  BreakerConfig b;
  b.high_water_bytes = static_cast<uint64_t>(static_cast<double>(limit) * config.high_water);
  b.low_water_bytes = static_cast<uint64_t>(static_cast<double>(limit) * config.low_water);
  b.cooldown = config.cooldown;
  return b;
}

uint64_t JemallocStat(const char* name) {
  size_t value = 0;
  size_t len = sizeof value;
  if (mallctl(name, &value, &len, nullptr, 0) != 0) return 0;
  return value;
}

}  // namespace

uint64_t ResolveMemoryLimit(const GovernorConfig& config) {
  if (config.limit_bytes > 0) return config.limit_bytes;
  std::ifstream in(config.cgroup_memory_max);
  std::string word;
  // "max" means no limit; a number is the cgroup's limit in bytes.
  if (in >> word && !word.empty() && word != "max") {
    try {
      uint64_t v = std::stoull(word);
      if (v > 0) return v;
    } catch (...) {
      // An unreadable value: fall back to the default.
    }
  }
  return kDefaultMemoryLimit;
}

uint64_t ReadRssBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  return static_cast<uint64_t>(resident) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

std::optional<AllocatorStats> ReadAllocatorStats() {
  if (mallctl == nullptr) return std::nullopt;
  // Statistics are cached by jemalloc until the epoch advances.
  uint64_t epoch = 1;
  size_t len = sizeof epoch;
  mallctl("epoch", &epoch, &len, &epoch, len);
  AllocatorStats s;
  s.allocated = JemallocStat("stats.allocated");
  s.active = JemallocStat("stats.active");
  s.resident = JemallocStat("stats.resident");
  return s;
}

Reservation::Reservation(Reservation&& other) noexcept
    : governor_(other.governor_), bytes_(other.bytes_) {
  other.governor_ = nullptr;
  other.bytes_ = 0;
}

Reservation& Reservation::operator=(Reservation&& other) noexcept {
  if (this != &other) {
    Release();
    governor_ = other.governor_;
    bytes_ = other.bytes_;
    other.governor_ = nullptr;
    other.bytes_ = 0;
  }
  return *this;
}

Reservation::~Reservation() { Release(); }

void Reservation::Release() {
  if (governor_ != nullptr) governor_->Unreserve(bytes_);
  governor_ = nullptr;
  bytes_ = 0;
}

MemoryGovernor::MemoryGovernor(const GovernorConfig& config, MetricsRegistry* metrics)
    : limit_(ResolveMemoryLimit(config)),
      breaker_(BreakerFor(limit_, config), [this](BreakerState from, BreakerState to, uint64_t u) {
        if (transitions_[static_cast<int>(to)] != nullptr) {
          transitions_[static_cast<int>(to)]->Add();
        }
        if (to == BreakerState::kOpen && trips_ != nullptr) trips_->Add();
        if (to == BreakerState::kOpen) RelievePressure();
        // One structured line per transition, for operators.
        std::fprintf(stderr,
                     "{\"logger\":\"runtime.breaker\",\"event\":\"transition\",\"from\":\"%s\","
                     "\"to\":\"%s\",\"usage_bytes\":%llu,\"limit_bytes\":%llu}\n",
                     BreakerStateName(from), BreakerStateName(to),
                     static_cast<unsigned long long>(u), static_cast<unsigned long long>(limit_));
      }) {
  if (metrics != nullptr) RegisterMetrics(metrics);
}

void MemoryGovernor::RegisterMetrics(MetricsRegistry* metrics) {
  trips_ = metrics->AddCounter("pii_scanner_breaker_trips_total", "Times the breaker opened");
  for (BreakerState s : {BreakerState::kClosed, BreakerState::kOpen, BreakerState::kHalfOpen}) {
    transitions_[static_cast<int>(s)] = metrics->AddCounter(
        "pii_scanner_breaker_transitions_total",
        "Circuit breaker transitions, by the state entered", {{"to", BreakerStateName(s)}});
  }
  metrics->AddCallbackGauge("pii_scanner_memory_usage_bytes", "Resident memory of the process",
                            [this] { return static_cast<double>(UsageBytes()); });
  metrics->AddCallbackGauge("pii_scanner_memory_limit_bytes", "Memory limit the governor enforces",
                            [this] { return static_cast<double>(limit_); });
  metrics->AddCallbackGauge("pii_scanner_memory_reserved_bytes", "Bytes reserved by admitted work",
                            [this] { return static_cast<double>(reserved_.load()); });
  metrics->AddCallbackGauge(
      "pii_scanner_breaker_state", "Circuit breaker state: 0 closed, 1 open, 2 half-open",
      [this] { return static_cast<double>(static_cast<int>(breaker_.state())); });
  if (!ReadAllocatorStats()) return;
  const char* const kinds[] = {"allocated", "active", "resident"};
  for (const char* kind : kinds) {
    std::string k = kind;
    metrics->AddCallbackGauge("pii_scanner_allocator_bytes",
                              "jemalloc statistics: allocated, active, resident",
                              [k] {
                                auto s = ReadAllocatorStats();
                                if (!s) return 0.0;
                                return static_cast<double>(k == "allocated" ? s->allocated
                                                           : k == "active"  ? s->active
                                                                            : s->resident);
                              },
                              {{"kind", k}});
  }
}

void MemoryGovernor::RelievePressure() {
  if (on_pressure_) on_pressure_();
  ReleaseFreedMemory();
}

void MemoryGovernor::ReleaseFreedMemory() {
  const int64_t now = Clock::now().time_since_epoch().count();
  int64_t last = last_trim_.load();
  const int64_t gap =
      std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(500)).count();
  if (now - last < gap || !last_trim_.compare_exchange_strong(last, now)) return;
  // Freed heap pages go back to the kernel, so RSS can fall under the
  // low-water mark and the breaker can close.
  if (mallctl != nullptr) {
    // jemalloc: purge every arena ("arena.<MALLCTL_ARENAS_ALL>.purge").
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
    return;
  }
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

Status MemoryGovernor::Grow(Reservation* r, uint64_t bytes) {
  auto more = Reserve(bytes);
  if (!more) return tl::unexpected(more.error());
  if (r->governor_ != nullptr && r->governor_ != this) {
    return MakeError(ErrorCode::kInternal, "reservation of another governor");
  }
  r->governor_ = this;
  r->bytes_ += more->bytes_;
  more->governor_ = nullptr;  // now counted in *r
  more->bytes_ = 0;
  return {};
}

uint64_t MemoryGovernor::UsageBytes() const {
  // Reading /proc costs three system calls: a reading younger than 5 ms is
  // reused. Reservations are counted at once, so bursts are still seen.
  const int64_t now = Clock::now().time_since_epoch().count();
  const int64_t fresh =
      std::chrono::duration_cast<Clock::duration>(std::chrono::milliseconds(5)).count();
  if (now - rss_at_.load(std::memory_order_relaxed) >= fresh) {
    rss_.store(ReadRssBytes(), std::memory_order_relaxed);
    rss_at_.store(now, std::memory_order_relaxed);
  }
  return rss_.load(std::memory_order_relaxed) + extra_.load();
}

uint64_t MemoryGovernor::HeadroomBytes() const {
  const uint64_t used = UsageBytes() + reserved_.load();
  const uint64_t high = breaker_.config().high_water_bytes;
  return used >= high ? 0 : high - used;
}

BreakerState MemoryGovernor::Check() {
  const BreakerState state = breaker_.Observe(UsageBytes());
  // While refusing work, keep handing freed memory back, so usage can
  // reach the low-water mark.
  if (state != BreakerState::kClosed) ReleaseFreedMemory();
  return state;
}

Result<Reservation> MemoryGovernor::Reserve(uint64_t bytes) {
  if (Check() != BreakerState::kClosed) {
    return MakeError(ErrorCode::kUnavailable,
                     "memory breaker is " + std::string(BreakerStateName(breaker_.state())));
  }
  const uint64_t after = reserved_.fetch_add(bytes) + bytes;
  if (UsageBytes() + after >= breaker_.config().high_water_bytes) {
    reserved_.fetch_sub(bytes);
    // Freed memory the allocator still holds counts as used: hand it back
    // (at most twice a second), so that refusals do not outlast the load.
    ReleaseFreedMemory();
    return MakeError(ErrorCode::kUnavailable,
                     "reserving " + std::to_string(bytes) + " bytes would cross the memory limit");
  }
  return Reservation(this, bytes);
}

}  // namespace piiscan::runtime
