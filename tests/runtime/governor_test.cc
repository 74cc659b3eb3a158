#include "runtime/governor.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace piiscan::runtime {
namespace {

std::string TempFile(const std::string& content) {
  char name[] = "/tmp/piiscan_governor_XXXXXX";
  int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, content.data(), content.size()), static_cast<ssize_t>(content.size()));
  close(fd);
  return name;
}

TEST(ResolveMemoryLimit, ConfigWinsThenCgroupThenDefault) {
  GovernorConfig c;
  c.cgroup_memory_max = TempFile("536870912\n");
  EXPECT_EQ(ResolveMemoryLimit(c), 536870912u);
  c.limit_bytes = 1000;
  EXPECT_EQ(ResolveMemoryLimit(c), 1000u);
  unlink(c.cgroup_memory_max.c_str());

  GovernorConfig unlimited;
  unlimited.cgroup_memory_max = TempFile("max\n");
  EXPECT_EQ(ResolveMemoryLimit(unlimited), kDefaultMemoryLimit);
  unlink(unlimited.cgroup_memory_max.c_str());

  GovernorConfig garbage;
  garbage.cgroup_memory_max = TempFile("lots\n");
  EXPECT_EQ(ResolveMemoryLimit(garbage), kDefaultMemoryLimit);
  unlink(garbage.cgroup_memory_max.c_str());

  GovernorConfig missing;
  missing.cgroup_memory_max = "/nonexistent/memory.max";
  EXPECT_EQ(ResolveMemoryLimit(missing), kDefaultMemoryLimit);
}

TEST(ReadRssBytes, GrowsWhenPagesAreTouched) {
  const uint64_t before = ReadRssBytes();
  ASSERT_GT(before, 0u);
  std::vector<char> block(64u << 20);
  for (size_t i = 0; i < block.size(); i += 4096) block[i] = 1;
  EXPECT_GE(ReadRssBytes(), before + (48u << 20));
}

TEST(MemoryGovernor, ReservationsCountAndAreReleased) {
  GovernorConfig c;
  c.limit_bytes = ReadRssBytes() + (1u << 30);
  MemoryGovernor g(c, nullptr);
  {
    auto r = g.Reserve(100u << 20);
    ASSERT_TRUE(r) << r.error().ToString();
    EXPECT_EQ(g.reserved_bytes(), 100u << 20);
    Reservation moved = std::move(*r);
    EXPECT_EQ(g.reserved_bytes(), 100u << 20);
  }
  EXPECT_EQ(g.reserved_bytes(), 0u);
}

TEST(MemoryGovernor, ReservationCrossingHighWaterIsRefusedWithoutTripping) {
  GovernorConfig c;
  c.limit_bytes = ReadRssBytes() + (100u << 20);
  MemoryGovernor g(c, nullptr);
  auto r = g.Reserve(200u << 20);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(g.breaker().state(), BreakerState::kClosed);
  EXPECT_EQ(g.reserved_bytes(), 0u);
}

TEST(MemoryGovernor, UsageOverHighWaterOpensTheBreakerAndItClosesAgain) {
  GovernorConfig c;
  c.limit_bytes = ReadRssBytes() + (200u << 20);
  c.cooldown = std::chrono::milliseconds(50);
  MetricsRegistry metrics;
  MemoryGovernor g(c, &metrics);
  g.set_extra_usage(c.limit_bytes);
  EXPECT_EQ(g.Check(), BreakerState::kOpen);
  EXPECT_FALSE(g.Reserve(1));
  g.set_extra_usage(0);
  EXPECT_EQ(g.Check(), BreakerState::kOpen);  // cooling down
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  EXPECT_EQ(g.Check(), BreakerState::kHalfOpen);
  EXPECT_EQ(g.Check(), BreakerState::kClosed);
  EXPECT_TRUE(g.Reserve(1));
  const std::string page = metrics.Render();
  EXPECT_NE(page.find("pii_scanner_breaker_trips_total 1\n"), std::string::npos) << page;
  EXPECT_NE(page.find("pii_scanner_breaker_transitions_total{to=\"closed\"} 1\n"),
            std::string::npos);
  EXPECT_NE(page.find("pii_scanner_memory_usage_bytes "), std::string::npos);
}

}  // namespace
}  // namespace piiscan::runtime
