// French social security number (NIR): sex, birth year and month, place, serial, mod 97 key.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict FrNir(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " ");
  if (!text || text->size() != 15) return Verdict::kInvalid;
  std::string s = *text;
  if (std::string_view("123478").find(s[0]) == std::string_view::npos) return Verdict::kInvalid;
  // Corsica's departments 2A and 2B count as 19 and 18 in the key.
  long long offset = 0;
  if (s[5] == 'A' || s[5] == 'B') {
    offset = s[5] == 'A' ? 1000000 : 2000000;
    s[5] = '0';
  }
  if (!AllDigits(s)) return Verdict::kInvalid;
  int month = TwoDigits(s, 3);
  if (month < 1 || (month > 12 && month < 20) || (month > 42 && month < 50)) {
    return Verdict::kInvalid;
  }
  long long number = std::stoll(s.substr(0, 13)) - offset;
  return 97 - number % 97 == std::stoi(s.substr(13)) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
