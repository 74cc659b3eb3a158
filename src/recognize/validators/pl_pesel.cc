// Polish PESEL: birth date with century folded into the month, weighted check.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict PlPesel(std::string_view candidate) {
  if (candidate.size() != 11 || !AllDigits(candidate) || AllSame(candidate)) {
    return Verdict::kInvalid;
  }
  // Months 81-92 are the 1800s, 01-12 the 1900s, 21-32 the 2000s, and so on.
  int month = TwoDigits(candidate, 2);
  static constexpr int kCentury[] = {1900, 2000, 2100, 2200, 1800};
  int year = kCentury[month / 20] + TwoDigits(candidate, 0);
  if (!IsDate(year, month % 20, TwoDigits(candidate, 4))) return Verdict::kInvalid;
  int sum = WeightedSum(candidate, {1, 3, 7, 9, 1, 3, 7, 9, 1, 3});
  return (10 - sum % 10) % 10 == DigitValue(candidate[10]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
