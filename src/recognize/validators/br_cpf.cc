// Brazilian CPF: eleven digits, two mod 11 check digits.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

int CpfDigit(std::string_view digits, int first_weight) {
  int sum = 0;
  for (size_t i = 0; i < static_cast<size_t>(first_weight - 1); ++i) {
    sum += DigitValue(digits[i]) * (first_weight - static_cast<int>(i));
  }
  int check = 11 - sum % 11;
  return check >= 10 ? 0 : check;
}

}  // namespace

Verdict BrCpf(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, ".-");
  if (!digits || digits->size() != 11 || !AllDigits(*digits) || AllSame(*digits)) {
    return Verdict::kInvalid;
  }
  bool ok = CpfDigit(*digits, 10) == DigitValue((*digits)[9]) &&
            CpfDigit(*digits, 11) == DigitValue((*digits)[10]);
  return ok ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
