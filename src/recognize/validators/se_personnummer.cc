// Swedish personal (or coordination) number: birth date, serial, Luhn check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict SePersonnummer(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, "-+");
  if (!digits || !AllDigits(*digits)) return Verdict::kInvalid;
  if (digits->size() == 12) {
    int century = TwoDigits(*digits, 0);
    if (century < 18 || century > 20) return Verdict::kInvalid;
    digits->erase(0, 2);
  }
  if (digits->size() != 10) return Verdict::kInvalid;
  // Coordination numbers add 60 to the day. The century is not written, so
  // 29 February is judged in a leap year.
  int day = TwoDigits(*digits, 4);
  if (day > 60) day -= 60;
  if (!IsDate(2000, TwoDigits(*digits, 2), day)) return Verdict::kInvalid;
  return LuhnValid(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
