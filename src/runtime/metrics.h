#pragma once

// A small metrics registry that renders the Prometheus text exposition
// format (version 0.0.4).
//
//   MetricsRegistry metrics;
//   Counter* c = metrics.AddCounter("pii_scanner_requests_total", "Requests",
//                                   {{"route", "/analyze"}, {"status", "200"}});
//   c->Add(1);
//   std::string page = metrics.Render();
//
// A family (name, help, type) holds one cell per label set. Cells live as
// long as the registry and are never moved, so callers keep the pointers
// and update them without a lock (atomics). Gauges may instead be read from
// a callback at render time. Names and label names must match Prometheus'
// rules; the registry checks them and label values are escaped.
//
// Thread safety: every method may be called from any thread.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace piiscan::runtime {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Add(double v = 1.0);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double v);
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  // `bounds`: upper bounds of the buckets, increasing; +Inf is implied.
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);

  const std::vector<double>& bounds() const { return bounds_; }
  // Cumulative counts per bound, then the total count (for +Inf).
  std::vector<uint64_t> CumulativeCounts() const;
  double sum() const { return sum_.load(std::memory_order_relaxed); }

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket, +Inf last
  std::atomic<double> sum_{0.0};
};

// Bucket bounds from `start`, each `factor` times the previous, up to and
// including the first bound >= `stop`.
std::vector<double> ExponentialBuckets(double start, double factor, double stop);

class MetricsRegistry {
 public:
  // Each call returns the cell of (name, labels), created on first use.
  // A name registered earlier with another type or help is a programming
  // error: the first registration wins and the later call still gets a
  // usable cell of its own type, rendered under a suffixed name.
  Counter* AddCounter(const std::string& name, const std::string& help, const Labels& labels = {});
  Gauge* AddGauge(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram* AddHistogram(const std::string& name, const std::string& help,
                          const std::vector<double>& bounds, const Labels& labels = {});
  // A gauge whose value is read by `read` at each Render().
  void AddCallbackGauge(const std::string& name, const std::string& help,
                        std::function<double()> read, const Labels& labels = {});

  // The whole registry in the text format, families sorted by name.
  std::string Render() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Cell {
    Labels labels;
    std::unique_ptr<Counter> counter;
    std::unique_ptr<Gauge> gauge;
    std::unique_ptr<Histogram> histogram;
    std::function<double()> read;
  };
  struct Family {
    Type type;
    std::string help;
    std::map<std::string, std::unique_ptr<Cell>> cells;  // by rendered labels
  };

  Cell* CellFor(std::string name, const std::string& help, Type type, const Labels& labels);
  static void RenderFamily(const std::string& name, const Family& family, std::string* out);

  mutable std::mutex mu_;
  std::map<std::string, Family> families_;
};

// `{a="x",b="y"}` with values escaped; "" for no labels. `extra` is
// appended last (used for histogram `le`).
std::string RenderLabels(const Labels& labels, const std::pair<std::string, std::string>* extra);

// True for names that match [a-zA-Z_:][a-zA-Z0-9_:]*.
bool ValidMetricName(const std::string& name);

}  // namespace piiscan::runtime
