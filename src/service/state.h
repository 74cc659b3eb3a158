#pragma once

// What the service's routes share: configuration, metrics, the memory
// governor, the models and the worker pool, and the small types every
// route speaks (replies, errors, per-request facts). Private to src/service.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "cli/presidio_json.h"
#include "piiscan/analyzer.h"
#include "piiscan/status.h"
#include "runtime/governor.h"
#include "runtime/metrics.h"
#include "runtime/model_registry.h"
#include "runtime/retry.h"
#include "service/config.h"

namespace piiscan::service {

using Json = cli::Json;
using SteadyTime = std::chrono::steady_clock::time_point;

// A failed request: the status and the JSON body's error and detail.
struct HttpError {
  int status = 400;
  std::string error;      // short, stable: "invalid_argument", "payload_too_large" ...
  std::string detail;     // what and where; never scanned text
  int retry_after_s = 0;  // sets Retry-After when > 0
};

template <typename T>
using Reply = tl::expected<T, HttpError>;

inline tl::unexpected<HttpError> Fail(int status, std::string error, std::string detail,
                                      int retry_after_s = 0) {
  return tl::unexpected<HttpError>(
      HttpError{status, std::move(error), std::move(detail), retry_after_s});
}

// The one mapping of library error codes to HTTP: client mistakes are 4xx.
HttpError ToHttpError(const Error& error);

// A successful reply.
struct HttpReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

// Facts about one request, filled as it goes, logged at its end.
struct RequestInfo {
  std::string correlation_id;
  std::string route;
  SteadyTime start;
  SteadyTime deadline;
  size_t bytes_in = 0;
  size_t findings = 0;
  // Memory promised to this request, released when it ends.
  runtime::Reservation memory;

  bool Expired() const { return std::chrono::steady_clock::now() >= deadline; }
};

// A slot of the worker pool: holding one is the right to run an analysis.
struct WorkerSlot {};

// What admitted heavy work holds until it ends: a worker (its memory is
// in RequestInfo::memory).
struct Admission {
  runtime::Pool<WorkerSlot>::Lease worker;
};

class ServiceState {
 public:
  explicit ServiceState(const ServiceConfig& config);

  const ServiceConfig& config() const { return config_; }
  runtime::MetricsRegistry& metrics() { return metrics_; }
  runtime::MemoryGovernor& governor() { return governor_; }
  runtime::ModelRegistry& models() { return models_; }

  // Makes sure `info` holds memory for work on `bytes` of input
  // (bytes * reserve_factor): 503 + Retry-After when memory is short.
  Reply<void> ReserveFor(size_t bytes, RequestInfo& info);

  // Admits work on `bytes` of input: ReserveFor(), then a worker: 429 when
  // every worker stays busy past the acquire timeout, 408 when the
  // deadline passed while waiting.
  Reply<Admission> Admit(size_t bytes, RequestInfo& info);

  // The current analyzer (loaded on demand, retried when loading fails
  // transiently). 503 when it cannot be loaded.
  Reply<std::shared_ptr<const Analyzer>> GetAnalyzer();

  // Counts findings by entity type and bytes scanned, and observes the
  // analysis duration.
  void RecordScan(const std::vector<Finding>& findings, size_t bytes, double seconds);
  void RecordError(const std::string& kind);

  const runtime::RetryPolicy& retry_policy() const { return retry_; }
  runtime::Counter* retries() { return retries_; }

  // Applies the configured slow-engine fault.
  void MaybeSlowDown() const;
  // The injected engine failure, while the configured count lasts.
  Status MaybeFailEngine();

  std::atomic<bool> draining{false};
  std::atomic<int> in_flight{0};

 private:
  Result<std::shared_ptr<const void>> LoadAnalyzer();

  const ServiceConfig config_;
  runtime::MetricsRegistry metrics_;
  runtime::MemoryGovernor governor_;
  runtime::ModelRegistry models_;
  runtime::Pool<WorkerSlot> workers_;
  runtime::RetryPolicy retry_;
  std::atomic<int> load_faults_left_;
  std::atomic<int> engine_faults_left_;
  runtime::Counter* retries_;
  runtime::Histogram* scan_seconds_;
  runtime::Counter* bytes_scanned_;
};

}  // namespace piiscan::service
