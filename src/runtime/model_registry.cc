#include "runtime/model_registry.h"

#include <algorithm>

namespace piiscan::runtime {

void ModelRegistry::AddMetrics(const std::string& name, Entry* entry) {
  if (metrics_ == nullptr) return;
  const Labels labels = {{"model", name}};
  entry->loads = metrics_->AddCounter("pii_scanner_model_loads_total", "Model loads", labels);
  entry->unloads =
      metrics_->AddCounter("pii_scanner_model_unloads_total", "Idle models unloaded", labels);
  entry->failures =
      metrics_->AddCounter("pii_scanner_model_load_failures_total", "Failed model loads", labels);
  entry->load_seconds =
      metrics_->AddHistogram("pii_scanner_model_load_seconds", "Time to load a model",
                             ExponentialBuckets(0.001, 4, 120), labels);
}

void ModelRegistry::Register(const std::string& name, Loader loader) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[name];
  e.loader = std::move(loader);
  e.model.reset();
  ++e.generation;
  if (e.loads == nullptr) AddMetrics(name, &e);
}

Result<std::shared_ptr<const void>> ModelRegistry::GetAny(const std::string& name) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = entries_.find(name);
  if (it == entries_.end()) return MakeError(ErrorCode::kNotFound, "no model named " + name);
  Entry& e = it->second;

  // One load at a time per model: others wait for its outcome.
  loaded_.wait(lock, [&e] { return !e.loading; });
  e.last_used = std::chrono::steady_clock::now();
  if (e.model) return e.model;

  e.loading = true;
  const Loader loader = e.loader;
  const uint64_t generation = e.generation;
  lock.unlock();
  const auto start = std::chrono::steady_clock::now();
  Result<std::shared_ptr<const void>> model = loader();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  lock.lock();

  e.loading = false;
  loaded_.notify_all();
  if (!model) {
    if (e.failures != nullptr) e.failures->Add();
    return model;
  }
  if (e.loads != nullptr) e.loads->Add();
  if (e.load_seconds != nullptr) e.load_seconds->Observe(seconds);
  if (e.generation == generation) e.model = *model;
  return model;
}

Status ModelRegistry::Reload(const std::string& name) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = entries_.find(name);
  if (it == entries_.end()) return MakeError(ErrorCode::kNotFound, "no model named " + name);
  Entry& e = it->second;
  loaded_.wait(lock, [&e] { return !e.loading; });
  e.loading = true;
  const Loader loader = e.loader;
  lock.unlock();
  const auto start = std::chrono::steady_clock::now();
  Result<std::shared_ptr<const void>> model = loader();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::shared_ptr<const void> old;  // freed outside the lock
  lock.lock();

  e.loading = false;
  loaded_.notify_all();
  if (!model) {
    if (e.failures != nullptr) e.failures->Add();
    return tl::unexpected(model.error());
  }
  if (e.loads != nullptr) e.loads->Add();
  if (e.load_seconds != nullptr) e.load_seconds->Observe(seconds);
  old = std::move(e.model);
  e.model = std::move(*model);
  e.last_used = std::chrono::steady_clock::now();
  lock.unlock();
  return {};
}

size_t ModelRegistry::UnloadIdle(size_t max_models) {
  std::vector<std::shared_ptr<const void>> dropped;  // freed outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Entry*> idle;
  for (auto& [name, e] : entries_) {
    if (e.model && !e.loading && e.model.use_count() == 1) idle.push_back(&e);
  }
  std::sort(idle.begin(), idle.end(),
            [](const Entry* a, const Entry* b) { return a->last_used < b->last_used; });
  size_t n = std::min(max_models, idle.size());
  for (size_t i = 0; i < n; ++i) {
    dropped.push_back(std::move(idle[i]->model));
    idle[i]->model.reset();
    if (idle[i]->unloads != nullptr) idle[i]->unloads->Add();
  }
  return n;
}

Status ModelRegistry::LoadAll() {
  std::vector<std::string> names;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [name, e] : entries_) names.push_back(name);
  }
  for (const std::string& name : names) {
    auto model = GetAny(name);
    if (!model) return tl::unexpected(model.error());
  }
  return {};
}

bool ModelRegistry::AllLoaded() const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, e] : entries_) {
    if (!e.model) return false;
  }
  return true;
}

}  // namespace piiscan::runtime
