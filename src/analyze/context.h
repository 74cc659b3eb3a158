#pragma once

// Context words: words near a candidate that make it more likely to be
// what its pattern says ("SSN: 536-81-2049"). Looked up for every
// candidate, so nothing here allocates unless asked to collect the words.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace piiscan::analyze {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Lower-case words, looked up by string_view. Most words near a candidate
// are no context word, so a lookup first asks two cheap filters (length,
// first two bytes) before it hashes.
class WordSet {
 public:
  WordSet() = default;
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) Insert(w);
  }

  void Insert(std::string_view word);
  bool Contains(std::string_view word) const;
  // False when no word of the set can be `raw` once normalized (lower
  // case, trailing "-", "'" and "'s" dropped): its first two bytes rule
  // it out. Cheaper than normalizing.
  bool MayContainRaw(std::string_view raw) const;
  bool empty() const { return words_.empty(); }

 private:
  std::unordered_set<std::string, StringHash, std::equal_to<>> words_;
  uint64_t lengths_ = 0;        // bit n: some word has length n (63: longer)
  std::vector<bool> prefixes_;  // by first two bytes; sized on first Insert
};

// Lower-cases ASCII letters of each word of `phrase` into `out`.
void AddWords(std::string_view phrase, WordSet* out);

// The normalized words of `phrase`, each joined word ("nhs_number",
// "e-mail") followed by its parts, in order and without repeats.
std::vector<std::string> WordsOf(std::string_view phrase);

struct ContextQuery {
  int before = 6;                  // words looked at before the candidate
  int after = 3;                   // and after it
  const WordSet* words = nullptr;  // the recognizer's context words
  const WordSet* extra = nullptr;  // the caller's, may be null
};

// The words around one span, read once and then asked about by every
// recognizer that has a candidate there (a nine-digit run is an SSN, a
// routing number and an account number at once). Reading allocates nothing
// after the first use.
class ContextWindow {
 public:
  // Reads up to `before` words before `start` and `after` words after
  // `end` (see FindContext for what a word is). Only words that `filter`
  // (or `extra`, may be null) may contain are kept: the union of the words
  // Match() will be asked about.
  void Read(std::string_view text, size_t start, size_t end, int before, int after,
            const WordSet& filter, const WordSet* extra);

  // Whether the window was read for exactly this span and reach.
  bool Holds(size_t start, size_t end, int before, int after) const {
    return read_ && start == start_ && end == end_ && before == before_ && after == after_;
  }

  // True if a word of `words` or `extra` (may be null) is in the window.
  // When `found` is not null, every matching word is appended, in order.
  bool Match(const WordSet& words, const WordSet* extra, std::vector<std::string>* found) const;

 private:
  struct Word {
    uint32_t offset = 0;  // into chars_
    uint32_t size = 0;
    bool part = false;  // a piece of the joined word before it ("nhs" of "nhs_number")
    bool kept = true;   // false: ruled out by the filter, never a hit
  };
  void Add(std::string_view word);
  void AddOne(std::string_view word, bool part);

  const WordSet* filter_ = nullptr;
  const WordSet* filter_extra_ = nullptr;

  bool read_ = false;
  size_t start_ = 0;
  size_t end_ = 0;
  int before_ = 0;
  int after_ = 0;
  std::vector<Word> words_;
  std::string chars_;  // the normalized words, back to back
};

// True if a context word stands within the query's reach of [start, end).
// Each side is also bounded to 256 bytes. A word is a run of letters,
// digits, '-', '\'', '#', '_' or non-ASCII bytes; "card's" counts as "card".
// When `found` is not null, every matching word is appended, in order.
bool FindContext(std::string_view text, size_t start, size_t end, const ContextQuery& query,
                 std::vector<std::string>* found);

}  // namespace piiscan::analyze
