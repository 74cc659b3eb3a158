// Canadian social insurance number: nine digits, Luhn, first digit not 0 or 8.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict CaSin(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -");
  if (!digits || digits->size() != 9 || AllSame(*digits)) return Verdict::kInvalid;
  if ((*digits)[0] == '0' || (*digits)[0] == '8') return Verdict::kInvalid;
  return LuhnValid(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
