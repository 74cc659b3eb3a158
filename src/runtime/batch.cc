#include "runtime/batch.h"

#include <algorithm>

namespace piiscan::runtime {

BatchSizer::BatchSizer(BatchConfig config)
    : config_(config),
      size_(std::clamp(config.initial_items, config.min_items,
                       std::max(config.min_items, config.max_items))) {}

size_t BatchSizer::Next(uint64_t headroom_bytes, uint64_t bytes_per_item) const {
  size_t n = size_;
  if (bytes_per_item > 0) {
    const double budget = static_cast<double>(headroom_bytes) * config_.headroom_share;
    const double fits = budget / static_cast<double>(bytes_per_item);
    if (fits < static_cast<double>(n)) n = static_cast<size_t>(fits);
  }
  return std::max(n, config_.min_items);
}

void BatchSizer::Record(size_t items, double seconds, bool pressure) {
  const double target = std::chrono::duration<double>(config_.target).count();
  const size_t ceiling = std::max(config_.min_items, config_.max_items);
  if (pressure || seconds > target) {
    size_ = std::max(config_.min_items, size_ / 2);
    return;
  }
  // Grow only from a batch that used the whole size: a short last batch
  // says nothing about a bigger one.
  if (items >= size_ && seconds * 2 <= target) size_ = std::min(ceiling, size_ * 2);
}

}  // namespace piiscan::runtime
