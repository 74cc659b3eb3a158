#pragma once

// Scanning files and streams of any size in bounded memory.
//
// A stream is read in blocks, decoded to UTF-8 (UTF-8 leniently, other
// encodings through ICU), and analyzed in chunks that overlap by more than
// the longest possible finding, so that a value straddling a chunk border is
// found exactly once, at its true offset. Memory stays near two chunks,
// whatever the size of the input.

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "piiscan/analyzer.h"
#include "piiscan/finding.h"
#include "piiscan/status.h"

namespace piiscan {

// A finding located in a stream.
struct LocatedFinding {
  Finding finding;          // start/end: code points from the stream start
  size_t line = 1;          // 1-based
  size_t column = 1;        // 1-based, in code points
  size_t source_start = 0;  // byte offsets into the original bytes
  size_t source_end = 0;
  std::string value;  // the decoded value, only with keep_values
};

struct ScanOptions {
  AnalyzeOptions analyze;
  // Decoded bytes analyzed per chunk.
  size_t chunk_bytes = 1 << 20;
  // Inputs not in UTF-8 are decoded whole; this bounds their size.
  size_t max_whole_decode_bytes = 256u << 20;
  // Keep the found values (for --show-values and redaction). Off by
  // default: a scanner must not spread what it finds.
  bool keep_values = false;
  // When set, each finding is handed here as soon as it is final, in order,
  // instead of being collected in StreamReport::findings: memory then stays
  // flat however many findings a file holds.
  std::function<void(LocatedFinding&&)> on_finding;
};

struct StreamReport {
  std::string encoding;    // detected encoding
  size_t bytes = 0;        // bytes read
  size_t replaced = 0;     // undecodable bytes replaced by U+FFFD
  bool binary = false;     // skipped: looks like binary data
  bool truncated = false;  // a candidate limit was reached somewhere
  std::vector<LocatedFinding> findings;
};

// Scans everything `in` yields. `name` is used in error messages.
Result<StreamReport> ScanStream(const Analyzer& analyzer, std::istream& in, const std::string& name,
                                const ScanOptions& options);

// Opens and scans one file.
Result<StreamReport> ScanFile(const Analyzer& analyzer, const std::string& path,
                              const ScanOptions& options);

}  // namespace piiscan
