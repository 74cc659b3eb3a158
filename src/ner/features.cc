#include "ner/features.h"

#include <algorithm>

namespace piiscan::ner {
namespace {

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

uint32_t Feature(uint32_t templ, uint64_t value) {
  return static_cast<uint32_t>(Mix(value + 0x9e3779b97f4a7c15ull * (templ + 1)));
}

uint32_t Feature(uint32_t templ, uint64_t a, uint64_t b) {
  return Feature(templ, Mix(a) ^ (b * 0x2545f4914f6cdd1dull));
}

char ShapeOf(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c >= 0x80) return 'u';
  return static_cast<char>(c);
}

Casing CasingOf(std::string_view w, int upper, int lower, int digits, int letters) {
  if (letters == 0) return digits > 0 ? Casing::kDigits : Casing::kPunct;
  if (digits > 0) return Casing::kAlnum;
  const auto first = static_cast<unsigned char>(w[0]);
  if (first >= 0x80) return Casing::kOther;
  if (upper == 1 && letters == 1) return Casing::kInitial;
  if (lower == letters) return Casing::kLower;
  if (upper == letters) return Casing::kUpper;
  if (first >= 'A' && first <= 'Z') {
    // "O'Neil" and "Jean-Luc" are title case; "McDonald" is mixed.
    bool title = true;
    for (size_t i = 1; i < w.size(); ++i) {
      const char c = w[i];
      if (c >= 'A' && c <= 'Z' && w[i - 1] != '\'' && w[i - 1] != '-') title = false;
    }
    return title ? Casing::kTitle : Casing::kMixed;
  }
  return Casing::kMixed;
}

// Words beyond the sentence are represented by these.
constexpr uint64_t kBefore = 0x5354415254ull;  // "START"
constexpr uint64_t kAfter = 0x454e44ull;       // "END"

enum Template : uint32_t {
  kBias,
  kWord,
  kPrev1,
  kNext1,
  kPrev2,
  kNext2,
  kShape,
  kShapePrev,
  kShapeNext,
  kPre2,
  kPre3,
  kSuf2,
  kSuf3,
  kSuf4,
  kCaseStart,
  kCaseWindow,
  kLex,
  kLexPrev,
  kLexNext,
  kBigramPrev,
  kBigramNext,
  kLengthCase,
  kCasePrevWord,
  kCaseNextWord,
  kWordStart,
  kLexCase,
  kPrevWordNextCase,
};

bool IsCue(const WordInfo& w) {
  static const std::vector<uint64_t> kCues = [] {
    std::vector<uint64_t> cues;
    for (const char* word :
         {"name",     "named",  "patient",  "dear",      "signed",  "attn",     "contact",
          "customer", "client", "employee", "sincerely", "regards", "thanks",   "hi",
          "hello",    "cc",     "called",   "user",      "member",  "applicant"}) {
      cues.push_back(HashLower(word));
    }
    return cues;
  }();
  if (w.lexicon & kHonorific) return true;
  return std::find(kCues.begin(), kCues.end(), w.lower) != kCues.end();
}

bool MayBeName(const WordInfo& w) {
  if (!w.has_letter || w.code_like || w.digits >= 3) return false;
  return w.casing == Casing::kTitle || w.casing == Casing::kUpper || w.casing == Casing::kInitial ||
         w.casing == Casing::kMixed || w.casing == Casing::kOther;
}

}  // namespace

void MarkUnlikely(std::span<WordInfo> words) {
  std::span<WordInfo> w = words;
  const size_t n = w.size();
  // A sentence without capitals gives case no say: every word with a
  // letter is scored.
  const bool any_capital = std::any_of(w.begin(), w.end(), [](const WordInfo& x) {
    return x.casing != Casing::kLower && x.casing != Casing::kPunct &&
           x.casing != Casing::kDigits && x.casing != Casing::kOther;
  });
  std::vector<bool> wanted(n, false);
  size_t cue_until = 0;
  for (size_t i = 0; i < n; ++i) {
    const bool lettered = w[i].has_letter && !w[i].code_like && w[i].digits < 3;
    if (MayBeName(w[i]) || (lettered && (!any_capital || i < cue_until))) {
      if (i > 0) wanted[i - 1] = true;
      wanted[i] = true;
      if (i + 1 < n) wanted[i + 1] = true;
    }
    if (IsCue(w[i])) cue_until = i + 4;
  }
  for (size_t i = 0; i < n; ++i) w[i].skip = !wanted[i];
}

