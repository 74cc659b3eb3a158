// US national provider identifier: 10 digits, Luhn over "80840" and the digits.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict UsNpi(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -");
  if (!digits || digits->size() != 10) return Verdict::kInvalid;
  if ((*digits)[0] != '1' && (*digits)[0] != '2') return Verdict::kInvalid;
  return LuhnValid("80840" + *digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
