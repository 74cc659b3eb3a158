// German pension insurance number: area, birth date, initial, serial, check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict DeSocialSecurity(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " ");
  if (!text || text->size() != 12) return Verdict::kInvalid;
  const std::string& s = *text;
  if (!AllDigits(std::string_view(s).substr(0, 8)) || !IsUpper(s[8]) ||
      !AllDigits(std::string_view(s).substr(9, 3))) {
    return Verdict::kInvalid;
  }
  if (!IsDate(1900 + TwoDigits(s, 6), TwoDigits(s, 4), TwoDigits(s, 2))) return Verdict::kInvalid;

  // The initial becomes its two-digit alphabet position.
  int letter = s[8] - 'A' + 1;
  std::string digits = s.substr(0, 8) + static_cast<char>('0' + letter / 10) +
                       static_cast<char>('0' + letter % 10) + s.substr(9, 2);
  static constexpr int kWeights[] = {2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1};
  int sum = 0;
  for (size_t i = 0; i < 12; ++i) {
    int product = DigitValue(digits[i]) * kWeights[i];
    sum += product / 10 + product % 10;
  }
  return sum % 10 == DigitValue(s[11]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
