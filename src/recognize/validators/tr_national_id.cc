// Turkish identity number (T.C. Kimlik No): 11 digits, two check digits.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict TrNationalId(std::string_view candidate) {
  if (candidate.size() != 11 || !AllDigits(candidate) || candidate[0] == '0') {
    return Verdict::kInvalid;
  }
  int odd = WeightedSum(candidate, {1, 0, 1, 0, 1, 0, 1, 0, 1});
  int even = WeightedSum(candidate, {0, 1, 0, 1, 0, 1, 0, 1});
  int first = ((odd * 7 - even) % 10 + 10) % 10;
  if (first != DigitValue(candidate[9])) return Verdict::kInvalid;
  int all = WeightedSum(candidate, {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  return all % 10 == DigitValue(candidate[10]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
