// Belgian national register number: birth date, serial, mod 97 check (2000s prefixed by 2).

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict BeNationalNumber(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " .-");
  if (!digits || digits->size() != 11 || !AllDigits(*digits) || AllSame(*digits)) {
    return Verdict::kInvalid;
  }
  // Month 0 or day 0 stand for an unknown birth date; the check decides.
  if (TwoDigits(*digits, 2) > 12 || TwoDigits(*digits, 4) > 31) return Verdict::kInvalid;
  long long body = std::stoll(digits->substr(0, 9));
  int check = std::stoi(digits->substr(9));
  bool born_1900s = 97 - body % 97 == check;
  bool born_2000s = 97 - (2000000000LL + body) % 97 == check;
  return born_1900s || born_2000s ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
