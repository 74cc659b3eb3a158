// UK NHS numbers: ten digits, the last a weighted mod 11 check digit.

#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict UkNhs(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -");
  if (!digits || digits->size() != 10) return Verdict::kInvalid;
  // "0000000000", "1111111111" and the like pass mod 11 but are placeholders.
  if (AllSame(*digits)) return Verdict::kInvalid;

  // Weights 10 down to 2 on the first nine digits.
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += DigitValue((*digits)[i]) * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  // A remainder giving 10 is never issued.
  if (check == 10) return Verdict::kInvalid;
  return check == DigitValue((*digits)[9]) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
