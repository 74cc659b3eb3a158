#include "service/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <sstream>

namespace piiscan::service {
namespace {

Status Bad(const std::string& key, const std::string& expected) {
  return MakeError(ErrorCode::kInvalidArgument, key + ": expected " + expected);
}

template <typename T>
Status ParseNumber(const std::string& key, const std::string& v, T min, T max, T* out) {
  T value{};
  const char* end = v.data() + v.size();
  auto [p, ec] = std::from_chars(v.data(), end, value);
  if (ec != std::errc() || p != end || value < min || value > max) {
    return Bad(key, "a number from " + std::to_string(min) + " to " + std::to_string(max) +
                        ", got '" + v + "'");
  }
  *out = value;
  return {};
}

Status ParseDouble(const std::string& key, const std::string& v, double min, double max,
                   double* out) {
  try {
    size_t used = 0;
    double d = std::stod(v, &used);
    if (used != v.size() || !(d >= min && d <= max)) throw std::invalid_argument(v);
    *out = d;
    return {};
  } catch (...) {
    return Bad(key, "a number from " + std::to_string(min) + " to " + std::to_string(max) +
                        ", got '" + v + "'");
  }
}

Status ParseBool(const std::string& key, const std::string& v, bool* out) {
  if (v == "true" || v == "1" || v == "yes" || v == "on") {
    *out = true;
  } else if (v == "false" || v == "0" || v == "no" || v == "off") {
    *out = false;
  } else {
    return Bad(key, "true or false, got '" + v + "'");
  }
  return {};
}

std::vector<std::string> SplitComma(const std::string& v) {
  std::vector<std::string> out;
  std::stringstream in(v);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

using Setter = std::function<Status(ServiceConfig*, const std::string&, const std::string&)>;

template <typename T>
Setter Int(T ServiceConfig::*field, T min, T max) {
  return [=](ServiceConfig* c, const std::string& k, const std::string& v) {
    return ParseNumber<T>(k, v, min, max, &(c->*field));
  };
}

template <typename T>
Setter FaultInt(T FaultConfig::*field, T min, T max) {
  return [=](ServiceConfig* c, const std::string& k, const std::string& v) {
    return ParseNumber<T>(k, v, min, max, &(c->faults.*field));
  };
}

Setter Double(double ServiceConfig::*field, double min, double max) {
  return [=](ServiceConfig* c, const std::string& k, const std::string& v) {
    return ParseDouble(k, v, min, max, &(c->*field));
  };
}

Setter Text(std::string ServiceConfig::*field) {
  return [=](ServiceConfig* c, const std::string& k, const std::string& v) -> Status {
    if (v.empty()) return Bad(k, "a non-empty value");
    c->*field = v;
    return {};
  };
}

Setter List(std::vector<std::string> ServiceConfig::*field) {
  return [=](ServiceConfig* c, const std::string&, const std::string& v) -> Status {
    c->*field = SplitComma(v);
    return {};
  };
}

const std::map<std::string, Setter>& Setters() {
  static const auto* setters = new std::map<std::string, Setter>{
      {"host", Text(&ServiceConfig::host)},
      {"port", Int(&ServiceConfig::port, 0, 65535)},
      {"http_threads", Int(&ServiceConfig::http_threads, 1, 4096)},
      {"workers", Int(&ServiceConfig::workers, 1, 1024)},
      {"acquire_timeout_ms", Int(&ServiceConfig::acquire_timeout_ms, 0, 600'000)},
      {"max_body_bytes", Int<size_t>(&ServiceConfig::max_body_bytes, 1, size_t{1} << 40)},
      {"max_scan_bytes", Int<size_t>(&ServiceConfig::max_scan_bytes, 1, size_t{1} << 44)},
      {"chunk_bytes", Int<size_t>(&ServiceConfig::chunk_bytes, 4096, size_t{1} << 30)},
      {"request_timeout_ms", Int(&ServiceConfig::request_timeout_ms, 1, 3'600'000)},
      {"read_timeout_ms", Int(&ServiceConfig::read_timeout_ms, 1, 600'000)},
      {"drain_timeout_ms", Int(&ServiceConfig::drain_timeout_ms, 0, 3'600'000)},
      {"memory_limit_bytes",
       Int<uint64_t>(&ServiceConfig::memory_limit_bytes, 0, uint64_t{1} << 50)},
      {"memory_high_water", Double(&ServiceConfig::memory_high_water, 0.01, 1.0)},
      {"memory_low_water", Double(&ServiceConfig::memory_low_water, 0.0, 1.0)},
      {"breaker_cooldown_ms", Int(&ServiceConfig::breaker_cooldown_ms, 0, 3'600'000)},
      {"reserve_factor", Int<size_t>(&ServiceConfig::reserve_factor, 0, 1000)},
      {"retry_attempts", Int(&ServiceConfig::retry_attempts, 1, 100)},
      {"retry_min_delay_ms", Int(&ServiceConfig::retry_min_delay_ms, 0, 3'600'000)},
      {"retry_max_delay_ms", Int(&ServiceConfig::retry_max_delay_ms, 0, 3'600'000)},
      {"score_threshold", Double(&ServiceConfig::score_threshold, 0.0, 1.0)},
      {"catalogues", List(&ServiceConfig::catalogues)},
      {"names", [](ServiceConfig* c, const std::string& k,
                   const std::string& v) { return ParseBool(k, v, &c->names); }},
      {"name_model", Text(&ServiceConfig::name_model)},
      {"phone_regions", List(&ServiceConfig::phone_regions)},
      {"languages", List(&ServiceConfig::languages)},
      {"temp_dir", Text(&ServiceConfig::temp_dir)},
      {"jobs_db", Text(&ServiceConfig::jobs_db)},
      {"jobs_queue", Int(&ServiceConfig::jobs_queue, 1, 100'000)},
      {"malloc_arenas", Int(&ServiceConfig::malloc_arenas, 1, 1024)},
      {"access_log", [](ServiceConfig* c, const std::string& k,
                        const std::string& v) { return ParseBool(k, v, &c->access_log); }},
      {"faults.model_load_failures", FaultInt(&FaultConfig::model_load_failures, 0, 1000)},
      {"faults.temp_dir_full",
       [](ServiceConfig* c, const std::string& k, const std::string& v) {
         return ParseBool(k, v, &c->faults.temp_dir_full);
       }},
      {"faults.engine_failures", FaultInt(&FaultConfig::engine_failures, 0, 1'000'000)},
      {"faults.slow_engine_ms", FaultInt(&FaultConfig::slow_engine_ms, 0, 600'000)},
      {"faults.ballast_bytes", FaultInt<uint64_t>(&FaultConfig::ballast_bytes, 0, 1ull << 50)},
  };
  return *setters;
}

// A YAML scalar, or a sequence of scalars joined by commas (for lists).
Result<std::string> ScalarText(const YAML::Node& node, const std::string& where) {
  if (node.IsScalar()) return node.Scalar();
  if (!node.IsSequence()) return MakeError(ErrorCode::kParse, where + ": expected a value");
  std::string joined;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar())
      return MakeError(ErrorCode::kParse, where + ": expected a list of values");
    if (!joined.empty()) joined += ",";
    joined += item.Scalar();
  }
  return joined;
}

Status ApplyYamlMap(ServiceConfig* config, const YAML::Node& map, const std::string& prefix,
                    const std::string& path) {
  for (const auto& kv : map) {
    const std::string key = prefix + kv.first.as<std::string>();
    const std::string where = path + ": " + key;
    if (key == "faults" && kv.second.IsMap()) {
      if (auto s = ApplyYamlMap(config, kv.second, "faults.", path); !s) return s;
      continue;
    }
    auto text = ScalarText(kv.second, where);
    if (!text) return tl::unexpected(text.error());
    if (auto s = SetServiceOption(config, key, *text); !s) {
      return MakeError(s.error().code, path + ": " + s.error().message);
    }
  }
  return {};
}

}  // namespace

const std::vector<std::string>& ServiceOptionKeys() {
  static const auto* keys = [] {
    auto* v = new std::vector<std::string>();
    for (const auto& [k, s] : Setters()) v->push_back(k);
    return v;
  }();
  return *keys;
}

Status SetServiceOption(ServiceConfig* config, const std::string& key, const std::string& value) {
  auto it = Setters().find(key);
  if (it == Setters().end()) {
    return MakeError(ErrorCode::kInvalidArgument, "unknown option '" + key + "'");
  }
  return it->second(config, key, value);
}

Status LoadServiceConfigFile(ServiceConfig* config, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return MakeError(ErrorCode::kNotFound, path + ": cannot read the file");
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kParse,
                     path + ": line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (root.IsNull()) return {};
  if (!root.IsMap()) return MakeError(ErrorCode::kParse, path + ": expected a map of options");
  try {
    return ApplyYamlMap(config, root, "", path);
  } catch (const YAML::Exception& e) {
    return MakeError(ErrorCode::kParse, path + ": " + e.msg);
  }
}

Status ApplyServiceEnvironment(ServiceConfig* config, const EnvGetter& getenv) {
  for (const std::string& key : ServiceOptionKeys()) {
    std::string name = "PIISCAN_SERVE_" + key;
    std::replace(name.begin(), name.end(), '.', '_');
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    auto value = getenv(name);
    if (!value) continue;
    if (auto s = SetServiceOption(config, key, *value); !s) {
      return MakeError(s.error().code, name + ": " + s.error().message);
    }
  }
  return {};
}

Status ValidateServiceConfig(const ServiceConfig& c) {
  if (c.memory_low_water >= c.memory_high_water) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "memory_low_water must be under memory_high_water");
  }
  if (c.retry_min_delay_ms > c.retry_max_delay_ms) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "retry_min_delay_ms must not exceed retry_max_delay_ms");
  }
  return {};
}

}  // namespace piiscan::service
