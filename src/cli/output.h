#pragma once

// Report formats of `piiscan scan`: a table for people, JSON, JSON Lines
// and SARIF for machines. Values are masked unless the user asks for them.

#include <ostream>
#include <string>
#include <vector>

#include "piiscan/scanner.h"

namespace piiscan::cli {

enum class Format { kTable, kJson, kJsonl, kSarif };

// The outcome for one input.
struct FileResult {
  std::string path;
  enum class State { kScanned, kSkipped, kError } state = State::kScanned;
  std::string note;  // why skipped, or the error
  StreamReport report;
};

struct OutputOptions {
  Format format = Format::kTable;
  bool show_values = false;
  bool explain = false;
};

// Writes results as they complete (table, jsonl) or at the end (json, sarif).
class ReportWriter {
 public:
  ReportWriter(std::ostream& out, OutputOptions options) : out_(out), options_(options) {}

  // A whole file's outcome, with its findings (json and sarif collect it).
  void Add(const FileResult& result);
  // One finding of `path`, written at once; then Add() the result without
  // findings. Only for formats that stream (see Streams()).
  void AddFinding(const std::string& path, const LocatedFinding& finding);
  // Returns false if the report could not be written (a full disk).
  bool Finish();

  bool Streams() const {
    return options_.format == Format::kTable || options_.format == Format::kJsonl;
  }

 private:
  void WriteTableRow(const std::string& path, const LocatedFinding& finding);
  void WriteJsonlRow(const std::string& path, const LocatedFinding& finding);
  void WriteStatus(const FileResult& result);

  std::ostream& out_;
  OutputOptions options_;
  std::vector<FileResult> kept_;  // json and sarif only
  std::string quoted_path_for_;   // the path whose JSON form quoted_path_ holds
  std::string quoted_path_;
  std::string row_;  // reused for each JSON Lines row
  size_t files_ = 0;
  size_t findings_ = 0;
  size_t errors_ = 0;
  size_t skipped_ = 0;
};

}  // namespace piiscan::cli
