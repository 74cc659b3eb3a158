#include "analyze/start_finder.h"

#include <algorithm>

namespace piiscan::analyze {
namespace {

// RE2 caps counted repetition at 1000. The start finder only ever sees a
// window of max_length bytes, so an upper bound above that cap can be
// dropped without changing what matches: "{16,16384}" becomes "{16,}".
std::string WithoutLargeRepeatBounds(const std::string& regex) {
  static const RE2 kLargeBound(R"(\{(\d{1,4}),(\d{4,})\})");
  std::string out = regex;
  RE2::GlobalReplace(&out, kLargeBound, R"({\1,})");
  return out;
}

// "(?:\d{9})\b" and "\d{13,19}\b": the digit counts, or false.
bool IsDigitRun(const std::string& regex, size_t* min, size_t* max) {
  static const RE2 kDigitRun(R"((?:\(\?:)?\\d\{(\d{1,3})(?:,(\d{1,3}))?\}(?:\))?\\b)");
  std::string lo;
  std::string hi;
  if (!RE2::FullMatch(regex, kDigitRun, &lo, &hi)) return false;
  const bool grouped = regex.rfind("(?:", 0) == 0;
  if (grouped != (regex.find(')') != std::string::npos)) return false;  // unbalanced
  *min = std::stoul(lo);
  *max = hi.empty() ? *min : std::stoul(hi);
  return *min >= 1 && *min <= *max;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<std::unique_ptr<const StartFinder>> StartFinder::Create(const StartPattern& p) {
  std::unique_ptr<StartFinder> f(new StartFinder());
  f->max_length_ = p.max_length;
  f->key_ = std::to_string(p.max_length) + (p.case_insensitive ? "i" : "c") +
            (p.unicode ? "u" : "b") + ":" + p.regex;
  if (!p.case_insensitive && IsDigitRun(p.regex, &f->min_digits_, &f->max_digits_)) {
    return std::unique_ptr<const StartFinder>(std::move(f));
  }

  RE2::Options options;
  if (!p.unicode) options.set_encoding(RE2::Options::EncodingLatin1);  // bytes, like Vectorscan
  options.set_case_sensitive(!p.case_insensitive);
  options.set_log_errors(false);
  f->re_ = std::make_unique<RE2>("(?:" + WithoutLargeRepeatBounds(p.regex) + ")$", options);
  if (!f->re_->ok()) return MakeError(ErrorCode::kInvalidArgument, f->re_->error());
  return std::unique_ptr<const StartFinder>(std::move(f));
}

size_t StartFinder::Find(std::string_view text, size_t end) const {
  const size_t lo = end > max_length_ ? end - max_length_ : 0;
  if (re_ == nullptr) {
    // The leftmost start is as far back as the digits and the count allow.
    const size_t floor = std::max(lo, end > max_digits_ ? end - max_digits_ : 0);
    size_t start = end;
    while (start > floor && IsDigit(text[start - 1])) --start;
    return end - start >= min_digits_ ? start : kNone;
  }
  const re2::StringPiece window(text.data() + lo, end - lo);
  re2::StringPiece match;
  if (!re_->Match(window, 0, window.size(), RE2::UNANCHORED, &match, 1)) return kNone;
  return lo + static_cast<size_t>(match.data() - window.data());
}

}  // namespace piiscan::analyze
