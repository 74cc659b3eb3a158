// Australian tax file number: nine digits whose weighted sum is a multiple of 11.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict AuTfn(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " ");
  if (!digits || digits->size() != 9 || !AllDigits(*digits) || AllSame(*digits)) {
    return Verdict::kInvalid;
  }
  int sum = WeightedSum(*digits, {1, 4, 3, 7, 5, 8, 6, 9, 10});
  return sum % 11 == 0 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
