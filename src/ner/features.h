#pragma once

// Features of the name model. Every feature is a 32-bit id: a hash of the
// feature's template and value, later reduced to a bucket of the weight
// table. Per word, the expensive part (hashing the lower-cased form, its
// shape and affixes, the lexicon lookup) is done once in Describe(); the
// features of a position then only combine those hashes.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "ner/lexicon.h"

namespace piiscan::ner {

// How a word is written.
enum class Casing : uint8_t {
  kLower,    // "smith"
  kTitle,    // "Smith", "O'Neil"
  kUpper,    // "SMITH" (two letters or more)
  kInitial,  // "J", "J."
  kMixed,    // "McDonald", "iPhone"
  kDigits,   // "2024", "12.5"
  kAlnum,    // "A12345", "3rd"
  kPunct,    // ",", "--"
  kOther,    // starts with a non-ASCII letter
};

struct WordInfo {
  uint64_t lower = 0;     // hash of the lower-cased word
  uint64_t shape = 0;     // hash of its shape ("Xx", "d-d", "x@x.x")
  std::string_view text;  // the word; must outlive this
  uint32_t lexicon = 0;   // LexiconFlag bits
  Casing casing = Casing::kPunct;
  uint8_t length = 0;      // bytes, capped at 255
  uint8_t digits = 0;      // capped at 255
  bool code_like = false;  // holds '@', '/', '_', '=' ... past its first byte
  bool has_digit = false;
  bool has_letter = false;
  bool sentence_start = false;
  // Set by MarkUnlikely(): the word is taken as O without being scored.
  bool skip = false;
};

// Describes one word. `sentence_start`: first word of its sentence.
WordInfo Describe(std::string_view word, bool sentence_start, const Lexicon& lexicon);

// Appends the feature ids of position `i` of `words` to `out`.
void Features(std::span<const WordInfo> words, size_t i, std::vector<uint32_t>* out);

// Marks the words of one sentence that cannot start or continue a name
// as `skip`, so that the model scores only the rest: a word is scored when
// it, or a word next to it, is capitalized (Title, UPPER, an initial,
// mixed case, a non-ASCII first letter) or follows a name cue ("name",
// "patient", "dear", an honorific) within three words. In a sentence
// without capitals every word with a letter (and its neighbours) is scored.
void MarkUnlikely(std::span<WordInfo> words);

// Features per position are at most this many.
inline constexpr size_t kMaxFeatures = 64;

}  // namespace piiscan::ner
