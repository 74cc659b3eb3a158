// South African identity number: birth date, serial, citizenship, Luhn check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict ZaIdNumber(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " ");
  if (!digits || digits->size() != 13) return Verdict::kInvalid;
  // The century is not written: judge the date in a leap year's company.
  if (!IsDate(2000, TwoDigits(*digits, 2), TwoDigits(*digits, 4))) return Verdict::kInvalid;
  if ((*digits)[10] > '2') return Verdict::kInvalid;
  return LuhnValid(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
