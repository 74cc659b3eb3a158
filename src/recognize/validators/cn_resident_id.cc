// Chinese resident identity card number: area, birth date, serial, ISO 7064 mod 11-2 check.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict CnResidentId(std::string_view candidate) {
  if (candidate.size() != 18 || !AllDigits(candidate.substr(0, 17))) return Verdict::kInvalid;
  if (candidate[0] == '0' || candidate[0] == '9') return Verdict::kInvalid;
  int year = std::stoi(std::string(candidate.substr(6, 4)));
  if (year < 1880 || !IsDate(year, TwoDigits(candidate, 10), TwoDigits(candidate, 12))) {
    return Verdict::kInvalid;
  }
  int sum = 0;
  int weight = 1;
  for (size_t i = 17; i-- > 0;) {
    weight = weight * 2 % 11;
    sum += DigitValue(candidate[i]) * weight;
  }
  int check = (12 - sum % 11) % 11;
  char want = check == 10 ? 'X' : static_cast<char>('0' + check);
  return ToUpper(candidate[17]) == want ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
