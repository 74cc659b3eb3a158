// Mexican RFC: name letters (3 for companies, 4 for persons), date, homoclave, check character.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict MxRfc(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " -");
  if (!text) {
    // '&' belongs to the name part, so Compact cannot be used on it.
    if (candidate.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ&0123456789") != candidate.npos) {
      return Verdict::kInvalid;
    }
    text = std::string(candidate);
  }
  const std::string& s = *text;
  if (s.size() != 12 && s.size() != 13) return Verdict::kInvalid;
  size_t letters = s.size() - 9;
  for (size_t i = 0; i < letters; ++i) {
    if (!IsUpper(s[i]) && s[i] != '&') return Verdict::kInvalid;
  }
  std::string_view date = std::string_view(s).substr(letters, 6);
  if (!AllDigits(date) || !IsDate(2000, TwoDigits(date, 2), TwoDigits(date, 4))) {
    return Verdict::kInvalid;
  }
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ ";
  std::string padded = std::string(13 - s.size(), ' ') + s;
  int sum = 0;
  for (size_t i = 0; i < 12; ++i) {
    size_t value = kAlphabet.find(padded[i]);
    if (value == std::string_view::npos) return Verdict::kInvalid;
    sum += static_cast<int>(value) * static_cast<int>(13 - i);
  }
  // Numbers in real use whose last character breaks the rule exist (SAT
  // issued them): kept on their layout and date, as kUnknown.
  return kAlphabet[static_cast<size_t>(((11 - sum) % 11 + 11) % 11)] == s.back()
             ? Verdict::kValid
             : Verdict::kUnknown;
}

}  // namespace piiscan::validators
