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
  bool empty() const { return words_.empty(); }

 private:
  std::unordered_set<std::string, StringHash, std::equal_to<>> words_;
  uint64_t lengths_ = 0;        // bit n: some word has length n (63: longer)
  std::vector<bool> prefixes_;  // by first two bytes; sized on first Insert
};

// Lower-cases ASCII letters of each word of `phrase` into `out`.
void AddWords(std::string_view phrase, WordSet* out);

struct ContextQuery {
  int before = 6;                  // words looked at before the candidate
  int after = 3;                   // and after it
  const WordSet* words = nullptr;  // the recognizer's context words
  const WordSet* extra = nullptr;  // the caller's, may be null
};

// True if a context word stands within the query's reach of [start, end).
// Each side is also bounded to 256 bytes. A word is a run of letters,
// digits, '-', '\'', '#', '_' or non-ASCII bytes; "card's" counts as "card".
// When `found` is not null, every matching word is appended, in order.
bool FindContext(std::string_view text, size_t start, size_t end, const ContextQuery& query,
                 std::vector<std::string>* found);

}  // namespace piiscan::analyze
