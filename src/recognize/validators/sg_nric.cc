// Singapore NRIC/FIN: S, T, F or G, seven digits, a check letter.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict SgNric(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " ");
  if (!text || text->size() != 9) return Verdict::kInvalid;
  std::string_view s = *text;
  if (!AllDigits(s.substr(1, 7))) return Verdict::kInvalid;
  int sum = WeightedSum(s.substr(1, 7), {2, 7, 6, 5, 4, 3, 2});
  // TODO(#6): the M series (2022) uses another letter table; not checked.
  switch (s[0]) {
    case 'S':
      return "JZIHGFEDCBA"[sum % 11] == s[8] ? Verdict::kValid : Verdict::kInvalid;
    case 'T':
      return "JZIHGFEDCBA"[(sum + 4) % 11] == s[8] ? Verdict::kValid : Verdict::kInvalid;
    case 'F':
      return "XWUTRQPNMLK"[sum % 11] == s[8] ? Verdict::kValid : Verdict::kInvalid;
    case 'G':
      return "XWUTRQPNMLK"[(sum + 4) % 11] == s[8] ? Verdict::kValid : Verdict::kInvalid;
    default:
      return Verdict::kInvalid;
  }
}

}  // namespace piiscan::validators
