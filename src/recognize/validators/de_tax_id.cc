// German tax identification number (Steuer-IdNr): digit-repetition rule, ISO 7064 mod 11,10.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict DeTaxId(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " /");
  if (!digits || digits->size() != 11 || (*digits)[0] == '0') return Verdict::kInvalid;

  // Of the first ten digits exactly one appears twice or three times (never
  // three in a row) and every other at most once.
  int counts[10] = {};
  for (size_t i = 0; i < 10; ++i) ++counts[DigitValue((*digits)[i])];
  int repeated = 0;
  for (int count : counts) {
    if (count > 3) return Verdict::kInvalid;
    if (count >= 2) ++repeated;
  }
  if (repeated != 1) return Verdict::kInvalid;
  for (size_t i = 0; i + 2 < 10; ++i) {
    if ((*digits)[i] == (*digits)[i + 1] && (*digits)[i] == (*digits)[i + 2]) {
      return Verdict::kInvalid;
    }
  }
  return Mod11_10Valid(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
