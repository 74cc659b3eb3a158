#include "runtime/model_registry.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace piiscan::runtime {
namespace {

using std::chrono::milliseconds;

ModelRegistry::Loader CountingLoader(std::atomic<int>* loads, int value) {
  return [loads, value]() -> Result<std::shared_ptr<const void>> {
    ++*loads;
    return std::make_shared<const int>(value);
  };
}

TEST(ModelRegistry, LoadsLazilyAndOnce) {
  MetricsRegistry metrics;
  ModelRegistry models(&metrics);
  std::atomic<int> loads{0};
  models.Register("m", CountingLoader(&loads, 7));
  EXPECT_EQ(loads, 0);
  EXPECT_FALSE(models.AllLoaded());
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] { EXPECT_EQ(**models.Get<int>("m"), 7); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(loads, 1);
  EXPECT_TRUE(models.AllLoaded());
  EXPECT_NE(metrics.Render().find("pii_scanner_model_loads_total{model=\"m\"} 1"),
            std::string::npos);
}

TEST(ModelRegistry, UnknownModelIsNotFound) {
  ModelRegistry models(nullptr);
  auto m = models.GetAny("nope");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::kNotFound);
}

TEST(ModelRegistry, LoadErrorIsReturnedAndRetriedOnNextGet) {
  ModelRegistry models(nullptr);
  int calls = 0;
  models.Register("m", [&]() -> Result<std::shared_ptr<const void>> {
    if (++calls == 1) return MakeError(ErrorCode::kIo, "model file unreadable");
    return std::make_shared<const int>(1);
  });
  EXPECT_FALSE(models.GetAny("m"));
  EXPECT_TRUE(models.GetAny("m"));
  EXPECT_EQ(calls, 2);
}

TEST(ModelRegistry, UnloadsIdleModelsLeastRecentlyUsedFirstAndNeverHeldOnes) {
  ModelRegistry models(nullptr);
  std::atomic<int> a{0}, b{0}, c{0};
  models.Register("a", CountingLoader(&a, 1));
  models.Register("b", CountingLoader(&b, 2));
  models.Register("c", CountingLoader(&c, 3));
  ASSERT_TRUE(models.GetAny("a"));
  std::this_thread::sleep_for(milliseconds(2));
  ASSERT_TRUE(models.GetAny("b"));
  std::this_thread::sleep_for(milliseconds(2));
  auto held = models.Get<int>("c");  // in use: never unloaded
  ASSERT_TRUE(held);

  EXPECT_EQ(models.UnloadIdle(1), 1u);  // "a", the least recently used
  ASSERT_TRUE(models.GetAny("b"));
  EXPECT_EQ(b, 1);  // still loaded
  ASSERT_TRUE(models.GetAny("a"));
  EXPECT_EQ(a, 2);  // reloaded on demand

  EXPECT_EQ(models.UnloadIdle(10), 2u);  // a and b; c is held
  ASSERT_TRUE(models.GetAny("c"));
  EXPECT_EQ(c, 1);
}

TEST(ModelRegistry, RegisterAgainReplacesTheModelButHoldersKeepTheOld) {
  ModelRegistry models(nullptr);
  std::atomic<int> loads{0};
  models.Register("m", CountingLoader(&loads, 1));
  auto old = models.Get<int>("m");
  models.Register("m", CountingLoader(&loads, 2));
  EXPECT_EQ(**old, 1);
  EXPECT_EQ(**models.Get<int>("m"), 2);
}

struct Scratch {
  int uses = 0;
};

TEST(Pool, LeasesAtMostSizeObjectsAndReturnsThemOnScopeExit) {
  MetricsRegistry metrics;
  Counter* waits = metrics.AddCounter("waits", "w");
  int made = 0;
  Pool<Scratch> pool(
      2,
      [&] {
        ++made;
        return std::make_unique<Scratch>();
      },
      waits);
  {
    auto l1 = pool.Acquire(milliseconds(10));
    auto l2 = pool.Acquire(milliseconds(10));
    ASSERT_TRUE(l1 && l2);
    EXPECT_EQ(pool.in_use(), 2u);
    auto l3 = pool.Acquire(milliseconds(20));
    ASSERT_FALSE(l3);
    EXPECT_EQ(l3.error().code, ErrorCode::kResourceExhausted);
    EXPECT_EQ(waits->value(), 1.0);
  }
  EXPECT_EQ(pool.in_use(), 0u);
  auto again = pool.Acquire(milliseconds(10));
  ASSERT_TRUE(again);
  EXPECT_EQ(made, 2);
}

TEST(Pool, WaiterGetsTheObjectAReleaserReturns) {
  Pool<Scratch> pool(1, [] { return std::make_unique<Scratch>(); });
  auto held = std::make_unique<Pool<Scratch>::Lease>(*pool.Acquire(milliseconds(10)));
  std::thread releaser([&] {
    std::this_thread::sleep_for(milliseconds(50));
    held.reset();
  });
  auto got = pool.Acquire(milliseconds(5000));
  releaser.join();
  ASSERT_TRUE(got);
  (*got)->uses++;
}

}  // namespace
}  // namespace piiscan::runtime

namespace piiscan::runtime {
namespace {

TEST(ModelRegistry, ReloadSwapsOnSuccessAndKeepsTheOldOnFailure) {
  ModelRegistry models(nullptr);
  int version = 0;
  bool fail = false;
  models.Register("m", [&]() -> Result<std::shared_ptr<const void>> {
    if (fail) return MakeError(ErrorCode::kParse, "catalogue broken");
    return std::make_shared<const int>(++version);
  });
  EXPECT_EQ(**models.Get<int>("m"), 1);
  ASSERT_TRUE(models.Reload("m"));
  EXPECT_EQ(**models.Get<int>("m"), 2);
  fail = true;
  EXPECT_FALSE(models.Reload("m"));
  EXPECT_EQ(**models.Get<int>("m"), 2);
}

}  // namespace
}  // namespace piiscan::runtime
