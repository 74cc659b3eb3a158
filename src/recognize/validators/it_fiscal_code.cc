// Italian codice fiscale: 16 characters, a letter computed from the other 15.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

// Letters standing for digits in numbers changed to avoid duplicates
// ("omocodia"): L=0, M=1, ... V=9.
constexpr std::string_view kOmocodia = "LMNPQRSTUV";

// Values of characters in odd positions (1st, 3rd, ...), for 0-9 and A-Z.
constexpr int kOdd[] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                        20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};

// The digit a position holds, undoing omocodia; -1 for anything else.
int DigitAt(char c) {
  if (IsDigit(c)) return DigitValue(c);
  size_t i = kOmocodia.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

bool Layout(const std::string& s) {
  for (size_t i : {0u, 1u, 2u, 3u, 4u, 5u, 8u, 11u, 15u}) {
    if (!IsUpper(s[i])) return false;
  }
  for (size_t i : {6u, 7u, 9u, 10u, 12u, 13u, 14u}) {
    if (DigitAt(s[i]) < 0) return false;
  }
  if (std::string_view("ABCDEHLMPRST").find(s[8]) == std::string_view::npos) return false;
  int day = DigitAt(s[9]) * 10 + DigitAt(s[10]);
  return (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
}

}  // namespace

Verdict ItFiscalCode(std::string_view candidate) {
  std::optional<std::string> text = Compact(candidate, " ");
  if (!text || text->size() != 16 || !Layout(*text)) return Verdict::kInvalid;
  int sum = 0;
  for (size_t i = 0; i < 15; ++i) {
    char c = (*text)[i];
    int index = IsDigit(c) ? DigitValue(c) : c - 'A';
    sum += i % 2 == 0 ? kOdd[index] : index;
  }
  return (*text)[15] == 'A' + sum % 26 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
