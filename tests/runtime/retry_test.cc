#include "runtime/retry.h"

#include <gtest/gtest.h>

#include <vector>

namespace piiscan::runtime {
namespace {

using std::chrono::milliseconds;

TEST(BackoffDelay, DefaultsStayBetweenFourAndTenSeconds) {
  RetryPolicy p;
  for (int attempt = 1; attempt <= 5; ++attempt) {
    for (double u : {0.0, 0.5, 0.999}) {
      auto d = BackoffDelay(p, attempt, u);
      EXPECT_GE(d, milliseconds(4000));
      EXPECT_LE(d, milliseconds(10000));
    }
  }
  EXPECT_EQ(BackoffDelay(p, 2, 0.5), milliseconds(8000));   // 4 s * 2, no jitter
  EXPECT_EQ(BackoffDelay(p, 3, 0.5), milliseconds(10000));  // capped
}

TEST(BackoffDelay, JitterSpreadsTheWait) {
  RetryPolicy p;
  EXPECT_LT(BackoffDelay(p, 2, 0.0), BackoffDelay(p, 2, 0.99));
}

TEST(Retry, TransientErrorsAreRetriedUpToTheAttempts) {
  RetryPolicy p;
  std::vector<milliseconds> slept;
  Counter retries;
  int calls = 0;
  Status s = Retry(
      p,
      [&]() -> Status {
        ++calls;
        return MakeError(ErrorCode::kUnavailable, "engine busy");
      },
      &retries, [&](milliseconds d) { slept.push_back(d); });
  EXPECT_FALSE(s);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(retries.value(), 2.0);
  ASSERT_EQ(slept.size(), 2u);
  EXPECT_GE(slept[1], slept[0] / 2);
}

TEST(Retry, SuccessAfterATransientFailureStops) {
  RetryPolicy p;
  int calls = 0;
  Result<int> r = Retry(
      p,
      [&]() -> Result<int> {
        if (++calls == 1) return MakeError(ErrorCode::kIo, "temp dir full");
        return 42;
      },
      nullptr, [](milliseconds) {});
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(calls, 2);
}

TEST(Retry, PermanentErrorsAreNotRetried) {
  for (ErrorCode code : {ErrorCode::kInvalidArgument, ErrorCode::kParse, ErrorCode::kNotFound,
                         ErrorCode::kInternal, ErrorCode::kResourceExhausted}) {
    int calls = 0;
    Status s = Retry(
        RetryPolicy{},
        [&]() -> Status {
          ++calls;
          return MakeError(code, "bad");
        },
        nullptr, [](milliseconds) { FAIL() << "slept for a permanent error"; });
    EXPECT_FALSE(s);
    EXPECT_EQ(calls, 1) << ErrorCodeName(code);
  }
}

TEST(Retry, ConfigurableAttemptsAndDelays) {
  RetryPolicy p{.attempts = 5, .min_delay = milliseconds(1), .max_delay = milliseconds(3)};
  std::vector<milliseconds> slept;
  int calls = 0;
  Status s = Retry(
      p,
      [&]() -> Status {
        ++calls;
        return MakeError(ErrorCode::kUnavailable, "x");
      },
      nullptr, [&](milliseconds d) { slept.push_back(d); });
  EXPECT_EQ(calls, 5);
  for (auto d : slept) {
    EXPECT_GE(d, milliseconds(1));
    EXPECT_LE(d, milliseconds(3));
  }
}

}  // namespace
}  // namespace piiscan::runtime
