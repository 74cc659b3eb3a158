// IBAN: registry country, length and BBAN structure, then ISO 7064 mod 97-10.

#include <string>
#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// One country of the SWIFT IBAN registry. `bban` uses the registry's
// notation: "8!n" eight digits, "4!a" four upper-case letters, "12!c" twelve
// letters or digits.
struct IbanCountry {
  std::string_view code;
  int length;
  std::string_view bban;
};

constexpr IbanCountry kCountries[] = {
    {"AD", 24, "4!n4!n12!c"},
    {"AE", 23, "3!n16!n"},
    {"AL", 28, "8!n16!c"},
    {"AT", 20, "5!n11!n"},
    {"AZ", 28, "4!a20!c"},
    {"BA", 20, "3!n3!n8!n2!n"},
    {"BE", 16, "3!n7!n2!n"},
    {"BG", 22, "4!a4!n2!n8!c"},
    {"BH", 22, "4!a14!c"},
    {"BI", 27, "5!n5!n11!n2!n"},
    {"BR", 29, "8!n5!n10!n1!a1!c"},
    {"BY", 28, "4!c4!n16!c"},
    {"CH", 21, "5!n12!c"},
    {"CR", 22, "4!n14!n"},
    {"CY", 28, "3!n5!n16!c"},
    {"CZ", 24, "4!n6!n10!n"},
    {"DE", 22, "8!n10!n"},
    {"DJ", 27, "5!n5!n11!n2!n"},
    {"DK", 18, "4!n9!n1!n"},
    {"DO", 28, "4!c20!n"},
    {"EE", 20, "2!n14!n"},
    {"EG", 29, "4!n4!n17!n"},
    {"ES", 24, "4!n4!n1!n1!n10!n"},
    {"FI", 18, "3!n11!n"},
    {"FK", 18, "2!a12!n"},
    {"FO", 18, "4!n9!n1!n"},
    {"FR", 27, "5!n5!n11!c2!n"},
    {"GB", 22, "4!a6!n8!n"},
    {"GE", 22, "2!a16!n"},
    {"GI", 23, "4!a15!c"},
    {"GL", 18, "4!n9!n1!n"},
    {"GR", 27, "3!n4!n16!c"},
    {"GT", 28, "4!c20!c"},
    {"HN", 28, "4!a20!n"},
    {"HR", 21, "7!n10!n"},
    {"HU", 28, "3!n4!n1!n15!n1!n"},
    {"IE", 22, "4!a6!n8!n"},
    {"IL", 23, "3!n3!n13!n"},
    {"IQ", 23, "4!a3!n12!n"},
    {"IS", 26, "4!n2!n6!n10!n"},
    {"IT", 27, "1!a5!n5!n12!c"},
    {"JO", 30, "4!a4!n18!c"},
    {"KW", 30, "4!a22!c"},
    {"KZ", 20, "3!n13!c"},
    {"LB", 28, "4!n20!c"},
    {"LC", 32, "4!a24!c"},
    {"LI", 21, "5!n12!c"},
    {"LT", 20, "5!n11!n"},
    {"LU", 20, "3!n13!c"},
    {"LV", 21, "4!a13!c"},
    {"LY", 25, "3!n3!n15!n"},
    {"MC", 27, "5!n5!n11!c2!n"},
    {"MD", 24, "2!c18!c"},
    {"ME", 22, "3!n13!n2!n"},
    {"MK", 19, "3!n10!c2!n"},
    {"MN", 20, "4!n12!n"},
    {"MR", 27, "5!n5!n11!n2!n"},
    {"MT", 31, "4!a5!n18!c"},
    {"MU", 30, "4!a2!n2!n12!n3!n3!a"},
    {"NI", 28, "4!a20!n"},
    {"NL", 18, "4!a10!n"},
    {"NO", 15, "4!n6!n1!n"},
    {"OM", 23, "3!n16!c"},
    {"PK", 24, "4!a16!c"},
    {"PL", 28, "8!n16!n"},
    {"PS", 29, "4!a21!c"},
    {"PT", 25, "4!n4!n11!n2!n"},
    {"QA", 29, "4!a21!c"},
    {"RO", 24, "4!a16!c"},
    {"RS", 22, "3!n13!n2!n"},
    {"RU", 33, "9!n5!n15!c"},
    {"SA", 24, "2!n18!c"},
    {"SC", 31, "4!a2!n2!n16!n3!a"},
    {"SD", 18, "2!n12!n"},
    {"SE", 24, "3!n16!n1!n"},
    {"SI", 19, "5!n8!n2!n"},
    {"SK", 24, "4!n6!n10!n"},
    {"SM", 27, "1!a5!n5!n12!c"},
    {"SO", 23, "4!n3!n12!n"},
    {"ST", 25, "8!n11!n2!n"},
    {"SV", 28, "4!a20!n"},
    {"TL", 23, "3!n14!n2!n"},
    {"TN", 24, "2!n3!n13!n2!n"},
    {"TR", 26, "5!n1!n16!c"},
    {"UA", 29, "6!n19!c"},
    {"VA", 22, "3!n15!n"},
    {"VG", 24, "4!a16!n"},
    {"XK", 20, "4!n10!n2!n"},
    {"YE", 30, "4!a4!n18!c"},
};

