#include "analyze/context.h"

#include <algorithm>

namespace piiscan::analyze {
namespace {

constexpr size_t kMaxSideBytes = 256;

bool IsContextByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '\'' || c == '#' || c == '_' || (c & 0x80) != 0;
}

std::string LowerWord(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // "card's" and "number-" count as "card" and "number".
  while (!out.empty() && (out.back() == '-' || out.back() == '\'')) out.pop_back();
  if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) out.resize(out.size() - 2);
  return out;
}

void WordsBefore(std::string_view text, size_t start, int count, std::vector<std::string>* out) {
  const size_t floor = start > kMaxSideBytes ? start - kMaxSideBytes : 0;
  size_t i = start;
  for (int n = 0; n < count && i > floor;) {
    while (i > floor && !IsContextByte(text[i - 1])) --i;
    const size_t word_end = i;
    while (i > floor && IsContextByte(text[i - 1])) --i;
    if (i == word_end) break;
    out->push_back(LowerWord(text.substr(i, word_end - i)));
    ++n;
  }
}

void WordsAfter(std::string_view text, size_t end, int count, std::vector<std::string>* out) {
  const size_t ceiling = std::min(text.size(), end + kMaxSideBytes);
  size_t i = end;
  for (int n = 0; n < count && i < ceiling;) {
    while (i < ceiling && !IsContextByte(text[i])) ++i;
    const size_t word_start = i;
    while (i < ceiling && IsContextByte(text[i])) ++i;
    if (i == word_start) break;
    out->push_back(LowerWord(text.substr(word_start, i - word_start)));
    ++n;
  }
}

}  // namespace

std::vector<std::string> NearbyWords(std::string_view text, size_t start, size_t end, int before,
                                     int after) {
  std::vector<std::string> words;
  WordsBefore(text, start, before, &words);
  WordsAfter(text, end, after, &words);
  return words;
}

std::vector<std::string> MatchContext(const std::vector<std::string>& nearby,
                                      const std::unordered_set<std::string>& context,
                                      const std::unordered_set<std::string>& extra) {
  std::vector<std::string> found;
  for (const std::string& word : nearby) {
    if (!context.contains(word) && !extra.contains(word)) continue;
    if (std::find(found.begin(), found.end(), word) == found.end()) found.push_back(word);
  }
  return found;
}

}  // namespace piiscan::analyze
