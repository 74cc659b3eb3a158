#pragma once

// One Vectorscan database for every pattern of every enabled recognizer.
//
// Compiled once, shared read-only by all threads. Matching needs scratch
// space, which is leased from a small free list (one scratch per thread
// that is scanning at the same moment).

#include <hs/hs.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "piiscan/status.h"

namespace piiscan::recognize {

struct PatternSource {
  std::string regex;
  bool case_insensitive = false;
  bool unicode = false;  // UTF-8 code points and Unicode properties
  std::string where;     // for error messages: "catalogue: recognizer: pattern"
};

class PatternDatabase {
 public:
  // Called for each match end: pattern index (into the sources given to
  // Compile) and end offset. Return false to stop scanning.
  using OnMatch = std::function<bool(unsigned pattern, size_t end)>;

  // Compiles the patterns in block mode, without start-of-match tracking
  // (ends only: several times faster). Errors name the failing pattern.
  //
  // Compiling takes a noticeable fraction of a second, so when `cache_dir`
  // is not empty the compiled database is kept there, keyed by a hash of
  // the patterns, their flags and the Vectorscan version, and loaded from
  // there next time. A cache that is missing, unreadable, stale or made
  // for another CPU is ignored and rewritten; failing to write it is not an
  // error.
  static Result<std::unique_ptr<PatternDatabase>> Compile(const std::vector<PatternSource>& sources,
                                                          const std::string& cache_dir = "");

  ~PatternDatabase();
  PatternDatabase(const PatternDatabase&) = delete;
  PatternDatabase& operator=(const PatternDatabase&) = delete;

  // Reports every match end in `text`, in increasing order of end offset.
  // Thread-safe.
  Status Scan(std::string_view text, const OnMatch& on_match) const;

  size_t size_bytes() const;

 private:
  PatternDatabase() = default;
  Status CompileFresh(const std::vector<PatternSource>& sources);
  bool LoadCached(const std::string& path);
  void StoreCached(const std::string& path) const;
  hs_scratch_t* LeaseScratch() const;
  void ReturnScratch(hs_scratch_t* scratch) const;

  hs_database_t* db_ = nullptr;
  hs_scratch_t* prototype_ = nullptr;
  mutable std::mutex mu_;
  mutable std::vector<hs_scratch_t*> free_scratch_;  // guarded by mu_
};

}  // namespace piiscan::recognize
