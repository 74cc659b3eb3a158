// Korean business registration number: office, type, serial, weighted check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict KrBrn(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " -");
  if (!digits || digits->size() != 10 || !AllDigits(*digits)) return Verdict::kInvalid;
  const std::string& d = *digits;
  if (d.compare(0, 3, "101") < 0 || d.compare(3, 2, "00") == 0 || d.compare(5, 4, "0000") == 0) {
    return Verdict::kInvalid;
  }
  int sum = WeightedSum(d, {1, 3, 7, 1, 3, 7, 1, 3, 5}) + DigitValue(d[8]) * 5 / 10;
  // Published sample numbers fail the check digit; such a number is kept on
  // its layout (kUnknown) rather than dropped.
  return (10 - sum % 10) % 10 == DigitValue(d[9]) ? Verdict::kValid : Verdict::kUnknown;
}

}  // namespace piiscan::validators
