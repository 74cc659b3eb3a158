#pragma once

// Configuration of `piiscan serve`, from (in rising precedence) defaults,
// a YAML file, the environment (PIISCAN_SERVE_<KEY>, e.g.
// PIISCAN_SERVE_PORT=8080) and command-line flags. Every source goes
// through SetServiceOption(), so one key has one meaning and one check
// everywhere.
//
// The YAML file is a flat map of the keys below, except `catalogues` and
// `phone_regions` (lists) and `faults` (a map of the fault keys):
//
//   port: 5002
//   memory_limit_bytes: 209715200
//   catalogues: [/etc/piiscan/extra.yaml]
//   faults: {model_load_failures: 2, slow_engine_ms: 50}

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "piiscan/status.h"

namespace piiscan::service {

// Faults the service injects into itself, off by default; for tests and
// drills of the failure paths.
struct FaultConfig {
  int model_load_failures = 0;  // the first N model loads fail (transient)
  bool temp_dir_full = false;   // every temp file write fails (transient)
  int slow_engine_ms = 0;       // each analysis sleeps this long first
  uint64_t ballast_bytes = 0;   // counted as used memory by the governor
  int engine_failures = 0;      // the next N analyses fail (transient)
};

struct ServiceConfig {
  std::string host = "127.0.0.1";  // address to listen on
  int port = 5002;
  int http_threads = 64;                // connections served at once (keep-alive holds one)
  int workers = 2;                      // analyses at once (the analysis pool's size)
  int acquire_timeout_ms = 2000;        // wait for a worker before 429
  size_t max_body_bytes = 16u << 20;    // larger JSON bodies: 413
  size_t max_scan_bytes = 1024u << 20;  // larger /scan uploads: 413
  size_t chunk_bytes = 1u << 20;        // long texts are analyzed in chunks this big
  int request_timeout_ms = 30'000;      // per request, reading included: 408
  int read_timeout_ms = 5'000;          // silence from a client before it is dropped
  int drain_timeout_ms = 10'000;        // SIGTERM: time for in-flight work
  uint64_t memory_limit_bytes = 0;      // 0: cgroup memory.max, else 1.4 GB
  double memory_high_water = 0.85;      // breaker opens at this share of the limit
  double memory_low_water = 0.70;       // and closes again under this one
  int breaker_cooldown_ms = 60'000;
  size_t reserve_factor = 8;  // bytes reserved per body byte
  int retry_attempts = 3;
  int retry_min_delay_ms = 4'000;
  int retry_max_delay_ms = 10'000;
  double score_threshold = 0.4;
  // The name stage (PERSON, LOCATION, ORGANIZATION, addresses), on as in
  // Presidio's analyzer; `name_model` empty means the built-in model.
  bool names = true;
  std::string name_model;
  std::vector<std::string> catalogues;          // extra recognizer catalogues
  std::vector<std::string> phone_regions;       // empty: the analyzer's default
  std::vector<std::string> languages = {"en"};  // accepted "language" values
  std::string temp_dir = "/tmp";
  std::string jobs_db = "piiscan-jobs.sqlite";  // SQLite file of the job store
  int jobs_queue = 16;                          // queued jobs beyond which POST /jobs is 429
  bool access_log = true;                       // one JSON line per request on stderr
  // glibc malloc arenas: fewer keep RSS from creeping up under load.
  int malloc_arenas = 4;
  FaultConfig faults;
};

// Sets one option from its text form. Errors name the key and say what
// was expected.
Status SetServiceOption(ServiceConfig* config, const std::string& key, const std::string& value);

// Applies a YAML file. Errors name the file and the key.
Status LoadServiceConfigFile(ServiceConfig* config, const std::string& path);

// Applies PIISCAN_SERVE_<KEY> variables, looked up through `getenv`.
using EnvGetter = std::function<std::optional<std::string>(const std::string&)>;
Status ApplyServiceEnvironment(ServiceConfig* config, const EnvGetter& getenv);

// Cross-field checks (low water under high water, positive sizes...).
Status ValidateServiceConfig(const ServiceConfig& config);

// Every key SetServiceOption() knows, for help texts and the environment.
const std::vector<std::string>& ServiceOptionKeys();

}  // namespace piiscan::service
