// Thai national identification number: 13 digits, weighted mod 11 check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict ThTnin(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " -");
  if (!digits || digits->size() != 13 || !AllDigits(*digits)) return Verdict::kInvalid;
  if ((*digits)[0] == '0' || (*digits)[0] == '9') return Verdict::kInvalid;
  int sum = WeightedSum(*digits, {13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2});
  return (11 - sum % 11) % 10 == DigitValue((*digits)[12]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
