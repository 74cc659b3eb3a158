// Norwegian birth number (fødselsnummer, D-number): birth date, two mod 11 check digits.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

int Mod11Check(std::string_view digits, std::initializer_list<int> weights) {
  int check = 11 - WeightedSum(digits, weights) % 11;
  return check == 11 ? 0 : check;
}

}  // namespace

Verdict NoFodselsnummer(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " -");
  if (!digits || digits->size() != 11 || !AllDigits(*digits)) return Verdict::kInvalid;
  const std::string& d = *digits;
  // D-numbers add 40 to the day, H-numbers 40 to the month.
  int day = TwoDigits(d, 0) % 40;
  int month = TwoDigits(d, 2) % 40;
  if (!IsDate(2000, month, day)) return Verdict::kInvalid;
  if (Mod11Check(d, {3, 7, 6, 1, 8, 9, 4, 5, 2}) != DigitValue(d[9])) return Verdict::kInvalid;
  return Mod11Check(d, {5, 4, 3, 2, 7, 6, 5, 4, 3, 2}) == DigitValue(d[10]) ? Verdict::kValid
                                                                            : Verdict::kInvalid;
}

}  // namespace piiscan::validators
