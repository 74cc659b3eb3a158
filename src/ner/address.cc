// Street addresses as a small state machine over words: a street part
// must be found first (number + names + suffix, or the European layouts);
// each later part (unit, city, state, postcode, country) is taken only
// when it has the expected form, and the address ends at the last part
// taken.
//
// TODO(#5): addresses written all in lower case, and street names that
// neither end in a known suffix nor stand before a number with a postcode
// after it ("Roheline 43" alone), are missed; a bare house number or
// postcode is not reported as an address.

#include <algorithm>
#include <cstring>

#include "ner/rules.h"

namespace piiscan::ner {
namespace {

constexpr size_t kMaxNameWords = 4;
constexpr double kStreetOnlyScore = 0.6;
constexpr double kFullScore = 0.9;
constexpr double kStreetNameScore = 0.55;

bool IsNumber(const WordInfo& w, std::string_view s, size_t max_digits) {
  if (s.empty() || s.size() > max_digits + 1) return false;
  if (w.casing == Casing::kDigits)
    return s.find_first_not_of("0123456789") == std::string_view::npos;
  // "12A", "221B"
  return w.casing == Casing::kAlnum && s.size() >= 2 &&
         std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isalpha(static_cast<unsigned char>(s.back())) &&
         s.substr(0, s.size() - 1).find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsDigits(std::string_view s, size_t n) {
  return s.size() == n && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool IsOrdinal(std::string_view s) {
  if (s.size() < 3 || s.size() > 6) return false;
  const std::string_view tail = s.substr(s.size() - 2);
  return std::isdigit(static_cast<unsigned char>(s[0])) &&
         (tail == "st" || tail == "nd" || tail == "rd" || tail == "th");
}

bool IsNameWord(const WordInfo& w) {
  return w.casing == Casing::kTitle || w.casing == Casing::kUpper || w.casing == Casing::kInitial ||
         w.casing == Casing::kMixed || w.casing == Casing::kOther;
}

bool IsParticle(std::string_view s) {
  static constexpr const char* kParticles[] = {"de", "la",  "le",  "du",  "des", "del", "di",
                                               "da", "dos", "das", "van", "von", "the", "of"};
  for (const char* p : kParticles) {
    if (s.size() == std::strlen(p) && std::equal(s.begin(), s.end(), p, [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == b;
        })) {
      return true;
    }
  }
  return false;
}

bool EndsWithStreetWord(std::string_view s) {
  static constexpr std::string_view kEndings[] = {"straße", "strasse", "str.",  "weg",
                                                  "gasse",  "platz",   "allee", "straat",
                                                  "laan",   "gracht",  "plein"};
  for (std::string_view e : kEndings) {
    if (s.size() < e.size() + 3) continue;
    const std::string_view tail = s.substr(s.size() - e.size());
    if (std::equal(tail.begin(), tail.end(), e.begin(), [](char a, char b) {
          return static_cast<char>(std::tolower(static_cast<unsigned char>(a))) == b;
        })) {
      return true;
    }
  }
  return false;
}

bool IsPunct(const Words& w, size_t i, char c) {
  const std::string_view s = w.Word(i);
  return s.size() == 1 && s[0] == c;
}

// Tokens on later lines are welcome; a blank line ends an address.
bool Continues(const Words& w, size_t i) {
  if (i >= w.tokens.size()) return false;
  if (!w.tokens[i].line_break_before) return true;
  const std::string_view gap =
      w.text.substr(w.tokens[i - 1].end, w.tokens[i].start - w.tokens[i - 1].end);
  return std::count(gap.begin(), gap.end(), '\n') < 2;
}

class AddressMatcher {
 public:
  explicit AddressMatcher(const Words& w) : w_(w), n_(w.tokens.size()) {}

  // Index past the street part starting at `i`, or 0.
  size_t Street(size_t i) const {
    if (size_t e = NumberFirst(i)) return e;
    return NameFirst(i);
  }

  // Extends an address whose street part ends at `end` (exclusive).
  // Returns the new end and whether a city/postcode/country was taken.
  std::pair<size_t, bool> Extend(size_t end) const {
    // Parts in any common order: unit, city, state, postcode, country.
    // A city counts only next to a postcode, state or country, so that
    // the words of the next sentence are not taken for one.
    bool full = false;
    bool after_zip = false;
    for (int parts = 0; parts < 8; ++parts) {
      const size_t j = SkipComma(end);
      if (j >= n_ || !Continues(w_, j)) break;
      if (size_t u = Unit(end); u != end) {
        end = u;
        continue;
      }
      if (size_t uk = UkPostcode(j)) {
        end = uk;
        full = true;
        continue;
      }
      if (IsZip(j) && !PhoneLike(j) && (w_.Word(j).size() != 4 || City(j + 1) != 0)) {
        end = j + 1;
        full = after_zip = true;
        continue;
      }
      if (size_t c = Country(j)) {
        end = c;
        full = true;
        continue;
      }
      if (IsState(j) && (full || IsZip(SkipComma(j + 1)))) {
        end = j + 1;
        full = true;
        continue;
      }
      const size_t city = City(j);
      if (city == 0) break;
      const size_t next = SkipComma(city);
      if (after_zip || IsZip(next) || IsState(next) || Country(next) || UkPostcode(next)) {
        end = city;
        full = full || after_zip;
        after_zip = false;
        continue;
      }
      break;
    }
    return {end, full};
  }

  // A digit group that more digit groups follow ("5555 0147", "555-0147")
  // is a phone number, not a postcode.
  bool PhoneLike(size_t j) const {
    size_t k = j + 1;
    if (k < n_ && (IsPunct(w_, k, '-') || IsPunct(w_, k, '.') || IsPunct(w_, k, ')'))) ++k;
    return k < n_ && !w_.tokens[k].line_break_before && w_.infos[k].casing == Casing::kDigits;
  }

  size_t Country(size_t j) const {
    if (j >= n_ || !Continues(w_, j) || !(w_.infos[j].lexicon & kCountry) ||
        !IsNameWord(w_.infos[j])) {
      return 0;
    }
    size_t k = j + 1;
    while (k < n_ && k < j + 4 && !w_.tokens[k].line_break_before &&
           ((w_.infos[k].lexicon & kCountry) || IsParticle(w_.Word(k)))) {
      ++k;
    }
    while (k > j + 1 && IsParticle(w_.Word(k - 1))) --k;
    return k;
  }

  // "Vesturgata 66", "Camino Ancho 91": names then a number. Only taken
  // when more address parts follow (see FindAddresses).
  size_t NameThenNumber(size_t i) const {
    size_t k = i;
    while (k < n_ && k < i + 3 && !w_.tokens[k].line_break_before &&
           (IsNameWord(w_.infos[k]) || (k > i && IsParticle(w_.Word(k))))) {
      ++k;
    }
    if (k == i || k >= n_ || w_.tokens[k].line_break_before) return 0;
    return IsNumber(w_.infos[k], w_.Word(k), 4) ? k + 1 : 0;
  }

 private:
  size_t SkipComma(size_t i) const {
    if (i < n_ && Continues(w_, i) && IsPunct(w_, i, ',')) return i + 1;
    return i;
  }

  // "123 Main Street", "12 Avenue Road", "4 rue de la Paix", "10 N. 5th Ave"
  size_t NumberFirst(size_t i) const {
    if (!IsNumber(w_.infos[i], w_.Word(i), 6) || i + 2 > n_) return 0;
    size_t j = i + 1;
    if (IsPunct(w_, j, ',') && j + 1 < n_) ++j;  // "12, rue de Rivoli"
    if (w_.tokens[j].line_break_before) return 0;
    // Suffix first: "rue de la Paix", "Via Roma", "Calle Mayor"
    const WordInfo& first = w_.infos[j];
    if ((first.lexicon & kStreetSuffix) && IsRomanceStreet(w_.Word(j))) {
      size_t k = j + 1, names = 0;
      while (k < n_ && names < kMaxNameWords && !w_.tokens[k].line_break_before &&
             (IsNameWord(w_.infos[k]) || IsParticle(w_.Word(k)))) {
        ++k;
        ++names;
      }
      while (k > j + 1 && IsParticle(w_.Word(k - 1))) --k;
      if (k > j + 1) return k;
    }
    // Names then a suffix.
    size_t names = 0;
    for (size_t k = j; k < n_ && names <= kMaxNameWords && !w_.tokens[k].line_break_before; ++k) {
      const WordInfo& info = w_.infos[k];
      const std::string_view s = w_.Word(k);
      if (names > 0 && (info.lexicon & kStreetSuffix) && info.casing != Casing::kDigits) {
        size_t end = k + 1;
        if (end < n_ && IsPunct(w_, end, '.') && !w_.tokens[end].line_break_before) ++end;
        // "Main Street North", "5th Ave NW"
        if (end < n_ && !w_.tokens[end].line_break_before && IsDirection(w_.Word(end))) ++end;
        return end;
      }
      if (!(IsNameWord(info) || IsOrdinal(s) || (names > 0 && IsParticle(s)))) return 0;
      ++names;
    }
    return 0;
  }

  // "Hauptstraße 5", "Kerkstraat 12a"
  size_t NameFirst(size_t i) const {
    if (!IsNameWord(w_.infos[i]) || !EndsWithStreetWord(w_.Word(i))) return 0;
    const size_t j = i + 1;
    if (j < n_ && !w_.tokens[j].line_break_before && IsNumber(w_.infos[j], w_.Word(j), 4)) {
      return j + 1;
    }
    return 0;
  }

  static bool IsRomanceStreet(std::string_view s) {
    std::string lower(s);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* r :
         {"rue", "avenue", "boulevard", "via", "viale", "piazza", "corso", "calle", "avenida",
          "paseo", "plaza", "rua", "place", "chemin", "quai", "allée", "impasse", "carrera"}) {
      if (lower == r) return true;
    }
    return false;
  }

  static bool IsDirection(std::string_view s) {
    for (const char* d :
         {"N", "S", "E", "W", "NE", "NW", "SE", "SW", "North", "South", "East", "West"}) {
      if (s == d) return true;
    }
    return false;
  }

  // ", Apt. 4B", " Suite 200", "#12", "Flat 3"
  size_t Unit(size_t i) const {
    size_t j = SkipComma(i);
    if (j >= n_ || !Continues(w_, j)) return i;
    if (IsPunct(w_, j, '#') || (w_.infos[j].lexicon & kUnitWord)) {
      size_t k = j + 1;
      if (k < n_ && IsPunct(w_, k, '.')) ++k;
      if (k < n_ && IsPunct(w_, k, '#')) ++k;
      if (k < n_ && !w_.tokens[k].line_break_before &&
          (w_.infos[k].has_digit || w_.infos[k].casing == Casing::kInitial) &&
          w_.infos[k].length <= 6) {
        return k + 1;
      }
      // "#12" is one word
      const std::string_view s = w_.Word(j);
      if (s.size() > 1 && s[0] == '#' && w_.infos[j].has_digit) return j + 1;
    }
    return i;
  }

  bool IsZip(size_t i) const {
    if (i >= n_ || !Continues(w_, i)) return false;
    const std::string_view s = w_.Word(i);
    return IsDigits(s, 5) || (s.size() == 10 && IsDigits(s.substr(0, 5), 5) && s[5] == '-') ||
           IsDigits(s, 4);
  }

  // A UK postcode "SW1A 2AA", "M1 1AE": returns its end or 0.
  size_t UkPostcode(size_t i) const {
    if (i + 1 >= n_ || !Continues(w_, i)) return 0;
    const std::string_view a = w_.Word(i), b = w_.Word(i + 1);
    auto upper_alnum = [](std::string_view s) {
      return std::all_of(s.begin(), s.end(),
                         [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
    };
    const bool outward = a.size() >= 2 && a.size() <= 4 && upper_alnum(a) &&
                         std::isalpha(static_cast<unsigned char>(a[0])) && w_.infos[i].has_digit;
    const bool inward =
        b.size() == 3 && upper_alnum(b) && std::isdigit(static_cast<unsigned char>(b[0]));
    return outward && inward ? i + 2 : 0;
  }

  // 1-3 capitalized words, not digits.
  size_t City(size_t i) const {
    size_t k = i;
    while (k < n_ && k < i + 3 && Continues(w_, k) && IsNameWord(w_.infos[k]) &&
           !(w_.infos[k].lexicon & kUnitWord) && !(k > i && IsStateCode(w_.Word(k)))) {
      ++k;
      if (k < n_ && w_.tokens[k].line_break_before) break;
    }
    return k > i ? k : 0;
  }

  static bool IsStateCode(std::string_view s) {
    return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
           std::isupper(static_cast<unsigned char>(s[1]));
  }

  bool IsState(size_t i) const {
    if (i >= n_ || !Continues(w_, i)) return false;
    const std::string_view s = w_.Word(i);
    if (s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
        std::isupper(static_cast<unsigned char>(s[1]))) {
      return true;
    }
    return (w_.infos[i].lexicon & kState) && IsNameWord(w_.infos[i]);
  }

  const Words& w_;
  size_t n_;
};

// "PSC 1234, Box 5678 APO AA 12345", "USNS Brown FPO AP 12345"
size_t Military(const Words& w, size_t i) {
  const size_t n = w.tokens.size();
  const std::string_view s = w.Word(i);
  size_t j = i;
  if ((s == "PSC" || s == "Unit") && i + 1 < n && IsDigits(w.Word(i + 1), 4)) {
    j = i + 2;
    if (j < n && IsPunct(w, j, ',')) ++j;
    if (j + 1 < n && w.Word(j) == "Box" && w.infos[j + 1].casing == Casing::kDigits)
      j += 2;
    else
      return 0;
  } else if ((s == "USNS" || s == "USS" || s == "USNV" || s == "USCGC") && i + 1 < n &&
             w.infos[i + 1].casing == Casing::kTitle) {
    j = i + 2;
  } else {
    return 0;
  }
  if (j < n && IsPunct(w, j, ',')) ++j;
  if (j + 2 < n && (w.Word(j) == "APO" || w.Word(j) == "FPO" || w.Word(j) == "DPO") &&
      (w.Word(j + 1) == "AA" || w.Word(j + 1) == "AE" || w.Word(j + 1) == "AP") &&
      IsDigits(w.Word(j + 2), 5)) {
    return j + 3;
  }
  return 0;
}

// "Suite 286", "Apt. 4B", "P.O. Box 101": an address part on its own.
size_t UnitOrBox(const Words& w, size_t i, double* score) {
  const size_t n = w.tokens.size();
  std::string lower(w.Word(i));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t j = i + 1;
  if (lower == "p.o" || lower == "po" || lower == "pob") {
    if (j < n && IsPunct(w, j, '.')) ++j;
    if (j + 1 < n && (w.Word(j) == "Box" || w.Word(j) == "BOX" || w.Word(j) == "box") &&
        w.infos[j + 1].casing == Casing::kDigits) {
      *score = 0.8;
      return j + 2;
    }
    return 0;
  }
  static constexpr const char* kUnits[] = {"apt", "apt.", "apartment", "suite",
                                           "ste", "ste.", "flat"};
  if (std::none_of(std::begin(kUnits), std::end(kUnits),
                   [&](const char* u) { return lower == u; })) {
    return 0;
  }
  if (j < n && IsPunct(w, j, '.')) ++j;
  if (j < n && IsPunct(w, j, '#')) ++j;
  if (j < n && !w.tokens[j].line_break_before && w.infos[j].has_digit && w.infos[j].length <= 6 &&
      std::isdigit(static_cast<unsigned char>(w.Word(j)[0]))) {
    *score = 0.5;
    return j + 1;
  }
  return 0;
}

// A street named without its number: "Johnson Ramp", "Old Mill Road".
// Only suffixes that rarely end other names count ("Court", "Park",
// "Center" do not).
size_t NamedStreet(const Words& w, size_t i) {
  static constexpr std::string_view kStrong[] = {
      "street",     "avenue",   "road",  "lane",  "drive",  "boulevard", "parkway", "terrace",
      "crescent",   "ramp",     "spurs", "burgs", "locks",  "crossing",  "highway", "freeway",
      "expressway", "turnpike", "alley", "trail", "straße", "strasse"};
  const size_t n = w.tokens.size();
  if (!IsNameWord(w.infos[i]) || (w.infos[i].lexicon & kStreetSuffix)) return 0;
  for (size_t k = i + 1; k < n && k <= i + 3 && !w.tokens[k].line_break_before; ++k) {
    const WordInfo& info = w.infos[k];
    if (!IsNameWord(info)) return 0;
    if (!(info.lexicon & kStreetSuffix)) continue;
    std::string lower(w.Word(k));
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::string_view s : kStrong) {
      if (lower == s) return k + 1;
    }
    return 0;
  }
  return 0;
}

}  // namespace

void FindAddresses(const Words& words, std::vector<NamedSpan>* out) {
  const AddressMatcher m(words);
  const size_t n = words.tokens.size();
  for (size_t i = 0; i < n; ++i) {
    const WordInfo& info = words.infos[i];
    // Every layout starts on a number, a unit or box word, a capitalized
    // word (street names first, military mail) or an upper-case code.
    const bool may_start =
        info.has_digit || (info.lexicon & kUnitWord) ||
        ((info.casing == Casing::kTitle || info.casing == Casing::kUpper) && info.length >= 2);
    if (!may_start) continue;
    if (size_t e = Military(words, i)) {
      out->push_back({"STREET_ADDRESS", "street_address", words.tokens[i].start,
                      words.tokens[e - 1].end, kFullScore});
      i = e - 1;
      continue;
    }
    size_t start = i;
    size_t street_from = i;
    // "Flat 3, 12 High Street", "Apt 5 221B Baker Street"
    if ((info.lexicon & kUnitWord) && i + 2 < n && words.infos[i + 1].has_digit) {
      street_from = i + 2;
      if (street_from < n && IsPunct(words, street_from, ',')) ++street_from;
      if (street_from >= n) continue;
    }
    size_t end = m.Street(street_from);
    if (end == 0 && street_from != i) {
      start = street_from = i;
      end = m.Street(i);
    }
    if (end == 0 && i == street_from) {
      if (size_t e = m.NameThenNumber(i)) {
        const auto [full_end, full] = m.Extend(e);
        if (full) {
          out->push_back({"STREET_ADDRESS", "street_address", words.tokens[i].start,
                          words.tokens[full_end - 1].end, kFullScore});
          i = full_end - 1;
          continue;
        }
      }
    }
    if (end == 0) {
      double score = 0.0;
      if (size_t e = UnitOrBox(words, i, &score)) {
        out->push_back({"STREET_ADDRESS", "street_address", words.tokens[i].start,
                        words.tokens[e - 1].end, score});
        i = e - 1;
      } else if (size_t e2 = NamedStreet(words, i)) {
        const auto [full_end, full] = m.Extend(e2);
        out->push_back({"STREET_ADDRESS", "street_address", words.tokens[i].start,
                        words.tokens[full_end - 1].end, full ? kFullScore : kStreetNameScore});
        i = full_end - 1;
      }
      continue;
    }
    const auto [full_end, full] = m.Extend(end);
    out->push_back({"STREET_ADDRESS", "street_address", words.tokens[start].start,
                    words.tokens[full_end - 1].end, full ? kFullScore : kStreetOnlyScore});
    i = full_end - 1;
  }
}

}  // namespace piiscan::ner
