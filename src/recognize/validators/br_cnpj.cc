// Brazilian CNPJ: eight-digit company, four-digit branch, two mod 11 check digits.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

int CnpjDigit(std::string_view digits, size_t count) {
  // Weights run 2..9 from the right, repeating.
  int sum = 0;
  for (size_t i = 0; i < count; ++i) {
    sum += DigitValue(digits[count - 1 - i]) * static_cast<int>(2 + i % 8);
  }
  int check = 11 - sum % 11;
  return check >= 10 ? 0 : check;
}

}  // namespace

Verdict BrCnpj(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, "./-");
  if (!digits || digits->size() != 14 || !AllDigits(*digits) || AllSame(*digits)) {
    return Verdict::kInvalid;
  }
  bool ok = CnpjDigit(*digits, 12) == DigitValue((*digits)[12]) &&
            CnpjDigit(*digits, 13) == DigitValue((*digits)[13]);
  return ok ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
