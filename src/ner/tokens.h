#pragma once

// Splits text into the words the name model tags: runs of letters,
// digits and '_' (any non-ASCII letter counts as a letter), with inner apostrophes,
// hyphens and dots ("O'Neil", "Jean-Luc", "U.S"), a trailing dot kept on
// initials and common abbreviations ("J.", "Mr.", "Ltd."), and every other
// punctuation mark a word of its own. Whitespace separates words.
// Sentences end after ".", "!" or "?", at a line break, or after
// kMaxSentenceTokens words.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace piiscan::ner {

inline constexpr size_t kMaxSentenceTokens = 80;

struct Token {
  uint32_t start = 0;  // bytes into the text
  uint32_t end = 0;
  bool sentence_start = false;
  bool line_break_before = false;  // a line break lies between it and the previous token
};

// Appends the tokens of `text` to `out`. Linear in the text; never fails.
// Texts of 4 GiB or more are cut at that size.
void Tokenize(std::string_view text, std::vector<Token>* out);

}  // namespace piiscan::ner
