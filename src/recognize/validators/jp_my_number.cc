// Japanese individual number (My Number): 12 digits, the last a weighted mod 11 check.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict JpMyNumber(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -");
  if (!digits || digits->size() != 12 || AllSame(*digits)) return Verdict::kInvalid;
  // Weights by position n counted from the right of the eleven digits:
  // n + 1 for n <= 6, n - 5 above.
  int sum = 0;
  for (int n = 1; n <= 11; ++n) {
    int weight = n <= 6 ? n + 1 : n - 5;
    sum += DigitValue((*digits)[static_cast<size_t>(11 - n)]) * weight;
  }
  int remainder = sum % 11;
  int check = remainder <= 1 ? 0 : 11 - remainder;
  return check == DigitValue((*digits)[11]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
