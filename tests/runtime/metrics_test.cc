#include "runtime/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace piiscan::runtime {
namespace {

TEST(Metrics, RendersCountersGaugesWithHelpTypeAndLabels) {
  MetricsRegistry m;
  m.AddCounter("req_total", "Requests", {{"route", "/analyze"}, {"status", "200"}})->Add(3);
  m.AddCounter("req_total", "Requests", {{"route", "/analyze"}, {"status", "400"}})->Add();
  m.AddGauge("in_flight", "In flight")->Set(2);
  m.AddCallbackGauge("uptime_seconds", "Up", [] { return 1.5; });
  const std::string page = m.Render();
  EXPECT_NE(page.find("# HELP req_total Requests\n# TYPE req_total counter\n"), std::string::npos);
  EXPECT_NE(page.find("req_total{route=\"/analyze\",status=\"200\"} 3\n"), std::string::npos);
  EXPECT_NE(page.find("req_total{route=\"/analyze\",status=\"400\"} 1\n"), std::string::npos);
  EXPECT_NE(page.find("# TYPE in_flight gauge\nin_flight 2\n"), std::string::npos);
  EXPECT_NE(page.find("uptime_seconds 1.5\n"), std::string::npos);
}

TEST(Metrics, SameNameAndLabelsIsTheSameCell) {
  MetricsRegistry m;
  Counter* a = m.AddCounter("c_total", "c", {{"k", "v"}});
  Counter* b = m.AddCounter("c_total", "c", {{"k", "v"}});
  EXPECT_EQ(a, b);
}

TEST(Metrics, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  MetricsRegistry m;
  Histogram* h = m.AddHistogram("d_seconds", "Durations", {0.1, 1, 10});
  for (double v : {0.05, 0.1, 0.5, 5.0, 50.0}) h->Observe(v);
  const std::string page = m.Render();
  EXPECT_NE(page.find("d_seconds_bucket{le=\"0.1\"} 2\n"), std::string::npos) << page;
  EXPECT_NE(page.find("d_seconds_bucket{le=\"1\"} 3\n"), std::string::npos);
  EXPECT_NE(page.find("d_seconds_bucket{le=\"10\"} 4\n"), std::string::npos);
  EXPECT_NE(page.find("d_seconds_bucket{le=\"+Inf\"} 5\n"), std::string::npos);
  EXPECT_NE(page.find("d_seconds_sum 55.65\n"), std::string::npos);
  EXPECT_NE(page.find("d_seconds_count 5\n"), std::string::npos);
}

TEST(Metrics, LabelValuesAreEscaped) {
  EXPECT_EQ(RenderLabels({{"path", "a\"b\\c\nd"}}, nullptr), "{path=\"a\\\"b\\\\c\\nd\"}");
}

TEST(Metrics, InvalidNamesAndTypeClashesNeverBreakThePage) {
  EXPECT_FALSE(ValidMetricName("9lives"));
  EXPECT_FALSE(ValidMetricName("a-b"));
  EXPECT_TRUE(ValidMetricName("pii_scanner:x_1"));
  MetricsRegistry m;
  m.AddCounter("x", "x")->Add();
  m.AddGauge("x", "x")->Set(1);
  const std::string page = m.Render();
  EXPECT_NE(page.find("# TYPE x counter"), std::string::npos);
  EXPECT_NE(page.find("# TYPE x_clash gauge"), std::string::npos);
}

TEST(Metrics, ExponentialBucketsReachTheStop) {
  auto b = ExponentialBuckets(0.001, 2, 120);
  EXPECT_DOUBLE_EQ(b.front(), 0.001);
  EXPECT_GE(b.back(), 120);
  EXPECT_LT(b[b.size() - 2], 120);
}

TEST(Metrics, ConcurrentAddsAreNotLost) {
  MetricsRegistry m;
  Counter* c = m.AddCounter("n_total", "n");
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([c] {
      for (int j = 0; j < 10000; ++j) c->Add();
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(c->value(), 40000.0);
}

}  // namespace
}  // namespace piiscan::runtime
