// Finnish personal identity code (henkilötunnus): date, century sign, number, check character.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict FiHetu(std::string_view candidate) {
  if (candidate.size() != 11) return Verdict::kInvalid;
  std::string_view date = candidate.substr(0, 6);
  std::string_view serial = candidate.substr(7, 3);
  if (!AllDigits(date) || !AllDigits(serial)) return Verdict::kInvalid;

  // The sign gives the century: + 1800s; - and U-Y 1900s; A-F 2000s.
  char sign = ToUpper(candidate[6]);
  int century = 0;
  if (sign == '+') {
    century = 1800;
  } else if (sign == '-' || (sign >= 'U' && sign <= 'Y')) {
    century = 1900;
  } else if (sign >= 'A' && sign <= 'F') {
    century = 2000;
  } else {
    return Verdict::kInvalid;
  }
  if (!IsDate(century + TwoDigits(date, 4), TwoDigits(date, 2), TwoDigits(date, 0))) {
    return Verdict::kInvalid;
  }
  // 900-999 are temporary numbers, never on a person's record.
  int number = std::stoi(std::string(serial));
  if (number < 2 || number > 899) return Verdict::kInvalid;
  long long value = std::stoll(std::string(date) + std::string(serial));
  constexpr std::string_view kChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
  return kChecks[static_cast<size_t>(value % 31)] == ToUpper(candidate[10]) ? Verdict::kValid
                                                                            : Verdict::kInvalid;
}

}  // namespace piiscan::validators
