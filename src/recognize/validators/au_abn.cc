// Australian business number: 11 digits, weighted mod 89 after taking 1 from the first.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict AuAbn(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " ");
  if (!digits || digits->size() != 11 || !AllDigits(*digits) || (*digits)[0] == '0') {
    return Verdict::kInvalid;
  }
  std::string shifted = *digits;
  shifted[0] = static_cast<char>(shifted[0] - 1);
  int sum = WeightedSum(shifted, {10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19});
  return sum % 89 == 0 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