WordInfo Describe(std::string_view word, bool sentence_start, const Lexicon& lexicon) {
  WordInfo info;
  info.sentence_start = sentence_start;
  info.length = static_cast<uint8_t>(std::min<size_t>(word.size(), 255));
  info.lower = HashLower(word);
  info.lexicon = lexicon.FlagsOfHash(info.lower);
  if (word.size() > 1 && word.back() == '.') {
    info.lexicon |= lexicon.FlagsOfHash(HashLower(word.substr(0, word.size() - 1)));
  }

  int upper = 0, lower = 0, digits = 0, letters = 0;
  char shape[16];
  size_t shape_len = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') ++upper;
    if (c >= 'a' && c <= 'z') ++lower;
    if (c >= '0' && c <= '9') ++digits;
    if (c >= 0x80 && (c & 0xC0) != 0x80) ++lower;  // a non-ASCII letter, counted once
    const char s = ShapeOf(c);
    if (c >= 0x80 && (c & 0xC0) == 0x80) continue;
    if (shape_len > 0 && shape[shape_len - 1] == s) continue;
    if (shape_len < sizeof shape) shape[shape_len++] = s;
  }
  letters = upper + lower;
  info.digits = static_cast<uint8_t>(std::min(digits, 255));
  info.code_like =
      word.size() > 1 && word.find_first_of("@/\\_=:<>{}[]|~^*+%$&", 1) != std::string_view::npos;
  info.has_digit = digits > 0;
  info.has_letter = letters > 0;
  info.casing = CasingOf(word, upper, lower, digits, letters);
  // Hashed with case kept: "X" and "x" are different shapes.
  uint64_t sh = 1469598103934665603ull;
  for (size_t i = 0; i < shape_len; ++i) {
    sh = (sh ^ static_cast<unsigned char>(shape[i])) * 1099511628211ull;
  }
  info.shape = sh;

  info.text = word;
  return info;
}

void Features(std::span<const WordInfo> words, size_t i, std::vector<uint32_t>* out) {
  const WordInfo& w = words[i];
  const size_t n = words.size();
  const uint64_t p1 = i >= 1 ? words[i - 1].lower : kBefore;
  const uint64_t p2 = i >= 2 ? words[i - 2].lower : kBefore;
  const uint64_t n1 = i + 1 < n ? words[i + 1].lower : kAfter;
  const uint64_t n2 = i + 2 < n ? words[i + 2].lower : kAfter;
  const uint64_t cp = i >= 1 ? static_cast<uint64_t>(words[i - 1].casing) : 15;
  const uint64_t cn = i + 1 < n ? static_cast<uint64_t>(words[i + 1].casing) : 15;
  const auto c0 = static_cast<uint64_t>(w.casing);
  const uint64_t start = w.sentence_start ? 1 : 0;

  out->push_back(Feature(kBias, 0));
  out->push_back(Feature(kWord, w.lower));
  out->push_back(Feature(kPrev1, p1));
  out->push_back(Feature(kNext1, n1));
  out->push_back(Feature(kPrev2, p2));
  out->push_back(Feature(kNext2, n2));
  out->push_back(Feature(kShape, w.shape));
  out->push_back(Feature(kShapePrev, i >= 1 ? words[i - 1].shape : kBefore));
  out->push_back(Feature(kShapeNext, i + 1 < n ? words[i + 1].shape : kAfter));
  // Affixes are hashed here, for the scored words only.
  const std::string_view t = w.text;
  const size_t len = t.size();
  out->push_back(Feature(kPre2, HashLower(t.substr(0, std::min<size_t>(2, len)))));
  out->push_back(Feature(kPre3, HashLower(t.substr(0, std::min<size_t>(3, len)))));
  out->push_back(Feature(kSuf2, HashLower(t.substr(len - std::min<size_t>(2, len)))));
  out->push_back(Feature(kSuf3, HashLower(t.substr(len - std::min<size_t>(3, len)))));
  out->push_back(Feature(kSuf4, HashLower(t.substr(len - std::min<size_t>(4, len)))));
  out->push_back(Feature(kCaseStart, c0 * 2 + start));
  out->push_back(Feature(kCaseWindow, cp * 256 + c0 * 16 + cn));
  out->push_back(Feature(kBigramPrev, p1, w.lower));
  out->push_back(Feature(kBigramNext, w.lower, n1));
  out->push_back(Feature(kLengthCase, std::min<uint64_t>(w.length, 12) * 16 + c0));
  out->push_back(Feature(kCasePrevWord, p1, c0));
  out->push_back(Feature(kCaseNextWord, n1, c0));
  out->push_back(Feature(kWordStart, w.lower, start));
  out->push_back(Feature(kPrevWordNextCase, p1, cn * 16 + c0));

  const uint32_t lp = i >= 1 ? words[i - 1].lexicon : 0;
  const uint32_t ln = i + 1 < n ? words[i + 1].lexicon : 0;
  for (int b = 0; b < kLexiconFlagCount; ++b) {
    const uint32_t bit = 1u << b;
    if (w.lexicon & bit) {
      out->push_back(Feature(kLex, b));
      out->push_back(Feature(kLexCase, b, c0 * 2 + start));
    }
    if (lp & bit) out->push_back(Feature(kLexPrev, b));
    if (ln & bit) out->push_back(Feature(kLexNext, b));
  }
}

}  // namespace piiscan::ner
