#include "runtime/batch.h"

#include <gtest/gtest.h>

namespace piiscan::runtime {
namespace {

TEST(BatchSizer, GrowsWhileFastAndCalmUpToTheMax) {
  BatchSizer s({.min_items = 1, .max_items = 64, .initial_items = 8});
  s.Record(8, 0.1, false);
  EXPECT_EQ(s.size(), 16u);
  s.Record(16, 0.1, false);
  s.Record(32, 0.1, false);
  s.Record(64, 0.1, false);
  EXPECT_EQ(s.size(), 64u);
}

TEST(BatchSizer, HalvesUnderPressureOrWhenSlowAndNeverGoesUnderTheMin) {
  BatchSizer s({.min_items = 2, .max_items = 64, .initial_items = 32});
  s.Record(32, 0.1, true);
  EXPECT_EQ(s.size(), 16u);
  s.Record(16, 5.0, false);
  EXPECT_EQ(s.size(), 8u);
  for (int i = 0; i < 10; ++i) s.Record(8, 0.1, true);
  EXPECT_EQ(s.size(), 2u);
}

TEST(BatchSizer, ShortOrMediumBatchesDoNotGrowIt) {
  BatchSizer s({.initial_items = 16});
  s.Record(3, 0.01, false);  // a last, short batch
  EXPECT_EQ(s.size(), 16u);
  s.Record(16, 0.7, false);  // within target, but not with room to double
  EXPECT_EQ(s.size(), 16u);
}

TEST(BatchSizer, HeadroomCapsTheBatch) {
  BatchSizer s({.min_items = 1, .max_items = 1024, .initial_items = 512});
  // 10 MB headroom, half usable, 1 MB per item: 5 items.
  EXPECT_EQ(s.Next(10'000'000, 1'000'000), 5u);
  EXPECT_EQ(s.Next(0, 1'000'000), 1u);  // never under the minimum
  EXPECT_EQ(s.Next(10'000'000, 0), 512u);
}

}  // namespace
}  // namespace piiscan::runtime
