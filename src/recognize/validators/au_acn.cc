// Australian company number: nine digits, the last a weighted mod 10 complement.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict AuAcn(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " ");
  if (!digits || digits->size() != 9 || !AllDigits(*digits)) return Verdict::kInvalid;
  int sum = WeightedSum(*digits, {8, 7, 6, 5, 4, 3, 2, 1});
  return (10 - sum % 10) % 10 == DigitValue((*digits)[8]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
