// German health insurance number (KVNR): a letter, eight digits, a check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict DeHealthInsurance(std::string_view candidate) {
  if (candidate.size() != 10 || !IsUpper(candidate[0]) || !AllDigits(candidate.substr(1))) {
    return Verdict::kInvalid;
  }
  int letter = candidate[0] - 'A' + 1;
  std::string digits =
      std::string{static_cast<char>('0' + letter / 10), static_cast<char>('0' + letter % 10)} +
      std::string(candidate.substr(1, 8));
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    int product = DigitValue(digits[i]) * (i % 2 == 0 ? 1 : 2);
    sum += product / 10 + product % 10;
  }
  return sum % 10 == DigitValue(candidate[9]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
