#pragma once

// Where does a match start? Vectorscan reports where matches end (tracking
// starts would slow every scan), so each candidate's start is found after
// the fact, within the pattern's max_length bytes before its end.
//
// A pattern that is a bare run of digits, "(?:\d{9})\b" or "\d{13,19}\b",
// is walked back byte by byte; any other pattern is matched by RE2,
// anchored at the end, over that window. Both give the leftmost start, so
// the fast path never changes a result.
//
// Thread safety: immutable after Create(); Find() may be called from any
// number of threads at once.

#include <re2/re2.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "piiscan/status.h"

namespace piiscan::analyze {

struct StartPattern {
  std::string regex;
  size_t max_length = 64;  // bytes; the window searched before the end
  bool case_insensitive = false;
  bool unicode = false;  // code points rather than Latin-1 bytes
};

class StartFinder {
 public:
  static constexpr size_t kNone = static_cast<size_t>(-1);

  // Fails with kInvalidArgument and RE2's reason when the regex is bad.
  static Result<std::unique_ptr<const StartFinder>> Create(const StartPattern& pattern);

  // The start of the leftmost match that ends exactly at `end`, no more
  // than max_length bytes before it; kNone when there is none.
  // REQUIRES: end <= text.size().
  size_t Find(std::string_view text, size_t end) const;

  // Patterns with equal keys find equal starts: compare to share work.
  const std::string& key() const { return key_; }

 private:
  StartFinder() = default;

  std::string key_;
  size_t max_length_ = 0;
  std::unique_ptr<RE2> re_;  // null for a digit run
  size_t min_digits_ = 0;
  size_t max_digits_ = 0;
};

}  // namespace piiscan::analyze
