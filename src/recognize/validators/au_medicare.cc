// Australian Medicare card number: first digit 2-6, check digit ninth.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict AuMedicare(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " ");
  // Ten digits, or eleven with the person's position on the card.
  if (!digits || (digits->size() != 10 && digits->size() != 11) || !AllDigits(*digits)) {
    return Verdict::kInvalid;
  }
  if ((*digits)[0] < '2' || (*digits)[0] > '6') return Verdict::kInvalid;
  int sum = WeightedSum(*digits, {1, 3, 7, 9, 1, 3, 7, 9});
  return sum % 10 == DigitValue((*digits)[8]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
