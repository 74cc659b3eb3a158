// Dutch citizen service number (BSN): nine digits passing the eleven test.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict NlBsn(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " .-");
  if (!digits || digits->size() != 9 || AllSame(*digits)) return Verdict::kInvalid;
  int sum = WeightedSum(*digits, {9, 8, 7, 6, 5, 4, 3, 2}) - DigitValue((*digits)[8]);
  return sum % 11 == 0 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
