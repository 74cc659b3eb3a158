// US individual taxpayer identification number: 9NN-GG-NNNN, the group GG in
// 50-65, 70-88, 90-92 or 94-99.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict UsItin(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -");
  if (!digits || digits->size() != 9 || (*digits)[0] != '9') return Verdict::kInvalid;
  int group = TwoDigits(*digits, 3);
  bool issued = (group >= 50 && group <= 65) || (group >= 70 && group <= 88) ||
                (group >= 90 && group <= 92) || group >= 94;
  return issued ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
