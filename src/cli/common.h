#pragma once

// Pieces shared by the piiscan subcommands.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "piiscan/analyzer.h"

namespace piiscan::cli {

// Exit statuses of every subcommand.
inline constexpr int kExitClean = 0;     // nothing found
inline constexpr int kExitFindings = 1;  // personal data found
inline constexpr int kExitError = 2;     // usage or runtime error

// Analyzer flags common to scan, analyze and eval.
struct AnalyzerFlags {
  std::vector<std::string> catalogues;
  std::vector<std::string> entities;
  std::vector<std::string> countries;
  std::string regions;
  double threshold = -1.0;
  std::vector<std::string> allow;
  std::vector<std::string> allow_regex;
  std::vector<std::string> deny;  // TYPE=term
  bool explain = false;
  // The name stage (PERSON, LOCATION, ORGANIZATION, STREET_ADDRESS ...);
  // a subcommand sets the default before Register().
  bool names = false;
  std::string name_model;

  void Register(CLI::App* app);
  // Builds the analyzer, or prints what is wrong and returns nullptr.
  std::shared_ptr<const Analyzer> Build() const;
  AnalyzeOptions Options() const;
};

// Prints "piiscan: <message>" on stderr.
void PrintError(const std::string& message);

// True if `path`, or its file name, matches one of the globs (fnmatch).
bool Excluded(const std::string& path, const std::vector<std::string>& excludes);

// Masks a found value for display: letters and digits become '*' except
// the last few, so a reader can tell values apart without learning them.
std::string MaskValue(const std::string& value);

}  // namespace piiscan::cli
