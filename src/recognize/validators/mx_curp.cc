// Mexican CURP: name letters, birth date, sex, state, consonants, homoclave, check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict MxCurp(std::string_view candidate) {
  if (candidate.size() != 18) return Verdict::kInvalid;
  for (size_t i : {0u, 1u, 2u, 3u, 11u, 12u, 13u, 14u, 15u}) {
    if (!IsUpper(candidate[i])) return Verdict::kInvalid;
  }
  if (!AllDigits(candidate.substr(4, 6)) || !IsAlnum(candidate[16]) || !IsDigit(candidate[17])) {
    return Verdict::kInvalid;
  }
  if (std::string_view("HMX").find(candidate[10]) == std::string_view::npos) {
    return Verdict::kInvalid;
  }
  // The homoclave is a digit for births before 2000, a letter after.
  int year = (IsDigit(candidate[16]) ? 1900 : 2000) + TwoDigits(candidate, 4);
  if (!IsDate(year, TwoDigits(candidate, 6), TwoDigits(candidate, 8))) return Verdict::kInvalid;

  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    sum += static_cast<int>(kAlphabet.find(candidate[i])) * static_cast<int>(18 - i);
  }
  return (10 - sum % 10) % 10 == DigitValue(candidate[17]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
