// IMEI: 15 digits (optionally grouped), Luhn check digit, not a placeholder.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict Imei(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -/");
  if (!digits || digits->size() != 15) return Verdict::kInvalid;
  // Zeros pass Luhn; so does a reporting body code of 00.
  if (digits->compare(0, 8, "00000000") == 0 || AllSame(*digits)) return Verdict::kInvalid;
  return LuhnValid(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
