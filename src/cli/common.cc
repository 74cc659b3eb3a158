#include "cli/common.h"

#include <fnmatch.h>

#include <iostream>
#include <sstream>

namespace piiscan::cli {
namespace {

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

void AnalyzerFlags::Register(CLI::App* app) {
  // Each list option takes one value per use ("--allow a --allow b"), so
  // that the paths after it stay paths.
  app->add_option("--recognizers", catalogues, "Extra recognizer catalogue (YAML); repeatable")
      ->check(CLI::ExistingFile)
      ->allow_extra_args(false);
  app->add_option("--entities", entities, "Only these entity types, comma-separated")
      ->delimiter(',')
      ->allow_extra_args(false);
  app->add_option("--countries", countries,
                  "National recognizers of these countries, comma-separated ISO codes, or 'all' "
                  "(default us,gb)")
      ->delimiter(',')
      ->allow_extra_args(false);
  app->add_option("--regions", regions,
                  "Phone regions, ISO codes, comma-separated (default US,GB,DE,FR,IN,CA,AU,IE)");
  app->add_option("--threshold", threshold, "Minimum score to report, 0..1 (default 0.4)")
      ->check(CLI::Range(0.0, 1.0));
  app->add_option("--allow", allow, "A value never to report; repeatable")->allow_extra_args(false);
  app->add_option("--allow-regex", allow_regex,
                  "RE2 pattern; values it matches whole are never reported; repeatable")
      ->allow_extra_args(false);
  app->add_option("--deny", deny, "TYPE=term: always report term as TYPE; repeatable")
      ->allow_extra_args(false);
  app->add_flag("--explain", explain, "Explain each finding's score");
  app->add_flag("--names,!--no-names", names,
                std::string("Find names, places, organizations and addresses (default ") +
                    (names ? "on" : "off") + ")");
  app->add_option("--name-model", name_model, "Name model file (default: the built-in one)")
      ->check(CLI::ExistingFile);
}

std::shared_ptr<const Analyzer> AnalyzerFlags::Build() const {
  AnalyzerConfig config;
  config.catalogue_files = catalogues;
  config.entities = entities;
  config.countries = countries;
  if (!regions.empty()) config.phone_regions = SplitComma(regions);
  if (!(threshold < 0.0) && !(threshold >= 0.0 && threshold <= 1.0)) {
    PrintError("--threshold: expected a number from 0 to 1");
    return nullptr;
  }
  if (threshold >= 0.0) config.score_threshold = threshold;
  config.allow_list = allow;
  config.pattern_cache_dir = DefaultPatternCacheDir();
  config.allow_patterns = allow_regex;
  config.names = names;
  config.name_model = name_model;
  for (const std::string& d : deny) {
    const size_t eq = d.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == d.size()) {
      PrintError("--deny '" + d + "': expected TYPE=term");
      return nullptr;
    }
    config.deny_lists[d.substr(0, eq)].push_back(d.substr(eq + 1));
  }
  auto analyzer = Analyzer::Create(config);
  if (!analyzer) {
    PrintError(analyzer.error().ToString());
    return nullptr;
  }
  return *analyzer;
}

AnalyzeOptions AnalyzerFlags::Options() const {
  AnalyzeOptions options;
  options.explain = explain;
  return options;
}

bool Excluded(const std::string& path, const std::vector<std::string>& excludes) {
  const size_t slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  for (const std::string& glob : excludes) {
    if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
    if (fnmatch(glob.c_str(), path.c_str(), 0) == 0) return true;
  }
  return false;
}

void PrintError(const std::string& message) { std::cerr << "piiscan: " << message << "\n"; }

std::string MaskValue(const std::string& value) {
  size_t alnum = 0;
  for (char c : value) alnum += std::isalnum(static_cast<unsigned char>(c)) ? 1 : 0;
  size_t keep = alnum >= 12 ? 4 : alnum >= 8 ? 2 : 0;
  std::string out = value;
  for (size_t i = out.size(); i-- > 0;) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (!std::isalnum(c) && c < 0x80) continue;
    if (keep > 0 && c < 0x80) {
      --keep;
      continue;
    }
    out[i] = '*';
  }
  return out;
}

}  // namespace piiscan::cli
