// Danish CPR number: a real birth date and a four-digit serial (no check digit since 2007).

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict DkCpr(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, "-");
  if (!digits || digits->size() != 10 || AllSame(*digits)) return Verdict::kInvalid;
  return IsDate(2000, TwoDigits(*digits, 2), TwoDigits(*digits, 0)) ? Verdict::kValid
                                                                    : Verdict::kInvalid;
}

}  // namespace piiscan::validators
