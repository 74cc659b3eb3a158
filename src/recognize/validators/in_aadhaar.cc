// Indian Aadhaar number: 12 digits, first 2-9, Verhoeff check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict InAadhaar(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -");
  if (!digits || digits->size() != 12 || (*digits)[0] < '2') return Verdict::kInvalid;
  // Palindromes are never issued.
  if (std::equal(digits->begin(), digits->begin() + 6, digits->rbegin())) return Verdict::kInvalid;
  return VerhoeffValid(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
