#include "runtime/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace piiscan::runtime {
namespace {

// Prometheus floats: integers without a fraction, +Inf/-Inf/NaN spelled out.
std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    // The shortest of 15 or 17 digits that reads back as the same double.
    std::snprintf(buf, sizeof buf, "%.15g", v);
    if (std::strtod(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.17g", v);
  }
  return buf;
}

std::string EscapeLabelValue(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string EscapeHelp(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

const char* TypeName(int type) {
  static const char* const kNames[] = {"counter", "gauge", "histogram"};
  return kNames[type];
}

}  // namespace

void Counter::Add(double v) {
  if (v < 0) return;  // counters only go up
  value_.fetch_add(v, std::memory_order_relaxed);
}

void Gauge::Add(double v) { value_.fetch_add(v, std::memory_order_relaxed); }

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(new std::atomic<uint64_t>[bounds_.size() + 1]) {
  std::sort(bounds_.begin(), bounds_.end());
  for (size_t i = 0; i <= bounds_.size(); ++i) counts_[i].store(0);
}

void Histogram::Observe(double v) {
  size_t i = std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin();
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::CumulativeCounts() const {
  std::vector<uint64_t> out(bounds_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    out[i] = running;
  }
  return out;
}

std::vector<double> ExponentialBuckets(double start, double factor, double stop) {
  std::vector<double> out;
  if (start <= 0 || factor <= 1) return out;
  for (double b = start;; b *= factor) {
    out.push_back(b);
    if (b >= stop) break;
  }
  return out;
}

bool ValidMetricName(const std::string& name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0)) return false;
  }
  return true;
}

std::string RenderLabels(const Labels& labels, const std::pair<std::string, std::string>* extra) {
  if (labels.empty() && extra == nullptr) return "";
  std::string out = "{";
  bool first = true;
  auto add = [&](const std::pair<std::string, std::string>& kv) {
    if (!first) out += ",";
    first = false;
    out += kv.first + "=\"" + EscapeLabelValue(kv.second) + "\"";
  };
  for (const auto& kv : labels) add(kv);
  if (extra != nullptr) add(*extra);
  return out + "}";
}

MetricsRegistry::Cell* MetricsRegistry::CellFor(std::string name, const std::string& help,
                                                Type type, const Labels& labels) {
  if (!ValidMetricName(name)) name = "invalid_metric_name";
  std::lock_guard<std::mutex> lock(mu_);
  auto it = families_.find(name);
  // A clash of types would render an invalid page: keep the first family.
  while (it != families_.end() && it->second.type != type) {
    name += "_clash";
    it = families_.find(name);
  }
  if (it == families_.end()) it = families_.emplace(name, Family{type, help, {}}).first;
  std::unique_ptr<Cell>& cell = it->second.cells[RenderLabels(labels, nullptr)];
  if (!cell) {
    cell = std::make_unique<Cell>();
    cell->labels = labels;
  }
  return cell.get();
}

Counter* MetricsRegistry::AddCounter(const std::string& name, const std::string& help,
                                     const Labels& labels) {
  Cell* cell = CellFor(name, help, Type::kCounter, labels);
  std::lock_guard<std::mutex> lock(mu_);
  if (!cell->counter) cell->counter = std::make_unique<Counter>();
  return cell->counter.get();
}

Gauge* MetricsRegistry::AddGauge(const std::string& name, const std::string& help,
                                 const Labels& labels) {
  Cell* cell = CellFor(name, help, Type::kGauge, labels);
  std::lock_guard<std::mutex> lock(mu_);
  if (!cell->gauge) cell->gauge = std::make_unique<Gauge>();
  return cell->gauge.get();
}

Histogram* MetricsRegistry::AddHistogram(const std::string& name, const std::string& help,
                                         const std::vector<double>& bounds, const Labels& labels) {
  Cell* cell = CellFor(name, help, Type::kHistogram, labels);
  std::lock_guard<std::mutex> lock(mu_);
  if (!cell->histogram) cell->histogram = std::make_unique<Histogram>(bounds);
  return cell->histogram.get();
}

void MetricsRegistry::AddCallbackGauge(const std::string& name, const std::string& help,
                                       std::function<double()> read, const Labels& labels) {
  Cell* cell = CellFor(name, help, Type::kGauge, labels);
  std::lock_guard<std::mutex> lock(mu_);
  cell->read = std::move(read);
}

void MetricsRegistry::RenderFamily(const std::string& name, const Family& family,
                                   std::string* out) {
  *out += "# HELP " + name + " " + EscapeHelp(family.help) + "\n";
  *out += "# TYPE " + name + " " + TypeName(static_cast<int>(family.type)) + "\n";
  for (const auto& [key, cell] : family.cells) {
    if (cell->histogram) {
      const Histogram& h = *cell->histogram;
      std::vector<uint64_t> counts = h.CumulativeCounts();
      for (size_t i = 0; i < counts.size(); ++i) {
        std::pair<std::string, std::string> le{
            "le", i < h.bounds().size() ? FormatValue(h.bounds()[i]) : "+Inf"};
        *out += name + "_bucket" + RenderLabels(cell->labels, &le) + " " +
                FormatValue(static_cast<double>(counts[i])) + "\n";
      }
      *out += name + "_sum" + key + " " + FormatValue(h.sum()) + "\n";
      *out += name + "_count" + key + " " + FormatValue(static_cast<double>(counts.back())) + "\n";
      continue;
    }
    double v = cell->read      ? cell->read()
               : cell->counter ? cell->counter->value()
               : cell->gauge   ? cell->gauge->value()
                               : 0.0;
    *out += name + key + " " + FormatValue(v) + "\n";
  }
}

std::string MetricsRegistry::Render() const {
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, family] : families_) RenderFamily(name, family, &out);
  return out;
}

}  // namespace piiscan::runtime
