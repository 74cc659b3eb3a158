#include "analyze/context.h"

#include <algorithm>
#include <array>

namespace piiscan::analyze {
namespace {

constexpr size_t kMaxSideBytes = 256;
constexpr size_t kMaxWordBytes = 48;  // longer runs are no context word

// Letters, digits, '-', '\'', '#', '_' and every non-ASCII byte.
constexpr std::array<bool, 256> kContextBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '\'' || c == '#' || c == '_' || c >= 0x80;
  }
  return table;
}();

bool IsContextByte(char c) { return kContextBytes[static_cast<unsigned char>(c)]; }

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

// Calls `visit` with each word before `start`, nearest first, up to `count`.
template <typename Visit>
void ForWordsBefore(std::string_view text, size_t start, int count, Visit visit) {
  const size_t floor = start > kMaxSideBytes ? start - kMaxSideBytes : 0;
  size_t i = start;
  for (int n = 0; n < count && i > floor; ++n) {
    while (i > floor && !IsContextByte(text[i - 1])) --i;
    const size_t word_end = i;
    while (i > floor && IsContextByte(text[i - 1])) --i;
    if (i == word_end) break;
    visit(text.substr(i, word_end - i));
  }
}

// Calls `visit` with each word after `end`, nearest first, up to `count`.
template <typename Visit>
void ForWordsAfter(std::string_view text, size_t end, int count, Visit visit) {
  const size_t ceiling = std::min(text.size(), end + kMaxSideBytes);
  size_t i = end;
  for (int n = 0; n < count && i < ceiling; ++n) {
    while (i < ceiling && !IsContextByte(text[i])) ++i;
    const size_t word_start = i;
    while (i < ceiling && IsContextByte(text[i])) ++i;
    if (i == word_start) break;
    visit(text.substr(word_start, i - word_start));
  }
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

bool WordSet::MayContainRaw(std::string_view raw) const {
  if (prefixes_.empty()) return false;
  // Normalizing keeps the first two bytes unless the second is cut off.
  if (raw.size() < 2 || raw[1] == '-' || raw[1] == '\'') return true;
  const auto lower = [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  };
  const char two[2] = {lower(raw[0]), lower(raw[1])};
  return prefixes_[PrefixKey(std::string_view(two, 2))];
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

std::vector<std::string> WordsOf(std::string_view phrase) {
  std::vector<std::string> out;
  const auto add = [&out](std::string_view word) {
    char buf[kMaxWordBytes];
    const std::string_view w = Normalize(word, buf);
    if (!w.empty() && std::find(out.begin(), out.end(), w) == out.end()) out.emplace_back(w);
  };
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && !IsContextByte(phrase[i])) ++i;
    const size_t start = i;
    while (i < phrase.size() && IsContextByte(phrase[i])) ++i;
    if (i == start || i - start > kMaxWordBytes) continue;
    const std::string_view word = phrase.substr(start, i - start);
    add(word);
    size_t from = 0;
    for (size_t k = 0; k <= word.size(); ++k) {
      if (k < word.size() && word[k] != '-' && word[k] != '_') continue;
      if (from > 0 || k < word.size()) add(word.substr(from, k - from));
      from = k + 1;
    }
  }
  return out;
}

void ContextWindow::Read(std::string_view text, size_t start, size_t end, int before, int after,
                         const WordSet& filter, const WordSet* extra) {
  filter_ = &filter;
  filter_extra_ = extra;
  read_ = true;
  start_ = start;
  end_ = end;
  before_ = before;
  after_ = after;
  words_.clear();
  chars_.clear();
  ForWordsBefore(text, start, before, [this](std::string_view w) { Add(w); });
  ForWordsAfter(text, end, after, [this](std::string_view w) { Add(w); });
}

// "e-mail" is one context word, "1152-Office" and "nhs_number" hold one:
// a joined word is kept whole and then part by part.
void ContextWindow::Add(std::string_view word) {
  if (word.size() > kMaxWordBytes) return;
  AddOne(word, false);
  size_t from = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] != '-' && word[i] != '_') continue;
    AddOne(word.substr(from, i - from), true);
    from = i + 1;
  }
  if (from > 0) AddOne(word.substr(from), true);
}

void ContextWindow::AddOne(std::string_view word, bool part) {
  const bool may = filter_->MayContainRaw(word) ||
                   (filter_extra_ != nullptr && filter_extra_->MayContainRaw(word));
  if (!may) {
    words_.push_back({0, 0, part, false});
    return;
  }
  char buf[kMaxWordBytes];
  const std::string_view w = Normalize(word, buf);
  words_.push_back(
      {static_cast<uint32_t>(chars_.size()), static_cast<uint32_t>(w.size()), part, true});
  chars_ += w;
}

bool ContextWindow::Match(const WordSet& words, const WordSet* extra,
                          std::vector<std::string>* found) const {
  bool any = false;
  bool whole_hit = false;
  for (const Word& word : words_) {
    // A joined word's parts count only when the whole is none, and only
    // until the first hit.
    if (word.part && (whole_hit || any)) continue;
    const std::string_view w(chars_.data() + word.offset, word.size);
    const bool hit = word.kept && (words.Contains(w) || (extra != nullptr && extra->Contains(w)));
    if (!word.part) whole_hit = hit;
    if (!hit) continue;
    any = true;
    if (found == nullptr) return true;
    if (std::find(found->begin(), found->end(), w) == found->end()) found->emplace_back(w);
  }
  return any;
}

bool FindContext(std::string_view text, size_t start, size_t end, const ContextQuery& query,
                 std::vector<std::string>* found) {
  if (query.words == nullptr) return false;
  ContextWindow window;
  window.Read(text, start, end, query.before, query.after, *query.words, query.extra);
  return window.Match(*query.words, query.extra, found);
}

}  // namespace piiscan::analyze
