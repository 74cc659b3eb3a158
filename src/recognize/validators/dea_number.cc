// US DEA registration number: two letters, seven digits, the last a weighted check.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict DeaNumber(std::string_view candidate) {
  if (candidate.size() != 9) return Verdict::kInvalid;
  char kind = ToUpper(candidate[0]);
  // Registrant types A, B, C, D, E, F, G, H, J, K, L, M, P, R, S, T, U, X.
  if (std::string_view("ABCDEFGHJKLMPRSTUX").find(kind) == std::string_view::npos) {
    return Verdict::kInvalid;
  }
  if (!IsAlpha(candidate[1]) && candidate[1] != '9') return Verdict::kInvalid;
  std::string_view digits = candidate.substr(2);
  if (!AllDigits(digits) || AllSame(digits)) return Verdict::kInvalid;
  int sum = WeightedSum(digits, {1, 2, 1, 2, 1, 2});
  return sum % 10 == DigitValue(digits[6]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
