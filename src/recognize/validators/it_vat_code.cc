// Italian partita IVA: 11 digits, a valid office code, Luhn check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict ItVatCode(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " ");
  if (text && text->size() == 13 && text->compare(0, 2, "IT") == 0) text->erase(0, 2);
  if (!text || text->size() != 11 || !AllDigits(*text)) return Verdict::kInvalid;
  if (text->compare(0, 7, "0000000") == 0) return Verdict::kInvalid;
  int office = std::stoi(text->substr(7, 3));
  bool known = (office >= 1 && office <= 100) || office == 120 || office == 121 || office == 888 ||
               office == 999;
  if (!known) return Verdict::kInvalid;
  return LuhnValid(*text) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
