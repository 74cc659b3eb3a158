#pragma once

// Word lists the name model and the rule recognizers consult: given names
// and surnames (with frequency bands), places, organization suffixes,
// honorifics, street suffixes, months, nationalities and more. A word maps
// to a set of flags. Lookups are by a hash of the lower-cased word, so a
// lookup never allocates.
//
// Thread safety: immutable after it is built; share it freely.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "piiscan/status.h"

namespace piiscan::ner {

// Flags of a word. A word of a multi-word entry ("new york") carries the
// section's flag too: each word of "new york" is a kState word.
enum LexiconFlag : uint32_t {
  kFirstTop = 1u << 0,  // among the 500 most frequent given names
  kFirstMid = 1u << 1,  // among the 5,000 most frequent
  kFirst = 1u << 2,     // any given name in the list
  kLastTop = 1u << 3,   // among the 1,000 most frequent surnames
  kLastMid = 1u << 4,   // among the 10,000 most frequent
  kLast = 1u << 5,      // any surname in the list
  kCountry = 1u << 6,
  kState = 1u << 7,  // states, provinces, regions
  kCity = 1u << 8,
  kOrgSuffix = 1u << 9,  // "Ltd", "Inc", "University", "Bank" ...
  kHonorific = 1u << 10,
  kStreetSuffix = 1u << 11,
  kUnitWord = 1u << 12,  // "Apt", "Suite", "Unit" ...
  kMonth = 1u << 13,
  kWeekday = 1u << 14,
  kNationality = 1u << 15,
  kReligion = 1u << 16,
  kPolitical = 1u << 17,
  kMultiWord = 1u << 18,  // part of a multi-word entry
};
inline constexpr int kLexiconFlagCount = 19;

// FNV-1a of the ASCII-lower-cased bytes of `word`.
uint64_t HashLower(std::string_view word);

class Lexicon {
 public:
  Lexicon() = default;

  // Makes room for `count` words without growing again.
  void Reserve(size_t count);
  // Adds `flags` to the word whose lower-case hash is `hash`.
  void Add(uint64_t hash, uint32_t flags);
  // Adds every word of `phrase` (space-separated); more than one word also
  // sets kMultiWord.
  void AddPhrase(std::string_view phrase, uint32_t flags);

  // Flags of `word`; a trailing '.' is also tried without it.
  uint32_t Flags(std::string_view word) const;
  uint32_t FlagsOfHash(uint64_t hash) const;

  // Every (hash, flags) entry, sorted by hash, for saving.
  std::vector<std::pair<uint64_t, uint32_t>> Entries() const;
  size_t size() const { return count_; }

 private:
  void Rehash(size_t slots);
  void Grow() { Rehash(keys_.empty() ? 1024 : keys_.size() * 2); }

  std::vector<uint64_t> keys_;  // open addressing; 0 marks an empty slot
  std::vector<uint32_t> values_;
  size_t count_ = 0;
};

// Reads the word lists of `dir` (first_names.txt, last_names.txt,
// places.txt, lexicon.txt). Errors name the file.
Result<Lexicon> LoadLexiconDir(const std::string& dir);

}  // namespace piiscan::ner
