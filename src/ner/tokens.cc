#include "ner/tokens.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace piiscan::ner {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Bytes of the UTF-8 sequence starting at `i` that is punctuation or space
// (U+00A0..U+00BF, U+2000..U+206F), else 0.
size_t NonAsciiPunct(std::string_view t, size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c == 0xC2 && i + 1 < t.size()) {
    const auto d = static_cast<unsigned char>(t[i + 1]);
    return d >= 0xA0 && d <= 0xBF ? 2 : 0;
  }
  if (c == 0xE2 && i + 2 < t.size()) {
    const auto d = static_cast<unsigned char>(t[i + 1]);
    return d == 0x80 || d == 0x81 ? 3 : 0;
  }
  return 0;
}

bool IsWordByte(std::string_view t, size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) return IsAsciiAlnum(c) || c == '_';
  return NonAsciiPunct(t, i) == 0;
}

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

// Words that keep a trailing dot ("Mr.", "Ltd.").
bool KeepsDot(std::string_view word) {
  if (word.size() == 1) return word[0] >= 'A' && word[0] <= 'Z';
  if (word.size() > 5) return false;
  static constexpr std::array<std::string_view, 30> kAbbrev = {
      "mr",  "mrs",  "ms",  "dr",  "prof", "st",  "jr",  "sr", "ltd", "inc",
      "co",  "corp", "apt", "ave", "blvd", "rd",  "ste", "no", "vs",  "gen",
      "col", "capt", "lt",  "sgt", "rev",  "hon", "fr",  "mt", "ft",  "messrs"};
  char buf[8];
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    buf[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view lower(buf, word.size());
  return std::find(kAbbrev.begin(), kAbbrev.end(), lower) != kAbbrev.end();
}

// End of the word starting at `i` (a word byte).
size_t WordEnd(std::string_view t, size_t i) {
  size_t j = i;
  while (j < t.size()) {
    if (IsWordByte(t, j)) {
      ++j;
      continue;
    }
    const char c = t[j];
    const bool joiner = c == '\'' || c == '-' || c == '.';
    if (joiner && j + 1 < t.size() && IsWordByte(t, j + 1)) {
      // A dot joins letters only ("U.S", "e.g"), not numbers or sentences.
      if (c == '.' && !(std::isalpha(static_cast<unsigned char>(t[j - 1])) &&
                        std::isalpha(static_cast<unsigned char>(t[j + 1])) &&
                        (j - i == 1 || t[j - 2] == '.'))) {
        break;
      }
      ++j;
      continue;
    }
    break;
  }
  if (j < t.size() && t[j] == '.' && KeepsDot(t.substr(i, j - i))) ++j;
  return j;
}

// Mail and web addresses stay one word: the run of non-space bytes from
// `i`, without trailing punctuation, when it holds '@' past its start or
// "://". Otherwise returns `i`, and sets `*run_end` to the end of the run so
// that the run is looked at only once.
size_t GluedEnd(std::string_view t, size_t i, size_t* run_end) {
  size_t k = i;
  bool glued = false;
  for (; k < t.size() && !IsSpace(static_cast<unsigned char>(t[k])); ++k) {
    glued |= (t[k] == '@' && k > i) || (t[k] == ':' && t.substr(k, 3) == "://");
  }
  *run_end = k;
  if (!glued) return i;
  while (k > i + 1 && std::string_view(".,;:!?)]}>\"'").find(t[k - 1]) != std::string_view::npos)
    --k;
  return k;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* out) {
  if (text.size() >= UINT32_MAX) text = text.substr(0, UINT32_MAX - 1);
  bool start = true;
  bool line_break = false;
  size_t in_sentence = 0;
  size_t plain_until = 0;  // bytes before this lie in a run known not to be glued
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (IsSpace(c)) {
      if (c == '\n') {
        line_break = true;
        start = true;
      }
      ++i;
      continue;
    }
    size_t end;
    size_t glued = i;
    if (i >= plain_until) glued = GluedEnd(text, i, &plain_until);
    if (glued > i) {
      end = glued;
    } else if (IsWordByte(text, i)) {
      end = WordEnd(text, i);
    } else if (size_t n = c >= 0x80 ? NonAsciiPunct(text, i) : 0; n > 0) {
      end = i + n;
      if (n == 2 && static_cast<unsigned char>(text[i + 1]) == 0xA0) {  // no-break space
        i = end;
        continue;
      }
    } else {
      end = i + 1;
      // "@name" and "#tag" stay one word, as in social media text.
      if ((c == '@' || c == '#') && end < text.size() && IsWordByte(text, end)) {
        end = WordEnd(text, end);
      }
    }
    if (in_sentence >= kMaxSentenceTokens) start = true;
    if (start) in_sentence = 0;
    out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), start, line_break});
    ++in_sentence;
    start = end - i == 1 && (c == '.' || c == '!' || c == '?');
    line_break = false;
    i = end;
  }
}

}  // namespace piiscan::ner
