// Swedish organisation number: ten digits, third at least 2, Luhn check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict SeOrganisationsnummer(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, "-");
  if (!digits || digits->size() != 10 || (*digits)[2] < '2') return Verdict::kInvalid;
  return LuhnValid(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
