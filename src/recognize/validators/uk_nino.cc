// UK national insurance number: two prefix letters, six digits, suffix A-D.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict UkNino(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " ");
  if (!text || text->size() != 9) return Verdict::kInvalid;
  const std::string& s = *text;
  // D, F, I, Q, U and V never appear in the prefix; O never second.
  constexpr std::string_view kNever = "DFIQUV";
  if (!IsUpper(s[0]) || !IsUpper(s[1])) return Verdict::kInvalid;
  if (kNever.find(s[0]) != kNever.npos || kNever.find(s[1]) != kNever.npos || s[1] == 'O') {
    return Verdict::kInvalid;
  }
  // Prefixes never allocated (administrative or temporary).
  for (std::string_view bad : {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}) {
    if (s.compare(0, 2, bad) == 0) return Verdict::kInvalid;
  }
  if (!AllDigits(std::string_view(s).substr(2, 6))) return Verdict::kInvalid;
  return s[8] >= 'A' && s[8] <= 'D' ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