constexpr int kMaxIbanLength = 34;

// Calls `on_field(count, kind)` for each "count!kind" field of `bban`.
// Returns false on a malformed structure string.
template <typename OnField>
constexpr bool ForEachField(std::string_view bban, OnField on_field) {
  std::size_t i = 0;
  while (i < bban.size()) {
    int count = 0;
    while (i < bban.size() && IsDigit(bban[i])) count = count * 10 + DigitValue(bban[i++]);
    if (count == 0 || i + 2 > bban.size() || bban[i] != '!') return false;
    if (!on_field(count, bban[i + 1])) return false;
    i += 2;
  }
  return true;
}

constexpr bool KnownKind(char kind) { return kind == 'n' || kind == 'a' || kind == 'c'; }

// The table is checked when compiled: each length is 4 + the BBAN's length.
constexpr bool TableConsistent() {
  for (const IbanCountry& country : kCountries) {
    int total = 4;
    bool ok = ForEachField(country.bban, [&total](int count, char kind) {
      total += count;
      return KnownKind(kind);
    });
    if (!ok || total != country.length || total > kMaxIbanLength) return false;
  }
  return true;
}
static_assert(TableConsistent(), "IBAN table: length differs from BBAN structure");

const IbanCountry* FindCountry(std::string_view code) {
  for (const IbanCountry& country : kCountries) {
    if (country.code == code) return &country;
  }
  return nullptr;
}

bool FieldMatches(std::string_view chars, char kind) {
  for (char c : chars) {
    if (kind == 'n' && !IsDigit(c)) return false;
    if (kind == 'a' && !IsUpper(c)) return false;
    if (kind == 'c' && !IsAlnum(c)) return false;
  }
  return true;
}

bool StructureMatches(std::string_view bban, std::string_view structure) {
  std::size_t pos = 0;
  return ForEachField(structure, [&](int count, char kind) {
    bool ok = FieldMatches(bban.substr(pos, count), kind);
    pos += count;
    return ok;
  });
}

// Upper-cased letters and digits of `text`, which may separate them by
// single spaces, dashes or dots (however grouped: "NO 44 1850.05.14562").
std::optional<std::string> CompactIban(std::string_view text) {
  std::string compact;
  bool after_char = false;
  for (char c : text) {
    bool separator = c == ' ' || c == '-' || c == '.';
    if (separator && after_char) {
      after_char = false;
      continue;
    }
    if (!IsAlnum(c) || compact.size() >= kMaxIbanLength) return std::nullopt;
    compact.push_back(ToUpper(c));
    after_char = true;
  }
  if (!after_char) return std::nullopt;
  return compact;
}

// ISO 7064 mod 97-10 over BBAN + country + check digits, letters as 10-35.
int Mod97(std::string_view iban) {
  std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  int remainder = 0;
  for (char c : rearranged) {
    int value = IsDigit(c) ? DigitValue(c) : c - 'A' + 10;
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

}  // namespace

Verdict Iban(std::string_view candidate) {
  std::optional<std::string> iban = CompactIban(candidate);
  if (!iban || iban->size() < 5) return Verdict::kInvalid;

  const IbanCountry* country = FindCountry(std::string_view(*iban).substr(0, 2));
  if (country == nullptr || static_cast<int>(iban->size()) != country->length) {
    return Verdict::kInvalid;
  }

  // Check digits run 02-98; the BBAN must follow the country's structure.
  std::string_view check = std::string_view(*iban).substr(2, 2);
  if (!AllDigits(check) || check == "00" || check == "01" || check == "99") {
    return Verdict::kInvalid;
  }
  if (!StructureMatches(std::string_view(*iban).substr(4), country->bban)) {
    return Verdict::kInvalid;
  }
  return Mod97(*iban) == 1 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
