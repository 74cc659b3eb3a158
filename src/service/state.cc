#include "service/state.h"

#include <map>
#include <thread>

namespace piiscan::service {
namespace {

runtime::GovernorConfig GovernorFor(const ServiceConfig& c) {
  runtime::GovernorConfig g;
  g.limit_bytes = c.memory_limit_bytes;
  g.high_water = c.memory_high_water;
  g.low_water = c.memory_low_water;
  g.cooldown = std::chrono::milliseconds(c.breaker_cooldown_ms);
  return g;
}

}  // namespace

HttpError ToHttpError(const Error& error) {
  const std::string name = ErrorCodeName(error.code);
  switch (error.code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kParse:
    case ErrorCode::kNotFound:
    case ErrorCode::kUnsupported:
      return {400, name, error.message, 0};
    case ErrorCode::kResourceExhausted:
      return {429, name, error.message, 1};
    case ErrorCode::kDeadlineExceeded:
    case ErrorCode::kCancelled:
      return {408, name, error.message, 0};
    case ErrorCode::kUnavailable:
    case ErrorCode::kIo:
      return {503, name, error.message, 1};
    case ErrorCode::kInternal:
      break;
  }
  return {500, name, error.message, 0};
}

ServiceState::ServiceState(const ServiceConfig& config)
    : config_(config),
      governor_(GovernorFor(config), &metrics_),
      models_(&metrics_),
      workers_(
          config.workers, [] { return std::make_unique<WorkerSlot>(); },
          metrics_.AddCounter("pii_scanner_pool_waits_total",
                              "Worker acquisitions that had to wait")),
      load_faults_left_(config.faults.model_load_failures),
      engine_faults_left_(config.faults.engine_failures) {
  retry_.attempts = config.retry_attempts;
  retry_.min_delay = std::chrono::milliseconds(config.retry_min_delay_ms);
  retry_.max_delay = std::chrono::milliseconds(config.retry_max_delay_ms);
  retries_ = metrics_.AddCounter("pii_scanner_retries_total", "Transient failures tried again");
  scan_seconds_ = metrics_.AddHistogram("pii_scanner_scan_duration_seconds",
                                        "Time to analyze one request's input",
                                        runtime::ExponentialBuckets(0.001, 2, 120));
  bytes_scanned_ = metrics_.AddCounter("pii_scanner_bytes_scanned_total", "Input bytes analyzed");
  governor_.set_extra_usage(config.faults.ballast_bytes);
  models_.Register("analyzer", [this] { return LoadAnalyzer(); });
  // Under pressure, idle models go first; the next request reloads them.
  governor_.set_on_pressure([this] { models_.UnloadIdle(SIZE_MAX); });
  metrics_.AddCallbackGauge("pii_scanner_workers_busy", "Worker slots in use",
                            [this] { return static_cast<double>(workers_.in_use()); });
  metrics_.AddCallbackGauge("pii_scanner_workers", "Worker slots",
                            [this] { return static_cast<double>(workers_.size()); });
}

Result<std::shared_ptr<const void>> ServiceState::LoadAnalyzer() {
  AnalyzerConfig ac;
  ac.catalogue_files = config_.catalogues;
  if (!config_.phone_regions.empty()) ac.phone_regions = config_.phone_regions;
  ac.score_threshold = config_.score_threshold;
  ac.names = config_.names;
  ac.name_model = config_.name_model;
  ac.pattern_cache_dir = DefaultPatternCacheDir();
  auto load = [&]() -> Result<std::shared_ptr<const void>> {
    // Injected fault: the first N loads fail as a briefly unreadable file would.
    if (load_faults_left_.fetch_sub(1) > 0) {
      return MakeError(ErrorCode::kUnavailable, "injected fault: model load failed");
    }
    auto analyzer = Analyzer::Create(ac);
    if (!analyzer) return tl::unexpected(analyzer.error());
    return std::static_pointer_cast<const void>(*analyzer);
  };
  return runtime::Retry(retry_, load, retries_);
}

Reply<std::shared_ptr<const Analyzer>> ServiceState::GetAnalyzer() {
  auto analyzer = models_.Get<Analyzer>("analyzer");
  if (!analyzer) {
    // A model that does not load is the operator's problem, not the client's.
    return Fail(503, "model_unavailable", analyzer.error().ToString(), 5);
  }
  return *analyzer;
}

Reply<void> ServiceState::ReserveFor(size_t bytes, RequestInfo& info) {
  const uint64_t want = static_cast<uint64_t>(bytes) * config_.reserve_factor;
  if (info.memory.bytes() >= want) return {};
  if (auto grown = governor_.Grow(&info.memory, want - info.memory.bytes()); !grown) {
    const auto wait = governor_.breaker().RetryAfter();
    const int seconds = std::max<int>(1, static_cast<int>((wait.count() + 999) / 1000));
    return Fail(503, "memory_pressure", grown.error().message, seconds);
  }
  return {};
}

Reply<Admission> ServiceState::Admit(size_t bytes, RequestInfo& info) {
  if (auto memory = ReserveFor(bytes, info); !memory) return tl::unexpected(memory.error());
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      info.deadline - std::chrono::steady_clock::now());
  const auto timeout = std::min(left, std::chrono::milliseconds(config_.acquire_timeout_ms));
  auto worker = workers_.Acquire(std::max(timeout, std::chrono::milliseconds(0)));
  if (!worker) {
    if (info.Expired()) return Fail(408, "deadline_exceeded", "request deadline passed");
    return Fail(429, "busy", worker.error().message, 1);
  }
  return Admission{std::move(*worker)};
}

void ServiceState::RecordScan(const std::vector<Finding>& findings, size_t bytes, double seconds) {
  scan_seconds_->Observe(seconds);
  bytes_scanned_->Add(static_cast<double>(bytes));
  std::map<std::string, int> by_type;  // one registry lookup per type, not per finding
  for (const Finding& f : findings) ++by_type[f.entity_type];
  for (const auto& [type, n] : by_type) {
    metrics_
        .AddCounter("pii_scanner_findings_total", "Findings by entity type",
                    {{"entity_type", type}})
        ->Add(n);
  }
}

void ServiceState::RecordError(const std::string& kind) {
  metrics_.AddCounter("pii_scanner_errors_total", "Failed requests by kind", {{"kind", kind}})
      ->Add();
}

Status ServiceState::MaybeFailEngine() {
  if (engine_faults_left_.load() <= 0 || engine_faults_left_.fetch_sub(1) <= 0) return {};
  return MakeError(ErrorCode::kUnavailable, "injected fault: engine error");
}

void ServiceState::MaybeSlowDown() const {
  if (config_.faults.slow_engine_ms > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(config_.faults.slow_engine_ms));
  }
}

}  // namespace piiscan::service
