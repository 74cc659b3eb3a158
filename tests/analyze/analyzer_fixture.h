#pragma once

// Shared pieces of the engine tests: one Analyzer per test binary (building
// one compiles the whole pattern database), and findings printed compactly
// so that a failed expectation shows what was found instead.

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "piiscan/analyzer.h"
#include "piiscan/finding.h"
#include "piiscan/text.h"

namespace piiscan::testutil {

// `config` with the build tree's pattern cache (content-keyed): each test
// runs in a process of its own, and loading a compiled database is much
// faster than compiling the catalogue again.
inline AnalyzerConfig WithTestCache(AnalyzerConfig config) {
#ifdef PIISCAN_TEST_PATTERN_CACHE
  if (config.pattern_cache_dir.empty()) config.pattern_cache_dir = PIISCAN_TEST_PATTERN_CACHE;
#endif
  return config;
}

// An analyzer built once from `config`; aborts the binary if it cannot be
// built, since no test of it could mean anything then.
inline std::shared_ptr<const Analyzer> BuildAnalyzer(const AnalyzerConfig& config) {
  auto analyzer = Analyzer::Create(WithTestCache(config));
  if (!analyzer) {
    ADD_FAILURE() << "Analyzer::Create: " << analyzer.error().ToString();
    std::abort();
  }
  return *analyzer;
}

// The analyzer with the built-in catalogue and default settings.
inline const Analyzer& DefaultAnalyzer() {
  static const std::shared_ptr<const Analyzer> analyzer = BuildAnalyzer({});
  return *analyzer;
}

// "EMAIL_ADDRESS [3,23)": type and code point span.
inline std::string Describe(std::string_view type, size_t start, size_t end) {
  return std::string(type) + " [" + std::to_string(start) + "," + std::to_string(end) + ")";
}

inline std::string Describe(const Finding& f) { return Describe(f.entity_type, f.start, f.end); }

inline std::vector<std::string> Describe(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(Describe(f));
  return out;
}

// Findings in `text`, or a test failure and nothing.
inline std::vector<Finding> Analyze(const Analyzer& analyzer, std::string_view text,
                                    const AnalyzeOptions& options = {}) {
  auto findings = analyzer.Analyze(text, options);
  if (!findings) {
    ADD_FAILURE() << "Analyze: " << findings.error().ToString();
    return {};
  }
  return std::move(*findings);
}

inline std::vector<Finding> Analyze(std::string_view text, const AnalyzeOptions& options = {}) {
  return Analyze(DefaultAnalyzer(), text, options);
}

// Findings of one type only.
inline std::vector<Finding> OfType(const std::vector<Finding>& findings, std::string_view type) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.entity_type == type) out.push_back(f);
  }
  return out;
}

}  // namespace piiscan::testutil
