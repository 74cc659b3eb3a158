// Spanish DNI/NIF: eight digits and a mod 23 check letter.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict EsNif(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " -");
  if (!text || text->size() != 9) return Verdict::kInvalid;
  std::string_view s = *text;
  if (!AllDigits(s.substr(0, 8)) || AllSame(s.substr(0, 8))) return Verdict::kInvalid;
  constexpr std::string_view kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
  int number = std::stoi(std::string(s.substr(0, 8)));
  return kLetters[number % 23] == s[8] ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
