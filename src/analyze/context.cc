#include "analyze/context.h"

#include <algorithm>

namespace piiscan::analyze {
namespace {

constexpr size_t kMaxSideBytes = 256;
constexpr size_t kMaxWordBytes = 48;  // longer runs are no context word

bool IsContextByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '\'' || c == '#' || c == '_' || (c & 0x80) != 0;
}

// Lower-cases `word` into `buf`; drops a trailing "-", "'" or "'s".
std::string_view Normalize(std::string_view word, char* buf) {
  size_t n = std::min(word.size(), kMaxWordBytes);
  for (size_t i = 0; i < n; ++i) {
    const char c = word[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  while (n > 0 && (buf[n - 1] == '-' || buf[n - 1] == '\'')) --n;
  if (n > 2 && buf[n - 2] == '\'' && buf[n - 1] == 's') n -= 2;
  return {buf, n};
}

class Matcher {
 public:
  Matcher(const ContextQuery& q, std::vector<std::string>* found) : q_(q), found_(found) {}

  // Returns true when the search can stop.
  // "e-mail" is one context word, "1152-Office" and "nhs_number" hold one:
  // a joined word that is no context word as a whole is tried part by part.
  bool Visit(std::string_view word) {
    if (word.size() > kMaxWordBytes) return false;
    if (VisitOne(word)) return true;
    if (any_ && found_ == nullptr) return true;
    size_t from = 0;
    for (size_t i = 0; i < word.size() && !any_; ++i) {
      if (word[i] != '-' && word[i] != '_') continue;
      if (VisitOne(word.substr(from, i - from))) return true;
      from = i + 1;
    }
    return from > 0 && !any_ && VisitOne(word.substr(from));
  }

  bool any() const { return any_; }

 private:
  bool VisitOne(std::string_view word) {
    char buf[kMaxWordBytes];
    const std::string_view w = Normalize(word, buf);
    const bool hit = q_.words->Contains(w) || (q_.extra != nullptr && q_.extra->Contains(w));
    if (!hit) return false;
    any_ = true;
    if (found_ == nullptr) return true;
    if (std::find(found_->begin(), found_->end(), w) == found_->end()) found_->emplace_back(w);
    return false;
  }

  const ContextQuery& q_;
  std::vector<std::string>* found_;
  bool any_ = false;
};

bool VisitBefore(std::string_view text, size_t start, int count, Matcher* m) {
  const size_t floor = start > kMaxSideBytes ? start - kMaxSideBytes : 0;
  size_t i = start;
  for (int n = 0; n < count && i > floor; ++n) {
    while (i > floor && !IsContextByte(text[i - 1])) --i;
    const size_t word_end = i;
    while (i > floor && IsContextByte(text[i - 1])) --i;
    if (i == word_end) break;
    if (m->Visit(text.substr(i, word_end - i))) return true;
  }
  return false;
}

bool VisitAfter(std::string_view text, size_t end, int count, Matcher* m) {
  const size_t ceiling = std::min(text.size(), end + kMaxSideBytes);
  size_t i = end;
  for (int n = 0; n < count && i < ceiling; ++n) {
    while (i < ceiling && !IsContextByte(text[i])) ++i;
    const size_t word_start = i;
    while (i < ceiling && IsContextByte(text[i])) ++i;
    if (i == word_start) break;
    if (m->Visit(text.substr(word_start, i - word_start))) return true;
  }
  return false;
}

size_t PrefixKey(std::string_view w) {
  const auto a = static_cast<unsigned char>(w[0]);
  const auto b = static_cast<unsigned char>(w.size() > 1 ? w[1] : 0);
  return (static_cast<size_t>(a) << 8) | b;
}

}  // namespace

void WordSet::Insert(std::string_view word) {
  if (word.empty()) return;
  words_.emplace(word);
  if (prefixes_.empty()) prefixes_.resize(size_t{1} << 16);
  lengths_ |= uint64_t{1} << std::min<size_t>(word.size(), 63);
  prefixes_[PrefixKey(word)] = true;
}

bool WordSet::Contains(std::string_view word) const {
  if (word.empty()) return false;
  if ((lengths_ & (uint64_t{1} << std::min<size_t>(word.size(), 63))) == 0) return false;
  if (!prefixes_[PrefixKey(word)]) return false;
  return words_.contains(word);
}

void AddWords(std::string_view phrase, WordSet* out) {
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && !IsContextByte(phrase[i])) ++i;
    const size_t start = i;
    while (i < phrase.size() && IsContextByte(phrase[i])) ++i;
    if (i == start || i - start > kMaxWordBytes) continue;
    char buf[kMaxWordBytes];
    out->Insert(Normalize(phrase.substr(start, i - start), buf));
  }
}

bool FindContext(std::string_view text, size_t start, size_t end, const ContextQuery& query,
                 std::vector<std::string>* found) {
  if (query.words == nullptr) return false;
  Matcher m(query, found);
  if (VisitBefore(text, start, query.before, &m)) return true;
  VisitAfter(text, end, query.after, &m);
  return m.any();
}

}  // namespace piiscan::analyze
