// Vehicle identification number: 17 characters without I, O, Q; ninth is the check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

int Transliterate(char c) {
  if (IsDigit(c)) return DigitValue(c);
  constexpr std::string_view kValues = "12345678_12345_7_923456789";  // A-Z, _ never used
  char v = kValues[static_cast<size_t>(c - 'A')];
  return v == '_' ? -1 : DigitValue(v);
}

}  // namespace

Verdict Vin(std::string_view candidate) {
  if (candidate.size() != 17) return Verdict::kInvalid;
  static constexpr int kWeights[] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  int digits = 0;
  for (size_t i = 0; i < 17; ++i) {
    char c = ToUpper(candidate[i]);
    if (!IsAlnum(c)) return Verdict::kInvalid;
    int value = Transliterate(c);
    if (value < 0) return Verdict::kInvalid;
    digits += IsDigit(c) ? 1 : 0;
    sum += value * kWeights[i];
  }
  // A real VIN mixes letters and digits; the serial ends in digits.
  if (digits == 17 || digits < 5 || !IsDigit(candidate[16])) return Verdict::kInvalid;
  // TODO(#6): VINs from outside North America need not carry the check
  // digit; they are dropped rather than accepted on shape alone.
  int check = sum % 11;
  char want = check == 10 ? 'X' : static_cast<char>('0' + check);
  return ToUpper(candidate[8]) == want ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
