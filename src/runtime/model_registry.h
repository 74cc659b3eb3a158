#pragma once

// Heavy resources ("models": the compiled pattern database with its
// validators and phone metadata, later name models and OCR engines) are
// loaded lazily, shared read-only, and unloaded when idle under memory
// pressure.
//
//   ModelRegistry models(&metrics);
//   models.Register("analyzer", [cfg] { return LoadAnalyzer(cfg); });
//   auto analyzer = models.Get<const Analyzer>("analyzer");  // loads once
//
// A model is idle when nobody but the registry holds it. UnloadIdle()
// drops idle models, least recently used first; the next Get() loads them
// again. Loads, unloads and load seconds are counted per model.
//
// Thread safety: every method may be called from any thread. Loaders run
// outside the registry lock, one load per model at a time.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "piiscan/status.h"
#include "runtime/metrics.h"

namespace piiscan::runtime {

class ModelRegistry {
 public:
  using Loader = std::function<Result<std::shared_ptr<const void>>()>;

  // `metrics` may be null.
  explicit ModelRegistry(MetricsRegistry* metrics) : metrics_(metrics) {}

  // Declares a model; nothing is loaded yet. Registering a name again
  // replaces its loader and drops the loaded instance (used to reload a
  // catalogue): holders of the old instance keep it until they let go.
  void Register(const std::string& name, Loader loader);

  // The model, loaded on first use. Errors: kNotFound for an unknown name,
  // or the loader's error.
  Result<std::shared_ptr<const void>> GetAny(const std::string& name);

  template <typename T>
  Result<std::shared_ptr<const T>> Get(const std::string& name) {
    auto any = GetAny(name);
    if (!any) return tl::unexpected(any.error());
    return std::static_pointer_cast<const T>(*any);
  }

  // Loads `name` again now. On success the new instance replaces the old
  // one (holders keep the old until they let go); on failure the old one
  // stays and the error is returned.
  Status Reload(const std::string& name);

  // Unloads up to `max_models` idle models, least recently used first.
  // Returns how many were unloaded.
  size_t UnloadIdle(size_t max_models);

  // Loads every registered model now (for readiness).
  Status LoadAll();

  // True when every registered model is loaded.
  bool AllLoaded() const;

 private:
  struct Entry {
    Loader loader;
    std::shared_ptr<const void> model;
    std::chrono::steady_clock::time_point last_used;
    bool loading = false;
    uint64_t generation = 0;  // bumped by Register, so a stale load is dropped
    Counter* loads = nullptr;
    Counter* unloads = nullptr;
    Counter* failures = nullptr;
    Histogram* load_seconds = nullptr;
  };

  void AddMetrics(const std::string& name, Entry* entry);

  MetricsRegistry* const metrics_;
  mutable std::mutex mu_;
  std::condition_variable loaded_;
  std::map<std::string, Entry> entries_;
};

// A bounded pool of objects that are not thread-safe: each caller leases
// one, uses it alone, and the lease gives it back.
//
//   Pool<Scratch> pool(2, [] { return std::make_unique<Scratch>(); }, waits);
//   auto lease = pool.Acquire(std::chrono::milliseconds(500));
//   if (!lease) return lease.error();  // kResourceExhausted after the wait
//   (*lease)->Use();
template <typename T>
class Pool {
 public:
  using Factory = std::function<std::unique_ptr<T>()>;

  class Lease {
   public:
    Lease(Lease&& o) noexcept : pool_(o.pool_), item_(std::move(o.item_)) { o.pool_ = nullptr; }
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->Return(std::move(item_));
    }
    T* operator->() const { return item_.get(); }
    T& operator*() const { return *item_; }

   private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<T> item) : pool_(pool), item_(std::move(item)) {}
    Pool* pool_;
    std::unique_ptr<T> item_;
  };

  // At most `size` objects exist; they are made by `factory` on demand.
  // `waits` (may be null) counts acquisitions that had to wait.
  Pool(size_t size, Factory factory, Counter* waits = nullptr)
      : size_(size == 0 ? 1 : size), factory_(std::move(factory)), waits_(waits) {}

  // REQUIRES: every lease is gone before the pool.
  ~Pool() = default;

  // Leases an object, waiting up to `timeout` for one to be returned.
  // Errors: kResourceExhausted when the wait ran out.
  Result<Lease> Acquire(std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    if (free_.empty() && made_ >= size_) {
      if (waits_ != nullptr) waits_->Add();
      if (!cv_.wait_for(lock, timeout, [this] { return !free_.empty() || made_ < size_; })) {
        return MakeError(ErrorCode::kResourceExhausted,
                         "all " + std::to_string(size_) + " pool slots busy for " +
                             std::to_string(timeout.count()) + " ms");
      }
    }
    if (!free_.empty()) {
      std::unique_ptr<T> item = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(item));
    }
    ++made_;
    lock.unlock();
    return Lease(this, factory_());
  }

  size_t in_use() const {
    std::lock_guard<std::mutex> lock(mu_);
    return made_ - free_.size();
  }
  size_t size() const { return size_; }

 private:
  void Return(std::unique_ptr<T> item) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(item));
    }
    cv_.notify_one();
  }

  const size_t size_;
  const Factory factory_;
  Counter* const waits_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<T>> free_;
  size_t made_ = 0;
};

}  // namespace piiscan::runtime
