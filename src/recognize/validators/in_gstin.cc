// Indian GSTIN: state code, PAN, entity number, 'Z', base-36 check character.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict InGstin(std::string_view candidate) {
  if (candidate.size() != 15 || !IsDigit(candidate[0]) || !IsDigit(candidate[1])) {
    return Verdict::kInvalid;
  }
  int state = TwoDigits(candidate, 0);
  if (state < 1 || (state > 38 && state != 97 && state != 99)) return Verdict::kInvalid;
  if (InPan(candidate.substr(2, 10)) != Verdict::kValid) return Verdict::kInvalid;
  if (!IsAlnum(candidate[12]) || candidate[12] == '0' || !IsAlnum(candidate[13])) {
    return Verdict::kInvalid;
  }
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  int sum = 0;
  for (size_t i = 0; i < 14; ++i) {
    size_t value = kAlphabet.find(candidate[i]);
    if (value == std::string_view::npos) return Verdict::kInvalid;
    int product = static_cast<int>(value) * (i % 2 == 0 ? 1 : 2);
    sum += product / 36 + product % 36;
  }
  return kAlphabet[static_cast<size_t>((36 - sum % 36) % 36)] == candidate[14] ? Verdict::kValid
                                                                               : Verdict::kInvalid;
}

}  // namespace piiscan::validators
