// EU VAT identification number: country prefix and that country's own check.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

using Check = bool (*)(std::string_view number);

bool Digits(std::string_view s, size_t n) { return s.size() == n && AllDigits(s); }

bool Belgium(std::string_view s) {
  std::string n(s);
  if (n.size() == 9) n = "0" + n;
  if (!Digits(n, 10) || n[0] > '1') return false;
  return 97 - std::stoll(n.substr(0, 8)) % 97 == std::stoi(n.substr(8));
}

bool Germany(std::string_view s) { return Digits(s, 9) && s[0] != '0' && Mod11_10Valid(s); }

bool Denmark(std::string_view s) {
  return Digits(s, 8) && s[0] != '0' && WeightedSum(s, {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0;
}

bool Estonia(std::string_view s) {
  return Digits(s, 9) && s.substr(0, 2) == "10" &&
         WeightedSum(s, {3, 7, 1, 3, 7, 1, 3, 7, 1}) % 10 == 0;
}

bool Greece(std::string_view s) {
  std::string n(s);
  if (n.size() == 8) n = "0" + n;
  if (!Digits(n, 9)) return false;
  return WeightedSum(n, {256, 128, 64, 32, 16, 8, 4, 2}) % 11 % 10 == DigitValue(n[8]);
}

bool Finland(std::string_view s) {
  return Digits(s, 8) && WeightedSum(s, {7, 9, 10, 5, 8, 4, 2, 1}) % 11 == 0;
}

// Two-character key (digits, or letters in the newer scheme) and the SIREN.
bool France(std::string_view s) {
  if (s.size() != 11 || !AllDigits(s.substr(2))) return false;
  // SIRENs of bodies without one start 000 and carry no Luhn digit.
  if (s.substr(2, 3) != "000" && !LuhnValid(s.substr(2))) return false;
  long long siren = std::stoll(std::string(s.substr(2)));
  if (AllDigits(s.substr(0, 2))) return (12 + 3 * (siren % 97)) % 97 == TwoDigits(s, 0);
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  size_t a = kAlphabet.find(s[0]);
  size_t b = kAlphabet.find(s[1]);
  if (a == kAlphabet.npos || b == kAlphabet.npos) return false;
  long long check = IsDigit(s[0]) ? static_cast<long long>(a * 24 + b) - 10
                                  : static_cast<long long>(a * 34 + b) - 100;
  return (siren + 1 + check / 11) % 11 == check % 11;
}

bool Hungary(std::string_view s) {
  return Digits(s, 8) && WeightedSum(s, {9, 7, 3, 1, 9, 7, 3, 1}) % 10 == 0;
}

bool Italy(std::string_view s) { return Digits(s, 11) && ItVatCode(s) == Verdict::kValid; }

bool Luxembourg(std::string_view s) {
  return Digits(s, 8) && std::stoi(std::string(s.substr(0, 6))) % 89 == TwoDigits(s, 6);
}

bool Malta(std::string_view s) {
  return Digits(s, 8) && s[0] != '0' && WeightedSum(s, {3, 4, 6, 7, 8, 9, 10, 1}) % 37 == 0;
}

// Nine digits, 'B', two digits: the eleven test, or mod 97 over "NL" and all.
bool Netherlands(std::string_view number) {
  // Leading zeros of the nine digits are often left out.
  size_t b = number.find('B');
  if (b == std::string_view::npos || b > 9 || b < 7) return false;
  std::string s = std::string(9 - b, '0') + std::string(number);
  if (s.size() != 12 || !AllDigits(s.substr(0, 9)) || !AllDigits(s.substr(10))) return false;
  if (s.substr(10) == "00") return false;
  if (NlBsn(s.substr(0, 9)) == Verdict::kValid) return true;
  if (AllSame(s.substr(0, 9))) return false;
  // "NL" + number, letters as 10..35, must leave 1 modulo 97.
  std::string expanded = "2321";
  for (char c : s) expanded += IsDigit(c) ? std::string(1, c) : std::to_string(c - 'A' + 10);
  int remainder = 0;
  for (char c : expanded) remainder = (remainder * 10 + DigitValue(c)) % 97;
  return remainder == 1;
}

bool Poland(std::string_view s) {
  return Digits(s, 10) && WeightedSum(s, {6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11 == DigitValue(s[9]);
}

bool Portugal(std::string_view s) {
  if (!Digits(s, 9) || s[0] == '0') return false;
  int check = 11 - WeightedSum(s, {9, 8, 7, 6, 5, 4, 3, 2}) % 11;
  return (check >= 10 ? 0 : check) == DigitValue(s[8]);
}

bool Sweden(std::string_view s) {
  return Digits(s, 12) && s.substr(10) == "01" && LuhnValid(s.substr(0, 10));
}

bool Slovenia(std::string_view s) {
  if (!Digits(s, 8) || s[0] == '0') return false;
  int check = 11 - WeightedSum(s, {8, 7, 6, 5, 4, 3, 2}) % 11;
  if (check == 11) return false;
  return (check == 10 ? 0 : check) == DigitValue(s[7]);
}

// Personal NIF/NIE, or a company's CIF (letter, seven digits, check).
bool Spain(std::string_view s) {
  if (s.size() != 9) return false;
  if (EsNif(s) == Verdict::kValid || EsNie(s) == Verdict::kValid) return true;
  if (std::string_view("ABCDEFGHJNPQRSUVW").find(s[0]) == std::string_view::npos) return false;
  if (!AllDigits(s.substr(1, 7))) return false;
  int sum = 0;
  for (size_t i = 1; i < 8; ++i) {
    int d = DigitValue(s[i]);
    sum += i % 2 == 1 ? (d * 2) / 10 + (d * 2) % 10 : d;
  }
  int check = (10 - sum % 10) % 10;
  return s[8] == '0' + check || s[8] == "JABCDEFGHI"[check];
}

struct Country {
  std::string_view prefix;
  Check check;
};

constexpr Country kCountries[] = {
    {"BE", Belgium},    {"DE", Germany},  {"DK", Denmark},     {"EE", Estonia}, {"EL", Greece},
    {"ES", Spain},      {"FI", Finland},  {"FR", France},      {"HU", Hungary}, {"IT", Italy},
    {"LU", Luxembourg}, {"MT", Malta},    {"NL", Netherlands}, {"PL", Poland},  {"PT", Portugal},
    {"SE", Sweden},     {"SI", Slovenia},
};

}  // namespace

bool EuVatCountryChecked(std::string_view prefix) {
  for (const Country& country : kCountries) {
    if (country.prefix == prefix) return true;
  }
  return false;
}

Verdict EuVat(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " .-:()");
  if (!text || text->size() < 10) return Verdict::kInvalid;
  std::string_view prefix = std::string_view(*text).substr(0, 2);
  for (const Country& country : kCountries) {
    if (country.prefix != prefix) continue;
    std::string_view number = std::string_view(*text).substr(2);
    return country.check(number) ? Verdict::kValid : Verdict::kInvalid;
  }
  // TODO(#6): AT, BG, CY, CZ, HR, IE, LT, LV, RO, SK and XI have checks of
  // their own not implemented yet; their numbers are not recognized.
  return Verdict::kInvalid;
}

}  // namespace piiscan::validators
