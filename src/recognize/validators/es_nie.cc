// Spanish NIE: X, Y or Z (0, 1, 2), seven digits and a mod 23 check letter.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict EsNie(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " -");
  if (!text || text->size() != 9) return Verdict::kInvalid;
  std::string s = *text;
  size_t lead = std::string_view("XYZ").find(s[0]);
  if (lead == std::string_view::npos) return Verdict::kInvalid;
  s[0] = static_cast<char>('0' + lead);
  if (!AllDigits(std::string_view(s).substr(0, 8))) return Verdict::kInvalid;
  constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  int number = std::stoi(s.substr(0, 8));
  return kLetters[number % 23] == s[8] ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
