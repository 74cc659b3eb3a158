// Entity types with a fixed written form: found by looking at a word and
// a few of its neighbours.

#include <algorithm>
#include <cctype>
#include <string>

#include "ner/rules.h"

namespace piiscan::ner {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// Whether one of the `before` words ahead of `i` is one of `words` (lower
// case), compared by hash: no allocation per digit run.
bool Near(const Words& w, size_t i, size_t before, std::initializer_list<const char*> words) {
  for (size_t k = i; k > 0 && i - k < before; --k) {
    const uint64_t h = w.infos[k - 1].lower;
    for (const char* want : words) {
      if (h == HashLower(want)) return true;
    }
  }
  return false;
}

bool Is(const Words& w, size_t i, std::string_view lower) {
  return i < w.tokens.size() && w.infos[i].lower == HashLower(lower);
}

void Push(const Words& w, const char* entity, const char* rule, size_t first, size_t last,
          double score, std::vector<NamedSpan>* out) {
  out->push_back({entity, rule, w.tokens[first].start, w.tokens[last].end, score});
}

// "42 years old", "aged 42", "age: 42", "42-year-old"
void Age(const Words& w, size_t i, std::vector<NamedSpan>* out) {
  const std::string_view s = w.Word(i);
  const size_t n = w.tokens.size();
  const size_t dash = s.find("-year");
  if (dash != std::string_view::npos && dash > 0 && dash <= 3 && IsDigits(s.substr(0, dash))) {
    Push(w, "AGE", "age", i, i, 0.85, out);
    return;
  }
  if (!IsDigits(s) || s.size() > 3) return;
  if (i + 2 < n && (Is(w, i + 1, "years") || Is(w, i + 1, "yrs") || Is(w, i + 1, "year")) &&
      (Is(w, i + 2, "old") || Is(w, i + 2, "of"))) {
    Push(w, "AGE", "age", i, i + 2, 0.85, out);
    return;
  }
  if (Near(w, i, 2, {"aged", "age", "ages"})) Push(w, "AGE", "age", i, i, 0.75, out);
}

// "ZIP 94107", "postal code: 10115"
void Zip(const Words& w, size_t i, std::vector<NamedSpan>* out) {
  const std::string_view s = w.Word(i);
  const bool us = (s.size() == 5 && IsDigits(s)) || (s.size() == 10 && IsDigits(s.substr(0, 5)) &&
                                                     s[5] == '-' && IsDigits(s.substr(6)));
  if (!us) return;
  if (Near(w, i, 3, {"zip", "zipcode", "postal", "postcode", "plz"})) {
    Push(w, "ZIP_CODE", "zip_code", i, i, 0.7, out);
  }
}

// "Mr.", "Dr", "Prof." before a capitalized name.
void Title(const Words& w, size_t i, std::vector<NamedSpan>* out) {
  if (!(w.infos[i].lexicon & kHonorific) || i + 1 >= w.tokens.size()) return;
  const std::string lower = Lower(w.Word(i));
  static constexpr const char* kTitles[] = {"mr",    "mr.", "mrs",  "mrs.", "ms",   "ms.",
                                            "miss",  "mx",  "mx.",  "dr",   "dr.",  "prof",
                                            "prof.", "sir", "dame", "rev.", "lady", "lord"};
  if (std::none_of(std::begin(kTitles), std::end(kTitles),
                   [&](const char* t) { return lower == t; })) {
    return;
  }
  const Casing next = w.infos[i + 1].casing;
  if (next == Casing::kTitle || next == Casing::kUpper || next == Casing::kInitial) {
    Push(w, "TITLE", "title", i, i, 0.6, out);
  }
}

// Nationalities, religions and political groups, capitalized.
void Nrp(const Words& w, size_t i, std::vector<NamedSpan>* out) {
  const WordInfo& info = w.infos[i];
  if (!(info.lexicon & (kNationality | kReligion | kPolitical))) return;
  if (info.casing != Casing::kTitle && info.casing != Casing::kUpper) return;
  Push(w, "NRP", "nrp", i, i, 0.6, out);
}

// A licence number near "driver's license", "DL", "licence number".
void DriverLicense(const Words& w, size_t i, std::vector<NamedSpan>* out) {
  const WordInfo& info = w.infos[i];
  const std::string_view s = w.Word(i);
  if (!info.has_digit || s.size() < 5 || s.size() > 14) return;
  size_t digits = 0, letters = 0;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      ++digits;
    else if (std::isalpha(static_cast<unsigned char>(c)))
      ++letters;
    else if (c != '-')
      return;
  }
  if (digits < 4 || letters > 3) return;
  if (Near(w, i, 5, {"license", "licence", "dl", "dln", "driver's", "drivers", "driving"})) {
    Push(w, "US_DRIVER_LICENSE", "driver_license", i, i, 0.65, out);
  }
}

}  // namespace

void FindFixedForms(const Words& words, std::vector<NamedSpan>* out) {
  for (size_t i = 0; i < words.tokens.size(); ++i) {
    const WordInfo& info = words.infos[i];
    if (info.has_digit) {
      Age(words, i, out);
      Zip(words, i, out);
      DriverLicense(words, i, out);
    } else if (info.lexicon != 0) {
      Title(words, i, out);
      Nrp(words, i, out);
    }
  }
}

}  // namespace piiscan::ner
