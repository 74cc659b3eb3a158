#pragma once

// Adaptive batch sizes for batch work (lists of texts, JSON Lines, rows).
//
//   BatchSizer sizer;                                   // 16 to start
//   while (left) {
//     size_t n = sizer.Next(governor.HeadroomBytes(), avg_item_bytes);
//     ... process n items, holding a reservation for them ...
//     sizer.Record(n, seconds, /*pressure=*/breaker_not_closed);
//   }
//
// The size grows (doubles) after a batch that ran without memory pressure
// and within the time target, and halves after pressure or a slow batch:
// additive growth would take too long to recover after a short spike.
// Whatever the history, a batch never needs more than a share of the
// memory headroom, at the measured bytes per item.
//
// Thread safety: one sizer per batch loop; not shared.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace piiscan::runtime {

struct BatchConfig {
  size_t min_items = 1;
  size_t max_items = 1024;
  size_t initial_items = 16;
  // A batch should take about this long: progress is reported and
  // cancellation is seen between batches.
  std::chrono::milliseconds target{1000};
  // Share of the memory headroom one batch may plan to use.
  double headroom_share = 0.5;
};

class BatchSizer {
 public:
  explicit BatchSizer(BatchConfig config = {});

  // The next batch's size: the learned size, capped so that
  // size * bytes_per_item stays within the headroom share (at least
  // min_items).
  size_t Next(uint64_t headroom_bytes, uint64_t bytes_per_item) const;

  // Learns from a finished batch of `items` that took `seconds`;
  // `pressure` says memory ran short meanwhile.
  void Record(size_t items, double seconds, bool pressure);

  size_t size() const { return size_; }

 private:
  BatchConfig config_;
  size_t size_;
};

}  // namespace piiscan::runtime
